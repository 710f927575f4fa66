// Prepared queries (`Db.prepare`): built and compiled once per dialect, run with new values on a request's
// connection, in a transaction, or on the pool; the same rows as the query built per request.
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { Connection, database, type Generated, type Params, sql, Transaction } from "../../src/db/index.ts";
import { build, Client, catcher, get, post, u32 } from "../../src/index.ts";
import { expectResponse, JSON_TYPE, TEXT } from "../support/local.ts";
import { available, PG_BASE, uniqueName } from "./support.ts";

interface Schema {
  book: { id: Generated<number>; title: string; year: number };
}

async function launch(url: string, extra: Record<string, unknown> = {}) {
  const name = uniqueName("prep");
  const Db = database<Schema>(name, "sqlite");
  let builds = 0;
  const ById = Db.prepare((db, p: Params<{ id: number }>) => {
    builds++;
    return db.selectFrom("book").select(["id", "title", "year"]).where("id", "=", p.id);
  });
  const Since = Db.prepare((db, p: Params<{ year: number; max: number }>) =>
    db.selectFrom("book").select("title").where("year", ">=", p.year).orderBy("year").limit(p.max),
  );
  const Add = Db.prepare((db, p: Params<{ title: string; year: number }>) =>
    db.insertInto("book").values({ title: p.title, year: p.year }),
  );
  const routes = [
    get("/books/<id>", { id: u32, db: Connection(Db) }, ({ id, db }) => ById.executeTakeFirst(db, { id })),
    get("/pooled/<id>", { id: u32, pool: Db }, ({ id, pool }) => ById.executeTakeFirst(pool, { id })),
    get("/since/<year>/<max>", { year: u32, max: u32, db: Connection(Db) }, ({ year, max, db }) =>
      Since.execute(db, { year, max }),
    ),
    post("/books/<title>/<year>", { year: u32, db: Transaction(Db) }, async ({ title, year, db }) => {
      await Add.execute(db, { title, year });
      return "added";
    }),
  ];
  const unavailable = catcher(503, (_status, req) => `unavailable: ${(req.error as Error).name}`);
  const app = build()
    .configure({ log_level: "off", databases: { [name]: { url, ...extra } } })
    .attach(Db.init())
    .mount("/", routes)
    .register("/", [unavailable]);
  const client = await Client.tracked(app);
  after(() => client.terminate());
  const pool = Db.fetch(client.app)!;
  return { client, pool, ById, Add, builds: () => builds };
}

describe("prepared queries", () => {
  test("run with each request's values and answer what the query built per request answers", async () => {
    const { client, pool, builds } = await launch("sqlite::memory:");
    await sql`create table book (id integer primary key, title text not null, year integer not null)`.execute(
      pool.kysely,
    );
    for (const [title, year] of [
      ["Sketch of the Analytical Engine", 1843],
      ["On the Connexion of the Physical Sciences", 1834],
      ["Formal Logic", 1847],
    ] as const) {
      await expectResponse(await client.post(`/books/${encodeURIComponent(title)}/${year}`).dispatch(), {
        status: 200,
        contentType: TEXT,
        body: "added",
      });
    }
    await expectResponse(await client.get("/books/2").dispatch(), {
      status: 200,
      contentType: JSON_TYPE,
      body: JSON.stringify({ id: 2, title: "On the Connexion of the Physical Sciences", year: 1834 }),
    });
    await expectResponse(await client.get("/books/1").dispatch(), {
      status: 200,
      contentType: JSON_TYPE,
      body: JSON.stringify({ id: 1, title: "Sketch of the Analytical Engine", year: 1843 }),
    });
    // No such row: `undefined`, so 404.
    assert.equal((await client.get("/books/9").dispatch()).status, 404);
    await expectResponse(await client.get("/since/1840/1").dispatch(), {
      status: 200,
      contentType: JSON_TYPE,
      body: JSON.stringify([{ title: "Sketch of the Analytical Engine" }]),
    });
    await expectResponse(await client.get("/since/1830/5").dispatch(), {
      status: 200,
      contentType: JSON_TYPE,
      body: JSON.stringify([
        { title: "On the Connexion of the Physical Sciences" },
        { title: "Sketch of the Analytical Engine" },
        { title: "Formal Logic" },
      ]),
    });
    assert.equal(builds(), 1, "built once, however many requests ran it");
  });

  test("on the pool, a prepared query holds a connection for itself alone, and answers 503 when none frees up", async () => {
    const { client, pool } = await launch("sqlite::memory:", { connect_timeout: 0.1 });
    await sql`create table book (id integer primary key, title text not null, year integer not null)`.execute(
      pool.kysely,
    );
    await pool.kysely.insertInto("book").values({ title: "Formal Logic", year: 1847 }).execute();
    await expectResponse(await client.get("/pooled/1").dispatch(), {
      status: 200,
      contentType: JSON_TYPE,
      body: JSON.stringify({ id: 1, title: "Formal Logic", year: 1847 }),
    });
    assert.equal((await client.get("/pooled/2").dispatch()).status, 404);
    assert.deepEqual(pool.stats, { size: 1, idle: 1, inUse: 0, waiting: 0 });
    // `:memory:` keeps one connection: held here, the query waits connect_timeout, then 503 with the reason.
    const held = pool.tryLease()!;
    await expectResponse(await client.get("/pooled/1").dispatch(), {
      status: 503,
      contentType: TEXT,
      body: "unavailable: PoolError",
    });
    held.release();
    assert.equal((await client.get("/pooled/1").dispatch()).status, 200);
  });

  test("a transaction that rolls back takes the prepared insert with it", async () => {
    const { pool, Add } = await launch("sqlite::memory:");
    await sql`create table book (id integer primary key, title text not null, year integer not null)`.execute(
      pool.kysely,
    );
    await pool.kysely
      .transaction()
      .execute(async (trx) => {
        await Add.execute(trx, { title: "Never printed", year: 1900 });
        throw new Error("undo");
      })
      .catch(() => {});
    await Add.execute(pool.kysely, { title: "Printed", year: 1901 });
    const titles = await pool.kysely.selectFrom("book").select("title").execute();
    assert.deepEqual(titles, [{ title: "Printed" }]);
  });

  test("the placeholders become the dialect's parameters, and values bind as the driver binds them", async () => {
    const { pool, ById } = await launch("sqlite::memory:");
    const compiled = ById.compile(pool.kysely, { id: 7 });
    assert.equal(compiled.sql, 'select "id", "title", "year" from "book" where "id" = ?');
    assert.deepEqual(compiled.parameters, [7]);
  });

  test("a placeholder that does not become a parameter is refused when the query is first compiled", async () => {
    const name = uniqueName("prep");
    const Db = database<Schema>(name, "sqlite");
    const Lost = Db.prepare((db, p: Params<{ id: number; unused: string }>) => {
      void p.unused;
      return db.selectFrom("book").selectAll().where("id", "=", p.id);
    });
    const app = build()
      .configure({ log_level: "off", databases: { [name]: { url: "sqlite::memory:" } } })
      .attach(Db.init());
    const client = await Client.tracked(app);
    after(() => client.terminate());
    const pool = Db.fetch(client.app)!;
    await assert.rejects(
      Lost.execute(pool.kysely, { id: 1, unused: "x" }),
      /the placeholder `unused` did not become a query parameter/,
    );
  });

  test("on PostgreSQL the same prepared query compiles to numbered parameters", async (t) => {
    if (!(await available("postgres"))) return t.skip("no PostgreSQL server");
    const { client, pool, ById } = await launch(PG_BASE, { max_connections: 1 });
    // A temporary table lives on the one connection the pool keeps.
    await sql`create temporary table book (id serial primary key, title text not null, year integer not null)`.execute(
      pool.kysely,
    );
    await pool.kysely.insertInto("book").values({ title: "Formal Logic", year: 1847 }).execute();
    assert.equal(
      ById.compile(pool.kysely, { id: 1 }).sql,
      'select "id", "title", "year" from "book" where "id" = $1',
    );
    await expectResponse(await client.get("/books/1").dispatch(), {
      status: 200,
      contentType: JSON_TYPE,
      body: JSON.stringify({ id: 1, title: "Formal Logic", year: 1847 }),
    });
  });
});
