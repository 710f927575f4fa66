// apogee/db's types: the schema declared once with the database types every query, so a misspelt table or column
// is a compile error (as sqlx's checked queries are in Rust); what each guard hands the handler.

import { build, get, post, u32 } from "apogee";
import {
  Connection,
  type Database,
  type DbPool,
  database,
  type Generated,
  type Kysely,
  Native,
  type Params,
  type RedisClient,
  type RedisMulti,
  Transaction,
} from "apogee/db";
import type { Transaction as KyselyTransaction } from "kysely";
import type { Equal, Expect, InputOf } from "./expect.ts";

interface Schema {
  book: { id: Generated<number>; title: string; author: string | null };
}

const Books = database<Schema>("books", "sqlite");
type _books = Expect<Equal<typeof Books, Database<Schema, "sql">>>;

const list = get("/books", { db: Connection(Books) }, ({ db }) =>
  db.selectFrom("book").select(["id", "title"]).execute(),
);
type _list = Expect<Equal<InputOf<typeof list>["db"], Kysely<Schema>>>;

// A typo in a column or a table is a compile error.
get("/typo", { db: Connection(Books) }, ({ db }) =>
  // @ts-expect-error: `titel` is not a column of `book`.
  db.selectFrom("book").select(["id", "titel"]).execute(),
);
get("/typo", { db: Connection(Books) }, ({ db }) =>
  // @ts-expect-error: `books` is not a table.
  db.selectFrom("books").selectAll().execute(),
);
// Values are typed too: `title` is a string.
post("/typed", { db: Connection(Books) }, ({ db }) =>
  // @ts-expect-error: 42 is not a string.
  db.insertInto("book").values({ title: 42, author: null }).execute(),
);

const add = post("/books", { db: Transaction(Books) }, ({ db }) =>
  db.insertInto("book").values({ title: "Dune", author: null }).execute(),
);
type _add = Expect<Equal<InputOf<typeof add>["db"], KyselyTransaction<Schema>>>;

// The database itself is Rocket's `&Db` guard: the pool, with a Kysely over all of it.
const pooled = get("/pool", { pool: Books }, ({ pool }) =>
  pool.kysely.selectFrom("book").selectAll().execute(),
);
type _pooled = Expect<Equal<InputOf<typeof pooled>["pool"], DbPool<Schema, "sql">>>;

// Native names the driver's client type.
interface PgLike {
  query(text: string): Promise<unknown>;
}
const native = get("/native", { client: Native<PgLike>(Books) }, async ({ client }) => {
  await client.query("select 1");
  return "ok";
});
type _native = Expect<Equal<InputOf<typeof native>["client"], PgLike>>;

// Without a schema, any table goes (the README's first snippet).
const Loose = database("loose", "postgres");
get("/loose", { db: Connection(Loose) }, ({ db }) => db.selectFrom("anything").selectAll().execute());

// Redis: the client, typed loosely unless the database names its own type.
const Cache = database("cache", "redis");
const hit = get("/hit", { cache: Connection(Cache) }, async ({ cache }) => String(await cache.incr("hits")));
type _hit = Expect<Equal<InputOf<typeof hit>["cache"], RedisClient>>;
const queued = post("/queue", { multi: Transaction(Cache) }, ({ multi }) => void multi.incr("hits"));
type _queued = Expect<Equal<InputOf<typeof queued>["multi"], RedisMulti>>;

interface MyRedis {
  hello(): Promise<string>;
}
const Mine = database<MyRedis>("mine", "redis");
get("/mine", { r: Connection(Mine) }, ({ r }) => r.hello());

// @ts-expect-error: "mongodb" is not one of the drivers.
database<Schema>("wrong", "mongodb");

build().attach(Books.init()).attach(Cache.init()).mount("/", [list, add, pooled, native, hit, queued]);

// A prepared query: its parameters are named and typed once, its rows typed by the query it builds.
const BookById = Books.prepare((db, p: Params<{ id: number }>) =>
  db.selectFrom("book").select(["id", "title"]).where("id", "=", p.id),
);
const readOne = get("/prepared/<id>", { id: u32, db: Connection(Books) }, ({ id, db }) =>
  BookById.executeTakeFirst(db, { id }),
);
type _readOne = Expect<
  Equal<Awaited<ReturnType<typeof BookById.executeTakeFirst>>, { id: number; title: string } | undefined>
>;
type _readAll = Expect<Equal<Awaited<ReturnType<typeof BookById.execute>>, { id: number; title: string }[]>>;
get("/prepared-typos/<id>", { id: u32, db: Connection(Books) }, ({ id, db }) => {
  // @ts-expect-error: the parameter is `id`, not `book_id`.
  void BookById.execute(db, { book_id: id });
  // @ts-expect-error: `id` is a number.
  void BookById.execute(db, { id: String(id) });
  return "ok";
});
Books.prepare((db, p: Params<{ title: string }>) =>
  // @ts-expect-error: `titel` is not a column of `book`.
  db.selectFrom("book").select("titel").where("title", "=", p.title),
);
Books.prepare((db, p: Params<{ title: string }>) =>
  // @ts-expect-error: `p` has no `year`.
  db.selectFrom("book").select("id").where("title", "=", p.year),
);
const readPooled = get("/pooled/<id>", { id: u32, pool: Books }, ({ id, pool }) =>
  BookById.executeTakeFirst(pool, { id }),
);
void readOne;
void readPooled;
