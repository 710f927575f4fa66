// The CORS fairing against the Fetch standard's CORS protocol: preflights for mounted routes (allowed and refused
// origins, methods, headers), credentials, simple requests, `Vary`, and the checks made at ignite.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  Client,
  Cors,
  type CorsOptions,
  del,
  get,
  LaunchError,
  options,
  post,
  respond,
  usize,
} from "../src/index.ts";
import { expectDefaultCatcher, expectResponse, quietApp, TEXT } from "./support/local.ts";

const list = get("/books", () => respond("all books", { headers: { "x-total": "2" } }));
const create = post("/books", () => "created");
const one = get("/books/<id>", { id: usize }, ({ id }) => (id === 1 ? "book 1" : null));
const remove = del("/books/<id>", { id: usize }, ({ id }) => `deleted ${id}`);
const mine = options("/custom", () => "my own OPTIONS");
const custom = get("/custom", () => "custom");
const filtered = get("/search?kind=book", () => "books only");

const APP = "https://app.example";
const STRICT: CorsOptions = {
  origins: [APP, /^https:\/\/[a-z]+\.trusted\.example$/],
  credentials: true,
  headers: ["content-type", "x-token"],
  exposeHeaders: ["x-total"],
  maxAge: 600,
};

function client(opts: CorsOptions = STRICT): Promise<Client> {
  return Client.untracked(quietApp([list, create, one, remove, mine, custom, filtered]).attach(Cors(opts)));
}

const PREFLIGHT_VARY = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";

function preflight(c: Client, path: string, origin: string, method: string, headers?: string) {
  const r = c.options(path).header("origin", origin).header("access-control-request-method", method);
  return headers === undefined ? r : r.header("access-control-request-headers", headers);
}

describe("CORS preflight", () => {
  test("an allowed origin's preflight is answered 204, listing the methods of the routes at that path", async () => {
    const c = await client();
    const res = await preflight(c, "/books", APP, "POST", "Content-Type, X-Token").dispatch();
    await expectResponse(res, {
      status: 204,
      contentType: null,
      body: "",
      headers: {
        "access-control-allow-origin": APP,
        "access-control-allow-credentials": "true",
        "access-control-allow-methods": "GET, HEAD, POST",
        "access-control-allow-headers": "content-type, x-token",
        "access-control-max-age": "600",
        "access-control-expose-headers": null,
        vary: PREFLIGHT_VARY,
      },
    });
  });

  test("the methods listed are those of the routes matching the path, dynamic segments included", async () => {
    const c = await client();
    const res = await preflight(c, "/books/7", APP, "DELETE").dispatch();
    await expectResponse(res, {
      status: 204,
      contentType: null,
      body: "",
      headers: {
        "access-control-allow-methods": "GET, HEAD, DELETE",
        "access-control-allow-headers": null,
        "access-control-allow-origin": APP,
      },
    });
  });

  test("an origin matching a pattern is allowed", async () => {
    const c = await client();
    const res = await preflight(c, "/books", "https://shop.trusted.example", "GET").dispatch();
    await expectResponse(res, {
      status: 204,
      contentType: null,
      body: "",
      headers: { "access-control-allow-origin": "https://shop.trusted.example" },
    });
  });

  test("a preflight from an origin not allowed is refused with 403 and no CORS headers", async () => {
    const c = await client();
    for (const origin of ["https://evil.example", "https://app.example.evil", "http://app.example", "null"]) {
      const res = await preflight(c, "/books", origin, "POST").dispatch();
      await expectDefaultCatcher(res, 403, false, {
        "access-control-allow-origin": null,
        "access-control-allow-methods": null,
        vary: "Origin",
      });
    }
  });

  test("a preflight for a method no route at the path has is refused with 403", async () => {
    const c = await client();
    const res = await preflight(c, "/books", APP, "PUT").dispatch();
    await expectDefaultCatcher(res, 403, false, { "access-control-allow-methods": null });
  });

  test("the requested method is compared case-sensitively, as browsers send it", async () => {
    const c = await client();
    const res = await preflight(c, "/books", APP, "post").dispatch();
    await expectDefaultCatcher(res, 403);
  });

  test("a preflight asking for a header not allowed is refused with 403", async () => {
    const c = await client();
    const res = await preflight(c, "/books", APP, "POST", "content-type, x-other").dispatch();
    await expectDefaultCatcher(res, 403, false, { "access-control-allow-headers": null });
  });

  test("without a `headers` option, whatever headers the preflight asks for are allowed", async () => {
    const c = await client({ origins: [APP] });
    const res = await preflight(c, "/books", APP, "POST", "X-Anything,  X-Else").dispatch();
    await expectResponse(res, {
      status: 204,
      contentType: null,
      body: "",
      headers: {
        "access-control-allow-headers": "x-anything, x-else",
        "access-control-allow-credentials": null,
        "access-control-max-age": null,
      },
    });
  });

  test("the `methods` option narrows what preflights allow", async () => {
    const c = await client({ origins: [APP], methods: ["GET"] });
    const refused = await preflight(c, "/books/1", APP, "DELETE").dispatch();
    await expectDefaultCatcher(refused, 403);
    const allowed = await preflight(c, "/books/1", APP, "GET").dispatch();
    await expectResponse(allowed, {
      status: 204,
      contentType: null,
      body: "",
      headers: { "access-control-allow-methods": "GET" },
    });
  });

  test("a preflight for a path no route has forwards to the 404 catcher", async () => {
    const c = await client();
    const res = await preflight(c, "/nowhere", APP, "GET").dispatch();
    await expectDefaultCatcher(res, 404, false, { "access-control-allow-origin": APP });
  });

  test("a route's static query counts: a preflight without it finds no route", async () => {
    const c = await client();
    const miss = await preflight(c, "/search", APP, "GET").dispatch();
    await expectDefaultCatcher(miss, 404);
    const hit = await preflight(c, "/search?kind=book", APP, "GET").dispatch();
    await expectResponse(hit, {
      status: 204,
      contentType: null,
      body: "",
      headers: { "access-control-allow-methods": "GET, HEAD" },
    });
  });

  test("an OPTIONS request that is no preflight (no Access-Control-Request-Method) is not answered by CORS", async () => {
    const c = await client();
    const res = await c.options("/books").header("origin", APP).dispatch();
    await expectDefaultCatcher(res, 404, false, { "access-control-allow-methods": null });
  });

  test("the app's own OPTIONS route wins over the preflight route, and is decorated", async () => {
    const c = await client();
    const res = await preflight(c, "/custom", APP, "GET").dispatch();
    await expectResponse(res, {
      status: 200,
      contentType: TEXT,
      body: "my own OPTIONS",
      headers: {
        "access-control-allow-origin": APP,
        "access-control-allow-methods": null,
        vary: "Origin",
      },
    });
  });
});

describe("CORS on actual requests", () => {
  test("a response to an allowed origin carries the origin, credentials, exposed headers and Vary: Origin", async () => {
    const c = await client();
    const res = await c.get("/books").header("origin", APP).dispatch();
    await expectResponse(res, {
      status: 200,
      contentType: TEXT,
      body: "all books",
      headers: {
        "access-control-allow-origin": APP,
        "access-control-allow-credentials": "true",
        "access-control-expose-headers": "x-total",
        "access-control-allow-methods": null,
        vary: "Origin",
        "x-total": "2",
      },
    });
  });

  test("an error response to an allowed origin is decorated too, so scripts can read it", async () => {
    const c = await client();
    const res = await c.get("/books/2").header("origin", APP).dispatch();
    await expectDefaultCatcher(res, 404, false, { "access-control-allow-origin": APP, vary: "Origin" });
  });

  test("a response to an origin not allowed has no CORS headers, but still Vary: Origin", async () => {
    const c = await client();
    const res = await c.get("/books").header("origin", "https://evil.example").dispatch();
    await expectResponse(res, {
      status: 200,
      contentType: TEXT,
      body: "all books",
      headers: {
        "access-control-allow-origin": null,
        "access-control-allow-credentials": null,
        "access-control-expose-headers": null,
        vary: "Origin",
      },
    });
  });

  test("a same-origin request (no Origin) gets Vary: Origin and nothing else", async () => {
    const c = await client();
    const res = await c.get("/books").dispatch();
    await expectResponse(res, {
      status: 200,
      contentType: TEXT,
      body: "all books",
      headers: { "access-control-allow-origin": null, vary: "Origin" },
    });
  });

  test("any origin without credentials is answered `*`, with no Vary", async () => {
    const c = await client({ exposeHeaders: "*" });
    const res = await c.get("/books").header("origin", "https://anyone.example").dispatch();
    await expectResponse(res, {
      status: 200,
      contentType: TEXT,
      body: "all books",
      headers: {
        "access-control-allow-origin": "*",
        "access-control-allow-credentials": null,
        "access-control-expose-headers": "*",
        vary: null,
      },
    });
    const pre = await preflight(c, "/books", "https://anyone.example", "POST", "x-a").dispatch();
    await expectResponse(pre, {
      status: 204,
      contentType: null,
      body: "",
      headers: { "access-control-allow-origin": "*", vary: PREFLIGHT_VARY },
    });
  });

  test("a predicate decides the origins", async () => {
    const c = await client({ origins: (o) => o.endsWith(".example") });
    const yes = await c.get("/books").header("origin", "https://a.example").dispatch();
    assert.equal(yes.headers.get("access-control-allow-origin"), "https://a.example");
    const no = await c.get("/books").header("origin", "https://a.test").dispatch();
    assert.equal(no.headers.get("access-control-allow-origin"), undefined);
  });

  test("an existing Vary header keeps its names, and Origin is added once", async () => {
    const varied = get("/varied", () => respond("v", { headers: { vary: "Accept-Encoding" } }));
    const c = await Client.untracked(quietApp([varied]).attach(Cors({ origins: [APP] })));
    const res = await c.get("/varied").header("origin", APP).dispatch();
    assert.equal(res.headers.get("vary"), "Accept-Encoding, Origin");
  });
});

describe("CORS at ignite", () => {
  test("wildcards with credentials, malformed origins and a bad maxAge fail launch, all listed", async () => {
    const app = quietApp([list]).attach(
      Cors({
        origins: "*",
        credentials: true,
        headers: "*",
        exposeHeaders: "*",
        maxAge: -1,
      }),
    );
    const e = await app.ignite().then(
      () => assert.fail("ignite should fail"),
      (e: unknown) => e,
    );
    assert.ok(e instanceof LaunchError);
    assert.equal(e.kind, "fairings");
    assert.deepEqual(e.problems, [
      "CORS: 4 problems:\n" +
        '      `origins: "*"` cannot be used with `credentials: true`; list the origins\n' +
        '      `headers: "*"` cannot be used with `credentials: true`; list the headers\n' +
        '      `exposeHeaders: "*"` cannot be used with `credentials: true`; list the headers\n' +
        "      maxAge must be a whole number of seconds, got -1",
    ]);
  });

  test("an origin with a path, a trailing slash or upper case is refused, with the origin it means", async () => {
    const app = quietApp([list]).attach(
      Cors({
        origins: ["https://app.example/", "HTTPS://App.example", "app.example", "https://ok.example:8443"],
      }),
    );
    const e = await app.ignite().then(
      () => assert.fail("ignite should fail"),
      (e: unknown) => e,
    );
    assert.ok(e instanceof LaunchError);
    assert.deepEqual(e.problems, [
      "CORS: 3 problems:\n" +
        '      origins: "https://app.example/" is not an origin: write scheme://host[:port], without a path (did you mean "https://app.example"?)\n' +
        '      origins: "HTTPS://App.example" is not an origin: write scheme://host[:port], without a path (did you mean "https://app.example"?)\n' +
        '      origins: "app.example" is not an origin: write scheme://host[:port], without a path',
    ]);
  });

  test("the preflight route shows in the routes, ranked after the app's own", async () => {
    const c = await client();
    const route = c.app.router.routes.find((r) => r.name === "CORS preflight");
    assert.equal(String(route), "(CORS preflight) OPTIONS /<_..> [1000]");
  });
});
