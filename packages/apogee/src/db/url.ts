/** The database drivers Apogee ships: embedded SQLite, PostgreSQL, MySQL/MariaDB and Redis. */
export type DriverName = "sqlite" | "postgres" | "mysql" | "redis";

/** The drivers that speak SQL (and get a typed Kysely). */
export type SqlDriverName = Exclude<DriverName, "redis">;

/** Every driver name, in the order error messages list them. */
export const DRIVER_NAMES: readonly DriverName[] = ["sqlite", "postgres", "mysql", "redis"];

/** A database URL taken apart: the driver it selects, and what that driver connects to. */
export interface DatabaseUrl {
  readonly driver: DriverName;
  /** The URL as configured, to hand to the driver. */
  readonly url: string;
  /** For SQLite: the file path, or `:memory:`. */
  readonly path?: string;
  /** The URL with its password replaced by `***`, for logs and errors. */
  readonly redacted: string;
  /** The password in the URL (decoded), so driver messages that echo it can be scrubbed; `""` when none. */
  readonly password: string;
}

const SCHEMES: Readonly<Record<string, DriverName>> = {
  sqlite: "sqlite",
  postgres: "postgres",
  postgresql: "postgres",
  mysql: "mysql",
  mariadb: "mysql",
  redis: "redis",
  rediss: "redis",
};

/**
 * Reads a database URL.
 *
 * - The scheme selects the driver: `sqlite:`, `postgres:`/`postgresql:`, `mysql:`/`mariadb:`, `redis:`/`rediss:`.
 * - SQLite takes `sqlite://data/books.db` (relative to the working directory), `sqlite:///srv/books.db`
 *   (absolute), `sqlite::memory:`, or a bare path or `:memory:` when `fallback` is `sqlite`.
 * - Returns a message (a string) when the URL cannot be used.
 */
export function parseDatabaseUrl(url: string, fallback: DriverName): DatabaseUrl | string {
  const trimmed = url.trim();
  if (trimmed === "") return "expected a database URL, e.g. sqlite://data/app.db or postgres://user@host/db";
  const m = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed);
  const scheme = m?.[1]?.toLowerCase();
  // A Windows drive letter (`C:\db.sqlite`) is a path, not a scheme.
  const isPath = scheme === undefined || (scheme.length === 1 && /^[a-z]:[\\/]/i.test(trimmed));
  if (isPath || trimmed === ":memory:") {
    if (fallback !== "sqlite") {
      return `expected a ${fallback}:// URL (a bare path is only a database for the sqlite driver)`;
    }
    return { driver: "sqlite", url: trimmed, path: trimmed, redacted: trimmed, password: "" };
  }
  const driver = SCHEMES[scheme];
  if (driver === undefined) {
    return `unknown scheme \`${scheme}:\`: expected one of sqlite:, postgres:, postgresql:, mysql:, mariadb:, redis:, rediss:`;
  }
  if (driver === "sqlite") {
    const rest = trimmed.slice(scheme.length + 1);
    const path = rest.startsWith("//") ? rest.slice(2) : rest;
    const clean = path.split("?", 1)[0]!;
    if (clean === "") return "expected a file after sqlite://, e.g. sqlite://data/app.db or sqlite::memory:";
    return { driver, url: trimmed, path: decodeURIComponent(clean), redacted: trimmed, password: "" };
  }
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return `not a valid URL: expected ${scheme}://user:password@host:port/name`;
  }
  let password = "";
  try {
    password = decodeURIComponent(parsed.password);
  } catch {
    password = parsed.password;
  }
  return { driver, url: trimmed, redacted: redactUrl(trimmed), password };
}

/** `url` with its password (and any `password=` query parameter) shown as `***`, even when it is malformed. */
export function redactUrl(url: string): string {
  return url.replace(USERINFO, "$1***@").replace(/([?&](?:password|pass|pwd)=)[^&#]*/gi, "$1***");
}

// `scheme://user:` then the password, up to the `@` that ends the user part.
const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/[^:/?#@]*:)[^@/?#]*@/i;

/** `message` with every occurrence of `secret` replaced by `***` (driver errors sometimes echo the URL). */
export function scrub(message: string, secret: string): string {
  return secret === "" ? message : message.split(secret).join("***");
}
