import {
  type CompiledQuery,
  MysqlAdapter,
  MysqlIntrospector,
  MysqlQueryCompiler,
  type QueryResult,
} from "kysely";
import { loadPeer } from "../peer.ts";
import { type Backend, type BackendSettings, settleWithin } from "./backend.ts";
import { splitSql } from "./split-sql.ts";

// The parts of `mysql2` Apogee uses (its own types are not required to type-check an app).
interface MysqlQuery {
  stream(options: { objectMode: true }): AsyncIterable<unknown>;
}
interface MysqlRaw {
  connect(cb: (err: Error | null) => void): void;
  query(
    sql: string,
    values: readonly unknown[],
    cb: (err: Error | null, result: unknown) => void,
  ): MysqlQuery;
  query(sql: string, values: readonly unknown[]): MysqlQuery;
  on(event: "error" | "end", listener: (e?: Error & { fatal?: boolean }) => void): unknown;
  end(cb: (err: Error | null) => void): void;
  destroy(): void;
}
interface MysqlModule {
  createConnection(options: Record<string, unknown>): MysqlRaw;
}

/** An open MySQL/MariaDB connection: the `mysql2` connection, and whether it is known to be dead. */
export interface MysqlConnection {
  readonly raw: MysqlRaw;
  broken: boolean;
}

const CLOSE_WAIT = 1000;

/**
 * The MySQL/MariaDB driver (`mysql2`): one connection per pooled connection, one statement per query (several
 * are never allowed on a connection: a migration's SQL file is split into statements instead).
 */
export async function mysqlBackend(s: BackendSettings): Promise<Backend<MysqlConnection>> {
  const mysql = await loadPeer<MysqlModule>("mysql2", s.name, "mysql");
  const uri = s.url.url.replace(/^mariadb:/i, "mysql:");
  return {
    driver: "mysql",
    open(timeout) {
      return new Promise<MysqlConnection>((resolve, reject) => {
        const raw = mysql.createConnection({ uri, connectTimeout: Math.max(Math.ceil(timeout), 1) });
        const conn: MysqlConnection = { raw, broken: false };
        // Fatal errors (the server went away) arrive here; without a listener the process would crash.
        raw.on("error", (e) => {
          if (e?.fatal !== false) conn.broken = true;
        });
        raw.on("end", () => {
          conn.broken = true;
        });
        raw.connect((err) => {
          if (err === null) return resolve(conn);
          raw.destroy();
          reject(err);
        });
      });
    },
    async close(conn) {
      if (conn.broken) return conn.raw.destroy();
      conn.broken = true;
      await settleWithin(new Promise<void>((r) => conn.raw.end(() => r())), CLOSE_WAIT);
      conn.raw.destroy();
    },
    isBroken: (conn) => conn.broken,
    native: (conn) => conn.raw,
    sql: {
      createAdapter: () => new MysqlAdapter(),
      createQueryCompiler: () => new MysqlQueryCompiler(),
      createIntrospector: (db) => new MysqlIntrospector(db),
      async execute(conn, query) {
        return toResult(await run(conn, query.sql, query.parameters));
      },
      stream(conn, query) {
        return streamRows(conn, query);
      },
      async begin(conn, settings) {
        const parts: string[] = [];
        if (settings.isolationLevel !== undefined) parts.push(`isolation level ${settings.isolationLevel}`);
        if (settings.accessMode !== undefined) parts.push(settings.accessMode);
        if (parts.length > 0) await run(conn, `set transaction ${parts.join(", ")}`, []);
        await run(conn, "begin", []);
      },
      commit: async (conn) => void (await run(conn, "commit", [])),
      rollback: async (conn) => void (await run(conn, "rollback", [])),
      async script(conn, text) {
        for (const statement of splitSql(text)) await run(conn, statement, []);
      },
      quote: (name) => `\`${name.replaceAll("`", "``")}\``,
      transactionalDdl: false,
    },
  };
}

function run(conn: MysqlConnection, sql: string, values: readonly unknown[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    conn.raw.query(sql, values, (err, result) => (err === null ? resolve(result) : reject(err)));
  });
}

// A write answers with a result header (insert id, affected rows); a query with its rows.
function toResult(result: unknown): QueryResult<any> {
  if (Array.isArray(result)) return { rows: result };
  if (result !== null && typeof result === "object" && "affectedRows" in result) {
    const r = result as { insertId?: number | string; affectedRows?: number; changedRows?: number };
    const insertId = r.insertId === undefined || String(r.insertId) === "0" ? undefined : BigInt(r.insertId);
    return {
      ...(insertId === undefined ? {} : { insertId }),
      ...(r.affectedRows === undefined ? {} : { numAffectedRows: BigInt(r.affectedRows) }),
      ...(r.changedRows === undefined ? {} : { numChangedRows: BigInt(r.changedRows) }),
      rows: [],
    };
  }
  return { rows: [] };
}

async function* streamRows(
  conn: MysqlConnection,
  query: CompiledQuery,
): AsyncIterableIterator<QueryResult<any>> {
  const rows = conn.raw.query(query.sql, query.parameters).stream({ objectMode: true });
  try {
    for await (const row of rows) yield { rows: [row] };
  } catch (e) {
    // Breaking out of the loop early closes the stream prematurely; that is not a failure.
    if ((e as NodeJS.ErrnoException)?.code !== "ERR_STREAM_PREMATURE_CLOSE") throw e;
  }
}
