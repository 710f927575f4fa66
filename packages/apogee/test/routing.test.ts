// Path matching (ROCKET.md §1.2, §1.3, §2): decoded, empty-free segments; trailing slash insignificant; static
// segments compared with decoded ones; single and trailing dynamic segments.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  build,
  Client,
  catcher,
  type Fairing,
  forward,
  get,
  guard,
  optional,
  PathBuf,
  put,
  RawStr,
  segments,
  str,
} from "../src/index.ts";
import {
  clientFor,
  expectDefaultCatcher,
  expectResponse,
  JSON_TYPE,
  quietApp,
  TEXT,
} from "./support/local.ts";

describe("request paths are normalised for matching", () => {
  test("a trailing slash is insignificant", async () => {
    const client = await clientFor(
      get("/hello", () => "static"),
      get("/a/<b>", ({ b }) => `b=${b}`),
    );
    for (const uri of ["/hello", "/hello/", "/hello//"]) {
      await expectResponse(await client.get(uri).dispatch(), {
        status: 200,
        contentType: TEXT,
        body: "static",
      });
    }
    await expectResponse(await client.get("/a/x/").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "b=x",
    });
  });

  test("empty segments are dropped: //a//b matches /a/b", async () => {
    const client = await clientFor(
      get("/a/b", () => "a/b"),
      get("/c/<d>", ({ d }) => `d=${d}`),
    );
    await expectResponse(await client.get("//a//b").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "a/b",
    });
    await expectResponse(await client.get("//c///x//").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "d=x",
    });
  });

  test("/ matches '/', '//' and '///'", async () => {
    const client = await clientFor(get("/", () => "root"));
    for (const uri of ["/", "//", "///"]) {
      await expectResponse(await client.get(uri).dispatch(), {
        status: 200,
        contentType: TEXT,
        body: "root",
      });
    }
  });

  test("static route segments are compared with the percent-decoded request segments", async () => {
    const client = await clientFor(
      get("/ab", () => "ab"),
      get("/hello world", () => "space"),
      get("/café", () => "café"),
    );
    await expectResponse(await client.get("/a%62").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "ab",
    });
    await expectResponse(await client.get("/hello%20world").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "space",
    });
    await expectResponse(await client.get("/caf%C3%A9").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "café",
    });
  });

  test("matching is case-sensitive", async () => {
    const client = await clientFor(get("/hello", () => "hello"));
    await expectDefaultCatcher(await client.get("/Hello").dispatch(), 404);
  });

  test("a static route that forwards gives way to a dynamic one, on both normalised and raw paths", async () => {
    const No = guard("No", () => forward(401));
    const client = await clientFor(
      get("/hello", { no: No }, () => "static"),
      get("/<x>", ({ x }) => `dynamic ${x}`),
    );
    await expectResponse(await client.get("/hello").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "dynamic hello",
    });
    await expectResponse(await client.get("/hello/").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "dynamic hello",
    });
    await expectResponse(await client.get("/hell%6F").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "dynamic hello",
    });
  });
});

describe("dynamic segments get the decoded segment", () => {
  test("%20 is decoded; '+' stays a plus in paths", async () => {
    const client = await clientFor(get("/<name>", ({ name }) => `[${name}]`));
    await expectResponse(await client.get("/John%20Doe").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "[John Doe]",
    });
    await expectResponse(await client.get("/a+b").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "[a+b]",
    });
  });

  test("%2F stays inside one segment: /<a> matches /x%2Fy with a = 'x/y'", async () => {
    const client = await clientFor(
      get("/<a>", ({ a }) => `one [${a}]`),
      get("/<a>/<b>", ({ a, b }) => `two [${a}] [${b}]`),
      get("/x/y", () => "static x/y"),
    );
    await expectResponse(await client.get("/x%2Fy").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "one [x/y]",
    });
    await expectResponse(await client.get("/x/y").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "static x/y",
    });
  });

  test("invalid UTF-8 decodes lossily to U+FFFD; a stray '%' is kept", async () => {
    const client = await clientFor(get("/<s>", ({ s }) => `[${s}]`));
    await expectResponse(await client.get("/a%FFb").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "[a\uFFFDb]",
    });
    await expectResponse(await client.get("/100%").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "[100%]",
    });
    await expectResponse(await client.get("/a%zz").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "[a%zz]",
    });
  });

  test("str is the decoded segment; RawStr gets the raw, still-encoded segment", async () => {
    const client = await clientFor(
      get("/s/<v>", { v: str }, ({ v }) => `str [${v}]`),
      get("/r/<v>", { v: RawStr }, ({ v }) => `raw [${v}]`),
    );
    await expectResponse(await client.get("/s/a%20b%2Fc").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "str [a b/c]",
    });
    await expectResponse(await client.get("/r/a%20b%2Fc").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "raw [a%20b%2Fc]",
    });
  });

  test("a dynamic segment never matches an empty or missing segment", async () => {
    const client = await clientFor(get("/a/<b>", ({ b }) => `b=${b}`));
    await expectDefaultCatcher(await client.get("/a").dispatch(), 404);
    await expectDefaultCatcher(await client.get("/a//").dispatch(), 404);
  });

  test("<_> matches any one segment without a handler input", async () => {
    const client = await clientFor(get("/a/<_>/c", (input) => `keys ${JSON.stringify(Object.keys(input))}`));
    await expectResponse(await client.get("/a/anything/c").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "keys []",
    });
    await expectDefaultCatcher(await client.get("/a/c").dispatch(), 404);
  });
});

describe("trailing <path..> parameters match zero or more segments", () => {
  const files = get("/files/<path..>", ({ path }) => path);
  const safe = get("/safe/<path..>", { path: PathBuf }, ({ path }) => `path [${path}]`);
  const segs = get("/segs/<path..>", { path: segments }, ({ path }) => `${path.length}: ${path.join("|")}`);
  const client = clientFor(files, safe, segs);

  test("by default they are the decoded segments, as an array (JSON)", async () => {
    await expectResponse(await (await client).get("/files/a/b%20c/d").dispatch(), {
      status: 200,
      contentType: JSON_TYPE,
      body: '["a","b c","d"]',
    });
  });

  test("zero segments match: /files, /files/ and /files// all give []", async () => {
    for (const uri of ["/files", "/files/", "/files//"]) {
      await expectResponse(await (await client).get(uri).dispatch(), {
        status: 200,
        contentType: JSON_TYPE,
        body: "[]",
      });
    }
  });

  test("segments gives the decoded segments", async () => {
    await expectResponse(await (await client).get("/segs/x/%2F/y").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "3: x|/|y",
    });
    await expectResponse(await (await client).get("/segs").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "0: ",
    });
  });

  test("PathBuf joins the segments with '/'", async () => {
    await expectResponse(await (await client).get("/safe/a/b/c.txt").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "path [a/b/c.txt]",
    });
    await expectResponse(await (await client).get("/safe").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "path []",
    });
  });

  test("PathBuf pops '..' and never climbs above the root", async () => {
    await expectResponse(await (await client).get("/safe/a/../b").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "path [b]",
    });
    await expectResponse(await (await client).get("/safe/a/../../b").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "path [b]",
    });
  });

  test("PathBuf refuses dotfiles, '*' starts, ':'/'<'/'>' ends and an encoded '/': the route forwards with 422", async () => {
    for (const uri of [
      "/safe/.hidden",
      "/safe/a/%2E%2E%2Fetc",
      "/safe/*x",
      "/safe/c:",
      "/safe/a%3E",
      "/safe/a%3C",
      "/safe/a%2Fb",
    ]) {
      await expectDefaultCatcher(await (await client).get(uri).dispatch(), 422);
    }
  });

  test("a trailing parameter after static segments matches nothing shorter than its prefix", async () => {
    await expectDefaultCatcher(await (await client).get("/").dispatch(), 404);
  });

  test("a top-level /<path..> matches /, and static routes still win by rank", async () => {
    const c = await clientFor(
      get("/<p..>", ({ p }) => `catch-all ${p.length}`),
      get("/about", () => "about"),
    );
    await expectResponse(await c.get("/").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "catch-all 0",
    });
    await expectResponse(await c.get("/x/y/z").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "catch-all 3",
    });
    await expectResponse(await c.get("/about").dispatch(), { status: 200, contentType: TEXT, body: "about" });
  });

  test("trailing parameters after dynamic segments take the rest", async () => {
    const c = await clientFor(get("/<a>/<rest..>", ({ a, rest }) => `${a}: ${rest.join(",")}`));
    await expectResponse(await c.get("/x").dispatch(), { status: 200, contentType: TEXT, body: "x: " });
    await expectResponse(await c.get("/x/y/z").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "x: y,z",
    });
  });

  test("<_..> matches any rest without a handler input", async () => {
    const c = await clientFor(get("/ignored/<_..>", (input) => `keys ${Object.keys(input).length}`));
    await expectResponse(await c.get("/ignored/a/b").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "keys 0",
    });
  });
});

describe("the matched route is visible to the handler's request", () => {
  test("req.route names the route, its base and full URI", async () => {
    const Route = guard("Route", (req) => ({ outcome: "success" as const, value: req.route }));
    const c = await clientFor(
      get("/who/<x>", { r: Route }, ({ r }) => `${r?.method} ${r?.uri} ${r?.base} ${r?.rank}`),
    );
    await expectResponse(await c.get("/who/me").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "GET /who/<x> / -5",
    });
  });
});

describe("request fairings run before routing", () => {
  test("a request fairing that rewrites the URI changes what is routed", async () => {
    const rewrite: Fairing = {
      name: "Rewrite",
      onRequest(req) {
        if (req.path === "/old") req.setUri("/new/x?from=old");
      },
    };
    const client = await Client.tracked(
      quietApp([get("/new/<id>?<from>", ({ id, from }) => `new ${id} from ${from}`)]).attach(rewrite),
    );
    await expectResponse(await client.get("/old").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "new x from old",
    });
  });

  test("an async request fairing may rewrite the method", async () => {
    const toPut: Fairing = {
      name: "ToPut",
      async onRequest(req) {
        await Promise.resolve();
        if (req.header("x-put") !== undefined) req.method = "PUT";
      },
    };
    const client = await Client.tracked(
      quietApp([put("/", () => "put"), get("/", () => "get")]).attach(toPut),
    );
    await expectResponse(await client.get("/").header("x-put", "1").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "put",
    });
  });
});

describe("optional trailing parameters", () => {
  test("optional(PathBuf) gives undefined instead of forwarding", async () => {
    const client = await clientFor(get("/f/<p..>", { p: optional(PathBuf) }, ({ p }) => `p=${p}`));
    await expectResponse(await client.get("/f/a/b").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "p=a/b",
    });
    await expectResponse(await client.get("/f/.git/x").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "p=undefined",
    });
  });
});

describe("percent-encoded declarations", () => {
  test("a static segment declared encoded matches the decoded request segment", async () => {
    const route = get("/caf%C3%A9/menu", () => "menu");
    const client = await Client.untracked(build().configure({ log_level: "off" }).mount("/", [route]));
    assert.equal(await (await client.get("/caf%C3%A9/menu").dispatch()).text(), "menu");
    assert.equal((await client.get("/café/menu").dispatch()).status, 400);
  });

  test("a declared %2F stays inside its segment and never matches two segments", async () => {
    const route = get("/a%2Fb", () => "one segment");
    const client = await Client.untracked(build().configure({ log_level: "off" }).mount("/", [route]));
    assert.equal((await client.get("/a%2Fb").dispatch()).status, 200);
    assert.equal((await client.get("/a/b").dispatch()).status, 404);
  });

  test("an encoded mount base and catcher base match decoded requests", async () => {
    const route = get("/menu", () => "menu");
    const nf = catcher(404, () => "no such dish");
    const client = await Client.untracked(
      build().configure({ log_level: "off" }).mount("/caf%C3%A9", [route]).register("/caf%C3%A9", [nf]),
    );
    assert.equal(await (await client.get("/caf%C3%A9/menu").dispatch()).text(), "menu");
    assert.equal(await (await client.get("/caf%C3%A9/soup").dispatch()).text(), "no such dish");
  });

  test("a static query pair declared encoded matches the decoded request pair", async () => {
    const route = get("/search?kind=a%20b", () => "found");
    const client = await Client.untracked(build().configure({ log_level: "off" }).mount("/", [route]));
    assert.equal((await client.get("/search?kind=a+b").dispatch()).status, 200);
    assert.equal((await client.get("/search?kind=ab").dispatch()).status, 404);
  });
});
