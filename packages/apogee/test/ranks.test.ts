// Ranks (ROCKET.md §1.5, §1.7): default colour ranks from the unmounted URI, explicit ranks (negative too),
// ascending-rank dispatch, and stable mount order for equal ranks.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { build, Client, forward, get, guard, post, success } from "../src/index.ts";
import { clientFor, expectResponse, TEXT } from "./support/local.ts";

const ok = () => "ok";

describe("default ranks are Rocket's colour table (−12 … −1)", () => {
  const table: [string, number][] = [
    ["/a?b", -12], // static path, static query
    ["/a?b&<c>", -11], // static, partial
    ["/a?<c>", -10], // static, wild
    ["/a", -9], // static, none
    ["/a/<b>?c", -8], // partial, static
    ["/a/<b>?c&<d>", -7], // partial, partial
    ["/a/<b>?<d>", -6], // partial, wild
    ["/a/<b>", -5], // partial, none
    ["/<a>?c", -4], // wild, static
    ["/<a>?c&<d>", -3], // wild, partial
    ["/<a>?<d>", -2], // wild, wild
    ["/<a>", -1], // wild, none
  ];
  for (const [uri, rank] of table) {
    test(`GET ${uri} has default rank ${rank}`, () => {
      assert.equal(get(uri, ok).rank, rank);
    });
  }

  test("'/' counts as a static path: / is −9 and /?<q> is −10", () => {
    assert.equal(get("/", ok).rank, -9);
    assert.equal(get("/?<q>", ok).rank, -10);
    assert.equal(get("/?x=1", ok).rank, -12);
  });

  test("trailing <x..>, <_> and a trailing query <rest..> count as dynamic", () => {
    assert.equal(get("/<p..>", ok).rank, -1);
    assert.equal(get("/<_>", ok).rank, -1);
    assert.equal(get("/a/<_..>", ok).rank, -5);
    assert.equal(get("/a?<rest..>", ok).rank, -10);
    assert.equal(get("/a?x&<rest..>", ok).rank, -11);
  });

  test("the method does not change the default rank", () => {
    assert.equal(post("/<a>", ok).rank, -1);
    assert.equal(post("/a?b", ok).rank, -12);
  });
});

describe("ranks order dispatch", () => {
  test("a static route (−9) is tried before a dynamic one (−1) whatever the mount order", async () => {
    const client = await clientFor(
      get("/<name>", ({ name }) => `dynamic ${name}`),
      get("/hello", () => "static"),
    );
    await expectResponse(await client.get("/hello").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "static",
    });
    await expectResponse(await client.get("/other").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "dynamic other",
    });
  });

  test("a route with a static query pair (−12) is tried before the same path without (−9)", async () => {
    const client = await clientFor(
      get("/search", () => "plain"),
      get("/search?mode=fast", () => "fast"),
    );
    await expectResponse(await client.get("/search?mode=fast").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "fast",
    });
    await expectResponse(await client.get("/search?mode=slow").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "plain",
    });
  });

  test("an explicit negative rank goes before every default rank", async () => {
    const first = get({ uri: "/<x>", rank: -20 }, ({ x }) => `first ${x}`);
    const client = await clientFor(
      get("/a", () => "static"),
      first,
    );
    assert.equal(first.rank, -20);
    await expectResponse(await client.get("/a").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "first a",
    });
  });

  test("an explicit positive rank goes after the default ranks, and ranks forward in ascending order", async () => {
    const Pass = guard("Pass", (req) => (req.header("x-pass") === "yes" ? success(true) : forward(401)));
    const client = await clientFor(
      get({ uri: "/a", rank: 5 }, () => "rank 5"),
      get({ uri: "/a", rank: 1 }, { pass: Pass }, () => "rank 1"),
      get("/a", { pass: Pass }, () => "rank -9"),
    );
    await expectResponse(await client.get("/a").header("x-pass", "yes").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "rank -9",
    });
    await expectResponse(await client.get("/a").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "rank 5",
    });
  });

  test("rank 0 is a rank like any other", async () => {
    const client = await clientFor(
      get({ uri: "/<a>", rank: 0 }, ({ a }) => `zero ${a}`),
      get("/<a>", ({ a }) => `default ${a}`),
    );
    await expectResponse(await client.get("/q").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "default q",
    });
  });
});

describe("the default rank is computed from the unmounted URI", () => {
  test("/<x> mounted at /api keeps rank −1, below /api/<y> (−5), so they do not collide", async () => {
    const wild = get("/<x>", ({ x }) => `wild ${x}`);
    const partial = get("/api/<y>", ({ y }) => `partial ${y}`);
    const app = build().configure({ log_level: "off" }).mount("/api", [wild]).mount("/", [partial]);
    assert.deepEqual(
      app.routes.map((r) => [r.uri, r.rank]),
      [
        ["/api/<x>", -1],
        ["/api/<y>", -5],
      ],
    );
    const client = await Client.tracked(app);
    await expectResponse(await client.get("/api/z").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "partial z",
    });
  });
});

describe("equal ranks keep mount order", () => {
  test("the router orders by ascending rank, ties in mount order", async () => {
    const app = build()
      .configure({ log_level: "off" })
      .mount("/", [
        get({ uri: "/c", rank: 2 }, ok),
        get({ uri: "/a", rank: 1 }, ok),
        get({ uri: "/b", rank: 2 }, ok),
        get({ uri: "/d", rank: 1 }, ok),
        get({ uri: "/e", rank: -3 }, ok),
      ]);
    const client = await Client.tracked(app);
    assert.deepEqual(
      client.app.router.routes.map((r) => `${r.uri} ${r.rank}`),
      ["/e -3", "/a 1", "/d 1", "/c 2", "/b 2"],
    );
  });
});
