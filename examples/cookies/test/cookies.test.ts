// The cookies example through a local client: the seed's cookie and private-cookie routes, the session flow
// with flash messages, and the cookies exactly as sent.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Client, type LocalResponse } from "apogee";
import { app } from "../src/app.ts";

const TEXT = "text/plain; charset=utf-8";
const FORM = "application/x-www-form-urlencoded";

async function client() {
  return Client.tracked(app().configure({ log_level: "off" }));
}

async function expectText(res: LocalResponse, status: number, body: string) {
  assert.equal(res.status, status);
  assert.equal(res.headers.get("content-type"), TEXT);
  assert.equal(await res.text(), body);
}

function expectRedirect(res: LocalResponse, location: string) {
  assert.equal(res.status, 303);
  assert.equal(res.headers.get("location"), location);
}

describe("the cookies example (seed: Requests › Cookies, Private Cookies, Secret Key)", () => {
  it("shows no message (404) until the message cookie is set", async () => {
    const c = await client();
    assert.equal((await c.get("/").dispatch()).status, 404);
    await expectText(await c.get("/").cookie("message", "hi there").dispatch(), 200, "Message: hi there");
  });

  it("sets the message from a form, shows it, and deletes it with _method=delete", async () => {
    const c = await client();
    const set = await c
      .post("/message")
      .header("content-type", FORM)
      .body("message=Hello%2C+world%21")
      .dispatch();
    expectRedirect(set, "/");
    assert.deepEqual(set.headers.getAll("set-cookie"), [
      "message=Hello%2C%20world!; SameSite=Strict; Path=/",
    ]);
    await expectText(await c.get("/").dispatch(), 200, "Message: Hello, world!");
    const del = await c.post("/message").header("content-type", FORM).body("_method=delete").dispatch();
    expectRedirect(del, "/");
    assert.match(
      del.headers.get("set-cookie") ?? "",
      /^message=; SameSite=Lax; Path=\/; Max-Age=0; Expires=/,
    );
    assert.equal((await c.get("/").dispatch()).status, 404);
  });

  it("keeps the user id in a private cookie the client cannot read", async () => {
    const c = await client();
    assert.equal((await c.get("/user_id").dispatch()).status, 404);
    const login = await c
      .post("/login")
      .header("content-type", FORM)
      .body("username=Sergio&password=password")
      .dispatch();
    expectRedirect(login, "/session");
    const cookie = login.cookie("user_id");
    assert.ok(cookie !== undefined && cookie.value !== "1", "the value is sealed");
    assert.equal(cookie.attributes.httponly, "");
    assert.equal(login.privateCookie("user_id")?.value, "1");
    await expectText(await c.get("/user_id").dispatch(), 200, "User ID: 1");
    await expectText(await c.get("/session").dispatch(), 200, "Logged in with user ID 1.");
  });

  it("refuses a forged user id: a plain cookie does not open as a private one", async () => {
    const c = await client();
    assert.equal((await c.get("/user_id").cookie("user_id", "1").dispatch()).status, 404);
    expectRedirect(await c.get("/session").cookie("user_id", "1").dispatch(), "/login");
    await expectText(await c.get("/user_id").privateCookie("user_id", "7").dispatch(), 200, "User ID: 7");
  });

  it("flashes an error for a wrong password, once", async () => {
    const c = await client();
    const res = await c
      .post("/login")
      .header("content-type", FORM)
      .body("username=Sergio&password=nope")
      .dispatch();
    expectRedirect(res, "/login");
    assert.equal(
      res.headers.get("set-cookie"),
      "_flash=5%3AerrorInvalid%20username%2Fpassword.; SameSite=Strict; Path=/; Max-Age=300",
    );
    await expectText(await c.get("/login").dispatch(), 200, "error: Invalid username/password.");
    await expectText(await c.get("/login").dispatch(), 200, "Please log in.");
  });

  it('logs out with the seed\'s Flash::success(Redirect::to("/"), …)', async () => {
    const c = await client();
    await c.post("/login").header("content-type", FORM).body("username=Sergio&password=password").dispatch();
    const out = await c.post("/logout").dispatch();
    expectRedirect(out, "/");
    const cookies = out.headers.getAll("set-cookie");
    assert.equal(cookies.length, 2);
    assert.match(cookies[0]!, /^user_id=; SameSite=Lax; Path=\/; Max-Age=0; Expires=/);
    assert.equal(
      cookies[1],
      "_flash=7%3AsuccessSuccessfully%20logged%20out.; SameSite=Strict; Path=/; Max-Age=300",
    );
    assert.equal((await c.get("/user_id").dispatch()).status, 404);
    expectRedirect(await c.get("/session").dispatch(), "/login");
    await expectText(await c.get("/login").dispatch(), 200, "success: Successfully logged out.");
  });

  it("needs a secret key outside debug, and opens cookies sealed under the configured one", async () => {
    const key = Buffer.alloc(32, 7).toString("base64"); // any `openssl rand -base64 32`
    await assert.rejects(Client.untracked(app().configure({ log_level: "off", profile: "release" })), {
      name: "LaunchError",
      kind: "insecure",
    });
    const a = await Client.untracked(
      app().configure({ log_level: "off", profile: "release", secret_key: key }),
    );
    const login = await a
      .post("/login")
      .header("content-type", FORM)
      .body("username=Sergio&password=password")
      .dispatch();
    const sealed = login.cookie("user_id")!.value;
    const b = await Client.untracked(
      app().configure({ log_level: "off", profile: "release", secret_key: key }),
    );
    await expectText(await b.get("/user_id").cookie("user_id", sealed).dispatch(), 200, "User ID: 1");
  });
});
