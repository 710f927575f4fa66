// Responders (ROCKET.md §7.1–7.3): built-in values, Status rules, status/content wrappers, respond() (derive),
// Redirect, thrown values, and what every response gets on the way out (Server, Shield, response fairings).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  build,
  Client,
  catcher,
  content,
  type Fairing,
  get,
  MediaType,
  Redirect,
  Response,
  respond,
  Shield,
  Status,
  status,
} from "../src/index.ts";
import {
  clientFor,
  expectDefaultCatcher,
  expectResponse,
  HTML,
  JSON_TYPE,
  STANDARD_HEADERS,
  TEXT,
} from "./support/local.ts";

/** One route at `/` returning `value`, dispatched with GET. */
async function answer(handler: () => unknown, accept?: string) {
  const client = await clientFor(get("/", handler as () => string));
  const req = client.get("/");
  if (accept !== undefined) req.header("accept", accept);
  return req.dispatch();
}

describe("built-in responders", () => {
  test("a string is 200 text/plain", async () => {
    await expectResponse(await answer(() => "héllo"), { status: 200, contentType: TEXT, body: "héllo" });
  });

  test("a Uint8Array is 200 application/octet-stream", async () => {
    const res = await answer(() => new Uint8Array([0, 1, 255]));
    await expectResponse(res, {
      status: 200,
      contentType: "application/octet-stream",
      body: "\u0000\u0001\uFFFD",
    });
    assert.deepEqual([...(await res.bytes())], [0, 1, 255]);
  });

  test("a Buffer is bytes too", async () => {
    await expectResponse(await answer(() => Buffer.from("buf")), {
      status: 200,
      contentType: "application/octet-stream",
      body: "buf",
    });
  });

  test("a plain object is compact JSON", async () => {
    await expectResponse(await answer(() => ({ a: 1, b: [true, null], c: "x" })), {
      status: 200,
      contentType: JSON_TYPE,
      body: '{"a":1,"b":[true,null],"c":"x"}',
    });
  });

  test("an array is JSON", async () => {
    await expectResponse(await answer(() => [1, "two", { three: 3 }]), {
      status: 200,
      contentType: JSON_TYPE,
      body: '[1,"two",{"three":3}]',
    });
  });

  test("null and undefined are 404 through the catcher (Option::None)", async () => {
    await expectDefaultCatcher(await answer(() => null), 404);
    await expectDefaultCatcher(await answer(() => undefined), 404);
    await expectDefaultCatcher(await answer(() => undefined, "application/json"), 404, true);
  });

  test("an async handler's resolved value is the responder", async () => {
    await expectResponse(
      await answer(async () => {
        await new Promise((r) => setTimeout(r, 1));
        return { late: true };
      }),
      { status: 200, contentType: JSON_TYPE, body: '{"late":true}' },
    );
    await expectDefaultCatcher(await answer(async () => null), 404);
  });

  test("JSON that cannot be serialised (a cycle, a bigint) is a 500", async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expectDefaultCatcher(await answer(() => cyclic), 500);
    await expectDefaultCatcher(await answer(() => ({ n: 1n })), 500);
  });

  test("a Map or Set is a 500, never a silent {}", async () => {
    await expectDefaultCatcher(await answer(() => new Map([["a", 1]])), 500);
    await expectDefaultCatcher(await answer(() => new Set([1])), 500);
  });

  test("a Response responds with itself, status and headers as set (not as JSON)", async () => {
    const made = () => {
      const res = new Response("made by hand", "text/x-custom");
      res.status = 201;
      res.setHeader("x-hand", "yes");
      return res;
    };
    await expectResponse(await answer(made), {
      status: 201,
      contentType: "text/x-custom",
      body: "made by hand",
      headers: { "x-hand": "yes" },
    });
  });

  test("a Response without a status answers 200; wrapped, it takes the wrapper's status", async () => {
    await expectResponse(await answer(() => new Response("plain")), {
      status: 200,
      contentType: null,
      body: "plain",
    });
    await expectResponse(await answer(() => status.Accepted(new Response("inner", TEXT))), {
      status: 202,
      contentType: TEXT,
      body: "inner",
    });
  });

  test("a thrown Response is the response", async () => {
    await expectResponse(
      await answer(() => {
        throw new Response("thrown", TEXT);
      }),
      { status: 200, contentType: TEXT, body: "thrown" },
    );
  });

  test("numbers and booleans are not responders: 500", async () => {
    await expectDefaultCatcher(await answer(() => 42), 500);
    await expectDefaultCatcher(await answer(() => true), 500);
  });
});

describe("a Status as a responder", () => {
  for (const code of [100, 200, 201, 202, 203, 204, 205]) {
    test(`${code} answers an empty response with that status`, async () => {
      await expectResponse(await answer(() => Status.from(code)), {
        status: code,
        contentType: null,
        body: "",
      });
    });
  }

  for (const code of [101, 206, 207, 300, 301, 302, 304, 307, 308, 600, 99]) {
    test(`${code} is not a valid responder status: 500`, async () => {
      await expectDefaultCatcher(await answer(() => Status.from(code)), 500);
    });
  }

  for (const code of [400, 401, 404, 418, 422, 451, 500, 503, 599]) {
    test(`${code} goes to the catcher for ${code}`, async () => {
      await expectDefaultCatcher(await answer(() => Status.from(code)), code);
    });
  }
});

describe("status wrappers set the status without a catcher", () => {
  const cases: [string, () => unknown, number, string | null, string][] = [
    ["Accepted(body)", () => status.Accepted("queued"), 202, TEXT, "queued"],
    ["Accepted() with no body", () => status.Accepted(), 202, null, ""],
    ["NoContent()", () => status.NoContent(), 204, null, ""],
    ["BadRequest(body)", () => status.BadRequest({ error: "bad" }), 400, JSON_TYPE, '{"error":"bad"}'],
    ["Unauthorized(body)", () => status.Unauthorized("who?"), 401, TEXT, "who?"],
    ["Forbidden(body)", () => status.Forbidden("no"), 403, TEXT, "no"],
    ["NotFound(body)", () => status.NotFound("not here"), 404, TEXT, "not here"],
    ["Conflict(body)", () => status.Conflict("clash"), 409, TEXT, "clash"],
    ["Custom(418, body)", () => status.Custom(418, "teapot"), 418, TEXT, "teapot"],
    ["Custom(Status, body)", () => status.Custom(Status.ImATeapot, "teapot"), 418, TEXT, "teapot"],
    ["Custom(500, body) is not a catcher", () => status.Custom(500, "own 500"), 500, TEXT, "own 500"],
    ["Custom over a content wrapper", () => status.Custom(201, content.Html("<p>")), 201, HTML, "<p>"],
  ];
  for (const [name, handler, code, ct, body] of cases) {
    test(`status.${name} is ${code}`, async () => {
      await expectResponse(await answer(handler), { status: code, contentType: ct, body });
    });
  }

  test("a wrapper around null fails with 404 (the inner responder's failure propagates)", async () => {
    await expectDefaultCatcher(await answer(() => status.Accepted(null)), 404);
  });

  test("Created(location) is 201 with Location and no body", async () => {
    await expectResponse(await answer(() => status.Created("/items/1")), {
      status: 201,
      contentType: null,
      body: "",
      headers: { location: "/items/1", etag: null },
    });
  });

  test("Created(location).body(r) is 201 with Location and r's body", async () => {
    await expectResponse(await answer(() => status.Created("/items/1").body({ id: 1 })), {
      status: 201,
      contentType: JSON_TYPE,
      body: '{"id":1}',
      headers: { location: "/items/1", etag: null },
    });
  });

  test("Created(location).taggedBody(r) adds a quoted ETag computed from the body", async () => {
    const a1 = await answer(() => status.Created("/a").taggedBody("same"));
    const a2 = await answer(() => status.Created("/b").taggedBody("same"));
    const b = await answer(() => status.Created("/a").taggedBody("other"));
    const etag = a1.headers.get("etag") ?? "";
    assert.match(etag, /^"[0-9a-f]{16}"$/);
    await expectResponse(a1, {
      status: 201,
      contentType: TEXT,
      body: "same",
      headers: { location: "/a", etag },
    });
    assert.equal(a2.headers.get("etag"), etag);
    assert.notEqual(b.headers.get("etag"), etag);
  });
});

describe("content wrappers set the Content-Type", () => {
  const cases: [string, () => unknown, string][] = [
    ["Json", () => content.Json("{ 'hi': 'world' }"), "application/json"],
    ["Html", () => content.Html("{ 'hi': 'world' }"), "text/html; charset=utf-8"],
    ["Xml", () => content.Xml("{ 'hi': 'world' }"), "text/xml; charset=utf-8"],
    ["Text", () => content.Text("{ 'hi': 'world' }"), "text/plain; charset=utf-8"],
    ["Css", () => content.Css("{ 'hi': 'world' }"), "text/css; charset=utf-8"],
    ["JavaScript", () => content.JavaScript("{ 'hi': 'world' }"), "text/javascript"],
    ["MsgPack", () => content.MsgPack("{ 'hi': 'world' }"), "application/msgpack"],
    [
      "Custom with a shorthand",
      () => content.Custom("html", "{ 'hi': 'world' }"),
      "text/html; charset=utf-8",
    ],
    ["Custom with a full type", () => content.Custom("text/csv", "{ 'hi': 'world' }"), "text/csv"],
    ["Custom with a MediaType", () => content.Custom(MediaType.PNG, "{ 'hi': 'world' }"), "image/png"],
  ];
  for (const [name, handler, ct] of cases) {
    test(`content.${name} answers ${ct}`, async () => {
      await expectResponse(await answer(handler), {
        status: 200,
        contentType: ct,
        body: "{ 'hi': 'world' }",
      });
    });
  }

  test("a content wrapper keeps the inner status", async () => {
    await expectResponse(await answer(() => content.Html(status.Accepted("<p>ok</p>"))), {
      status: 202,
      contentType: HTML,
      body: "<p>ok</p>",
    });
  });

  test("content.Custom with something that is not a media type throws at call time", () => {
    assert.throws(
      () => content.Custom("not a type", "x"),
      /content\.Custom: "not a type" is not a media type/,
    );
  });
});

describe("respond() is derive(Responder): headers, then content type, then status, over the inner responder", () => {
  test("all three are applied", async () => {
    await expectResponse(
      await answer(() =>
        respond("short and stout", { status: 418, contentType: "html", headers: { "x-tea": "earl grey" } }),
      ),
      { status: 418, contentType: HTML, body: "short and stout", headers: { "x-tea": "earl grey" } },
    );
  });

  test("contentType is applied after the headers, so it wins over a content-type header", async () => {
    await expectResponse(
      await answer(() => respond("x", { headers: { "Content-Type": "text/csv" }, contentType: "json" })),
      { status: 200, contentType: JSON_TYPE, body: "x" },
    );
  });

  test("headers replace the inner responder's values", async () => {
    await expectResponse(await answer(() => respond(Redirect.to("/a"), { headers: { Location: "/b" } })), {
      status: 303,
      contentType: null,
      body: "",
      headers: { location: "/b" },
    });
  });

  test("status wins over the inner responder's status", async () => {
    await expectResponse(await answer(() => respond(status.Accepted("x"), { status: 201 })), {
      status: 201,
      contentType: TEXT,
      body: "x",
    });
  });

  test("without options the inner responder is unchanged", async () => {
    await expectResponse(await answer(() => respond({ a: 1 }, {})), {
      status: 200,
      contentType: JSON_TYPE,
      body: '{"a":1}',
    });
  });

  test("a failure of the inner responder propagates", async () => {
    await expectDefaultCatcher(await answer(() => respond(null, { status: 200 })), 404);
    await expectDefaultCatcher(await answer(() => respond(Status.Forbidden, { status: 200 })), 403);
  });

  test("several values for one header are all sent", async () => {
    const res = await answer(() => respond("x", { headers: { "x-many": ["1", "2"] } }));
    assert.deepEqual(res.headers.getAll("x-many"), ["1", "2"]);
  });

  test("an invalid contentType throws at call time", () => {
    assert.throws(() => respond("x", { contentType: "nope" }), /respond: "nope" is not a media type/);
  });
});

describe("Redirect", () => {
  const kinds: [string, (u: string) => Redirect, number][] = [
    ["to", Redirect.to, 303],
    ["found", Redirect.found, 302],
    ["temporary", Redirect.temporary, 307],
    ["permanent", Redirect.permanent, 308],
    ["moved", Redirect.moved, 301],
  ];
  for (const [name, make, code] of kinds) {
    test(`Redirect.${name} is ${code} with a Location and no body`, async () => {
      await expectResponse(await answer(() => make("/login?next=%2Fadmin#top")), {
        status: code,
        contentType: null,
        body: "",
        headers: { location: "/login?next=%2Fadmin#top" },
      });
    });
  }

  test("absolute and relative URI references are accepted", async () => {
    for (const loc of ["https://example.com/a?b=c", "relative/path", "../up", "?only=query", "#frag"]) {
      await expectResponse(await answer(() => Redirect.to(loc)), {
        status: 303,
        contentType: null,
        body: "",
        headers: { location: loc },
      });
    }
  });

  test("a Location with CR/LF, a space, raw non-ASCII or a bad escape is never sent: 500", async () => {
    for (const loc of ["/a\r\nSet-Cookie: x=1", "/a\nb", "/a b", "/café", "/100%", "/%zz", '/"q"', "/<x>"]) {
      const res = await answer(() => Redirect.to(loc));
      await expectDefaultCatcher(res, 500, false, { location: null });
    }
  });
});

describe("thrown values", () => {
  test("a thrown Redirect is the response", async () => {
    await expectResponse(
      await answer(() => {
        throw Redirect.to("/login");
      }),
      { status: 303, contentType: null, body: "", headers: { location: "/login" } },
    );
  });

  test("a rejected promise with a responder is the response", async () => {
    await expectResponse(
      await answer(async () => {
        throw status.Forbidden("thrown async");
      }),
      { status: 403, contentType: TEXT, body: "thrown async" },
    );
  });

  test("a thrown Status goes to its catcher", async () => {
    await expectDefaultCatcher(
      await answer(() => {
        throw Status.Unauthorized;
      }),
      401,
    );
  });

  test("a thrown Error is a 500, and the app keeps serving", async () => {
    const client = await clientFor(
      get("/boom", () => {
        throw new Error("bug");
      }),
      get("/async-boom", async () => {
        throw new TypeError("async bug");
      }),
      get("/fine", () => "fine"),
    );
    await expectDefaultCatcher(await client.get("/boom").dispatch(), 500);
    await expectDefaultCatcher(await client.get("/async-boom").dispatch(), 500);
    await expectResponse(await client.get("/fine").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "fine",
    });
  });

  test("a thrown Error does not try later routes", async () => {
    const client = await clientFor(
      get({ uri: "/", rank: 1 }, () => {
        throw new Error("bug");
      }),
      get({ uri: "/", rank: 2 }, () => "rank 2"),
    );
    await expectDefaultCatcher(await client.get("/").dispatch(), 500);
  });

  test("a thrown non-Error value is a 500", async () => {
    await expectDefaultCatcher(
      await answer(() => {
        throw "a string";
      }),
      500,
    );
  });

  test("a thrown invalid Redirect is a 500", async () => {
    await expectDefaultCatcher(
      await answer(() => {
        throw Redirect.to("/a b");
      }),
      500,
    );
  });
});

describe("every response: Server, Shield and response fairings", () => {
  test("Server: Apogee and the three Shield headers are added", async () => {
    const res = await answer(() => "x");
    for (const [name, value] of Object.entries(STANDARD_HEADERS)) assert.equal(res.headers.get(name), value);
  });

  test("Shield never overwrites a header the response set; neither does Server", async () => {
    const res = await answer(() =>
      respond("x", {
        headers: {
          "X-Frame-Options": "DENY",
          "x-content-type-options": "custom",
          "Permissions-Policy": "camera=()",
          Server: "Mine",
        },
      }),
    );
    await expectResponse(res, {
      status: 200,
      contentType: TEXT,
      body: "x",
      standard: false,
      headers: {
        "x-frame-options": "DENY",
        "x-content-type-options": "custom",
        "permissions-policy": "camera=()",
        server: "Mine",
      },
    });
  });

  test("Shield.none() removes the default policies; a custom ident renames the Server header", async () => {
    const client = await Client.tracked(
      build()
        .configure({ log_level: "off", ident: "Custom/1.0" })
        .attach(Shield.none())
        .mount("/", [get("/", () => "x")]),
    );
    const res = await client.get("/").dispatch();
    await expectResponse(res, {
      status: 200,
      contentType: TEXT,
      body: "x",
      standard: false,
      headers: {
        server: "Custom/1.0",
        "x-frame-options": null,
        "x-content-type-options": null,
        "permissions-policy": null,
      },
    });
  });

  test("ident false sends no Server header", async () => {
    const client = await Client.tracked(
      build()
        .configure({ log_level: "off", ident: false })
        .mount("/", [get("/", () => "x")]),
    );
    const res = await client.get("/").dispatch();
    assert.equal(res.headers.get("server"), undefined);
    assert.equal(res.headers.get("x-frame-options"), "SAMEORIGIN");
  });

  test("a Shield with an added policy keeps the others", async () => {
    const client = await Client.tracked(
      build()
        .configure({ log_level: "off" })
        .attach(Shield.default().enable({ header: "X-Frame-Options", value: "DENY" }))
        .mount("/", [get("/", () => "x")]),
    );
    await expectResponse(await client.get("/").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "x",
      standard: false,
      headers: {
        server: "Apogee",
        "x-frame-options": "DENY",
        "x-content-type-options": "nosniff",
        "permissions-policy": "interest-cohort=()",
      },
    });
  });

  test("response fairings see catchers' responses, and run in attach order after Server is set", async () => {
    const seen: string[] = [];
    const first: Fairing = {
      name: "First",
      onResponse(req, res) {
        seen.push(`first ${req.uri} ${res.status} server=${String(res.getHeader("server"))}`);
        res.setHeader("x-first", "1");
      },
    };
    const second: Fairing = {
      name: "Second",
      async onResponse(_req, res) {
        await Promise.resolve();
        seen.push(`second x-first=${String(res.getHeader("x-first"))}`);
        res.status = res.status === 404 ? 410 : res.status;
      },
    };
    const client = await Client.tracked(
      build()
        .configure({ log_level: "off" })
        .attach(first)
        .attach(second)
        .register("/", [catcher(404, () => "caught")])
        .mount("/", [get("/ok", () => "ok")]),
    );
    await expectResponse(await client.get("/missing").dispatch(), {
      status: 410,
      contentType: TEXT,
      body: "caught",
      headers: { "x-first": "1" },
    });
    await expectResponse(await client.get("/ok").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "ok",
      headers: { "x-first": "1" },
    });
    assert.deepEqual(seen, [
      "first /missing 404 server=Apogee",
      "second x-first=1",
      "first /ok 200 server=Apogee",
      "second x-first=1",
    ]);
  });

  test("a failing response fairing is logged and the response still goes out", async () => {
    const broken: Fairing = {
      name: "Broken",
      onResponse() {
        throw new Error("fairing bug");
      },
    };
    const client = await Client.tracked(
      build()
        .configure({ log_level: "off" })
        .attach(broken)
        .mount("/", [get("/", () => "x")]),
    );
    await expectResponse(await client.get("/").dispatch(), { status: 200, contentType: TEXT, body: "x" });
  });

  test("a response fairing may replace the body, and HEAD strips what it left", async () => {
    const rewrite: Fairing = {
      name: "Rewrite",
      onResponse(_req, res) {
        res.body = "rewritten!";
      },
    };
    const client = await Client.tracked(
      build()
        .configure({ log_level: "off" })
        .attach(rewrite)
        .mount("/", [get("/", () => "x")]),
    );
    await expectResponse(await client.get("/").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "rewritten!",
    });
    await expectResponse(await client.head("/").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "",
      headers: { "content-length": "10" },
    });
  });
});

describe("Json and MsgPack as responders (Rocket's Json<T> and MsgPack<T>)", () => {
  test("Json(value) serialises anything JSON can, strings and arrays included", async () => {
    const { Json } = await import("../src/index.ts");
    await expectResponse(await answer(() => Json("a string")), {
      status: 200,
      contentType: JSON_TYPE,
      body: '"a string"',
    });
    await expectResponse(await answer(() => Json([1, { b: null }])), {
      status: 200,
      contentType: JSON_TYPE,
      body: '[1,{"b":null}]',
    });
    await expectResponse(await answer(() => Json(42)), { status: 200, contentType: JSON_TYPE, body: "42" });
  });

  test("Json(value) that cannot be serialised is a 500", async () => {
    const { Json } = await import("../src/index.ts");
    await expectDefaultCatcher(await answer(() => Json({ n: 1n })), 500);
  });

  test("MsgPack(value) encodes as application/msgpack", async () => {
    const { MsgPack } = await import("../src/index.ts");
    const { decode } = await import("@msgpack/msgpack");
    const res = await answer(() => MsgPack({ kind: "tick", n: 3 }));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/msgpack");
    assert.deepEqual(decode(await res.bytes()), { kind: "tick", n: 3 });
  });
});
