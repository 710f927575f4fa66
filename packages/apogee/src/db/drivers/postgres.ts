import {
  type CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from "kysely";
import { loadPeer } from "../peer.ts";
import { type Backend, type BackendSettings, settleWithin } from "./backend.ts";

// The parts of `pg` Apogee uses (its own types are not required to type-check an app).
interface PgResult {
  readonly command: string;
  readonly rowCount: number | null;
  readonly rows: unknown[];
}
interface PgClient {
  connect(): Promise<void>;
  query(text: string, values?: unknown[]): Promise<PgResult>;
  end(): Promise<void>;
  on(event: "error" | "end", listener: (e?: Error) => void): unknown;
}
interface PgModule {
  Client: new (config: Record<string, unknown>) => PgClient;
  types: { getTypeParser(oid: number, format?: string): unknown };
}

/** An open PostgreSQL connection: the `pg` client, and whether it is known to be dead. */
export interface PostgresConnection {
  readonly client: PgClient;
  broken: boolean;
}

const INT8 = 20;
const CLOSE_WAIT = 1000;
const WRITES = new Set(["INSERT", "UPDATE", "DELETE", "MERGE"]);

/**
 * The PostgreSQL driver (`pg`): one `pg.Client` per pooled connection, named `apogee:<database>` in
 * `pg_stat_activity` unless the URL sets `application_name`. `int8` values (`count(*)`, `bigserial`) arrive as
 * numbers when they fit one exactly, as strings otherwise (so handlers answer the same JSON as on SQLite).
 */
export async function postgresBackend(s: BackendSettings): Promise<Backend<PostgresConnection>> {
  const pg = await loadPeer<PgModule>("pg", s.name, "postgres");
  const types = {
    getTypeParser: (oid: number, format?: string) =>
      oid === INT8 && format !== "binary" ? parseInt8 : pg.types.getTypeParser(oid, format),
  };
  return {
    driver: "postgres",
    async open(timeout) {
      const client = new pg.Client({
        connectionString: s.url.url,
        connectionTimeoutMillis: Math.max(Math.ceil(timeout), 1),
        application_name: `apogee:${s.name}`,
        types,
      });
      const conn: PostgresConnection = { client, broken: false };
      // A connection that dies while idle reports here; without a listener the process would crash.
      const broke = () => {
        conn.broken = true;
      };
      client.on("error", broke);
      client.on("end", broke);
      await client.connect();
      return conn;
    },
    async close(conn) {
      conn.broken = true;
      await settleWithin(conn.client.end(), CLOSE_WAIT);
    },
    isBroken: (conn) => conn.broken,
    native: (conn) => conn.client,
    sql: {
      createAdapter: () => new PostgresAdapter(),
      createQueryCompiler: () => new PostgresQueryCompiler(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      async execute(conn, query) {
        const { command, rowCount, rows } = await conn.client.query(query.sql, [...query.parameters]);
        if (WRITES.has(command)) return { numAffectedRows: BigInt(rowCount ?? 0), rows: rows ?? [] };
        return { rows: rows ?? [] };
      },
      stream(conn, query, chunkSize) {
        return inChunks(conn, query, chunkSize);
      },
      async begin(conn, settings) {
        await run(conn, beginSql(settings));
      },
      commit: (conn) => run(conn, "commit"),
      rollback: (conn) => run(conn, "rollback"),
      async script(conn, text) {
        // No parameters: `pg` uses the simple protocol, which runs several statements.
        await conn.client.query(text);
      },
      quote: (name) => `"${name.replaceAll('"', '""')}"`,
      transactionalDdl: true,
    },
  };
}

function beginSql(settings: TransactionSettings): string {
  if (settings.isolationLevel === undefined && settings.accessMode === undefined) return "begin";
  let sql = "start transaction";
  if (settings.isolationLevel !== undefined) sql += ` isolation level ${settings.isolationLevel}`;
  if (settings.accessMode !== undefined) sql += ` ${settings.accessMode}`;
  return sql;
}

async function run(conn: PostgresConnection, sql: string): Promise<void> {
  await conn.client.query(sql);
}

function parseInt8(text: string): number | string {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : text;
}

// Without `pg-cursor`, a stream is the whole result handed out `chunkSize` rows at a time.
async function* inChunks(
  conn: PostgresConnection,
  query: CompiledQuery,
  chunkSize: number,
): AsyncIterableIterator<QueryResult<any>> {
  const { rows } = await conn.client.query(query.sql, [...query.parameters]);
  const size = Number.isInteger(chunkSize) && chunkSize > 0 ? chunkSize : 100;
  for (let i = 0; i < rows.length; i += size) yield { rows: rows.slice(i, i + size) };
}
