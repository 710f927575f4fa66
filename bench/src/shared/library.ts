// The SQLite read scenario's database: a library of 1,000 books in one SQLite file, made once per benchmark run
// (by the process that starts the servers) and opened read-only by every server through `BENCH_LIBRARY`.
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SqliteDatabase } from "better-sqlite3";

/** A row of the `book` table, as every server answers it. */
export interface Book {
  readonly id: number;
  readonly title: string;
  readonly author: string;
  readonly year: number;
}

/** The number of books in the library (ids 1 to 1,000). */
export const BOOK_COUNT = 1000;

/** The book the scenario reads. */
export const BOOK_ID = 617;

/** The one query every server runs, as a prepared statement with the id as its parameter. */
export const BOOK_QUERY = "SELECT id, title, author, year FROM book WHERE id = ?";

const AUTHORS = ["Ada Lovelace", "Charles Babbage", "Mary Somerville", "Augustus De Morgan", "Grace Hopper"];
const SUBJECTS = ["Engines", "Numbers", "Orbits", "Tables", "Programs", "Machines", "Notes"];

/** Book `id`, the same on every run. */
export function book(id: number): Book {
  return {
    id,
    title: `${SUBJECTS[id % SUBJECTS.length]} of the Analytical Age, volume ${id}`,
    author: AUTHORS[id % AUTHORS.length]!,
    year: 1800 + (id % 200),
  };
}

const require = createRequire(import.meta.url);

/** Opens better-sqlite3 (the package ships no types; `src/types/better-sqlite3.d.ts` names what we use). */
export function openSqlite(path: string, options?: { readonly?: boolean }): SqliteDatabase {
  const Database = require("better-sqlite3") as new (path: string, options?: object) => SqliteDatabase;
  return new Database(path, options);
}

let made: string | undefined;

/**
 * The library file for the servers this process starts: made at the first call (in a temporary folder removed
 * when this process exits), the same path afterwards.
 */
export function libraryFile(): string {
  if (made !== undefined) return made;
  const dir = mkdtempSync(join(tmpdir(), "apogee-bench-"));
  const path = join(dir, "library.db");
  const db = openSqlite(path);
  try {
    db.exec(
      "CREATE TABLE book (id INTEGER PRIMARY KEY, title TEXT NOT NULL, author TEXT NOT NULL, year INTEGER NOT NULL)",
    );
    const insert = db.prepare("INSERT INTO book (id, title, author, year) VALUES (?, ?, ?, ?)");
    db.exec("BEGIN");
    for (let id = 1; id <= BOOK_COUNT; id++) {
      const b = book(id);
      insert.run(b.id, b.title, b.author, b.year);
    }
    db.exec("COMMIT");
  } finally {
    db.close();
  }
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  made = path;
  return path;
}

/** The library file a server process was given (`BENCH_LIBRARY`, set by `serverEnv`). */
export function givenLibrary(): string {
  const path = process.env.BENCH_LIBRARY;
  if (path === undefined || path === "") {
    throw new Error("BENCH_LIBRARY must name the SQLite file of the sqlite scenario (see serverEnv)");
  }
  return path;
}

/**
 * The server side of the scenario for the peers: a read-only connection and the statement prepared once (as
 * better-sqlite3's docs recommend); `find(id)` is the book or `undefined`.
 */
export function bookFinder(): (id: number) => Book | undefined {
  const stmt = openSqlite(givenLibrary(), { readonly: true }).prepare(BOOK_QUERY);
  return (id) => stmt.get(id) as Book | undefined;
}
