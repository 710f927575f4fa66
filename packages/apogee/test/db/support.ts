// Shared helpers for the database tests: the real services (PostgreSQL, MariaDB, Redis) and SQLite files, each
// test run in its own schema, database, key prefix or folder; loud skips when a service is absent (never under CI).
import { randomBytes } from "node:crypto";
import { mkdtempSync, realpathSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after } from "node:test";
import type { DriverName } from "../../src/db/index.ts";

export const PG_BASE = "postgres://postgres@127.0.0.1:5432/test";
export const MYSQL_BASE = "mysql://root@127.0.0.1:3306";
export const REDIS_BASE = "redis://127.0.0.1:6379";

const PORTS: Readonly<Record<Exclude<DriverName, "sqlite">, number>> = {
  postgres: 5432,
  mysql: 3306,
  redis: 6379,
};

/** Whether something listens on `127.0.0.1:port` (within half a second). */
export function listening(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/**
 * Whether the tests for `driver` can run: SQLite always; a server when it listens. Under `CI=true` an absent server
 * is a failure (the tests must run there); elsewhere the tests skip, with a notice on stderr.
 */
export async function available(driver: DriverName): Promise<boolean> {
  if (driver === "sqlite") return true;
  const port = PORTS[driver];
  if (await listening(port)) return true;
  if (process.env.CI === "true") {
    throw new Error(
      `CI=true but the ${driver} server is not listening on 127.0.0.1:${port}: the database tests must run in CI`,
    );
  }
  console.error(
    `\n!!! SKIPPING the ${driver} database tests: nothing listens on 127.0.0.1:${port}. ` +
      "Start the server (CI=true makes this a failure).\n",
  );
  return false;
}

/** A name unique to this run: letters, digits and `_`. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`;
}

/** A fresh folder, removed after the test file. */
export function tempFolder(prefix = "apogee-db-"): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** What a test database is: its URL, and how to remove it afterwards. */
export interface Sandbox {
  readonly url: string;
  drop(): Promise<void>;
}

/**
 * A database of its own for one test file: a SQLite file in a temporary folder, a PostgreSQL schema (the URL's
 * `search_path`), a MariaDB database, or a Redis key prefix (`prefix`).
 */
export async function sandbox(driver: DriverName): Promise<Sandbox & { readonly prefix: string }> {
  const name = uniqueName("apogee");
  if (driver === "sqlite") {
    const dir = tempFolder();
    return { url: `sqlite://${join(dir, "test.db")}`, prefix: "", drop: async () => {} };
  }
  if (driver === "postgres") {
    const pg = (await import("pg")).default;
    const admin = new pg.Client({ connectionString: PG_BASE });
    await admin.connect();
    await admin.query(`create schema ${name}`);
    await admin.end();
    return {
      url: `${PG_BASE}?options=${encodeURIComponent(`-c search_path=${name}`)}`,
      prefix: "",
      drop: async () => {
        const c = new pg.Client({ connectionString: PG_BASE });
        await c.connect();
        await c.query(`drop schema if exists ${name} cascade`);
        await c.end();
      },
    };
  }
  if (driver === "mysql") {
    const mysql = (await import("mysql2/promise")).default;
    const admin = await mysql.createConnection(`${MYSQL_BASE}/test`);
    await admin.query(`create database ${name}`);
    await admin.end();
    return {
      url: `${MYSQL_BASE}/${name}`,
      prefix: "",
      drop: async () => {
        const c = await mysql.createConnection(`${MYSQL_BASE}/test`);
        await c.query(`drop database if exists ${name}`);
        await c.end();
      },
    };
  }
  const prefix = `${name}:`;
  return {
    url: REDIS_BASE,
    prefix,
    drop: async () => {
      const { Redis } = (await import("ioredis")).default;
      const r = new Redis(REDIS_BASE);
      const keys = await r.keys(`${prefix}*`);
      if (keys.length > 0) await r.del(...keys);
      await r.quit();
    },
  };
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** A promise with its resolve function, for handlers that wait on the test. */
export function gate(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
}
