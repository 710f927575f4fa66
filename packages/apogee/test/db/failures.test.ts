// Failure behaviour against real databases: a database that stops mid-run (through a proxy the test controls)
// answers 503 and recovers without a restart; shutdown waits for queries in flight; and 10,000 requests with random
// failures leak no connection, counted by the pool and by the server itself.
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import {
  Connection,
  type Database,
  type DbPool,
  type DriverName,
  database,
  sql,
  Transaction,
} from "../../src/db/index.ts";
import { build, Client, error, get, guard, post, Status, status, success, u8 } from "../../src/index.ts";
import { expectResponse, TEXT } from "../support/local.ts";
import { TcpProxy } from "./proxy.ts";
import { available, gate, MYSQL_BASE, PG_BASE, sandbox, sleep, uniqueName } from "./support.ts";

const PORTS = { postgres: 5432, mysql: 3306, redis: 6379 } as const;

// Reads and writes `kv` (SQL) or prefixed keys (Redis) through what the guards hand out.
function store(driver: DriverName, prefix: string) {
  const redis = driver === "redis";
  return {
    async prepare(pool: DbPool<any, any>) {
      if (redis) return;
      await pool.kysely.schema
        .createTable("kv")
        .ifNotExists()
        .addColumn("k", "varchar(100)", (c) => c.primaryKey())
        .addColumn("v", "varchar(100)", (c) => c.notNull())
        .execute();
    },
    async get(db: any, k: string): Promise<string | null> {
      if (redis) return db.get(prefix + k);
      return (await db.selectFrom("kv").select("v").where("k", "=", k).executeTakeFirst())?.v ?? null;
    },
    async put(db: any, k: string, v: string): Promise<void> {
      if (redis) await db.set(prefix + k, v);
      else await db.insertInto("kv").values({ k, v }).execute();
    },
  };
}

// What the database server itself says about the connections a pool opened (undefined for SQLite).
async function serverConnections(
  driver: DriverName,
  name: string,
  dbName: string,
): Promise<number | undefined> {
  if (driver === "postgres") {
    const pg = (await import("pg")).default;
    const c = new pg.Client({ connectionString: PG_BASE });
    await c.connect();
    const r = await c.query("select count(*)::int as n from pg_stat_activity where application_name = $1", [
      `apogee:${name}`,
    ]);
    await c.end();
    return r.rows[0].n;
  }
  if (driver === "mysql") {
    const mysql = (await import("mysql2/promise")).default;
    const c = await mysql.createConnection(`${MYSQL_BASE}/test`);
    const [rows] = await c.query("select count(*) as n from information_schema.processlist where db = ?", [
      dbName,
    ]);
    await c.end();
    return Number((rows as { n: number }[])[0]!.n);
  }
  if (driver === "redis") {
    const { Redis } = (await import("ioredis")).default;
    const r = new Redis("redis://127.0.0.1:6379");
    const list = (await r.client("LIST")) as string;
    await r.quit();
    return list.split("\n").filter((line) => line.includes(` name=apogee:${name} `)).length;
  }
  return undefined;
}

for (const driver of ["postgres", "mysql", "redis"] as const) {
  describe(`${driver}: a database stopped mid-run`, async () => {
    const ok = await available(driver);
    test("answers 503 within connect_timeout while it is down, and serves again when it is back, without a restart", {
      skip: !ok && `no ${driver} server`,
    }, async () => {
      const box = await sandbox(driver);
      after(() => box.drop());
      const proxy = new TcpProxy(PORTS[driver]);
      await proxy.start();
      after(() => proxy.stop());
      const url = box.url.replace(`:${PORTS[driver]}`, `:${proxy.port}`);
      const name = uniqueName("db");
      const Db = database(name, driver as "sqlite") as Database<any, any>;
      const s = store(driver, box.prefix);
      const read = get("/get/<k>", { db: Connection(Db) as any }, ({ db, k }) => s.get(db, k));
      const write = post("/put/<k>/<v>", { db: Connection(Db) as any }, async ({ db, k, v }) => {
        await s.put(db, k, v);
        return "stored";
      });
      const app = build()
        .configure({
          log_level: "off",
          databases: { [name]: { url, max_connections: 2, connect_timeout: 1 } },
        })
        .attach(Db.init())
        .mount("/", [read, write]);
      const client = await Client.tracked(app);
      after(() => client.terminate());
      const pool = Db.fetch(client.app)!;
      await s.prepare(pool);
      await expectResponse(await client.post("/put/up/yes").dispatch(), {
        status: 200,
        contentType: TEXT,
        body: "stored",
      });

      await proxy.stop();
      await sleep(100);
      for (let i = 0; i < 3; i++) {
        const start = performance.now();
        const res = await client.get("/get/up").dispatch();
        assert.equal(res.status, 503);
        assert.ok(performance.now() - start < 1500, "a 503 within connect_timeout");
      }
      assert.equal(pool.stats.inUse, 0);

      await proxy.start();
      await expectResponse(await client.get("/get/up").dispatch(), {
        status: 200,
        contentType: TEXT,
        body: "yes",
      });
      assert.equal(pool.stats.inUse, 0);
    });
  });
}

for (const driver of ["sqlite", "postgres"] as const) {
  describe(`${driver}: shutdown`, async () => {
    const ok = await available(driver);
    test("waits for queries in flight within the grace period, refuses new connections, then closes the pool", {
      skip: !ok && `no ${driver} server`,
    }, async () => {
      const box = await sandbox(driver);
      after(() => box.drop());
      const name = uniqueName("db");
      const Db = database(name, driver as "sqlite") as Database<any, any>;
      const started = gate();
      const late = gate();
      const slow = get("/slow", { db: Connection(Db) as any }, async ({ db }) => {
        started.open();
        if (driver === "postgres") await sql`select pg_sleep(0.4)`.execute(db);
        else await sleep(400);
        const row = await sql<{ answer: number }>`select 42 as answer`.execute(db);
        return `answer ${row.rows[0]!.answer}`;
      });
      const waitFirst = guard("WaitForShutdown", async () => {
        await late.promise;
        return success(true);
      });
      const tooLate = get("/late", { wait: waitFirst, db: Connection(Db) as any }, () => "never");
      const app = build()
        .configure({
          port: 0,
          log_level: "off",
          shutdown: { ctrlc: false, signals: [], grace: 3, mercy: 1 },
          databases: { [name]: { url: box.url } },
        })
        .attach(Db.init())
        .mount("/", [slow, tooLate]);
      const orbit = await app.launch();
      const pool = Db.fetch(orbit.app)!;
      const inFlight = fetch(`${orbit.url}/slow`);
      const refused = fetch(`${orbit.url}/late`);
      await started.promise;
      const down = orbit.shutdown();
      late.open();
      const res = await inFlight;
      assert.equal(res.status, 200);
      assert.equal(await res.text(), "answer 42");
      assert.equal((await refused).status, 503);
      await down;
      assert.deepEqual(pool.stats, { size: 0, idle: 0, inUse: 0, waiting: 0 });
    });
  });
}

// A small seeded generator, so a failing run can be replayed.
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

for (const driver of ["sqlite", "postgres", "mysql", "redis"] as const) {
  describe(`${driver}: 10,000 requests with random failures`, async () => {
    const ok = await available(driver);
    test("leak no connection: the pool and the server count the same few, none in use", {
      skip: !ok && `no ${driver} server`,
    }, async () => {
      const box = await sandbox(driver);
      after(() => box.drop());
      const name = uniqueName("db");
      const Db = database(name, driver as "sqlite") as Database<any, any>;
      const s = store(driver, box.prefix);
      const Conn = Connection(Db) as any;
      const Trx = Transaction(Db) as any;
      const deny = guard("Deny", () => error(Status.Forbidden));
      const routes = [
        get("/read/<k>", { db: Conn }, async ({ db, k }) => (await s.get(db, k)) ?? "none"),
        get("/throw", { db: Conn }, async ({ db }) => {
          await s.get(db, "x");
          throw new Error("random failure");
        }),
        get("/deny", { db: Conn, no: deny }, () => "never"),
        get("/num/<n>", { db: Conn, n: u8 }, ({ n }) => `n=${n}`),
        get({ uri: "/num/<n>", rank: 2 }, {}, () => "fallback"),
        post("/tx/<k>/<how>", { db: Trx }, async ({ db, k, how }) => {
          if (driver === "redis") db.set(box.prefix + k, how);
          else await db.insertInto("kv").values({ k, v: how }).execute();
          if (how === "throw") throw new Error("random failure");
          if (how === "conflict") return status.Conflict("conflict");
          return "committed";
        }),
      ];
      const max = 4;
      const app = build()
        .configure({
          log_level: "off",
          databases: { [name]: { url: box.url, max_connections: max, connect_timeout: 10 } },
        })
        .attach(Db.init())
        .mount("/", routes);
      const client = await Client.tracked(app);
      after(() => client.terminate());
      const pool = Db.fetch(client.app)!;
      await s.prepare(pool);

      const next = random(6);
      const counts = new Map<number, number>();
      let key = 0;
      const one = async () => {
        const r = next();
        let req: Promise<import("../../src/index.ts").LocalResponse>;
        let expected: number;
        if (r < 0.3) [req, expected] = [client.get(`/read/k${Math.floor(next() * 50)}`).dispatch(), 200];
        else if (r < 0.4) [req, expected] = [client.get("/throw").dispatch(), 500];
        else if (r < 0.5) [req, expected] = [client.get("/deny").dispatch(), 403];
        else if (r < 0.6) [req, expected] = [client.get("/num/x").dispatch(), 200];
        else if (r < 0.7) [req, expected] = [client.get("/num/7").dispatch(), 200];
        else {
          const how = ["ok", "throw", "conflict"][Math.floor(next() * 3)]!;
          const expect = { ok: 200, throw: 500, conflict: 409 }[how]!;
          [req, expected] = [client.post(`/tx/t${key++}/${how}`).dispatch(), expect];
        }
        const res = await req;
        await res.text();
        assert.equal(res.status, expected);
        counts.set(res.status, (counts.get(res.status) ?? 0) + 1);
      };
      const total = 10_000;
      const concurrency = 16;
      let sent = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (sent < total) {
            sent++;
            await one();
          }
        }),
      );
      assert.equal(
        [...counts.values()].reduce((a, b) => a + b, 0),
        total,
      );
      assert.ok(counts.get(500)! > 100 && counts.get(403)! > 100 && counts.get(409)! > 100);
      assert.equal(pool.stats.inUse, 0);
      assert.equal(pool.stats.waiting, 0);
      assert.ok(pool.stats.size >= 1 && pool.stats.size <= max, `pool size ${pool.stats.size}`);
      const dbName = box.url.slice(box.url.lastIndexOf("/") + 1);
      const server = await serverConnections(driver, name, dbName);
      if (server !== undefined) assert.equal(server, pool.stats.size);
    });
  });
}
