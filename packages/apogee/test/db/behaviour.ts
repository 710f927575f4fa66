// The behavioural suite every driver passes (SQLite, PostgreSQL, MariaDB, Redis): the `init()` fairing, the
// `Connection`, `Transaction`, `Native` and `&Db` guards, release on every outcome, 503 on exhaustion, sentinels
// and launch failures. Each driver's test file runs it against the real database.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import {
  Connection,
  type Database,
  type DbPool,
  type DriverName,
  database,
  Native,
  sql,
  Transaction,
} from "../../src/db/index.ts";
import {
  build,
  Client,
  catcher,
  error,
  get,
  guard,
  LaunchError,
  post,
  Redirect,
  Status,
  status,
  TextStream,
  u8,
} from "../../src/index.ts";
import { callerLine, expectResponse, JSON_TYPE, TEXT } from "../support/local.ts";
import { available, gate, type Sandbox, sandbox, sleep, tempFolder, uniqueName } from "./support.ts";

// Definition sites are shown relative to the working directory.
const FILE = relative(process.cwd(), fileURLToPath(import.meta.url));

/** How the suite reads and writes through whatever a driver's guards hand out. */
interface Family {
  prepare(pool: DbPool<any, any>): Promise<void>;
  get(conn: any, key: string): Promise<string | undefined>;
  put(conn: any, key: string, value: string): Promise<void>;
  /** Queues or runs a write inside the transaction value. */
  putIn(trx: any, key: string, value: string): Promise<void> | void;
}

function sqlFamily(): Family {
  return {
    async prepare(pool) {
      await pool.kysely.schema
        .createTable("kv")
        .ifNotExists()
        .addColumn("k", "varchar(100)", (c) => c.primaryKey())
        .addColumn("v", "varchar(100)", (c) => c.notNull())
        .execute();
    },
    async get(db, k) {
      const row = await db.selectFrom("kv").select("v").where("k", "=", k).executeTakeFirst();
      return row?.v;
    },
    async put(db, k, v) {
      await db.insertInto("kv").values({ k, v }).execute();
    },
    putIn(trx, k, v) {
      return trx.insertInto("kv").values({ k, v }).execute();
    },
  };
}

function redisFamily(prefix: string): Family {
  return {
    async prepare() {},
    async get(client, k) {
      return (await client.get(prefix + k)) ?? undefined;
    },
    async put(client, k, v) {
      await client.set(prefix + k, v);
    },
    putIn(multi, k, v) {
      multi.set(prefix + k, v);
    },
  };
}

/** Runs the behavioural suite for `driver` (skipped, loudly, when its server is absent outside CI). */
export function databaseBehaviour(driver: DriverName): void {
  describe(`the ${driver} driver passes the database behaviour suite`, async () => {
    const ok = await available(driver);
    let box: Sandbox & { prefix: string };
    let family: Family;
    before(async () => {
      if (!ok) return;
      box = await sandbox(driver);
      family = driver === "redis" ? redisFamily(box.prefix) : sqlFamily();
    });
    after(async () => {
      if (ok) await box.drop();
    });
    const it = (name: string, fn: () => Promise<void>) =>
      test(name, { skip: !ok && `no ${driver} server` }, fn);

    // A database, its routes and a quiet app; `extra` config merged into `databases.<name>`.
    function setup(extra: Record<string, unknown> = {}, declared: DriverName = driver) {
      const name = uniqueName("db");
      const Db = database(name, declared as "sqlite") as Database<any, any>;
      const Conn = Connection(Db) as any;
      const Trx = Transaction(Db) as any;
      const held = gate();
      const routes = [
        get("/get/<k>", { db: Conn }, async ({ db, k }) => (await family.get(db, k)) ?? null),
        post("/put/<k>/<v>", { db: Conn }, async ({ db, k, v }) => {
          await family.put(db, k, v);
          return "stored";
        }),
        post("/tx/<k>/<v>/<how>", { db: Trx }, async ({ db, k, v, how }) => {
          await family.putIn(db, k, v);
          if (how === "throw") throw new Error("the handler failed");
          if (how === "conflict") return status.Conflict("taken");
          if (how === "redirect") return Redirect.to(`/get/${k}`);
          return "committed";
        }),
        post("/tx-forward/<k>/<v>/<n>", { db: Trx, n: u8 }, async ({ db, k, v }) => {
          await family.putIn(db, k, v);
          return "committed";
        }),
        get("/hold", { db: Conn }, async () => {
          await held.promise;
          return "held";
        }),
        get("/throw", { db: Conn }, () => {
          throw new Error("boom");
        }),
        get("/then-fail", { db: Conn, no: guard("Nope", () => error(Status.Forbidden)) }, () => "never"),
        get("/pool", { pool: Db }, ({ pool }) => ({
          name: pool.name,
          driver: pool.driver,
          inUse: pool.stats.inUse,
        })),
        get("/native", { client: Native(Db) }, ({ client }) => typeof client),
      ];
      const app = build()
        .configure({ log_level: "off", databases: { [name]: { url: box.url, ...extra } } })
        .attach(Db.init())
        .mount("/", routes);
      return { name, Db, app, held };
    }

    async function started(extra: Record<string, unknown> = {}) {
      const s = setup(extra);
      const client = await Client.tracked(s.app);
      after(() => client.terminate());
      const pool = s.Db.fetch(client.app)!;
      await family.prepare(pool);
      return { ...s, client, pool };
    }

    it("a Connection reads and writes, and goes back to the pool once the response is sent", async () => {
      const { client, pool } = await started();
      await expectResponse(await client.post("/put/a1/apple").dispatch(), {
        status: 200,
        contentType: TEXT,
        body: "stored",
      });
      await expectResponse(await client.get("/get/a1").dispatch(), {
        status: 200,
        contentType: TEXT,
        body: "apple",
      });
      assert.equal(pool.stats.inUse, 0);
      assert.equal(pool.stats.idle, pool.stats.size);
    });

    it("a missing value answers 404 and still releases the connection", async () => {
      const { client, pool } = await started();
      const res = await client.get("/get/nothing-here").dispatch();
      assert.equal(res.status, 404);
      assert.equal(pool.stats.inUse, 0);
    });

    it("a handler that throws answers 500 and releases its connection", async () => {
      const { client, pool } = await started({ max_connections: 1 });
      for (let i = 0; i < 3; i++) assert.equal((await client.get("/throw").dispatch()).status, 500);
      assert.equal(pool.stats.inUse, 0);
      await expectResponse(await client.post("/put/t1/after").dispatch(), {
        status: 200,
        contentType: TEXT,
        body: "stored",
      });
    });

    it("a later guard that fails releases the connection an earlier guard took", async () => {
      const { client, pool } = await started({ max_connections: 1 });
      for (let i = 0; i < 3; i++) assert.equal((await client.get("/then-fail").dispatch()).status, 403);
      assert.equal(pool.stats.inUse, 0);
    });

    it("a streamed response keeps its connection until the body is sent, then gives it back", async () => {
      const { client, pool, Db } = await started();
      await client.post("/put/st/streamed").dispatch();
      const streamed = get("/stream", { db: Connection(Db) as any }, ({ db }) =>
        TextStream(
          (async function* () {
            yield "value: ";
            yield (await family.get(db, "st")) ?? "none";
          })(),
        ),
      );
      const c2 = await Client.tracked(
        build()
          .configure({ log_level: "off", databases: { [Db.name]: { url: box.url, max_connections: 1 } } })
          .attach(Db.init())
          .mount("/", [streamed]),
      );
      after(() => c2.terminate());
      const pool2 = Db.fetch(c2.app)!;
      const res = await c2.get("/stream").dispatch();
      assert.equal(pool2.stats.inUse, 1, "held while the body is being sent");
      assert.equal(await res.text(), "value: streamed");
      await sleep(0);
      assert.equal(pool2.stats.inUse, 0);
      assert.equal(pool.stats.inUse, 0);
    });

    it("a streamed response the client abandons gives its connection back too", async () => {
      const { Db } = await started();
      const endless = get("/endless", { db: Connection(Db) as any }, () =>
        TextStream(
          (async function* () {
            for (;;) yield "tick\n";
          })(),
        ),
      );
      const c2 = await Client.tracked(
        build()
          .configure({ log_level: "off", databases: { [Db.name]: { url: box.url, max_connections: 1 } } })
          .attach(Db.init())
          .mount("/", [endless]),
      );
      after(() => c2.terminate());
      const pool2 = Db.fetch(c2.app)!;
      const res = await c2.get("/endless").dispatch();
      assert.equal(pool2.stats.inUse, 1);
      res.cancel();
      await sleep(10);
      assert.equal(pool2.stats.inUse, 0);
    });

    it("a Transaction commits when the route answers 2xx", async () => {
      const { client, pool } = await started();
      await expectResponse(await client.post("/tx/c1/kept/ok").dispatch(), {
        status: 200,
        contentType: TEXT,
        body: "committed",
      });
      await expectResponse(await client.get("/get/c1").dispatch(), {
        status: 200,
        contentType: TEXT,
        body: "kept",
      });
      assert.equal(pool.stats.inUse, 0);
    });

    it("a Transaction commits when the route answers 3xx", async () => {
      const { client } = await started();
      const res = await client.post("/tx/c2/moved/redirect").dispatch();
      assert.equal(res.status, 303);
      assert.equal(res.headers.get("location"), "/get/c2");
      await expectResponse(await client.get("/get/c2").dispatch(), {
        status: 200,
        contentType: TEXT,
        body: "moved",
      });
    });

    it("a Transaction rolls back when the route answers an error status", async () => {
      const { client, pool } = await started();
      await expectResponse(await client.post("/tx/r1/lost/conflict").dispatch(), {
        status: 409,
        contentType: TEXT,
        body: "taken",
      });
      assert.equal((await client.get("/get/r1").dispatch()).status, 404);
      assert.equal(pool.stats.inUse, 0);
    });

    it("a Transaction rolls back when the handler throws", async () => {
      const { client, pool } = await started();
      assert.equal((await client.post("/tx/r2/lost/throw").dispatch()).status, 500);
      assert.equal((await client.get("/get/r2").dispatch()).status, 404);
      assert.equal(pool.stats.inUse, 0);
    });

    it("a Transaction rolls back when the route forwards", async () => {
      const { client, pool } = await started();
      // `<n>` is parsed after the guards: `x` is not a u8, the route forwards (422) with its transaction begun.
      assert.equal((await client.post("/tx-forward/r3/lost/x").dispatch()).status, 422);
      assert.equal((await client.get("/get/r3").dispatch()).status, 404);
      await expectResponse(await client.post("/tx-forward/r4/kept/7").dispatch(), {
        status: 200,
        contentType: TEXT,
        body: "committed",
      });
      await expectResponse(await client.get("/get/r4").dispatch(), {
        status: 200,
        contentType: TEXT,
        body: "kept",
      });
      assert.equal(pool.stats.inUse, 0);
    });

    it("a forwarding route gives its connection back before the next route takes one", async () => {
      const name = uniqueName("db");
      const Db = database(name, driver as "sqlite") as Database<any, any>;
      const first = get("/<n>", { db: Connection(Db) as any, n: u8 }, () => "first");
      const second = get({ uri: "/<n>", rank: 2 }, { db: Connection(Db) as any }, ({ n }) => `second ${n}`);
      const app = build()
        .configure({
          log_level: "off",
          databases: { [name]: { url: box.url, max_connections: 1, connect_timeout: 0.3 } },
        })
        .attach(Db.init())
        .mount("/", [first, second]);
      const client = await Client.tracked(app);
      after(() => client.terminate());
      await expectResponse(await client.get("/seven").dispatch(), {
        status: 200,
        contentType: TEXT,
        body: "second seven",
      });
      assert.equal(Db.fetch(client.app)!.stats.inUse, 0);
    });

    it("an exhausted pool answers 503 after connect_timeout, then serves again once a connection is free", async () => {
      const { client, pool, held } = await started({ max_connections: 1, connect_timeout: 0.25 });
      const holding = client.get("/hold").dispatch();
      while (pool.stats.inUse === 0) await sleep(5);
      const start = performance.now();
      const refused = await client.get("/get/x").dispatch();
      const waited = performance.now() - start;
      assert.equal(refused.status, 503);
      assert.ok(waited >= 240 && waited < 2000, `waited ${waited} ms`);
      held.open();
      await expectResponse(await holding, { status: 200, contentType: TEXT, body: "held" });
      assert.equal((await client.get("/get/x").dispatch()).status, 404);
      assert.equal(pool.stats.inUse, 0);
    });

    it("the reason for a 503 reaches the catcher", async () => {
      const s = setup({ max_connections: 1, connect_timeout: 0.1 });
      const unavailable = catcher(503, (_status, req) => `unavailable: ${(req.error as Error).name}`);
      const client = await Client.tracked(s.app.register("/", [unavailable]));
      after(() => client.terminate());
      const holding = client.get("/hold").dispatch();
      while (s.Db.fetch(client.app)!.stats.inUse === 0) await sleep(5);
      await expectResponse(await client.get("/get/x").dispatch(), {
        status: 503,
        contentType: TEXT,
        body: "unavailable: PoolError",
      });
      s.held.open();
      await holding;
    });

    it("the database itself is a guard giving its pool (Rocket's &Db)", async () => {
      const { client, name, pool } = await started();
      await expectResponse(await client.get("/pool").dispatch(), {
        status: 200,
        contentType: JSON_TYPE,
        body: JSON.stringify({ name, driver: pool.driver, inUse: 0 }),
      });
    });

    it("Native gives the driver's own client and releases it like a Connection", async () => {
      const { client, pool } = await started();
      await expectResponse(await client.get("/native").dispatch(), {
        status: 200,
        contentType: TEXT,
        body: "object",
      });
      assert.equal(pool.stats.inUse, 0);
    });

    it("max_connections defaults to workers × 4", async () => {
      const s = setup();
      const client = await Client.tracked(s.app.configure({ workers: 3 }));
      after(() => client.terminate());
      assert.equal(
        s.Db.fetch(client.app)!.config.max_connections,
        driver === "sqlite" && box.url.includes(":memory:") ? 1 : 12,
      );
    });

    it("shutdown closes the pool: every connection is closed", async () => {
      const { client, pool } = await started({ min_connections: 2 });
      await client.post("/put/s1/x").dispatch();
      assert.ok(pool.stats.size >= 1);
      await client.terminate();
      assert.deepEqual(pool.stats, { size: 0, idle: 0, inUse: 0, waiting: 0 });
    });

    it("a route asking for a database whose fairing is not attached aborts launch (sentinel)", async () => {
      const name = uniqueName("db");
      const Db = database(name, driver as "sqlite") as Database<any, any>;
      const line = callerLine() + 1;
      const r = get("/", { db: Connection(Db) as any }, () => "never");
      const t = post("/", { db: Transaction(Db) as any }, () => "never");
      const e = await Client.tracked(build().configure({ log_level: "off" }).mount("/", [r, t])).then(
        () => assert.fail("launched"),
        (e: unknown) => e,
      );
      assert.ok(e instanceof LaunchError);
      assert.equal(e.kind, "sentinels");
      const why = `database \`${name}\` is not initialised: attach its fairing, \`.attach(<database>.init())\``;
      assert.deepEqual(e.problems, [
        `Connection<${name}> in (r) GET / (${FILE}:${line}): ${why}`,
        `Transaction<${name}> in (t) POST / (${FILE}:${line + 1}): ${why}`,
      ]);
    });

    it("a database without a url aborts launch, naming the key", async () => {
      const name = uniqueName("db");
      const Db = database(name, driver as "sqlite");
      const e = await Client.tracked(build().configure({ log_level: "off" }).attach(Db.init())).then(
        () => assert.fail("launched"),
        (e: unknown) => e,
      );
      assert.ok(e instanceof LaunchError);
      assert.equal(e.kind, "fairings");
      assert.equal(e.problems.length, 1);
      assert.match(
        e.problems[0]!,
        new RegExp(`^'${name}' Database Pool: invalid configuration for database \`${name}\`:`),
      );
      assert.match(
        e.problems[0]!,
        new RegExp(`databases\\.${name}\\.url is missing \\(profile debug\\): a database URL is required`),
      );
    });

    it("a URL for the other family aborts launch", async () => {
      const name = uniqueName("db");
      const Db = database(name, driver as "sqlite");
      const url = driver === "redis" ? "postgres://u@127.0.0.1/x" : "redis://127.0.0.1:6379";
      const e = await Client.tracked(
        build()
          .configure({ log_level: "off", databases: { [name]: { url } } })
          .attach(Db.init()),
      ).then(
        () => assert.fail("launched"),
        (e: unknown) => e,
      );
      assert.ok(e instanceof LaunchError);
      assert.match(e.message, new RegExp(`was declared as a ${driver} database`));
    });

    it("an unreachable database aborts launch, naming it, with the driver's reason and never the password", async () => {
      const name = uniqueName("db");
      const Db = database(name, driver as "sqlite");
      const blocker = join(tempFolder(), "a-file");
      writeFileSync(blocker, "");
      const [url, shown] = {
        sqlite: [`sqlite://${blocker}/sub/x.db`, `sqlite://${blocker}/sub/x.db`],
        postgres: ["postgres://app:s3cret-pw@127.0.0.1:1/test", "postgres://app:***@127.0.0.1:1/test"],
        mysql: ["mysql://app:s3cret-pw@127.0.0.1:1/test", "mysql://app:***@127.0.0.1:1/test"],
        redis: ["redis://:s3cret-pw@127.0.0.1:1", "redis://:***@127.0.0.1:1"],
      }[driver];
      const e = await Client.tracked(
        build()
          .configure({ log_level: "off", databases: { [name]: { url, connect_timeout: 2 } } })
          .attach(Db.init()),
      ).then(
        () => assert.fail("launched"),
        (e: unknown) => e,
      );
      assert.ok(e instanceof LaunchError);
      assert.equal(e.kind, "fairings");
      assert.equal(e.problems.length, 1);
      const reason = driver === "sqlite" ? "ENOTDIR" : "ECONNREFUSED";
      assert.ok(
        e.problems[0]!.startsWith(
          `'${name}' Database Pool: could not connect to database \`${name}\` at ${shown}: `,
        ),
        e.problems[0],
      );
      assert.match(e.problems[0]!, new RegExp(reason));
      assert.doesNotMatch(e.message, /s3cret-pw/);
    });

    if (driver !== "redis") {
      it("count(*) arrives as a number, as on every SQL driver", async () => {
        const { client, Db } = await started();
        const count = await Client.tracked(
          build()
            .configure({ log_level: "off", databases: { [Db.name]: { url: box.url } } })
            .attach(Db.init())
            .mount("/", [
              get("/count", { db: Connection(Db) as any }, async ({ db }) =>
                db
                  .selectFrom("kv")
                  .select((eb: any) => eb.fn.countAll().as("n"))
                  .executeTakeFirstOrThrow(),
              ),
            ]),
        );
        after(() => count.terminate());
        const before = (await (await count.get("/count").dispatch()).json()) as { n: unknown };
        assert.equal(typeof before.n, "number");
        await client.post("/put/n1/x").dispatch();
        await client.post("/put/n2/y").dispatch();
        await expectResponse(await count.get("/count").dispatch(), {
          status: 200,
          contentType: JSON_TYPE,
          body: `{"n":${(before.n as number) + 2}}`,
        });
      });
    }

    it("raw SQL or raw commands run on the request's connection", async () => {
      const name = uniqueName("db");
      const Db = database(name, driver as "sqlite") as Database<any, any>;
      const raw = get("/raw", { db: Connection(Db) as any }, async ({ db }) =>
        driver === "redis"
          ? String(await db.call("PING"))
          : String((await sql<{ one: number }>`select 1 as one`.execute(db)).rows[0]!.one),
      );
      const client = await Client.tracked(
        build()
          .configure({ log_level: "off", databases: { [name]: { url: box.url } } })
          .attach(Db.init())
          .mount("/", [raw]),
      );
      after(() => client.terminate());
      await expectResponse(await client.get("/raw").dispatch(), {
        status: 200,
        contentType: TEXT,
        body: driver === "redis" ? "PONG" : "1",
      });
    });
  });
}
