// Flash messages (ROCKET.md §7.4): the `_flash` cookie's wire format, the FlashMessage guard (400 when missing or
// malformed, optional() for none), and removal only once the message is read.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Flash, FlashMessage, get, optional, post, Redirect, Status } from "../src/index.ts";
import { parseFlash } from "../src/response/flash.ts";
import { assertExpiring, setCookies, YEAR_MS } from "./support/cookies.ts";
import { clientFor, expectDefaultCatcher, expectResponse, TEXT } from "./support/local.ts";

describe("the Flash responder", () => {
  test("Flash.success sets _flash=7%3AsuccessHello with Max-Age=300 and the jar's defaults, over the inner response", async () => {
    const client = await clientFor(post("/", () => Flash.success("This is the page.", "Hello")));
    await expectResponse(await client.post("/").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "This is the page.",
      headers: { "set-cookie": "_flash=7%3AsuccessHello; SameSite=Strict; Path=/; Max-Age=300" },
    });
  });

  test("warning, error and any kind: the length prefix counts the kind's UTF-8 bytes", async () => {
    const client = await clientFor(
      get("/w", () => Flash.warning("w", "Careful")),
      get("/e", () => Flash.error(Redirect.to("/login"), "Invalid username/password.")),
      get("/n", () => new Flash("n", "ünï", "a:b")),
    );
    assert.deepEqual(setCookies(await client.get("/w").dispatch()), [
      "_flash=7%3AwarningCareful; SameSite=Strict; Path=/; Max-Age=300",
    ]);
    const e = await client.get("/e").dispatch();
    await expectResponse(e, {
      status: 303,
      contentType: null,
      body: "",
      headers: {
        location: "/login",
        "set-cookie": "_flash=5%3AerrorInvalid%20username%2Fpassword.; SameSite=Strict; Path=/; Max-Age=300",
      },
    });
    assert.deepEqual(setCookies(await client.get("/n").dispatch()), [
      "_flash=5%3A%C3%BCn%C3%AFa%3Ab; SameSite=Strict; Path=/; Max-Age=300",
    ]);
  });

  test("a Flash over a failing responder goes to the catcher without its cookie", async () => {
    const client = await clientFor(get("/", () => Flash.success(null, "lost")));
    const res = await client.get("/").dispatch();
    await expectDefaultCatcher(res, 404);
    assert.deepEqual(setCookies(res), []);
  });
});

describe("the FlashMessage guard", () => {
  const show = get("/show", { flash: FlashMessage }, ({ flash }) => `${flash.kind}: ${flash.message}`);

  test("reads kind and message from the _flash cookie the client sent", async () => {
    const client = await clientFor(show);
    const res = await client.get("/show").cookie("_flash", "7:successHello").dispatch();
    assert.equal(await res.text(), "success: Hello");
  });

  test("a missing _flash cookie fails with 400", async () => {
    const client = await clientFor(show);
    await expectDefaultCatcher(await client.get("/show").dispatch(), 400);
  });

  test("malformed values fail with 400: no colon, a bad length, a length past the end or inside a character", async () => {
    const client = await clientFor(show);
    for (const bad of ["successHello", "x:success", "-1:a", "99:short", ":a", "1:\u00fcx"]) {
      const res = await client.get("/show").cookie("_flash", bad).dispatch();
      assert.equal(res.status, 400, bad);
    }
  });

  test("edge values parse as Rocket parses them", () => {
    assert.deepEqual(parseFlash("0:"), { kind: "", message: "" });
    assert.deepEqual(parseFlash("+5:errorX"), { kind: "error", message: "X" });
    assert.deepEqual(parseFlash("007:successa:b"), { kind: "success", message: "a:b" });
    assert.deepEqual(parseFlash("2:\u00fcok"), { kind: "\u00fc", message: "ok" });
    assert.equal(parseFlash("1:\u00fc"), undefined);
  });

  test("optional(FlashMessage) gives undefined when there is none or it is malformed", async () => {
    const client = await clientFor(
      get("/", { flash: optional(FlashMessage) }, ({ flash }) =>
        flash === undefined ? "Please log in." : `${flash.kind}: ${flash.message}`,
      ),
    );
    assert.equal(await (await client.get("/").dispatch()).text(), "Please log in.");
    assert.equal(await (await client.get("/").cookie("_flash", "junk").dispatch()).text(), "Please log in.");
  });

  test("reading the message removes the cookie; merely receiving it does not", async () => {
    const client = await clientFor(
      post("/", () => Flash.success("This is the page.", "Hey! I'm a flash message. :)")),
      get("/unused", { flash: optional(FlashMessage) }, ({ flash }) => (flash === undefined ? null : "")),
      get("/use", { flash: optional(FlashMessage) }, ({ flash }) => flash?.message ?? null),
    );
    assert.equal((await client.get("/unused").dispatch()).status, 404);
    await client.post("/").dispatch();
    const first = await client.get("/unused").dispatch();
    assert.equal(first.status, 200);
    assert.deepEqual(setCookies(first), []);
    assert.equal((await client.get("/unused").dispatch()).status, 200);
    const before = Date.now();
    const used = await client.get("/use").dispatch();
    const after = Date.now();
    assert.equal(await used.text(), "Hey! I'm a flash message. :)");
    assertExpiring(setCookies(used)[0], "_flash=; SameSite=Lax; Path=/; Max-Age=0", before, after, -YEAR_MS);
    assert.equal((await client.get("/unused").dispatch()).status, 404);
    assert.equal((await client.get("/use").dispatch()).status, 404);
  });

  test("reading kind, or serialising to JSON, consumes it too (one removal however often it is read)", async () => {
    const client = await clientFor(
      get("/kind", { flash: FlashMessage }, ({ flash }) => `${flash.kind}${flash.kind}${flash.message}`),
      get("/json", { flash: FlashMessage }, ({ flash }) => ({ flash })),
    );
    const kind = await client.get("/kind").cookie("_flash", "5:errorBad").dispatch();
    assert.equal(await kind.text(), "errorerrorBad");
    assert.equal(setCookies(kind).length, 1);
    assert.match(setCookies(kind)[0]!, /^_flash=; SameSite=Lax; Path=\/; Max-Age=0; Expires=/);
    const json = await client.get("/json").cookie("_flash", "5:errorBad").dispatch();
    assert.deepEqual(await json.json(), { flash: { kind: "error", message: "Bad" } });
    assert.match(setCookies(json)[0]!, /^_flash=; SameSite=Lax; Path=\/; Max-Age=0; Expires=/);
  });

  test("a handler that reads the message but then fails keeps the message for later", async () => {
    const client = await clientFor(
      get("/", { flash: FlashMessage }, ({ flash }) =>
        flash.message === "" ? "" : Status.InternalServerError,
      ),
    );
    const res = await client.get("/").cookie("_flash", "5:errorBad").dispatch();
    assert.equal(res.status, 500);
    assert.deepEqual(setCookies(res), []);
  });
});
