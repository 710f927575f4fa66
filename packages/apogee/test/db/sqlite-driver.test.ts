// What only the embedded SQLite driver does: files and folders created, WAL, foreign keys and the busy timeout,
// `:memory:` on one connection, and one writer at a time taken without blocking the event loop.
import assert from "node:assert/strict";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { Connection, database, type Generated, Native, sql, Transaction } from "../../src/db/index.ts";
import { build, Client, get, LaunchError, post } from "../../src/index.ts";
import { expectResponse, JSON_TYPE, TEXT } from "../support/local.ts";
import { gate, sleep, tempFolder, uniqueName } from "./support.ts";

interface Schema {
  item: { id: Generated<number>; name: string; done: number; at: string | null };
}

interface Pragmas {
  pragma(source: string, options: { simple: true }): unknown;
}

async function app(url: string, extra: Record<string, unknown> = {}) {
  const name = uniqueName("lite");
  const Db = database<Schema>(name, "sqlite");
  const held = gate();
  const routes = [
    get("/pragmas", { raw: Native<Pragmas>(Db) }, ({ raw }) => ({
      journal_mode: raw.pragma("journal_mode", { simple: true }),
      foreign_keys: raw.pragma("foreign_keys", { simple: true }),
      busy_timeout: raw.pragma("busy_timeout", { simple: true }),
    })),
    post("/items/<name>", { db: Connection(Db) }, async ({ db, name }) => {
      await db.insertInto("item").values({ name, done: 0, at: null }).execute();
      return "added";
    }),
    get("/items", { db: Connection(Db) }, ({ db }) =>
      db.selectFrom("item").select(["name", "done", "at"]).orderBy("id").execute(),
    ),
    post("/slow/<name>", { db: Transaction(Db) }, async ({ db, name }) => {
      await db.insertInto("item").values({ name, done: 0, at: null }).execute();
      await held.promise;
      return "slow done";
    }),
    post("/quick/<name>", { db: Transaction(Db) }, async ({ db, name }) => {
      await db.insertInto("item").values({ name, done: 0, at: null }).execute();
      return "quick done";
    }),
    post("/typed", { db: Connection(Db) }, async ({ db }) => {
      // Booleans and dates are bound as SQLite stores them: 1/0 and ISO 8601 text.
      await sql`insert into item (name, done, at) values (${"typed"}, ${true}, ${new Date(Date.UTC(2026, 0, 2))})`.execute(
        db,
      );
      return "typed";
    }),
  ];
  const client = await Client.tracked(
    build()
      .configure({ log_level: "off", databases: { [name]: { url, ...extra } } })
      .attach(Db.init())
      .mount("/", routes),
  );
  after(() => client.terminate());
  const pool = Db.fetch(client.app)!;
  await pool.kysely.schema
    .createTable("item")
    .ifNotExists()
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("done", "integer", (c) => c.notNull())
    .addColumn("at", "text")
    .execute();
  return { client, pool, held };
}

describe("the sqlite driver", () => {
  test("creates the file and its folders, in WAL mode, with foreign keys on and connect_timeout as busy timeout", async () => {
    const file = join(tempFolder(), "nested", "deeper", "app.db");
    const { client } = await app(`sqlite://${file}`, { connect_timeout: 2.5 });
    assert.ok(existsSync(file));
    await expectResponse(await client.get("/pragmas").dispatch(), {
      status: 200,
      contentType: JSON_TYPE,
      body: JSON.stringify({ journal_mode: "wal", foreign_keys: 1, busy_timeout: 2500 }),
    });
  });

  test("a bare path is a SQLite database too", async () => {
    const file = join(tempFolder(), "bare.db");
    const { client } = await app(file);
    await client.post("/items/a").dispatch();
    assert.ok(existsSync(file));
  });

  test(":memory: keeps a single connection, so what one request writes the next one reads", async () => {
    const { client, pool } = await app("sqlite::memory:", { max_connections: 8 });
    assert.equal(pool.config.max_connections, 1);
    await client.post("/items/first").dispatch();
    await client.post("/items/second").dispatch();
    await expectResponse(await client.get("/items").dispatch(), {
      status: 200,
      contentType: JSON_TYPE,
      body: JSON.stringify([
        { name: "first", done: 0, at: null },
        { name: "second", done: 0, at: null },
      ]),
    });
  });

  test("booleans and dates are bound as 1/0 and ISO 8601 text", async () => {
    const { client } = await app("sqlite::memory:");
    await client.post("/typed").dispatch();
    await expectResponse(await client.get("/items").dispatch(), {
      status: 200,
      contentType: JSON_TYPE,
      body: JSON.stringify([{ name: "typed", done: 1, at: "2026-01-02T00:00:00.000Z" }]),
    });
  });

  test("a writing transaction waits for another's write lock without blocking the event loop", async () => {
    const { client, held } = await app(`sqlite://${join(tempFolder(), "lock.db")}`, { max_connections: 4 });
    const slow = client.post("/slow/one").dispatch();
    await sleep(20);
    const quick = client.post("/quick/two").dispatch();
    // The event loop stays free while `quick` waits: timers fire on time.
    const before = performance.now();
    await sleep(30);
    assert.ok(performance.now() - before < 200);
    let quickDone = false;
    void quick.then(() => (quickDone = true));
    await sleep(30);
    assert.equal(quickDone, false, "the second transaction waits for the first");
    held.open();
    await expectResponse(await slow, { status: 200, contentType: TEXT, body: "slow done" });
    await expectResponse(await quick, { status: 200, contentType: TEXT, body: "quick done" });
    const items = (await (await client.get("/items").dispatch()).json()) as { name: string }[];
    assert.deepEqual(
      items.map((i) => i.name),
      ["one", "two"],
    );
  });

  test("a plain write waits for a transaction's write lock too", async () => {
    const { client, held } = await app(`sqlite://${join(tempFolder(), "plain.db")}`, { max_connections: 4 });
    const slow = client.post("/slow/one").dispatch();
    await sleep(20);
    const plain = client.post("/items/two").dispatch();
    let plainDone = false;
    void plain.then(() => (plainDone = true));
    await sleep(30);
    assert.equal(plainDone, false, "the plain write waits for the transaction");
    held.open();
    await expectResponse(await slow, { status: 200, contentType: TEXT, body: "slow done" });
    await expectResponse(await plain, { status: 200, contentType: TEXT, body: "added" });
  });

  test("a transaction that cannot get the write lock within connect_timeout answers 503", async () => {
    const { client, held } = await app(`sqlite://${join(tempFolder(), "busy.db")}`, {
      max_connections: 4,
      connect_timeout: 0.15,
    });
    const slow = client.post("/slow/one").dispatch();
    await sleep(20);
    assert.equal((await client.post("/quick/two").dispatch()).status, 503);
    held.open();
    await expectResponse(await slow, { status: 200, contentType: TEXT, body: "slow done" });
  });

  test("min_connections are opened at ignite and kept; idle ones above it close after idle_timeout", async () => {
    const { client, pool, held } = await app(`sqlite://${join(tempFolder(), "idle.db")}`, {
      min_connections: 2,
      max_connections: 4,
      idle_timeout: 0.1,
    });
    await sleep(20);
    assert.deepEqual(pool.stats, { size: 2, idle: 2, inUse: 0, waiting: 0 });
    const busy = [
      client.post("/slow/a").dispatch(),
      client.post("/slow/b").dispatch(),
      client.post("/slow/c").dispatch(),
    ];
    await sleep(20);
    assert.equal(pool.stats.size, 3);
    held.open();
    await Promise.all(busy);
    await sleep(400);
    assert.deepEqual(pool.stats, { size: 2, idle: 2, inUse: 0, waiting: 0 });
  });

  test("an idle connection is lent at once; when none is idle the caller waits for the next one released", async () => {
    const { client, pool } = await app(`sqlite://${join(tempFolder(), "lend.db")}`, { max_connections: 1 });
    const first = pool.tryLease();
    assert.ok(first !== undefined);
    assert.equal(pool.tryLease(), undefined);
    const waiting = pool.lease();
    const request = client.get("/items").dispatch();
    await sleep(20);
    assert.deepEqual(pool.stats, { size: 1, idle: 0, inUse: 1, waiting: 2 });
    first.release();
    first.release();
    const second = await waiting;
    assert.equal(second.raw, first.raw);
    second.release();
    await expectResponse(await request, { status: 200, contentType: JSON_TYPE, body: "[]" });
    assert.deepEqual(pool.stats, { size: 1, idle: 1, inUse: 0, waiting: 0 });
    await client.terminate();
    assert.equal(pool.tryLease(), undefined);
  });

  test("the pool's own Kysely runs queries and transactions, each on a connection of its own", async () => {
    const { pool } = await app("sqlite::memory:");
    await pool.kysely.transaction().execute(async (trx) => {
      await trx.insertInto("item").values({ name: "in a transaction", done: 0, at: null }).execute();
    });
    await pool.kysely
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto("item").values({ name: "rolled back", done: 0, at: null }).execute();
        throw new Error("undo");
      })
      .catch(() => {});
    const names = await pool.kysely.selectFrom("item").select("name").execute();
    assert.deepEqual(names, [{ name: "in a transaction" }]);
    assert.equal(pool.stats.inUse, 0);
  });

  test("a folder that cannot be created aborts launch with the database's name and the reason", async () => {
    const name = uniqueName("lite");
    const Db = database(name, "sqlite");
    // A folder inside a file cannot be created.
    const file = join(tempFolder(), "a-file");
    writeFileSync(file, "");
    const e = await Client.tracked(
      build()
        .configure({ log_level: "off", databases: { [name]: { url: `sqlite://${file}/sub/x.db` } } })
        .attach(Db.init()),
    ).then(
      () => assert.fail("launched"),
      (e: unknown) => e,
    );
    assert.ok(e instanceof LaunchError);
    assert.equal(e.kind, "fairings");
    assert.match(
      e.problems[0]!,
      new RegExp(
        `^'${name}' Database Pool: could not connect to database \`${name}\` at sqlite://${file}/sub/x\\.db: ENOTDIR`,
      ),
    );
  });
});
