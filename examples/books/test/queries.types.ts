// Type tests (checked by `tsc`, never run): queries are typed by the schema in src/db.ts, so a wrong table or
// column does not compile.
import { get } from "apogee";
import { Connection } from "apogee/db";
import { Books } from "../src/db.ts";

export const typed = get("/typed", { db: Connection(Books) }, async ({ db }) => {
  const rows = await db.selectFrom("book").select(["id", "title", "year"]).execute();
  const year: number | null | undefined = rows[0]?.year;

  // @ts-expect-error: the book table has no `isbn` column.
  await db.selectFrom("book").select("isbn").execute();
  // @ts-expect-error: there is no `books` table (it is `book`).
  await db.selectFrom("books").selectAll().execute();
  // @ts-expect-error: `year` is a number, not a string.
  await db.updateTable("book").set({ year: "1979" }).execute();
  // @ts-expect-error: an account needs its password hash.
  await db.insertInto("account").values({ email: "a@example.com", created_at: "" }).execute();
  return { year };
});
