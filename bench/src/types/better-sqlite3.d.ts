// The part of better-sqlite3's API the benchmark uses (the package ships no types).
declare module "better-sqlite3" {
  /** A prepared statement. */
  export interface SqliteStatement {
    get(...params: unknown[]): unknown;
    run(...params: unknown[]): unknown;
  }
  /** An open database. */
  export interface SqliteDatabase {
    prepare(sql: string): SqliteStatement;
    exec(sql: string): unknown;
    close(): unknown;
  }
}
