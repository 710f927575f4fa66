// Collisions (ROCKET.md §1.6): same method, same rank, colliding paths (queries ignored) and colliding formats
// abort launch with one LaunchError listing every pair with both definition sites.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  type Apogee,
  build,
  Client,
  catcher,
  del,
  get,
  head,
  LaunchError,
  post,
  put,
  type Route,
} from "../src/index.ts";
import { callerLine, clientFor, expectResponse, TEXT } from "./support/local.ts";

const ok = () => "ok";
const FILE = "packages/apogee/test/collisions.test.ts";

/** The LaunchError's problems when `app` fails to ignite, or `[]` when it ignites. */
async function problemsOf(app: Apogee): Promise<readonly string[]> {
  try {
    await app.ignite();
    return [];
  } catch (e) {
    assert.ok(e instanceof LaunchError, `expected a LaunchError, got ${String(e)}`);
    assert.equal(e.kind, "collisions");
    return e.problems;
  }
}

function app(...routes: Route<any, any, any, any>[]): Apogee {
  return build().configure({ log_level: "off" }).mount("/", routes);
}

/** How many colliding pairs `routes` have when mounted at `/`. */
async function pairs(...routes: Route<any, any, any, any>[]): Promise<number> {
  return (await problemsOf(app(...routes))).length;
}

describe("route collisions abort launch", () => {
  test("every colliding pair is reported in one LaunchError, with both definition sites", async () => {
    // Inline handlers: the names shown are the variables the routes are assigned to.
    const a = get({ uri: "/<a>", rank: 1 }, () => "a");
    const aLine = callerLine() - 1;
    const b = get({ uri: "/<b>", rank: 1 }, () => "b");
    const bLine = callerLine() - 1;
    const c = get({ uri: "/hello", rank: 1 }, () => "c");
    const cLine = callerLine() - 1;
    const other = get({ uri: "/hello", rank: 2 }, ok);
    const nf1 = catcher(404, () => "nf1");
    const nf1Line = callerLine() - 1;
    const nf2 = catcher(404, () => "nf2");
    const nf2Line = callerLine() - 1;
    const failure = build()
      .configure({ log_level: "off" })
      .mount("/", [a, b, c, other])
      .register("/", [nf1, nf2])
      .ignite();
    await assert.rejects(failure, (e: unknown) => {
      assert.ok(e instanceof LaunchError);
      assert.equal(e.kind, "collisions");
      assert.deepEqual(e.problems, [
        `(a) GET /<a> (${FILE}:${aLine}) collides with (b) GET /<b> (${FILE}:${bLine})`,
        `(a) GET /<a> (${FILE}:${aLine}) collides with (c) GET /hello (${FILE}:${cLine})`,
        `(b) GET /<b> (${FILE}:${bLine}) collides with (c) GET /hello (${FILE}:${cLine})`,
        `catcher (nf1) 404 (${FILE}:${nf1Line}) collides with (nf2) 404 (${FILE}:${nf2Line})`,
      ]);
      assert.match(e.message, /^Apogee failed to launch due to the following collisions/);
      assert.match(e.message, /\naborting due to detected routing collisions$/);
      for (const p of e.problems) assert.ok(e.message.includes(`   >> ${p}`));
      return true;
    });
  });

  test("a local client cannot be created for a colliding app", async () => {
    await assert.rejects(
      Client.tracked(app(get("/a/<b>", ok), get("/<a>/b", ok))),
      (e: unknown) => e instanceof LaunchError && e.kind === "collisions" && e.problems.length === 1,
    );
  });
});

describe("which paths collide (same rank)", () => {
  test("/<a> collides with /hello", async () => {
    assert.equal(await pairs(get({ uri: "/<a>", rank: 1 }, ok), get({ uri: "/hello", rank: 1 }, ok)), 1);
  });

  test("/a/<b> and /<a>/b collide even with default ranks (both −5)", async () => {
    assert.equal(await pairs(get("/a/<b>", ok), get("/<a>/b", ok)), 1);
  });

  test("/<_> and / do not collide", async () => {
    assert.equal(await pairs(get({ uri: "/<_>", rank: 1 }, ok), get({ uri: "/", rank: 1 }, ok)), 0);
  });

  test("/a/<_> and /a do not collide", async () => {
    assert.equal(await pairs(get({ uri: "/a/<_>", rank: 1 }, ok), get({ uri: "/a", rank: 1 }, ok)), 0);
  });

  test("/hello and /hello/ collide (a route / mounted at /hello/)", async () => {
    const problems = await problemsOf(
      build()
        .configure({ log_level: "off" })
        .mount("/", [get("/hello", ok)])
        .mount("/hello/", [get("/", ok)]),
    );
    assert.equal(problems.length, 1);
  });

  test("/a/<p..> collides with /a, and /<a..> with /", async () => {
    assert.equal(await pairs(get({ uri: "/a/<p..>", rank: 1 }, ok), get({ uri: "/a", rank: 1 }, ok)), 1);
    assert.equal(await pairs(get({ uri: "/<a..>", rank: 1 }, ok), get({ uri: "/", rank: 1 }, ok)), 1);
  });

  test("a trailing parameter collides with any longer path", async () => {
    assert.equal(
      await pairs(get({ uri: "/a/<p..>", rank: 1 }, ok), get({ uri: "/a/b/c/d", rank: 1 }, ok)),
      1,
    );
  });

  test("different static segments do not collide", async () => {
    assert.equal(await pairs(get("/a/<x>", ok), get("/b/<x>", ok)), 0);
    assert.equal(await pairs(get("/a", ok), get("/a/b", ok)), 0);
  });

  test("queries are ignored: /a?<b> collides with /a at the same rank", async () => {
    assert.equal(await pairs(get({ uri: "/a?<b>", rank: 1 }, ok), get({ uri: "/a", rank: 1 }, ok)), 1);
  });

  test("queries are ignored: /a?x=1 collides with /a?y=2 (both −12)", async () => {
    assert.equal(await pairs(get("/a?x=1", ok), get("/a?y=2", ok)), 1);
  });

  test("different ranks never collide", async () => {
    assert.equal(await pairs(get("/<a>", ok), get("/hello", ok)), 0);
    assert.equal(await pairs(get({ uri: "/a", rank: 1 }, ok), get({ uri: "/a", rank: 2 }, ok)), 0);
  });

  test("different methods never collide", async () => {
    assert.equal(await pairs(get("/a", ok), post("/a", ok), put("/a", ok), del("/a", ok), head("/a", ok)), 0);
  });

  test("the same route mounted twice at the same base collides with itself", async () => {
    const r = get("/a", ok);
    assert.equal(await pairs(r, r), 1);
  });

  test("the same routes mounted at two bases do not collide", async () => {
    const r = get("/a", ok);
    const problems = await problemsOf(
      build().configure({ log_level: "off" }).mount("/v1", [r]).mount("/v2", [r]),
    );
    assert.deepEqual(problems, []);
  });
});

describe("which formats collide", () => {
  test("non-payload methods: formats always collide (json vs html GET at the same rank)", async () => {
    assert.equal(
      await pairs(get({ uri: "/", format: "json" }, ok), get({ uri: "/", format: "html" }, ok)),
      1,
    );
  });

  test("payload methods: disjoint formats do not collide (json vs xml)", async () => {
    assert.equal(
      await pairs(post({ uri: "/", format: "json" }, ok), post({ uri: "/", format: "xml" }, ok)),
      0,
    );
  });

  test("payload methods: a format collides with no format", async () => {
    assert.equal(await pairs(post({ uri: "/", format: "json" }, ok), post("/", ok)), 1);
  });

  test("payload methods: overlapping formats collide (json vs application/*)", async () => {
    assert.equal(
      await pairs(put({ uri: "/", format: "json" }, ok), put({ uri: "/", format: "application/*" }, ok)),
      1,
    );
  });

  test("payload methods: two routes without a format collide", async () => {
    assert.equal(await pairs(del("/x", ok), del("/x", ok)), 1);
  });

  test("payload routes with disjoint formats both serve, chosen by Content-Type", async () => {
    const client = await clientFor(
      post({ uri: "/", format: "json" }, () => "json"),
      post({ uri: "/", format: "xml" }, () => "xml"),
    );
    await expectResponse(await client.post("/").header("content-type", "application/json").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "json",
    });
    await expectResponse(await client.post("/").header("content-type", "text/xml").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "xml",
    });
  });
});

describe("catcher collisions", () => {
  async function catcherProblems(...registrations: [string, ReturnType<typeof catcher>[]][]) {
    let a = build().configure({ log_level: "off" });
    for (const [base, catchers] of registrations) a = a.register(base, catchers);
    return problemsOf(a);
  }

  test("two catchers with the same code and base collide", async () => {
    assert.equal((await catcherProblems(["/", [catcher(404, ok), catcher(404, ok)]])).length, 1);
  });

  test("two default catchers with the same base collide", async () => {
    assert.equal(
      (await catcherProblems(["/api", [catcher("default", ok)]], ["/api/", [catcher("default", ok)]])).length,
      1,
    );
  });

  test("the same code at different bases does not collide", async () => {
    assert.equal((await catcherProblems(["/", [catcher(404, ok)]], ["/api", [catcher(404, ok)]])).length, 0);
  });

  test("a default catcher and a 404 catcher at the same base do not collide", async () => {
    assert.equal((await catcherProblems(["/", [catcher(404, ok), catcher("default", ok)]])).length, 0);
  });
});
