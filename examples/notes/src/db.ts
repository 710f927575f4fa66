// The notes database, declared once with its schema: every query below is checked against it by the compiler.
import { database, type Generated } from "apogee/db";

/** The tables of the notes database. */
export interface NotesSchema {
  note: {
    id: Generated<number>;
    title: string;
    body: string;
    created_at: string;
  };
}

/** `databases.notes` in Apogee.toml: SQLite by default, PostgreSQL in the release profile. */
export const Notes = database<NotesSchema>("notes", "sqlite");
