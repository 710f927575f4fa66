import type { Kysely, Transaction as KyselyTransaction } from "kysely";
import { Status } from "../http/status.ts";
import type { RequestGuard } from "../request/guard.ts";
import { error, type Failure, type Outcome, success } from "../request/outcome.ts";
import type { Request, RouteScope } from "../request/request.ts";
import type { Database } from "./database.ts";
import type { DbPool, Lease } from "./db-pool.ts";
import type { RedisClient, RedisMulti } from "./drivers/redis.ts";

/** Why a database guard failed with 503: the pool's `PoolError`, or the driver's error when a transaction could not begin. */
export type Unavailable = Error;

const connections = new WeakMap<Database<any, any>, RequestGuard<unknown, unknown>>();
const transactions = new WeakMap<Database<any, any>, RequestGuard<unknown, unknown>>();
const natives = new WeakMap<Database<any, any>, RequestGuard<unknown, unknown>>();

/**
 * Rocket's `Connection<Db>`: a connection of the database for this request, as a `Kysely<Schema>` whose queries
 * all run on it (SQL), or the Redis client.
 *
 * - It is released once the response is on its way (after a streamed body), or as soon as the route forwards or
 *   fails, whatever happens in between.
 * - The pool exhausted for `connect_timeout`, or the database down: the request fails with 503 (the reason,
 *   `Unavailable`, reaches the catcher in `req.error`); the next request tries again.
 * - A route asking for it aborts launch when `Db.init()` is not attached (sentinel).
 *
 * @example
 * const list = get("/books", { db: Connection(Books) }, ({ db }) => db.selectFrom("book").selectAll().execute());
 */
export function Connection<T>(db: Database<T, "sql">): RequestGuard<Kysely<T>, Unavailable | string>;
export function Connection<C>(db: Database<C, "redis">): RequestGuard<C, Unavailable | string>;
export function Connection(db: Database<any, any>): RequestGuard<unknown, unknown> {
  return cached(connections, db, `Connection<${db.name}>`, (req, pool, lease) => {
    req.scope(new Held(req, lease));
    return pool.sqlBackend === undefined ? pool.native(lease) : pool.kyselyOn(lease);
  });
}

/**
 * A connection inside a transaction for this request: Kysely's `Transaction<Schema>` (SQL), or a Redis
 * `MULTI` being queued.
 *
 * - It commits when the route answers with a 2xx or 3xx response, and rolls back when the route answers with an
 *   error status, forwards, or the handler throws. A failed commit fails the request with 500.
 * - SQLite takes its write lock at `BEGIN IMMEDIATE` (one writing transaction at a time, the others wait up to
 *   `connect_timeout`); Redis sends the queued commands with `EXEC` on success, nothing otherwise.
 * - Failures to get a connection or to begin are 503s, as for `Connection`.
 *
 * @example
 * const add = post({ uri: "/books", data: "<book>" }, { book: Json(NewBook), db: Transaction(Books) },
 *   async ({ book, db }) => status.Created(await db.insertInto("book").values(book).returningAll().executeTakeFirstOrThrow()));
 */
export function Transaction<T>(
  db: Database<T, "sql">,
): RequestGuard<KyselyTransaction<T>, Unavailable | string>;
export function Transaction<C>(db: Database<C, "redis">): RequestGuard<RedisMulti, Unavailable | string>;
export function Transaction(db: Database<any, any>): RequestGuard<unknown, unknown> {
  return cached(transactions, db, `Transaction<${db.name}>`, async (req, pool, lease) => {
    if (pool.sqlBackend === undefined) {
      const multi = (pool.native(lease) as RedisClient).multi();
      req.scope(new RedisTransaction(lease, multi));
      return multi;
    }
    const trx = await pool.begin(lease);
    req.scope(new SqlTransaction(pool, lease));
    return trx;
  });
}

/**
 * The driver's own client for this request's connection: a `pg.Client`, a `mysql2` connection, a better-sqlite3
 * `Database` or an ioredis client. Name its type, since the URL picks the driver:
 * `Native<import("pg").Client>(Books)`. Released as `Connection` is.
 */
export function Native<C = unknown>(db: Database<any, any>): RequestGuard<C, Unavailable | string> {
  return cached(natives, db, `Native<${db.name}>`, (req, pool, lease) => {
    req.scope(new Held(req, lease));
    return pool.native(lease);
  }) as RequestGuard<C, Unavailable | string>;
}

type Take = (req: Request, pool: DbPool<any, any>, lease: Lease) => unknown;

function cached(
  cache: WeakMap<Database<any, any>, RequestGuard<unknown, unknown>>,
  db: Database<any, any>,
  name: string,
  take: Take,
): RequestGuard<unknown, unknown> {
  let guard = cache.get(db);
  if (guard === undefined) {
    guard = {
      kind: "guard",
      name,
      sentinel: db.sentinel,
      fromRequest: (req) => lend(req, db, take),
    };
    cache.set(db, guard);
  }
  return guard;
}

// An idle connection is lent at once, so a route over a synchronous driver (SQLite) need not wait a turn; the
// guard waits (up to `connect_timeout`) only when every connection is in use.
function lend(
  req: Request,
  db: Database<any, any>,
  take: Take,
): Outcome<unknown, unknown> | Promise<Outcome<unknown, unknown>> {
  const pool = req.app.state(db.key);
  if (pool === undefined) return db.uninitialised(req);
  const lease = pool.tryLease();
  return lease === undefined ? lendWhenFree(req, db, take, pool) : give(req, db, take, pool, lease);
}

async function lendWhenFree(
  req: Request,
  db: Database<any, any>,
  take: Take,
  pool: DbPool<any, any>,
): Promise<Outcome<unknown, unknown>> {
  let lease: Lease;
  try {
    lease = await pool.lease();
  } catch (e) {
    return unavailable(req, db, e);
  }
  return give(req, db, take, pool, lease);
}

function give(
  req: Request,
  db: Database<any, any>,
  take: Take,
  pool: DbPool<any, any>,
  lease: Lease,
): Outcome<unknown, unknown> | Promise<Outcome<unknown, unknown>> {
  let value: unknown;
  try {
    value = take(req, pool, lease);
  } catch (e) {
    return notTaken(req, db, lease, e);
  }
  if (!(value instanceof Promise)) return success(value);
  return value.then(success, (e: unknown) => notTaken(req, db, lease, e));
}

// Beginning the transaction failed: the connection is suspect.
function notTaken(req: Request, db: Database<any, any>, lease: Lease, e: unknown): Failure<unknown> {
  lease.release(true);
  return unavailable(req, db, e);
}

function unavailable(req: Request, db: Database<any, any>, e: unknown): Failure<unknown> {
  warnUnavailable(req, db.name, e);
  return error(Status.ServiceUnavailable, e);
}

/** @internal Logs why database `name` had no connection for the request, which fails with 503. */
export function warnUnavailable(req: Request, name: string, e: unknown): void {
  const why = e instanceof Error ? e.message : String(e);
  req.log.warn(`Database \`${name}\` is unavailable: ${why}. Failing with 503.`);
}

// A plain connection: back to the pool once the response is sent, or at once when the route did not succeed.
class Held implements RouteScope {
  readonly #req: Request;
  readonly #lease: Lease;

  constructor(req: Request, lease: Lease) {
    this.#req = req;
    this.#lease = lease;
  }

  end(ok: boolean): void {
    if (ok) this.#req.afterSend(() => this.#lease.release());
    else this.#lease.release();
  }
}

// Commit on success, roll back otherwise; the connection goes back once the transaction is over.
class SqlTransaction implements RouteScope {
  readonly #pool: DbPool<any, any>;
  readonly #lease: Lease;

  constructor(pool: DbPool<any, any>, lease: Lease) {
    this.#pool = pool;
    this.#lease = lease;
  }

  async end(ok: boolean): Promise<void> {
    if (ok) {
      try {
        await this.#pool.commit(this.#lease);
      } catch (e) {
        await this.#rollback().catch(() => {});
        throw e;
      }
      this.#lease.release();
      return;
    }
    await this.#rollback();
  }

  // A connection whose rollback failed is in an unknown state: it is closed, not reused.
  async #rollback(): Promise<void> {
    try {
      await this.#pool.rollback(this.#lease);
    } catch (e) {
      this.#lease.release(true);
      throw e;
    }
    this.#lease.release();
  }
}

// Redis: the queued commands are sent with EXEC on success, and simply dropped otherwise.
class RedisTransaction implements RouteScope {
  readonly #lease: Lease;
  readonly #multi: RedisMulti;

  constructor(lease: Lease, multi: RedisMulti) {
    this.#lease = lease;
    this.#multi = multi;
  }

  async end(ok: boolean): Promise<void> {
    try {
      if (!ok) return;
      const results = await this.#multi.exec();
      if (results === null) throw new Error("the Redis transaction was aborted: a WATCHed key changed");
      const failed = results.find(([e]) => e !== null);
      if (failed !== undefined) throw failed[0];
    } finally {
      this.#lease.release();
    }
  }
}
