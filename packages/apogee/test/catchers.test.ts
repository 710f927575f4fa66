// Catchers (ROCKET.md §6): scoped by base segment-wise; the longest base wins, a default only with a strictly
// longer base; the responder's own status wins; failure falls back to the 500 catcher, then the built-in page.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  build,
  type Catcher,
  Client,
  catcher,
  get,
  Redirect,
  type Route,
  respond,
  Status,
  status,
} from "../src/index.ts";
import { expectDefaultCatcher, expectResponse, JSON_TYPE, TEXT } from "./support/local.ts";

type Registration = [base: string, catchers: Catcher[]];

function client(registrations: Registration[], routes: Route<any, any, any, any>[] = []): Promise<Client> {
  let app = build().configure({ log_level: "off" }).mount("/", routes);
  for (const [base, catchers] of registrations) app = app.register(base, catchers);
  return Client.tracked(app);
}

const named = (name: string) => (s: Status) => `${name} ${s.code}`;

describe("catcher bases are segment-wise prefixes of the request path", () => {
  const c = client([["/foo", [catcher(404, named("foo"))]]]);

  test("/foo covers /foo itself", async () => {
    await expectResponse(await (await c).get("/foo").dispatch(), {
      status: 404,
      contentType: TEXT,
      body: "foo 404",
    });
  });

  test("/foo covers /foo/bar and /foo/bar/baz/", async () => {
    for (const uri of ["/foo/bar", "/foo/bar/baz/", "//foo//bar"]) {
      await expectResponse(await (await c).get(uri).dispatch(), {
        status: 404,
        contentType: TEXT,
        body: "foo 404",
      });
    }
  });

  test("/foo does not cover /foobar or /", async () => {
    await expectDefaultCatcher(await (await c).get("/foobar").dispatch(), 404);
    await expectDefaultCatcher(await (await c).get("/").dispatch(), 404);
    await expectDefaultCatcher(await (await c).get("/fo").dispatch(), 404);
  });

  test("the base is compared with decoded request segments", async () => {
    await expectResponse(await (await c).get("/f%6Fo/x").dispatch(), {
      status: 404,
      contentType: TEXT,
      body: "foo 404",
    });
  });

  test("a catcher registered at /foo/ is normalised to /foo", async () => {
    const c2 = await client([["/foo/", [catcher(404, named("foo"))]]]);
    await expectResponse(await c2.get("/foo/x").dispatch(), {
      status: 404,
      contentType: TEXT,
      body: "foo 404",
    });
  });
});

describe("choosing among catchers", () => {
  test("the code-specific catcher with the longest covering base wins", async () => {
    const c = await client([
      ["/", [catcher(404, named("root"))]],
      ["/a/b", [catcher(404, named("a/b"))]],
      ["/a", [catcher(404, named("a"))]],
    ]);
    await expectResponse(await c.get("/a/b/c").dispatch(), {
      status: 404,
      contentType: TEXT,
      body: "a/b 404",
    });
    await expectResponse(await c.get("/a/x").dispatch(), { status: 404, contentType: TEXT, body: "a 404" });
    await expectResponse(await c.get("/x").dispatch(), { status: 404, contentType: TEXT, body: "root 404" });
  });

  test("a default catcher with a strictly longer base beats a specific one", async () => {
    const c = await client([
      ["/", [catcher(404, named("root 404"))]],
      ["/foo", [catcher("default", named("foo default"))]],
    ]);
    await expectResponse(await c.get("/foo/x").dispatch(), {
      status: 404,
      contentType: TEXT,
      body: "foo default 404",
    });
    await expectResponse(await c.get("/bar").dispatch(), {
      status: 404,
      contentType: TEXT,
      body: "root 404 404",
    });
  });

  test("with equal bases the specific catcher beats the default", async () => {
    const c = await client([
      ["/foo", [catcher("default", named("default")), catcher(404, named("specific"))]],
    ]);
    await expectResponse(await c.get("/foo/x").dispatch(), {
      status: 404,
      contentType: TEXT,
      body: "specific 404",
    });
  });

  test("a default catcher answers every code without a specific catcher", async () => {
    const c = await client(
      [["/", [catcher("default", (s, req) => `default ${s.code} ${s.reason} ${req.uri}`)]]],
      [get("/teapot", () => Status.ImATeapot)],
    );
    await expectResponse(await c.get("/teapot").dispatch(), {
      status: 418,
      contentType: TEXT,
      body: "default 418 I'm a teapot /teapot",
    });
    await expectResponse(await c.get("/nope").dispatch(), {
      status: 404,
      contentType: TEXT,
      body: "default 404 Not Found /nope",
    });
  });

  test("a specific catcher's code must match: a 404 catcher does not answer 403", async () => {
    const c = await client([["/", [catcher(404, named("404"))]]], [get("/f", () => Status.Forbidden)]);
    await expectDefaultCatcher(await c.get("/f").dispatch(), 403);
  });

  test("an async catcher works", async () => {
    const c = await client([["/", [catcher(404, async (s) => `async ${s.code}`)]]]);
    await expectResponse(await c.get("/x").dispatch(), { status: 404, contentType: TEXT, body: "async 404" });
  });
});

describe("the catcher's response", () => {
  test("without a status of its own, the response has the caught status", async () => {
    const c = await client([["/", [catcher(404, () => ({ error: "missing" }))]]]);
    await expectResponse(await c.get("/x").dispatch(), {
      status: 404,
      contentType: JSON_TYPE,
      body: '{"error":"missing"}',
    });
  });

  test("a Redirect in a catcher answers 303 with its Location", async () => {
    const c = await client([["/", [catcher(404, () => Redirect.to("/home"))]]]);
    await expectResponse(await c.get("/x").dispatch(), {
      status: 303,
      contentType: null,
      body: "",
      headers: { location: "/home" },
    });
  });

  test("status.Custom and respond({ status }) in a catcher set the status", async () => {
    const c = await client([
      ["/a", [catcher(404, () => status.Custom(410, "gone"))]],
      ["/b", [catcher(404, () => respond("fine", { status: 200 }))]],
    ]);
    await expectResponse(await c.get("/a/x").dispatch(), { status: 410, contentType: TEXT, body: "gone" });
    await expectResponse(await c.get("/b/x").dispatch(), { status: 200, contentType: TEXT, body: "fine" });
  });

  test("a catcher returning an empty-response Status (204) answers it", async () => {
    const c = await client([["/", [catcher(404, () => Status.NoContent)]]]);
    await expectResponse(await c.get("/x").dispatch(), { status: 204, contentType: null, body: "" });
  });

  test("the catcher's headers win, and Shield never overwrites them", async () => {
    const c = await client([
      [
        "/",
        [catcher(404, () => respond("framed", { headers: { "x-frame-options": "DENY", server: "Custom" } }))],
      ],
    ]);
    await expectResponse(await c.get("/x").dispatch(), {
      status: 404,
      contentType: TEXT,
      body: "framed",
      standard: false,
      headers: {
        "x-frame-options": "DENY",
        server: "Custom",
        "x-content-type-options": "nosniff",
        "permissions-policy": "interest-cohort=()",
      },
    });
  });
});

describe("catcher failure falls back to the 500 catcher, then the built-in 500", () => {
  test("a catcher that returns an error Status fails: the 500 catcher answers with 500", async () => {
    const c = await client([
      ["/", [catcher(404, () => Status.Forbidden), catcher(500, (s) => `500 catcher ${s.code}`)]],
    ]);
    await expectResponse(await c.get("/x").dispatch(), {
      status: 500,
      contentType: TEXT,
      body: "500 catcher 500",
    });
  });

  test("a catcher that throws fails: the 500 catcher answers", async () => {
    const c = await client([
      [
        "/",
        [
          catcher(404, () => {
            throw new Error("catcher bug");
          }),
          catcher(500, () => "recovered"),
        ],
      ],
    ]);
    await expectResponse(await c.get("/x").dispatch(), { status: 500, contentType: TEXT, body: "recovered" });
  });

  test("an async catcher that rejects fails the same way", async () => {
    const c = await client([
      [
        "/",
        [
          catcher(404, async () => {
            throw new Error("catcher bug");
          }),
          catcher(500, () => "recovered"),
        ],
      ],
    ]);
    await expectResponse(await c.get("/x").dispatch(), { status: 500, contentType: TEXT, body: "recovered" });
  });

  test("a catcher that throws a responder answers with it, as a handler would", async () => {
    const sync = await client([
      [
        "/",
        [
          catcher(404, () => {
            throw Redirect.to("/home");
          }),
        ],
      ],
    ]);
    const res = await sync.get("/x").dispatch();
    assert.equal(res.status, 303);
    assert.equal(res.headers.get("location"), "/home");
    const async_ = await client([
      [
        "/",
        [
          catcher(404, async () => {
            throw Redirect.found("/login");
          }),
        ],
      ],
    ]);
    const res2 = await async_.get("/x").dispatch();
    assert.equal(res2.status, 302);
    assert.equal(res2.headers.get("location"), "/login");
  });

  test("a catcher returning null (Option::None) fails", async () => {
    const c = await client([["/", [catcher(404, () => null)]]]);
    await expectDefaultCatcher(await c.get("/x").dispatch(), 500);
  });

  test("if the 500 catcher fails too, the built-in 500 answers", async () => {
    const c = await client([
      ["/", [catcher(404, () => Status.Forbidden), catcher(500, () => Status.BadGateway)]],
    ]);
    await expectDefaultCatcher(await c.get("/x").dispatch(), 500);
    await expectDefaultCatcher(await c.get("/x").header("accept", "application/json").dispatch(), 500, true);
  });

  test("without a 500 catcher, a failing catcher gives the built-in 500", async () => {
    const c = await client([["/", [catcher(404, () => Status.Forbidden)]]]);
    await expectDefaultCatcher(await c.get("/x").dispatch(), 500);
  });

  test("a failing 500 catcher goes straight to the built-in 500", async () => {
    let calls = 0;
    const c = await client(
      [
        [
          "/",
          [
            catcher(500, () => {
              calls++;
              throw new Error("500 bug");
            }),
          ],
        ],
      ],
      [get("/boom", () => Status.InternalServerError)],
    );
    await expectDefaultCatcher(await c.get("/boom").dispatch(), 500);
    assert.equal(calls, 1);
  });

  test("the fallback 500 catcher is chosen by the request's path too", async () => {
    const c = await client([
      ["/", [catcher(404, () => Status.Forbidden), catcher(500, () => "root 500")]],
      ["/api", [catcher(500, () => "api 500")]],
    ]);
    await expectResponse(await c.get("/api/x").dispatch(), {
      status: 500,
      contentType: TEXT,
      body: "api 500",
    });
  });

  test("a default catcher can be the fallback for 500", async () => {
    const c = await client([
      ["/", [catcher(404, () => Status.Forbidden), catcher("default", (s) => `default ${s.code}`)]],
    ]);
    await expectResponse(await c.get("/x").dispatch(), {
      status: 500,
      contentType: TEXT,
      body: "default 500",
    });
  });
});

describe("the built-in catcher answers HTML or JSON by the preferred Accept type", () => {
  const c = client([]);
  const cases: [string | undefined, boolean][] = [
    [undefined, false],
    ["application/json", true],
    ["application/json; charset=utf-8", true],
    ["Application/JSON", true],
    ["text/html", false],
    ["*/*", false],
    ["application/*", false],
    ["text/html, application/json", false],
    ["text/html;q=0.5, application/json", true],
    ["*/*, application/json;q=0.1", true],
  ];
  for (const [accept, json] of cases) {
    test(`Accept ${accept ?? "(none)"} gets ${json ? "JSON" : "HTML"}`, async () => {
      const req = (await c).get("/missing");
      if (accept !== undefined) req.header("accept", accept);
      await expectDefaultCatcher(await req.dispatch(), 404, json);
    });
  }
});

describe("declaring catchers", () => {
  test("a catcher's code must be from 400 to 599", () => {
    assert.throws(
      () => catcher(399, () => ""),
      /a catcher's code must be from 400 to 599 or "default", got 399/,
    );
    assert.throws(() => catcher(600, () => ""), /got 600/);
    assert.throws(() => catcher(404.5, () => ""), /got 404.5/);
    assert.doesNotThrow(() => catcher(599, () => ""));
  });
});
