import { availableParallelism } from "node:os";
import { defaultConfig } from "../config/config.ts";
import type { ConfigProblem } from "../config/config-error.ts";
import { type Figment, isTable, relativeTo } from "../config/figment.ts";
import { type DatabaseUrl, type DriverName, parseDatabaseUrl, redactUrl } from "./url.ts";

/**
 * One database's configuration, read from `databases.<name>` (ROCKET.md §14), with Rocket's keys and defaults
 * and Apogee's two for migrations.
 */
export interface DatabaseConfig {
  readonly url: DatabaseUrl;
  /** Connections kept open when idle (default none). */
  readonly min_connections: number;
  /** Connections open at most (default `workers × 4`; always 1 for SQLite's `:memory:`). */
  readonly max_connections: number;
  /** Seconds to wait for a connection, opening included (default 5); also SQLite's busy timeout. */
  readonly connect_timeout: number;
  /** Seconds after which idle connections above `min_connections` close (default never). */
  readonly idle_timeout: number | undefined;
  /** Whether pending migrations run at ignite (default `false`). */
  readonly run_migrations: boolean;
  /** The migrations folder (default `migrations/<name>`; relative to the config file that sets it). */
  readonly migrations: string;
  /** SQLite extensions loaded into every connection (paths, relative to the config file that sets them). */
  readonly extensions: readonly string[];
}

/** The configuration, or every problem with it (the key, the value, where it came from). */
export type DatabaseConfigReport =
  | { readonly ok: true; readonly config: DatabaseConfig }
  | { readonly ok: false; readonly problems: readonly ConfigProblem[] };

/** Every key a database table may have; others are reported, so a typo never passes silently. */
const KEYS = new Set([
  "url",
  "min_connections",
  "max_connections",
  "connect_timeout",
  "idle_timeout",
  "run_migrations",
  "migrations",
  "extensions",
]);

/**
 * Reads `databases.<name>` from `figment`. `driver` is the one the database was declared with: a URL without a
 * scheme is for it (only SQLite has those), and a URL for a driver of the other kind (SQL vs Redis) is refused.
 */
export function readDatabaseConfig(figment: Figment, name: string, driver: DriverName): DatabaseConfigReport {
  const base = `databases.${name}`;
  const problems: ConfigProblem[] = [];
  const problem = (key: string, value: unknown, message: string) =>
    problems.push({
      key,
      value,
      message,
      source: figment.source(key)?.source,
      profile: figment.profile,
    });

  const found = figment.find(base)?.value;
  if (!isTable(found)) {
    const example =
      driver === "redis"
        ? "redis://127.0.0.1:6379"
        : driver === "sqlite"
          ? "sqlite://data/app.db"
          : `${driver}://…`;
    problem(
      `${base}.url`,
      undefined,
      `a database URL is required: add \`[default.databases.${name}] url = "${example}"\` to Apogee.toml ` +
        `or set APOGEE_DATABASES={${name}={url="${example}"}}`,
    );
    return { ok: false, problems };
  }
  for (const key of Object.keys(found)) {
    if (!KEYS.has(key)) {
      problem(`${base}.${key}`, found[key], `unknown key: expected one of ${[...KEYS].join(", ")}`);
    }
  }

  const rawUrl = found.url;
  let url: DatabaseUrl | undefined;
  if (typeof rawUrl !== "string") {
    problem(`${base}.url`, rawUrl, "expected a database URL (a string)");
  } else {
    const parsed = parseDatabaseUrl(rawUrl, driver);
    if (typeof parsed === "string") problem(`${base}.url`, redactUrl(rawUrl), parsed);
    else if ((parsed.driver === "redis") !== (driver === "redis")) {
      problem(
        `${base}.url`,
        parsed.redacted,
        `\`${name}\` was declared as a ${driver} database, so it needs ${driver === "redis" ? "a redis:// URL" : "an SQL database URL"}`,
      );
    } else url = parsed;
  }

  const num = (
    key: string,
    fallback: number | undefined,
    check: (n: number) => boolean,
    expected: string,
  ) => {
    const value = found[key];
    if (value === undefined) return fallback;
    if (typeof value === "number" && check(value)) return value;
    problem(`${base}.${key}`, value, expected);
    return fallback;
  };
  const workers = readWorkers(figment);
  const min = num("min_connections", 0, isCount, "expected a whole number (0 or more)") ?? 0;
  let max = num(
    "max_connections",
    workers * 4,
    (n) => isCount(n) && n >= 1,
    "expected a whole number (1 or more)",
  )!;
  const connect = num("connect_timeout", 5, isPositive, "expected a number of seconds (more than 0)")!;
  const idle = num("idle_timeout", undefined, isPositive, "expected a number of seconds (more than 0)");
  if (min > max && found.max_connections !== undefined) {
    problem(`${base}.min_connections`, min, `expected at most max_connections (${max})`);
  }
  const run = found.run_migrations;
  if (run !== undefined && typeof run !== "boolean")
    problem(`${base}.run_migrations`, run, "expected true or false");
  const dir = found.migrations;
  if (dir !== undefined && (typeof dir !== "string" || dir === "")) {
    problem(`${base}.migrations`, dir, "expected the path of a folder of migrations");
  }
  const ext = found.extensions;
  const extensions: string[] = [];
  if (ext !== undefined) {
    if (!Array.isArray(ext) || !ext.every((e) => typeof e === "string" && e !== "")) {
      problem(`${base}.extensions`, ext, "expected a list of paths to SQLite extensions");
    } else if (url !== undefined && url.driver !== "sqlite") {
      problem(`${base}.extensions`, ext, "only SQLite loads extensions");
    } else {
      const from = figment.source(`${base}.extensions`);
      for (const e of ext as string[]) extensions.push(relativeTo(e, from));
    }
  }
  if (problems.length > 0 || url === undefined) return { ok: false, problems };

  // Each `:memory:` connection is a database of its own: one connection, or writes would vanish.
  if (url.driver === "sqlite" && url.path === ":memory:") max = 1;
  return {
    ok: true,
    config: {
      url,
      min_connections: Math.min(min, max),
      max_connections: max,
      connect_timeout: connect,
      idle_timeout: idle,
      run_migrations: run === true,
      migrations:
        typeof dir === "string"
          ? relativeTo(dir, figment.source(`${base}.migrations`))
          : `migrations/${name}`,
      extensions,
    },
  };
}

function isCount(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

function isPositive(n: number): boolean {
  return Number.isFinite(n) && n > 0;
}

// `workers` as Apogee reads it: a number, or "auto" for one per CPU (its own problems are reported by the app's
// configuration, which falls back to the default as this does).
function readWorkers(figment: Figment): number {
  const w = figment.find("workers")?.value;
  if (typeof w === "string" && w.toLowerCase() === "auto") return availableParallelism();
  return typeof w === "number" && Number.isSafeInteger(w) && w >= 1 ? w : defaultConfig().workers;
}
