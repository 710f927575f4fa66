// The RateLimit fairing: fixed windows per client, 429 through the catchers before any route runs, Retry-After and
// RateLimit-* headers, keys, skips, a failing store, and the stores themselves (memory, and a real Redis).
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { Redis } from "ioredis";
import {
  Client,
  catcher,
  get,
  MemoryStore,
  RateLimit,
  type RateLimitOptions,
  type RateLimitStore,
  RedisStore,
  type Request,
} from "../src/index.ts";
import { available, uniqueName } from "./db/support.ts";
import { capture } from "./support/config.ts";
import { expectDefaultCatcher, expectResponse, quietApp, TEXT } from "./support/local.ts";

let runs = 0;
const counted = get("/", () => {
  runs++;
  return "hello";
});

function clock(start = 1_000_000) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

async function client(options: Partial<RateLimitOptions> & { store?: RateLimitStore } = {}) {
  const c = clock();
  const app = quietApp([counted]).attach(
    RateLimit({ limit: 2, window: "1m", store: new MemoryStore(c.now), ...options }),
  );
  return { client: await Client.untracked(app), clock: c };
}

const from = (c: Client, ip: string, path = "/") => c.get(path).remote(`${ip}:4000`);

describe("RateLimit", () => {
  test("requests within the limit pass, each counted in the RateLimit-* headers", async () => {
    const { client: c } = await client();
    for (const remaining of ["1", "0"]) {
      await expectResponse(await from(c, "10.0.0.1").dispatch(), {
        status: 200,
        contentType: TEXT,
        body: "hello",
        headers: {
          "ratelimit-limit": "2",
          "ratelimit-remaining": remaining,
          "ratelimit-reset": "60",
          "retry-after": null,
        },
      });
    }
  });

  test("over the limit: 429 through the catcher with Retry-After, and the route never runs", async () => {
    const { client: c, clock: t } = await client();
    await from(c, "10.0.0.2").dispatch();
    await from(c, "10.0.0.2").dispatch();
    t.advance(15_500);
    const before = runs;
    const res = await from(c, "10.0.0.2").dispatch();
    await expectDefaultCatcher(res, 429, false, {
      "retry-after": "45",
      "ratelimit-limit": "2",
      "ratelimit-remaining": "0",
      "ratelimit-reset": "45",
    });
    assert.equal(runs, before, "the handler ran");
  });

  test("a new window starts once the old one ends", async () => {
    const { client: c, clock: t } = await client();
    for (let i = 0; i < 3; i++) await from(c, "10.0.0.3").dispatch();
    t.advance(60_000);
    const res = await from(c, "10.0.0.3").dispatch();
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("ratelimit-remaining"), "1");
  });

  test("each client IP is counted on its own, the ip_header (X-Real-IP) first", async () => {
    const { client: c } = await client();
    for (let i = 0; i < 3; i++) await from(c, "10.0.0.4").dispatch();
    assert.equal((await from(c, "10.0.0.4").dispatch()).status, 429);
    assert.equal((await from(c, "10.0.0.5").dispatch()).status, 200);
    const viaHeader = await from(c, "10.0.0.4").header("x-real-ip", "192.0.2.9").dispatch();
    assert.equal(viaHeader.status, 200);
  });

  test("a request with no key (no address at all) is not limited", async () => {
    const { client: c } = await client();
    for (let i = 0; i < 4; i++) {
      const res = await c.get("/").dispatch();
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("ratelimit-limit"), undefined);
    }
  });

  test("`key` groups requests its own way; `skip` leaves requests uncounted", async () => {
    const key = (req: Request) => req.header("x-api-key");
    const skip = (req: Request) => req.header("x-health") === "1";
    const { client: c } = await client({ key, skip, limit: 1 });
    assert.equal((await c.get("/").header("x-api-key", "a").dispatch()).status, 200);
    assert.equal((await c.get("/").header("x-api-key", "a").dispatch()).status, 429);
    assert.equal((await c.get("/").header("x-api-key", "b").dispatch()).status, 200);
    const skipped = await c.get("/").header("x-api-key", "a").header("x-health", "1").dispatch();
    assert.equal(skipped.status, 200);
    assert.equal(skipped.headers.get("ratelimit-limit"), undefined);
  });

  test("a registered 429 catcher answers a limited request", async () => {
    const slowDown = catcher(429, () => "slow down");
    const c = await Client.untracked(
      quietApp([counted])
        .register("/", [slowDown])
        .attach(RateLimit({ limit: 1, window: 1000, store: new MemoryStore(() => 0) })),
    );
    await from(c, "10.0.0.6").dispatch();
    await expectResponse(await from(c, "10.0.0.6").dispatch(), {
      status: 429,
      contentType: TEXT,
      body: "slow down",
      headers: { "retry-after": "1" },
    });
  });

  test("`headers: false` sends no RateLimit-* headers, but still Retry-After on a 429", async () => {
    const { client: c } = await client({ headers: false, limit: 1 });
    const ok = await from(c, "10.0.0.7").dispatch();
    assert.equal(ok.headers.get("ratelimit-limit"), undefined);
    const limited = await from(c, "10.0.0.7").dispatch();
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get("retry-after"), "60");
    assert.equal(limited.headers.get("ratelimit-remaining"), undefined);
  });

  test("a store that fails is logged, and the request goes through unlimited", async () => {
    const log = capture();
    const broken: RateLimitStore = {
      hit: () => Promise.reject(new Error("store down")),
    };
    const app = quietApp([counted])
      .configure({ log_level: "critical" })
      .logTo(log.sink)
      .attach(RateLimit({ limit: 1, window: "1s", store: broken }));
    const c = await Client.untracked(app);
    const res = await from(c, "10.0.0.8").dispatch();
    await expectResponse(res, {
      status: 200,
      contentType: TEXT,
      body: "hello",
      headers: { "ratelimit-limit": null },
    });
    assert.ok(
      log.err.includes("Error: RateLimit: the store failed; the request is not limited."),
      log.err.join("\n"),
    );
  });

  test("bad options throw when the fairing is made", () => {
    assert.throws(() => RateLimit({ limit: 0, window: "1m" }), /limit must be a whole number above 0, got 0/);
    assert.throws(
      () => RateLimit({ limit: 5, window: "soon" }),
      /window must be whole milliseconds or a duration/,
    );
    assert.throws(() => RateLimit({ limit: 5, window: 0 }), /got 0/);
    assert.throws(() => new RedisStore({} as never), /RedisStore takes a Redis client/);
  });
});

describe("MemoryStore", () => {
  test("counts per key in windows that start with the key's first request", () => {
    const t = clock(0);
    const store = new MemoryStore(t.now);
    assert.deepEqual(store.hit("a", 1000), { count: 1, resetMs: 1000 });
    t.advance(400);
    assert.deepEqual(store.hit("a", 1000), { count: 2, resetMs: 600 });
    assert.deepEqual(store.hit("b", 1000), { count: 1, resetMs: 1000 });
    t.advance(600);
    assert.deepEqual(store.hit("a", 1000), { count: 1, resetMs: 1000 });
  });

  test("expired windows are swept, so memory follows the recent clients", () => {
    const t = clock(0);
    const store = new MemoryStore(t.now);
    for (let i = 0; i < 100; i++) store.hit(`ip${i}`, 1000);
    assert.equal(store.size, 100);
    t.advance(1001);
    store.hit("late", 1000);
    assert.equal(store.size, 1);
  });
});

describe("RedisStore (a real Redis)", async () => {
  const ok = await available("redis");
  const redis = ok
    ? new Redis("redis://127.0.0.1:6379", { lazyConnect: true, maxRetriesPerRequest: 1 })
    : undefined;
  if (redis !== undefined) await redis.connect();
  const prefix = `${uniqueName("ratelimit")}:`;
  after(async () => {
    if (redis === undefined) return;
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  test("counts in Redis, with the window's time left", { skip: !ok && "no redis server" }, async () => {
    const store = new RedisStore(redis!, { prefix });
    const first = await store.hit("1.2.3.4", 60_000);
    assert.equal(first.count, 1);
    assert.ok(first.resetMs > 59_000 && first.resetMs <= 60_000, String(first.resetMs));
    const second = await store.hit("1.2.3.4", 60_000);
    assert.equal(second.count, 2);
    assert.equal(await redis!.get(`${prefix}1.2.3.4`), "2");
    assert.equal((await store.hit("5.6.7.8", 60_000)).count, 1);
  });

  test("the window expires in Redis, and counting starts again", {
    skip: !ok && "no redis server",
  }, async () => {
    const store = new RedisStore(redis!, { prefix });
    await store.hit("expiring", 150);
    await store.hit("expiring", 150);
    await new Promise((r) => setTimeout(r, 250));
    assert.equal((await store.hit("expiring", 150)).count, 1);
  });

  test("a client with only call(...) works too", { skip: !ok && "no redis server" }, async () => {
    const viaCall = {
      call: (command: string, ...args: (string | number)[]) => redis!.call(command, ...args),
    };
    const store = new RedisStore(viaCall, { prefix });
    assert.equal((await store.hit("call", 60_000)).count, 1);
    assert.equal((await store.hit("call", 60_000)).count, 2);
  });

  test("an app limited through Redis answers 429 past the limit", {
    skip: !ok && "no redis server",
  }, async () => {
    const app = quietApp([counted]).attach(
      RateLimit({ limit: 1, window: "1m", store: new RedisStore(redis!, { prefix: `${prefix}app:` }) }),
    );
    const c = await Client.untracked(app);
    assert.equal((await from(c, "10.1.1.1").dispatch()).status, 200);
    const limited = await from(c, "10.1.1.1").dispatch();
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get("retry-after"), "60");
  });
});
