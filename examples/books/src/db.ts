// The books database, declared once with its schema: every query is checked against it by the compiler (a wrong
// column name does not compile).
import { database, type Generated, type Selectable } from "apogee/db";

/** The tables of the books database (see migrations/books). */
export interface BooksSchema {
  account: {
    id: Generated<number>;
    email: string;
    password_hash: string;
    created_at: string;
  };
  book: {
    id: Generated<number>;
    owner_id: number;
    title: string;
    author: string;
    year: number | null;
    notes: string;
    created_at: string;
    updated_at: string;
  };
  audit: {
    id: Generated<number>;
    account_id: number;
    action: "register" | "create" | "update" | "delete";
    book_id: number | null;
    at: string;
  };
}

/** A book row as stored. */
export type BookRow = Selectable<BooksSchema["book"]>;

/** `databases.books` in Apogee.toml: SQLite by default, PostgreSQL in the release profile. */
export const Books = database<BooksSchema>("books", "sqlite");
