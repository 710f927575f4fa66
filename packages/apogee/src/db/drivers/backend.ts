import type {
  CompiledQuery,
  DatabaseIntrospector,
  DialectAdapter,
  Kysely,
  QueryCompiler,
  QueryResult,
  TransactionSettings,
} from "kysely";
import type { DatabaseUrl, DriverName } from "../url.ts";

/** What a driver is told when its pool is created. */
export interface BackendSettings {
  /** The database's name (`books`), for messages and the connection's application name. */
  readonly name: string;
  readonly url: DatabaseUrl;
  /** `connect_timeout` in ms: how long opening a connection may take (and SQLite's busy timeout). */
  readonly connectTimeout: number;
  /** SQLite extensions to load into every connection. */
  readonly extensions: readonly string[];
}

/**
 * One driver, as the pool and the guards use it: open, check and close connections of type `C`, and (for SQL
 * databases) run Kysely's compiled queries on them. Each driver file implements it over its npm package.
 */
export interface Backend<C> {
  readonly driver: DriverName;
  /** Opens one connection within `timeout` ms; rejects with the driver's error. */
  open(timeout: number): Promise<C>;
  /** Closes a connection (gracefully if it can); never rejects. */
  close(conn: C): Promise<void>;
  /** Whether the connection is known to be dead. */
  isBroken(conn: C): boolean;
  /** The driver's own client for the connection (what `Native(Db)` hands out). */
  native(conn: C): unknown;
  /** The SQL side; `undefined` for Redis. */
  readonly sql: SqlBackend<C> | undefined;
  /** Releases what the driver shares between connections; called once the pool has closed. */
  end?(): void;
}

/** The SQL side of a driver: Kysely's dialect parts and the way queries, transactions and scripts run. */
export interface SqlBackend<C> {
  createAdapter(): DialectAdapter;
  createQueryCompiler(): QueryCompiler;
  createIntrospector(db: Kysely<any>): DatabaseIntrospector;
  execute(conn: C, query: CompiledQuery): Promise<QueryResult<any>>;
  stream(conn: C, query: CompiledQuery, chunkSize: number): AsyncIterableIterator<QueryResult<any>>;
  begin(conn: C, settings: TransactionSettings): Promise<void>;
  commit(conn: C): Promise<void>;
  rollback(conn: C): Promise<void>;
  /** Runs several statements at once (a migration's SQL file). */
  script(conn: C, text: string): Promise<void>;
  /** Quotes an identifier (a savepoint name). */
  quote(name: string): string;
  /** Whether DDL runs inside transactions (so a failed migration leaves nothing behind). */
  readonly transactionalDdl: boolean;
}

/** Opens a driver's backend: loads its package and checks what can be checked before connecting. */
export type BackendFactory = (settings: BackendSettings) => Promise<Backend<any>>;

/** Waits for `p` at most `ms` (a close that hangs on a dead socket), swallowing its failure. */
export async function settleWithin(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    p.catch(() => {}),
    new Promise<void>((r) => {
      timer = setTimeout(r, ms);
      timer.unref();
    }),
  ]);
  clearTimeout(timer);
}
