import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import {
  type CompiledQuery,
  type QueryResult,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from "kysely";
import { loadPeer } from "../peer.ts";
import type { Backend, BackendSettings } from "./backend.ts";
import { WriteLock } from "./lock.ts";

// The parts of better-sqlite3 Apogee uses (its own types are not required to type-check an app).
interface Statement {
  readonly reader: boolean;
  readonly readonly: boolean;
  all(params: readonly unknown[]): unknown[];
  run(params: readonly unknown[]): { changes: number; lastInsertRowid: number | bigint };
  iterate(params: readonly unknown[]): IterableIterator<unknown>;
}
interface Handle {
  readonly open: boolean;
  readonly inTransaction: boolean;
  prepare(sql: string): Statement;
  exec(sql: string): unknown;
  pragma(source: string): unknown;
  loadExtension(path: string): unknown;
  close(): unknown;
}
type HandleClass = new (path: string, options?: { timeout?: number }) => Handle;

/** An open SQLite connection: the better-sqlite3 handle, its statement cache, and whether it holds the write lock. */
export interface SqliteConnection {
  readonly db: Handle;
  readonly statements: Map<string, Statement>;
  locked: boolean;
}

const STATEMENT_CACHE = 200;

/**
 * The SQLite driver (better-sqlite3, embedded): each connection opens the file (creating it and its folder when
 * missing) in WAL mode, with foreign keys on and `connect_timeout` as the busy timeout. Writes are serialised by an
 * asynchronous lock, so a transaction held across `await`s never makes another connection busy-wait (which would
 * block the event loop, and with it the transaction). `:memory:` is one database per connection: the pool keeps
 * a single one.
 */
export async function sqliteBackend(s: BackendSettings): Promise<Backend<SqliteConnection>> {
  const Database = await loadPeer<HandleClass>("better-sqlite3", s.name, "sqlite");
  const path = s.url.path ?? ":memory:";
  const memory = path === ":memory:" || path === "";
  const lock = new WriteLock();
  const lockTimeout = () =>
    new Error(
      `database \`${s.name}\`: another connection held SQLite's write lock for longer than connect_timeout`,
    );
  const exclusive = async <T>(conn: SqliteConnection, run: () => T): Promise<T> => {
    if (conn.locked) return run();
    await lock.acquire(s.connectTimeout, lockTimeout);
    try {
      return run();
    } finally {
      lock.release();
    }
  };

  return {
    driver: "sqlite",
    async open() {
      const file = memory ? ":memory:" : resolve(path);
      if (!memory) mkdirSync(dirname(file), { recursive: true });
      const db = new Database(file, { timeout: s.connectTimeout });
      try {
        if (!memory) db.pragma("journal_mode = WAL");
        db.pragma("foreign_keys = ON");
        for (const extension of s.extensions) db.loadExtension(extension);
      } catch (e) {
        db.close();
        throw e;
      }
      return { db, statements: new Map(), locked: false };
    },
    async close(conn) {
      try {
        if (conn.locked) {
          conn.locked = false;
          lock.release();
        }
        if (conn.db.open) conn.db.close();
      } catch {}
    },
    isBroken: (conn) => !conn.db.open,
    native: (conn) => conn.db,
    sql: {
      createAdapter: () => new SqliteAdapter(),
      createQueryCompiler: () => new SqliteQueryCompiler(),
      createIntrospector: (db) => new SqliteIntrospector(db),
      execute(conn, query) {
        try {
          const stmt = prepare(conn, query.sql);
          const params = bindable(query.parameters);
          // A write waits (asynchronously) while another connection's transaction holds the lock.
          if (stmt.readonly || conn.locked || !lock.held) return Promise.resolve(runStatement(stmt, params));
          return exclusive(conn, () => runStatement(stmt, params));
        } catch (e) {
          return Promise.reject(e);
        }
      },
      stream(conn, query) {
        return streamRows(conn, query);
      },
      async begin(conn) {
        await lock.acquire(s.connectTimeout, lockTimeout);
        conn.locked = true;
        try {
          conn.db.exec("BEGIN IMMEDIATE");
        } catch (e) {
          conn.locked = false;
          lock.release();
          throw e;
        }
      },
      async commit(conn) {
        conn.db.exec("COMMIT");
        unlock(conn, lock);
      },
      async rollback(conn) {
        try {
          if (conn.db.inTransaction) conn.db.exec("ROLLBACK");
        } finally {
          unlock(conn, lock);
        }
      },
      script: (conn, text) => exclusive(conn, () => void conn.db.exec(text)),
      quote: (name) => `"${name.replaceAll('"', '""')}"`,
      transactionalDdl: true,
    },
  };
}

function unlock(conn: SqliteConnection, lock: WriteLock): void {
  if (!conn.locked) return;
  conn.locked = false;
  lock.release();
}

// Prepared statements are kept per connection (the cache drops its oldest entry when full).
function prepare(conn: SqliteConnection, sql: string): Statement {
  let stmt = conn.statements.get(sql);
  if (stmt === undefined) {
    stmt = conn.db.prepare(sql);
    if (conn.statements.size >= STATEMENT_CACHE) {
      conn.statements.delete(conn.statements.keys().next().value!);
    }
    conn.statements.set(sql, stmt);
  }
  return stmt;
}

function runStatement(stmt: Statement, params: readonly unknown[]): QueryResult<unknown> {
  return stmt.reader ? { rows: stmt.all(params) } : written(stmt.run(params));
}

function written(r: { changes: number; lastInsertRowid: number | bigint }): QueryResult<never> {
  return { numAffectedRows: BigInt(r.changes), insertId: BigInt(r.lastInsertRowid), rows: [] };
}

// SQLite binds numbers, strings, bigints, buffers and null: booleans become 1/0 and dates ISO strings, so the
// same queries run on SQLite as on PostgreSQL and MySQL.
function bindable(params: readonly unknown[]): readonly unknown[] {
  for (let i = 0; i < params.length; i++) {
    const p = params[i];
    if (typeof p === "boolean" || p instanceof Date) return params.map(toBindable);
  }
  return params;
}

function toBindable(p: unknown): unknown {
  if (typeof p === "boolean") return p ? 1 : 0;
  if (p instanceof Date) return p.toISOString();
  return p;
}

async function* streamRows(
  conn: SqliteConnection,
  query: CompiledQuery,
): AsyncIterableIterator<QueryResult<any>> {
  if (!SelectQueryNode.is(query.query)) {
    throw new Error("the sqlite driver streams only select queries");
  }
  // A statement of its own: a cached one could be asked to run again while this iteration is open.
  const stmt = conn.db.prepare(query.sql);
  for (const row of stmt.iterate(bindable(query.parameters))) yield { rows: [row] };
}
