import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Kysely } from "kysely";
import type { SqlDriverName } from "../url.ts";

/** One migration found in the folder: its name (the file name without extension) and how to run it. */
export interface MigrationFile {
  readonly name: string;
  readonly path: string;
  /** SHA-256 of the file's bytes: an applied migration whose file changed is refused. */
  readonly checksum: string;
  readonly kind: "sql" | "module";
  /** For `.sql` files: the statements before and after the `-- down` line (`down` is `undefined` without one). */
  readonly up?: string;
  readonly down?: string | undefined;
}

/** What a migration module is told besides its `Kysely`: the driver it runs on, for the odd dialect difference. */
export interface MigrationContext {
  readonly driver: SqlDriverName;
}

/**
 * What a migration module exports: `up(db, context)`, and `down(db, context)` to be reversible. `db` runs in the
 * migration's transaction where the database allows DDL in one.
 */
export interface MigrationModule {
  up(db: Kysely<any>, context: MigrationContext): Promise<void> | void;
  down?(db: Kysely<any>, context: MigrationContext): Promise<void> | void;
}

const MODULES = new Set([".ts", ".mts", ".js", ".mjs"]);
// `-- down` (or `-- migrate:down`) on a line of its own starts the down part of an SQL file.
const DOWN = /^[ \t]*--[ \t]*(?:migrate:)?down[ \t]*$/im;
const UP = /^[ \t]*--[ \t]*(?:migrate:)?up[ \t]*$/im;

/**
 * Reads a folder of migrations, sorted by name: `.sql` files (the up statements, then optionally a `-- down` line
 * and the statements that undo them) and modules (`.ts`, `.js`, …) exporting `up(db)` and optionally `down(db)`,
 * given a `Kysely<any>`. Throws when the folder is missing or two files share a name.
 */
export function readMigrations(dir: string): MigrationFile[] {
  const folder = resolve(dir);
  let names: string[];
  try {
    if (!statSync(folder).isDirectory()) throw new Error(`${folder} is not a folder`);
    names = readdirSync(folder);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(
      code === "ENOENT" ? `the migrations folder ${folder} does not exist` : (e as Error).message,
    );
  }
  const found = new Map<string, MigrationFile>();
  for (const file of names.sort()) {
    const ext = extname(file);
    if (file.startsWith(".") || file.endsWith(".d.ts") || (ext !== ".sql" && !MODULES.has(ext))) continue;
    const path = join(folder, file);
    if (!statSync(path).isFile()) continue;
    const name = file.slice(0, -ext.length);
    const bytes = readFileSync(path);
    const checksum = createHash("sha256").update(bytes).digest("hex");
    const existing = found.get(name);
    if (existing !== undefined) {
      throw new Error(`two migrations are named \`${name}\`: ${existing.path} and ${path}`);
    }
    if (ext === ".sql") {
      const { up, down } = splitSqlMigration(bytes.toString("utf8"));
      found.set(name, { name, path, checksum, kind: "sql", up, down });
    } else found.set(name, { name, path, checksum, kind: "module" });
  }
  return [...found.values()];
}

/** An SQL migration's two parts: before and after its `-- down` line (an optional `-- up` line starts it). */
export function splitSqlMigration(text: string): { up: string; down: string | undefined } {
  const m = DOWN.exec(text);
  const up = (m === null ? text : text.slice(0, m.index)).replace(UP, "");
  return { up, down: m === null ? undefined : text.slice(m.index + m[0].length) };
}

/** Loads a migration module; throws when it does not export an `up` function. */
export async function loadModule(file: MigrationFile): Promise<MigrationModule> {
  const mod = (await import(pathToFileURL(file.path).href)) as Partial<MigrationModule> & {
    default?: Partial<MigrationModule>;
  };
  const m = typeof mod.up === "function" ? mod : mod.default;
  if (m === undefined || typeof m.up !== "function") {
    throw new Error(`migration ${file.path} does not export an \`up(db)\` function`);
  }
  return m as MigrationModule;
}
