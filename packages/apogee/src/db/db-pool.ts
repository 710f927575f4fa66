import {
  CompiledQuery,
  type DatabaseConnection,
  DefaultConnectionProvider,
  DefaultQueryExecutor,
  type Dialect,
  type Driver,
  Kysely,
  type KyselyConfig,
  type KyselyProps,
  type QueryExecutor,
  type QueryResult,
  SingleConnectionProvider,
  Transaction,
  type TransactionSettings,
} from "kysely";
import type { DatabaseConfig } from "./db-config.ts";
import type { Backend, BackendFactory, SqlBackend } from "./drivers/backend.ts";
import { Pool, type PoolStats } from "./pool.ts";
import { type DriverName, scrub } from "./url.ts";

/** A database's family: SQL (typed Kysely queries) or Redis (the client's commands). */
export type DatabaseFamily = "sql" | "redis";

/** What a connection of a database is to a handler: a typed `Kysely<Schema>` for SQL, the client for Redis. */
export type ConnectionValue<T, F extends DatabaseFamily> = F extends "sql" ? Kysely<T> : T;

const BACKENDS: Readonly<Record<DriverName, () => Promise<BackendFactory>>> = {
  sqlite: async () => (await import("./drivers/sqlite.ts")).sqliteBackend,
  postgres: async () => (await import("./drivers/postgres.ts")).postgresBackend,
  mysql: async () => (await import("./drivers/mysql.ts")).mysqlBackend,
  redis: async () => (await import("./drivers/redis.ts")).redisBackend,
};

/**
 * A connection lent for one request (or one query): Kysely runs its queries on it. Once released, it refuses
 * further use, so a query that outlives its request fails loudly instead of borrowing someone else's connection.
 */
export class Lease<C = unknown> implements DatabaseConnection {
  /** The driver's connection. */
  readonly raw: C;
  readonly #db: DbPool<any, any>;
  readonly #pool: Pool<C>;
  readonly #sql: SqlBackend<C> | undefined;
  #released = false;

  constructor(db: DbPool<any, any>, pool: Pool<C>, sql: SqlBackend<C> | undefined, raw: C) {
    this.#db = db;
    this.#pool = pool;
    this.#sql = sql;
    this.raw = raw;
  }

  /** Gives the connection back to the pool (once; later calls do nothing); `broken` closes it instead. */
  release(broken = false): void {
    if (this.#released) return;
    this.#released = true;
    this.#pool.release(this.raw, broken);
  }

  /** Whether the connection went back to the pool. */
  get released(): boolean {
    return this.#released;
  }

  /** Runs one compiled query on the connection (Kysely calls this); rejects once the lease is released. */
  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.#released) return Promise.reject(this.#gone());
    return this.#sql!.execute(this.raw, query);
  }

  /** Streams a query's rows (Kysely's `stream()`); throws once the lease is released. */
  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    if (this.#released) throw this.#gone();
    return this.#sql!.stream(this.raw, query, chunkSize ?? 100);
  }

  #gone(): Error {
    return new Error(
      `this connection to database \`${this.#db.name}\` was released when its request ended; ` +
        "work that outlives the request takes its own connection (e.g. from the pool's `kysely`)",
    );
  }
}

interface SqlParts {
  readonly config: KyselyConfig;
  readonly dialect: Dialect;
  readonly driver: Driver;
  readonly executor: QueryExecutor;
  readonly kysely: Kysely<any>;
}

/**
 * An initialised database (what Rocket's `&Db` guard gives): the pool the `init()` fairing opened at ignite,
 * closed at shutdown. Handlers usually ask for `Connection(Db)` instead; this is for work outside a request's
 * connection (a streamed export, a background job) and for tests.
 */
export class DbPool<T = any, F extends DatabaseFamily = DatabaseFamily> {
  /** The database's name (`databases.<name>` in the configuration). */
  readonly name: string;
  /** The driver the URL selected. */
  readonly driver: DriverName;
  /** The URL, with its password shown as `***`. */
  readonly url: string;
  readonly config: DatabaseConfig;
  readonly #backend: Backend<any>;
  readonly #pool: Pool<any>;
  readonly #sql: SqlParts | undefined;

  private constructor(name: string, config: DatabaseConfig, backend: Backend<any>) {
    this.name = name;
    this.config = config;
    this.driver = backend.driver;
    this.url = config.url.redacted;
    this.#backend = backend;
    this.#pool = new Pool({
      name,
      min: config.min_connections,
      max: config.max_connections,
      acquireTimeout: config.connect_timeout * 1000,
      idleTimeout: config.idle_timeout === undefined ? undefined : config.idle_timeout * 1000,
      open: async (timeout) => {
        try {
          return await backend.open(timeout);
        } catch (e) {
          throw scrubbed(e, config.url.password);
        }
      },
      close: (conn) => backend.close(conn).catch(() => {}),
      isBroken: (conn) => backend.isBroken(conn),
    });
    this.#sql = backend.sql === undefined ? undefined : this.#kyselyParts(backend.sql);
  }

  /**
   * Loads the driver, opens the pool and proves the database answers. Rejects with the driver's message (never
   * the password), or a `MissingDriver` naming the package to install.
   */
  static async open<T, F extends DatabaseFamily>(
    name: string,
    config: DatabaseConfig,
  ): Promise<DbPool<T, F>> {
    const factory = await BACKENDS[config.url.driver]();
    const backend = await factory({
      name,
      url: config.url,
      connectTimeout: config.connect_timeout * 1000,
      extensions: config.extensions,
    });
    const db = new DbPool<T, F>(name, config, backend);
    await db.#pool.start();
    return db;
  }

  /** The pool's connections right now: open, idle, in use, and callers waiting. */
  get stats(): PoolStats {
    return this.#pool.stats;
  }

  /**
   * A `Kysely` on the whole pool: each query (or `transaction()`, or `stream()`) takes a connection and gives it
   * back. SQL databases only.
   */
  get kysely(): F extends "sql" ? Kysely<T> : never {
    if (this.#sql === undefined) throw new Error(`database \`${this.name}\` is Redis: it has no Kysely`);
    return this.#sql.kysely as never;
  }

  /**
   * Runs `work` with a connection of its own (a `Kysely` bound to it for SQL, the client for Redis) and releases
   * it afterwards, whatever happens.
   */
  async withConnection<R>(work: (conn: ConnectionValue<T, F>) => R | PromiseLike<R>): Promise<R> {
    const lease = await this.lease();
    try {
      return await work((this.#sql === undefined ? this.native(lease) : this.kyselyOn(lease)) as never);
    } finally {
      lease.release();
    }
  }

  /** Takes a connection from the pool (within `connect_timeout`), as a `Lease` to release. */
  async lease(): Promise<Lease> {
    return this.#leaseOf(await this.#pool.acquire());
  }

  /** An idle connection as a `Lease`, at once, or `undefined` when none is idle (then `lease()` waits for one). */
  tryLease(): Lease | undefined {
    const raw = this.#pool.tryAcquire();
    return raw === undefined ? undefined : this.#leaseOf(raw);
  }

  #leaseOf(raw: unknown): Lease {
    return new Lease(this, this.#pool, this.#backend.sql, raw);
  }

  /** A `Kysely` whose queries all run on `lease`. */
  kyselyOn(lease: Lease): Kysely<T> {
    return new Kysely<T>(this.#props(lease));
  }

  /** Begins a transaction on `lease` and returns the `Transaction` whose queries run in it. */
  async begin(lease: Lease, settings: TransactionSettings = {}): Promise<Transaction<T>> {
    await this.#backend.sql!.begin(lease.raw, settings);
    return new Transaction<T>(this.#props(lease));
  }

  /** Commits the transaction open on `lease`. */
  commit(lease: Lease): Promise<void> {
    return this.#backend.sql!.commit(lease.raw);
  }

  /** Rolls back the transaction open on `lease`. */
  rollback(lease: Lease): Promise<void> {
    return this.#backend.sql!.rollback(lease.raw);
  }

  /** The driver's own client for `lease` (a `pg.Client`, a `mysql2` connection, a better-sqlite3 `Database`, an ioredis client). */
  native(lease: Lease): unknown {
    return this.#backend.native(lease.raw);
  }

  /** @internal The SQL side of the driver (migrations run scripts through it). */
  get sqlBackend(): SqlBackend<any> | undefined {
    return this.#backend.sql;
  }

  /**
   * Closes the pool: new callers fail at once, connections in use are waited for up to `wait` ms (queries in
   * flight finish), then everything is closed.
   */
  async close(wait: number): Promise<void> {
    await this.#pool.close(wait);
    this.#backend.end?.();
  }

  #props(lease: Lease): KyselyProps {
    const sql = this.#sql;
    if (sql === undefined) throw new Error(`database \`${this.name}\` is Redis: it has no Kysely`);
    return {
      config: sql.config,
      dialect: sql.dialect,
      driver: sql.driver,
      executor: sql.executor.withConnectionProvider(new SingleConnectionProvider(lease)),
    };
  }

  #kyselyParts(sql: SqlBackend<any>): SqlParts {
    const driver = new PoolDriver(this, sql);
    const dialect: Dialect = {
      createDriver: () => driver,
      createAdapter: () => sql.createAdapter(),
      createQueryCompiler: () => sql.createQueryCompiler(),
      createIntrospector: (db) => sql.createIntrospector(db),
    };
    const config: KyselyConfig = { dialect };
    const executor = new DefaultQueryExecutor(
      dialect.createQueryCompiler(),
      dialect.createAdapter(),
      new DefaultConnectionProvider(driver),
      [],
    );
    const kysely = new Kysely<any>({ config, dialect, driver, executor });
    return { config, dialect, driver, executor, kysely };
  }
}

/** Kysely's `Driver` over Apogee's pool: connections are leases, transactions the driver's own statements. */
class PoolDriver implements Driver {
  readonly #db: DbPool<any, any>;
  readonly #sql: SqlBackend<any>;

  constructor(db: DbPool<any, any>, sql: SqlBackend<any>) {
    this.#db = db;
    this.#sql = sql;
  }

  async init(): Promise<void> {}

  acquireConnection(): Promise<DatabaseConnection> {
    return this.#db.lease();
  }

  async beginTransaction(conn: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    await this.#sql.begin((conn as Lease).raw, settings);
  }

  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    await this.#sql.commit((conn as Lease).raw);
  }

  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    await this.#sql.rollback((conn as Lease).raw);
  }

  async savepoint(conn: DatabaseConnection, name: string): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw(`savepoint ${this.#sql.quote(name)}`));
  }

  async rollbackToSavepoint(conn: DatabaseConnection, name: string): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw(`rollback to savepoint ${this.#sql.quote(name)}`));
  }

  async releaseSavepoint(conn: DatabaseConnection, name: string): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw(`release savepoint ${this.#sql.quote(name)}`));
  }

  async releaseConnection(conn: DatabaseConnection): Promise<void> {
    (conn as Lease).release();
  }

  // The pool belongs to the database's fairing, which closes it at shutdown.
  async destroy(): Promise<void> {}
}

// Some drivers echo the connection string in their errors: the password never leaves.
function scrubbed(e: unknown, password: string): unknown {
  if (password === "" || !(e instanceof Error) || !e.message.includes(password)) return e;
  e.message = scrub(e.message, password);
  if (typeof e.stack === "string") e.stack = scrub(e.stack, password);
  return e;
}
