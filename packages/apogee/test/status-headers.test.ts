// Two request hooks the web-API fairings and guards build on: `req.halt(status)` (a request fairing ends the
// request through the catchers, before routing) and `req.addStatusHeader(status, …)` (a header for the response
// only if it ends with that status, whoever answers).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  AdHoc,
  Client,
  catcher,
  error,
  forward,
  get,
  guard,
  respond,
  Status,
  success,
} from "../src/index.ts";
import { expectDefaultCatcher, expectResponse, quietApp, TEXT } from "./support/local.ts";

let ran = 0;
const hello = get("/", () => {
  ran++;
  return "hello";
});

describe("req.halt", () => {
  test("a request fairing that halts skips routing: the catcher for the status answers", async () => {
    const halt = AdHoc.onRequest("Closed", (req) => req.halt(503, "maintenance"));
    const c = await Client.untracked(quietApp([hello]).attach(halt));
    const before = ran;
    await expectDefaultCatcher(await c.get("/").dispatch(), 503);
    assert.equal(ran, before);
  });

  test("the catcher sees the halt's reason in req.error, and later request fairings still run", async () => {
    const seen: string[] = [];
    const c = await Client.untracked(
      quietApp([hello])
        .register("/", [catcher(418, (_s, req) => `halted: ${String(req.error)}`)])
        .attach(AdHoc.onRequest("Teapot", (req) => req.halt(Status.ImATeapot, "short and stout")))
        .attach(AdHoc.onRequest("After", (req) => void seen.push(req.uri))),
    );
    await expectResponse(await c.get("/x").dispatch(), {
      status: 418,
      contentType: TEXT,
      body: "halted: short and stout",
    });
    assert.deepEqual(seen, ["/x"]);
  });

  test("response fairings run on a halted request, and a HEAD loses its body", async () => {
    const c = await Client.untracked(
      quietApp([hello])
        .attach(AdHoc.onRequest("Halt", (req) => req.halt(429)))
        .attach(AdHoc.onResponse("Mark", (_req, res) => void res.setHeader("x-seen", "yes"))),
    );
    const res = await c.head("/").dispatch();
    assert.equal(res.status, 429);
    assert.equal(res.headers.get("x-seen"), "yes");
    assert.equal(await res.text(), "");
  });
});

describe("req.addStatusHeader", () => {
  const challenged = guard("Challenged", (req) => {
    req.addStatusHeader(401, "WWW-Authenticate", 'Bearer realm="test"');
    return req.header("x-fail") === "1" ? error(401) : forward(401);
  });
  const secret = get("/secret", { who: challenged }, () => "secret");
  const anonymous = get({ uri: "/secret", rank: 2 }, () => "anonymous");
  const lonely = get("/lonely", { who: challenged }, () => "never");

  test("the header is added when the request ends with the status (a catcher answering a forward)", async () => {
    const c = await Client.untracked(quietApp([lonely]));
    await expectDefaultCatcher(await c.get("/lonely").dispatch(), 401, false, {
      "www-authenticate": 'Bearer realm="test"',
    });
  });

  test("… and when a guard fails with it", async () => {
    const c = await Client.untracked(quietApp([secret]));
    await expectDefaultCatcher(await c.get("/secret").header("x-fail", "1").dispatch(), 401, false, {
      "www-authenticate": 'Bearer realm="test"',
    });
  });

  test("a response with another status does not get it (a lower-ranked route answered)", async () => {
    const c = await Client.untracked(quietApp([secret, anonymous]));
    await expectResponse(await c.get("/secret").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "anonymous",
      headers: { "www-authenticate": null },
    });
  });

  test("a header the response sets itself wins", async () => {
    const both = guard("Both", (req) => {
      req.addStatusHeader(401, "www-authenticate", "Bearer");
      return success(true);
    });
    const route = get("/own", { both }, () =>
      respond("nope", { status: Status.Unauthorized, headers: { "www-authenticate": "Basic" } }),
    );
    const c = await Client.untracked(quietApp([route]));
    const res = await c.get("/own").dispatch();
    assert.equal(res.status, 401);
    assert.equal(res.headers.get("www-authenticate"), "Basic");
  });

  test("several guards' headers are all sent", async () => {
    const other = guard("Other", (req) => {
      req.addStatusHeader(401, "www-authenticate", 'Basic realm="x"');
      return success(1);
    });
    const route = get("/two", { other, who: challenged }, () => "never");
    const c = await Client.untracked(quietApp([route]));
    const res = await c.get("/two").dispatch();
    assert.equal(res.status, 401);
    assert.deepEqual(res.headers.getAll("www-authenticate"), ['Basic realm="x"', 'Bearer realm="test"']);
  });
});
