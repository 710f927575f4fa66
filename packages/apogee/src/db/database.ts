import type { Compilable, Kysely } from "kysely";
import type { Apogee } from "../app/apogee.ts";
import type { Ignited } from "../app/ignited.ts";
import { ConfigError } from "../config/config-error.ts";
import type { Fairing, OrbitInfo } from "../fairing/fairing.ts";
import { Status } from "../http/status.ts";
import type { RequestGuard, Sentinel } from "../request/guard.ts";
import { StateKey } from "../request/managed-state.ts";
import { error, type Outcome, success } from "../request/outcome.ts";
import type { Request } from "../request/request.ts";
import { readDatabaseConfig } from "./db-config.ts";
import { type DatabaseFamily, DbPool } from "./db-pool.ts";
import type { RedisClient } from "./drivers/redis.ts";
import { runMigrations } from "./migrations/migrator.ts";
import { MissingDriver } from "./peer.ts";
import { type Params, Prepared } from "./prepared.ts";
import { DRIVER_NAMES, type DriverName, type SqlDriverName, scrub } from "./url.ts";

/**
 * A database the app uses (Rocket's `#[derive(Database)] #[database("name")]`), declared once, next to its
 * schema type. Create it with `database(name, driver)`.
 *
 * - `Db.init()` is the fairing that opens its pool at ignite (from `databases.<name>` in the configuration) and
 *   closes it at shutdown.
 * - `Connection(Db)` gives a handler a connection for the request; `Transaction(Db)` one inside a transaction;
 *   `Native(Db)` the driver's own client.
 * - `Db` itself is a request guard too (Rocket's `&Db`): it gives the `DbPool`.
 * - Every guard over it is a sentinel: a route asking for it while `Db.init()` is not attached aborts launch.
 */
export class Database<T = any, F extends DatabaseFamily = DatabaseFamily>
  implements RequestGuard<DbPool<T, F>, string>
{
  /** What makes the database usable as a request guard (Rocket's `&Db`). */
  readonly kind = "guard";
  /** The name under `databases` in the configuration. */
  readonly name: string;
  /** The driver it was declared with (the URL's scheme may pick another of the same family). */
  readonly driver: DriverName;
  /** @internal Where the ignited app keeps its pool. */
  readonly key: StateKey<DbPool<T, F>>;
  /** Launch aborts when a route asks for this database and its `init()` fairing is not attached. */
  readonly sentinel: Sentinel;

  constructor(name: string, driver: DriverName) {
    if (typeof name !== "string" || !/^[A-Za-z0-9_-]+$/.test(name)) {
      throw new TypeError(
        `database(): the name must be letters, digits, \`_\` or \`-\` (it is a configuration key), got ${JSON.stringify(name)}`,
      );
    }
    if (!DRIVER_NAMES.includes(driver)) {
      throw new TypeError(
        `database(${JSON.stringify(name)}): unknown driver ${JSON.stringify(driver)}; expected one of ${DRIVER_NAMES.join(", ")}`,
      );
    }
    this.name = name;
    this.driver = driver;
    this.key = new StateKey(`database ${name}`);
    this.sentinel = (app) => (app.managed.has(this.key) ? undefined : this.#notInitialised());
  }

  /** The database's pool in an ignited app (Rocket's `Db::fetch`), or `undefined` when `init()` is not attached. */
  fetch(app: Ignited | Apogee): DbPool<T, F> | undefined {
    return (app as { state(key: StateKey<DbPool<T, F>>): DbPool<T, F> | undefined }).state(this.key);
  }

  /** The request guard: the database's pool; 500 when it is not initialised (a guard reached it at run time). */
  fromRequest(req: Request): Outcome<DbPool<T, F>, string> {
    const pool = req.app.state(this.key);
    return pool === undefined ? this.uninitialised(req) : success(pool);
  }

  /** @internal The outcome for a guard that reaches a database whose fairing is not attached. */
  uninitialised(req: Request): Outcome<never, string> {
    const why = this.#notInitialised();
    req.log.error(`${why}. Failing with 500.`);
    return error(Status.InternalServerError, why);
  }

  /**
   * The fairing that opens the pool at ignite and closes it at shutdown (Rocket's `Db::init()`, named
   * `'<name>' Database Pool`).
   *
   * - Reads `databases.<name>`: `url` (required), `min_connections`, `max_connections` (default `workers × 4`),
   *   `connect_timeout` (default 5 s, also SQLite's busy timeout), `idle_timeout`, `run_migrations`, `migrations`.
   * - Launch aborts, naming the database, when the configuration is wrong, the driver's package is missing, the
   *   database cannot be reached (the driver's message, never the password) or a migration fails.
   * - At shutdown, new requests for a connection fail with 503 and the connections in use are waited for (up to
   *   `shutdown.grace` + `shutdown.mercy`), so queries in flight finish; then the pool closes.
   */
  init(): Fairing {
    return {
      name: `'${this.name}' Database Pool`,
      onIgnite: (app) => this.#ignite(app),
      onShutdown: (orbit) => this.#shutdown(orbit),
    };
  }

  async #ignite(app: Apogee): Promise<void> {
    if (app.state(this.key) !== undefined) {
      throw new Error(`database \`${this.name}\` is already initialised: attach its init() fairing once`);
    }
    const report = readDatabaseConfig(app.figment, this.name, this.driver);
    if (!report.ok) {
      throw new ConfigError(`invalid configuration for database \`${this.name}\`:`, report.problems);
    }
    const config = report.config;
    let pool: DbPool<T, F>;
    try {
      pool = await DbPool.open<T, F>(this.name, config);
    } catch (e) {
      if (e instanceof MissingDriver) throw e;
      const why = scrub(e instanceof Error ? e.message : String(e), config.url.password);
      throw new Error(`could not connect to database \`${this.name}\` at ${config.url.redacted}: ${why}`);
    }
    try {
      if (config.run_migrations) await runMigrations(pool, config.migrations);
    } catch (e) {
      await pool.close(0);
      throw e;
    }
    app.manage(this.key, pool);
  }

  async #shutdown(orbit: OrbitInfo): Promise<void> {
    const pool = orbit.app.state(this.key);
    if (pool === undefined) return;
    const { grace, mercy } = orbit.app.config.shutdown;
    await pool.close((grace + mercy) * 1000);
  }

  #notInitialised(): string {
    return `database \`${this.name}\` is not initialised: attach its fairing, \`.attach(<database>.init())\``;
  }

  /**
   * A typed query of this database built and compiled once, then run per request with new values (see
   * `Prepared`): `p.id` in the builder is the `id` given to `execute(db, { id })`. SQL databases only.
   *
   * @example
   * const BookById = Books.prepare((db, p: Params<{ id: number }>) =>
   *   db.selectFrom("book").selectAll().where("id", "=", p.id));
   * get("/books/<id>", { id: u32, db: Connection(Books) }, ({ id, db }) => BookById.executeTakeFirst(db, { id }));
   */
  prepare<P extends object, Q extends Compilable<any>>(
    this: Database<T, "sql">,
    build: (db: Kysely<T>, params: Params<P>) => Q,
  ): Prepared<T, P, Q> {
    return new Prepared(build);
  }

  /** `database \`books\``, as messages name it. */
  toString(): string {
    return `database \`${this.name}\``;
  }
}

/**
 * Declares a database (Rocket's `#[derive(Database)]`): its name under `databases` in the configuration, the
 * driver it is written for, and its type, declared once: the schema for SQL databases (so a misspelt table or
 * column is a compile error), the client for Redis.
 *
 * - `sqlite` (better-sqlite3, embedded; the default for development), `postgres` (pg), `mysql` (mysql2, also
 *   MariaDB), `redis` (ioredis). The packages are optional peer dependencies: install the ones you use.
 * - The URL's scheme picks the driver at launch, so `database("books", "sqlite")` runs on PostgreSQL when
 *   production's configuration says `postgres://…`; the handlers do not change.
 *
 * @example
 * interface Schema { book: { id: Generated<number>; title: string } }
 * export const Books = database<Schema>("books", "sqlite");
 * const list = get("/books", { db: Connection(Books) }, ({ db }) => db.selectFrom("book").selectAll().execute());
 * build().attach(Books.init()).mount("/", [list]);
 */
export function database<S = any>(name: string, driver: SqlDriverName): Database<S, "sql">;
export function database<C = RedisClient>(name: string, driver: "redis"): Database<C, "redis">;
export function database(name: string, driver: DriverName): Database<any, DatabaseFamily> {
  return new Database(name, driver);
}
