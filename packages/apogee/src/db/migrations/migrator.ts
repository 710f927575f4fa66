import { resolve } from "node:path";
import { type Kysely, sql } from "kysely";
import type { DbPool, Lease } from "../db-pool.ts";
import type { SqlBackend } from "../drivers/backend.ts";
import type { SqlDriverName } from "../url.ts";
import { loadModule, type MigrationFile, readMigrations } from "./files.ts";

/** The table that records applied migrations. */
export const MIGRATIONS_TABLE = "apogee_migrations";

/** Where a migration stands: applied, pending, or (refused) changed since applied or gone from the folder. */
export type MigrationState = "applied" | "pending" | "changed" | "missing";

/** One line of `status()`. */
export interface MigrationStatus {
  readonly name: string;
  readonly state: MigrationState;
  /** When it was applied (ISO 8601), for applied, changed and missing migrations. */
  readonly appliedAt?: string;
}

/** Migrations that cannot run: every problem found (changed or missing migrations, a failing one). */
export class MigrationError extends Error {
  /** One line per problem. */
  readonly problems: readonly string[];

  constructor(heading: string, problems: readonly string[], cause?: unknown) {
    super(
      `${heading}\n${problems.map((p) => `   >> ${p}`).join("\n")}`,
      cause === undefined ? undefined : { cause },
    );
    this.name = "MigrationError";
    this.problems = problems;
  }
}

interface Applied {
  readonly name: string;
  readonly checksum: string;
  readonly applied_at: string;
}

// Concurrent migrators (cluster workers igniting together) take turns: PostgreSQL and MySQL by a lock named
// after the table, SQLite by its write lock (and each migration re-checks, inside its transaction, that it is
// still pending).
const PG_LOCK = 0x61706f67;
const MYSQL_LOCK_WAIT = 60;

/**
 * Runs a folder of migrations against a SQL database and records them in `apogee_migrations`.
 *
 * - `migrate()` applies the pending ones in name order, each in its own transaction where the database allows
 *   DDL in transactions (PostgreSQL, SQLite; MySQL commits DDL as it goes), and records it.
 * - Before anything runs, every applied migration is checked against its file: one that changed (its SHA-256
 *   differs) or disappeared is refused, all of them reported at once.
 * - `rollback(n)` undoes the last `n` applied migrations with their down part; `status()` lists them all.
 *
 * @example
 * const applied = await new Migrator(Books.fetch(app)!, "migrations/books").migrate();
 */
export class Migrator {
  readonly #pool: DbPool<any, "sql">;
  readonly #dir: string;
  readonly #sql: SqlBackend<any>;

  constructor(pool: DbPool<any, any>, dir: string) {
    const backend = pool.sqlBackend;
    if (backend === undefined) throw new Error(`database \`${pool.name}\` is Redis: it has no migrations`);
    this.#pool = pool as DbPool<any, "sql">;
    this.#dir = resolve(dir);
    this.#sql = backend;
  }

  /** Every migration, applied or not, in name order (those missing from the folder last). */
  async status(): Promise<MigrationStatus[]> {
    const files = readMigrations(this.#dir);
    const applied = await this.#pool.withConnection((db) => readApplied(db).catch(() => [] as Applied[]));
    const byName = new Map(applied.map((a) => [a.name, a]));
    const out: MigrationStatus[] = files.map((f) => {
      const a = byName.get(f.name);
      if (a === undefined) return { name: f.name, state: "pending" };
      return {
        name: f.name,
        state: a.checksum === f.checksum ? "applied" : "changed",
        appliedAt: a.applied_at,
      };
    });
    const known = new Set(files.map((f) => f.name));
    for (const a of applied) {
      if (!known.has(a.name)) out.push({ name: a.name, state: "missing", appliedAt: a.applied_at });
    }
    return out;
  }

  /** Applies every pending migration; resolves with their names. */
  migrate(): Promise<string[]> {
    const files = readMigrations(this.#dir);
    return this.#locked(async (lease, db) => {
      const applied = await readApplied(db);
      this.#verify(files, applied);
      const done = new Set(applied.map((a) => a.name));
      const ran: string[] = [];
      for (const file of files) {
        if (done.has(file.name)) continue;
        if (await this.#apply(lease, file, "up")) ran.push(file.name);
      }
      return ran;
    });
  }

  /** Undoes the last `steps` applied migrations (newest first); resolves with their names. */
  rollback(steps = 1): Promise<string[]> {
    const files = readMigrations(this.#dir);
    return this.#locked(async (lease, db) => {
      const applied = await readApplied(db);
      this.#verify(files, applied);
      const byName = new Map(files.map((f) => [f.name, f]));
      const ran: string[] = [];
      for (const a of applied.reverse().slice(0, Math.max(steps, 0))) {
        const file = byName.get(a.name)!;
        if (file.kind === "sql" && file.down === undefined) {
          throw new MigrationError(`cannot roll back database \`${this.#pool.name}\`:`, [
            `migration \`${file.name}\` has no \`-- down\` part (${file.path})`,
          ]);
        }
        if (await this.#apply(lease, file, "down")) ran.push(file.name);
      }
      return ran;
    });
  }

  // Applied migrations must match their files exactly; every mismatch is reported.
  #verify(files: readonly MigrationFile[], applied: readonly Applied[]): void {
    const byName = new Map(files.map((f) => [f.name, f]));
    const problems: string[] = [];
    for (const a of applied) {
      const file = byName.get(a.name);
      if (file === undefined) {
        problems.push(
          `migration \`${a.name}\` was applied (${a.applied_at}) but its file is gone from ${this.#dir}`,
        );
      } else if (file.checksum !== a.checksum) {
        problems.push(
          `migration \`${a.name}\` changed after it was applied (${a.applied_at}): ${file.path} no longer ` +
            "matches; an applied migration must not be edited, write a new one",
        );
      }
    }
    if (problems.length > 0) {
      throw new MigrationError(`refusing to migrate database \`${this.#pool.name}\`:`, problems);
    }
  }

  // Runs one migration's up or down part and records it, in one transaction where DDL allows. Returns false when
  // another migrator got there first.
  async #apply(lease: Lease, file: MigrationFile, direction: "up" | "down"): Promise<boolean> {
    const pool = this.#pool;
    const inTransaction = this.#sql.transactionalDdl;
    const db = inTransaction ? await pool.begin(lease) : pool.kyselyOn(lease);
    try {
      const recorded = await isRecorded(db, file.name);
      if (recorded !== (direction === "down")) {
        if (inTransaction) await pool.commit(lease);
        return false;
      }
      await this.#run(lease, db, file, direction);
      if (direction === "up") {
        await db
          .insertInto(MIGRATIONS_TABLE)
          .values({ name: file.name, checksum: file.checksum, applied_at: new Date().toISOString() })
          .execute();
      } else await db.deleteFrom(MIGRATIONS_TABLE).where("name", "=", file.name).execute();
      if (inTransaction) await pool.commit(lease);
      return true;
    } catch (e) {
      if (inTransaction) await pool.rollback(lease).catch(() => {});
      const why = e instanceof Error ? e.message : String(e);
      throw new MigrationError(
        `migration \`${file.name}\` of database \`${pool.name}\` failed${direction === "down" ? " to roll back" : ""}:`,
        [`${why} (${file.path})`],
        e,
      );
    }
  }

  async #run(lease: Lease, db: Kysely<any>, file: MigrationFile, direction: "up" | "down"): Promise<void> {
    if (file.kind === "sql") {
      const text = direction === "up" ? file.up! : file.down!;
      await this.#sql.script(lease.raw, text);
      return;
    }
    const mod = await loadModule(file);
    const context = { driver: this.#pool.driver as SqlDriverName };
    if (direction === "up") await mod.up(db, context);
    else if (typeof mod.down === "function") await mod.down(db, context);
    else throw new Error("it exports no `down(db)` function");
  }

  async #locked<R>(work: (lease: Lease, db: Kysely<any>) => Promise<R>): Promise<R> {
    const lease = await this.#pool.lease();
    const db = this.#pool.kyselyOn(lease);
    try {
      await lock(this.#pool.driver, db);
      try {
        await db.schema
          .createTable(MIGRATIONS_TABLE)
          .ifNotExists()
          .addColumn("name", "varchar(255)", (c) => c.primaryKey())
          .addColumn("checksum", "varchar(64)", (c) => c.notNull())
          .addColumn("applied_at", "varchar(32)", (c) => c.notNull())
          .execute();
        return await work(lease, db);
      } finally {
        await unlock(this.#pool.driver, db).catch(() => {});
      }
    } finally {
      lease.release();
    }
  }
}

/**
 * Applies the pending migrations of `dir` (what `run_migrations = true` does at ignite); resolves with the names
 * applied.
 */
export function runMigrations(pool: DbPool<any, any>, dir: string): Promise<string[]> {
  return new Migrator(pool, dir).migrate();
}

async function readApplied(db: Kysely<any>): Promise<Applied[]> {
  const rows = await db
    .selectFrom(MIGRATIONS_TABLE)
    .select(["name", "checksum", "applied_at"])
    .orderBy("applied_at")
    .orderBy("name")
    .execute();
  return rows as Applied[];
}

async function isRecorded(db: Kysely<any>, name: string): Promise<boolean> {
  const row = await db
    .selectFrom(MIGRATIONS_TABLE)
    .select("name")
    .where("name", "=", name)
    .executeTakeFirst();
  return row !== undefined;
}

async function lock(driver: string, db: Kysely<any>): Promise<void> {
  if (driver === "postgres") await sql`select pg_advisory_lock(${PG_LOCK}::bigint)`.execute(db);
  else if (driver === "mysql") {
    const r = await sql<{
      got: number | null;
    }>`select get_lock(${MIGRATIONS_TABLE}, ${MYSQL_LOCK_WAIT}) as got`.execute(db);
    if (r.rows[0]?.got !== 1) {
      throw new Error(`another migrator held the \`${MIGRATIONS_TABLE}\` lock for ${MYSQL_LOCK_WAIT}s`);
    }
  }
}

async function unlock(driver: string, db: Kysely<any>): Promise<void> {
  if (driver === "postgres") await sql`select pg_advisory_unlock(${PG_LOCK}::bigint)`.execute(db);
  else if (driver === "mysql") await sql`select release_lock(${MIGRATIONS_TABLE})`.execute(db);
}
