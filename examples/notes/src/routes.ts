// The notes API: list, read, create, update and delete. Each handler asks for what it needs: a connection, or a
// transaction that commits when it answers 2xx and rolls back otherwise.
import { del, get, Json, post, put, status, u32 } from "apogee";
import { Connection, Transaction } from "apogee/db";
import { z } from "zod";
import { Notes } from "./db.ts";

const NoteInput = z.object({
  title: z.string().trim().min(1).max(200),
  body: z.string().max(10_000).default(""),
});

/** Every note, newest first. */
export const list = get("/notes", { db: Connection(Notes) }, ({ db }) =>
  db.selectFrom("note").selectAll().orderBy("id", "desc").execute(),
);

/** One note; 404 when there is none. */
export const read = get("/notes/<id>", { id: u32, db: Connection(Notes) }, async ({ id, db }) => {
  const note = await db.selectFrom("note").selectAll().where("id", "=", id).executeTakeFirst();
  return note ?? null;
});

/** A new note: 201 with its location and the note as stored. */
export const create = post(
  { uri: "/notes", data: "<input>", format: "json" },
  { input: Json(NoteInput), db: Transaction(Notes) },
  async ({ input, db }) => {
    const note = await db
      .insertInto("note")
      .values({ ...input, created_at: new Date().toISOString() })
      .returningAll()
      .executeTakeFirstOrThrow();
    return status.Created(`/notes/${note.id}`).body(note);
  },
);

/** A note rewritten; 404 when there is none. */
export const update = put(
  { uri: "/notes/<id>", data: "<input>", format: "json" },
  { id: u32, input: Json(NoteInput), db: Transaction(Notes) },
  async ({ id, input, db }) => {
    const note = await db
      .updateTable("note")
      .set(input)
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirst();
    return note ?? null;
  },
);

/** A note gone: 204; 404 when there was none. */
export const remove = del("/notes/<id>", { id: u32, db: Connection(Notes) }, async ({ id, db }) => {
  const { numDeletedRows } = await db.deleteFrom("note").where("id", "=", id).executeTakeFirst();
  return numDeletedRows === 0n ? null : status.NoContent();
});
