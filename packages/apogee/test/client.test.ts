// The local client (ROCKET.md §12): the full pipeline without a socket; bad methods and targets answered 400
// through the catchers; tracked clients remember cookies, untracked ones never do.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { build, Client, catcher, type Fairing, get, guard, post, respond, success } from "../src/index.ts";
import { clientFor, expectDefaultCatcher, expectResponse, quietApp, TEXT } from "./support/local.ts";

const Cookie = guard("Cookie", (req) => success(req.header("cookie") ?? "none"));

function cookieApp() {
  return quietApp([
    get("/set", () => respond("set", { headers: { "set-cookie": "a=1; Path=/" } })),
    get("/set-two", () => respond("two", { headers: { "set-cookie": ["b=2; Path=/", "c=x%20y; Path=/"] } })),
    get("/remove", () => respond("removed", { headers: { "set-cookie": "a=; Path=/; Max-Age=0" } })),
    get("/expire", () =>
      respond("expired", { headers: { "set-cookie": "b=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT" } }),
    ),
    get("/show", { c: Cookie }, ({ c }) => c),
  ]);
}

describe("bad requests are answered 400 through the catchers", () => {
  test("an unknown method is 400", async () => {
    const client = await clientFor(get("/", () => "root"));
    await expectDefaultCatcher(await client.req("PROPFIND", "/").dispatch(), 400);
  });

  test("method names are case-insensitive", async () => {
    const client = await clientFor(get("/", () => "root"));
    await expectResponse(await client.req("get", "/").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "root",
    });
  });

  test("a target that does not start with '/' is 400", async () => {
    const client = await clientFor(get("/", () => "root"));
    await expectDefaultCatcher(await client.get("no-slash").dispatch(), 400);
    await expectDefaultCatcher(await client.get("").dispatch(), 400);
    await expectDefaultCatcher(await client.get("*").dispatch(), 400);
  });

  test("characters that are not allowed in an origin target are 400", async () => {
    const client = await clientFor(get("/<x>", ({ x }) => x));
    for (const uri of ["/a b", '/a"b', "/<x>", "/é", "/a#frag", "/a{b", "/a?b c"]) {
      await expectDefaultCatcher(await client.get(uri).dispatch(), 400);
    }
  });

  test("a '%' without two hex digits is accepted (as Rocket does) and kept literally", async () => {
    const client = await clientFor(get("/<x>", ({ x }) => `[${x}]`));
    await expectResponse(await client.get("/a%zz").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "[a%zz]",
    });
  });

  test("browsers' unencoded query characters are accepted", async () => {
    const client = await clientFor(get("/q?<v>", ({ v }) => `[${v}]`));
    await expectResponse(await client.get("/q?v={a|b}^[c]`").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "[{a|b}^[c]`]",
    });
  });

  test("a registered 400 catcher answers bad requests, JSON or HTML by Accept for the built-in", async () => {
    const client = await Client.tracked(
      build()
        .configure({ log_level: "off" })
        .register("/", [catcher(400, (status, req) => `${status.code}: bad ${req.uri}`)]),
    );
    await expectResponse(await client.get("no-slash").dispatch(), {
      status: 400,
      contentType: TEXT,
      body: "400: bad no-slash",
    });
    const plain = await clientFor();
    await expectDefaultCatcher(
      await plain.req("BREW", "/").header("accept", "application/json").dispatch(),
      400,
      true,
    );
  });

  test("bad requests still go through response fairings", async () => {
    const tag: Fairing = { name: "Tag", onResponse: (_req, res) => void res.setHeader("x-tag", "seen") };
    const client = await Client.tracked(build().configure({ log_level: "off" }).attach(tag));
    await expectDefaultCatcher(await client.req("BREW", "/").dispatch(), 400, false, { "x-tag": "seen" });
  });
});

describe("requests", () => {
  test("header() adds values rather than replacing them", async () => {
    const Accept = guard("Accept", (req) => success(req.header("x-many") ?? ""));
    const client = await clientFor(get("/", { a: Accept }, ({ a }) => a));
    await expectResponse(await client.get("/").header("x-many", "1").header("X-Many", "2").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "1, 2",
    });
  });

  test("json() sends the body with Content-Type: application/json", async () => {
    const Ct = guard("Ct", (req) => success(req.header("content-type") ?? "none"));
    const client = await clientFor(post({ uri: "/", format: "json" }, { ct: Ct }, ({ ct }) => ct));
    await expectResponse(await client.post("/").json({ a: 1 }).dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "application/json",
    });
  });

  test("remote() sets the peer address; without it there is none", async () => {
    const Peer = guard("Peer", (req) =>
      success(req.remote ? `${req.remote.address}:${req.remote.port}` : "none"),
    );
    const client = await clientFor(get("/", { p: Peer }, ({ p }) => p));
    await expectResponse(await client.get("/").dispatch(), { status: 200, contentType: TEXT, body: "none" });
    await expectResponse(await client.get("/").remote("10.0.0.1:4000").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "10.0.0.1:4000",
    });
  });

  test("requests are independent: each dispatch sees only its own headers", async () => {
    const H = guard("H", (req) => success(req.header("x-a") ?? "none"));
    const client = await clientFor(get("/", { h: H }, ({ h }) => h));
    const req = client.get("/").header("x-a", "1");
    await expectResponse(await req.dispatch(), { status: 200, contentType: TEXT, body: "1" });
    await expectResponse(await req.dispatch(), { status: 200, contentType: TEXT, body: "1" });
    await expectResponse(await client.get("/").dispatch(), { status: 200, contentType: TEXT, body: "none" });
  });

  test("creating a client runs liftoff fairings; terminate() runs shutdown fairings", async () => {
    const events: string[] = [];
    const life: Fairing = {
      name: "Life",
      onIgnite: () => void events.push("ignite"),
      onLiftoff: () => void events.push("liftoff"),
      onShutdown: () => void events.push("shutdown"),
    };
    const client = await Client.untracked(build().configure({ log_level: "off" }).attach(life));
    assert.deepEqual(events, ["ignite", "liftoff"]);
    await client.terminate();
    assert.deepEqual(events, ["ignite", "liftoff", "shutdown"]);
  });
});

describe("tracked and untracked clients", () => {
  test("a tracked client sends back the cookies responses set", async () => {
    const client = await Client.tracked(cookieApp());
    await expectResponse(await client.get("/show").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "none",
    });
    const set = await client.get("/set").dispatch();
    await expectResponse(set, {
      status: 200,
      contentType: TEXT,
      body: "set",
      headers: { "set-cookie": "a=1; Path=/" },
    });
    assert.deepEqual(
      set.cookies.map((c) => [c.name, c.value, c.attributes]),
      [["a", "1", { path: "/" }]],
    );
    await expectResponse(await client.get("/show").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "a=1",
    });
    await client.get("/set-two").dispatch();
    await expectResponse(await client.get("/show").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "a=1; b=2; c=x%20y",
    });
    assert.deepEqual(
      [...client.cookies],
      [
        ["a", "1"],
        ["b", "2"],
        ["c", "x%20y"],
      ],
    );
  });

  test("a tracked client forgets cookies removed with Max-Age=0 or a past Expires", async () => {
    const client = await Client.tracked(cookieApp());
    await client.get("/set").dispatch();
    await client.get("/set-two").dispatch();
    await client.get("/remove").dispatch();
    await client.get("/expire").dispatch();
    await expectResponse(await client.get("/show").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "c=x%20y",
    });
  });

  test("a tracked client's cookies come before the request's own", async () => {
    const client = await Client.tracked(cookieApp());
    await client.get("/set").dispatch();
    await expectResponse(await client.get("/show").cookie("z", "a b").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "a=1; z=a%20b",
    });
  });

  test("an untracked client never sends cookies it was set", async () => {
    const client = await Client.untracked(cookieApp());
    const set = await client.get("/set").dispatch();
    assert.equal(set.headers.get("set-cookie"), "a=1; Path=/");
    await expectResponse(await client.get("/show").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "none",
    });
    assert.equal(client.cookies.size, 0);
  });

  test("cookies set by a catcher's response are tracked too", async () => {
    const client = await Client.tracked(
      quietApp([get("/show", { c: Cookie }, ({ c }) => c)]).register("/", [
        catcher(404, () => respond("nope", { headers: { "set-cookie": "seen=404" } })),
      ]),
    );
    const res = await client.get("/missing").dispatch();
    await expectResponse(res, {
      status: 404,
      contentType: TEXT,
      body: "nope",
      headers: { "set-cookie": "seen=404" },
    });
    await expectResponse(await client.get("/show").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "seen=404",
    });
  });
});
