// The books: each belongs to the account that added it. Another account's book answers 404, never 403: a 403
// would tell a caller that the id exists (and so how many books there are), which is not theirs to know.
// Every write leaves an audit row in the same transaction as the book's own row: both are stored, or neither.
import { del, get, Json, patch, post, put, result, status, u32, uri } from "apogee";
import { Connection, type Kysely, Transaction } from "apogee/db";
import type { z } from "zod";
import { CurrentUser } from "./auth.ts";
import { Books, type BooksSchema } from "./db.ts";
import { invalid } from "./errors.ts";
import { Book, BookPage, BookPatch, BookQuery, NewBook, type SORTS } from "./schemas.ts";

const NOT_FOUND = "There is no book with this id on your shelf.";
const INVALID = "The body does not match the schema: the errors list each field.";

type Sort = (typeof SORTS)[number];
const COLUMNS = { title: "title", author: "author", year: "year", created: "id" } as const;

function order(sort: Sort) {
  const desc = sort.startsWith("-");
  const key = (desc ? sort.slice(1) : sort) as keyof typeof COLUMNS;
  return [COLUMNS[key], desc ? "desc" : "asc"] as const;
}

/**
 * Lists your books, a page at a time, filtered by author (a substring, any case) and by a search in titles and
 * notes, sorted by `sort` (a leading `-` reverses).
 * @tag books
 */
export const listBooks = get(
  {
    uri: "/books?<filter..>",
    responses: { 200: BookPage, 422: "A query field is invalid: the errors list each." },
  },
  { user: CurrentUser, filter: result(BookQuery), db: Connection(Books) },
  async ({ user, filter, db }) => {
    if (!filter.ok) return invalid(filter.error.errors);
    const query = filter.value;
    let filtered = db.selectFrom("book").where("owner_id", "=", user.id);
    if (query.author !== undefined)
      filtered = filtered.where((eb) => eb(eb.fn("lower", ["author"]), "like", `%${like(query.author!)}%`));
    if (query.q !== undefined) {
      const needle = `%${like(query.q)}%`;
      filtered = filtered.where((eb) =>
        eb.or([eb(eb.fn("lower", ["title"]), "like", needle), eb(eb.fn("lower", ["notes"]), "like", needle)]),
      );
    }
    const [column, direction] = order(query.sort);
    const [items, count] = await Promise.all([
      filtered
        .selectAll()
        .orderBy(column, direction)
        .orderBy("id", direction)
        .limit(query.per_page)
        .offset((query.page - 1) * query.per_page)
        .execute(),
      filtered.select((eb) => eb.fn.countAll<number | string>().as("n")).executeTakeFirstOrThrow(),
    ]);
    return { items, page: query.page, per_page: query.per_page, total: Number(count.n) };
  },
);

// A `like` pattern from what the user typed: case folded (SQLite and PostgreSQL fold differently, so both sides
// are lowered), and the wildcards `%`, `_` and the escape `\` dropped, so a search never matches more than typed.
function like(text: string): string {
  return text.toLowerCase().replace(/[\\%_]/g, "");
}

/**
 * One of your books.
 * @tag books
 */
export const getBook = get(
  { uri: "/books/<id>", responses: { 200: Book, 404: NOT_FOUND } },
  { user: CurrentUser, id: u32, db: Connection(Books) },
  async ({ user, id, db }) =>
    (await db
      .selectFrom("book")
      .selectAll()
      .where("id", "=", id)
      .where("owner_id", "=", user.id)
      .executeTakeFirst()) ?? null,
);

/**
 * Adds a book to your shelf: 201, with its URI in `Location`.
 * @tag books
 */
export const addBook = post(
  {
    uri: "/books",
    data: "<book>",
    format: "json",
    responses: {
      201: { description: "Added.", schema: Book, headers: { Location: "The new book's URI." } },
      422: INVALID,
    },
  },
  { user: CurrentUser, book: Json(NewBook), db: Transaction(Books) },
  async ({ user, book, db }) => {
    const now = new Date().toISOString();
    const added = await db
      .insertInto("book")
      .values({ ...book, owner_id: user.id, created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await db
      .insertInto("audit")
      .values({ account_id: user.id, action: "create", book_id: added.id, at: now })
      .execute();
    return status.Created(uri(getBook, added.id)).body(added);
  },
);

/**
 * Replaces one of your books.
 * @tag books
 */
export const replaceBook = put(
  {
    uri: "/books/<id>",
    data: "<book>",
    format: "json",
    responses: { 200: Book, 404: NOT_FOUND, 422: INVALID },
  },
  { user: CurrentUser, id: u32, book: Json(NewBook), db: Transaction(Books) },
  ({ user, id, book, db }) => change(db, user.id, id, book),
);

/**
 * Changes some fields of one of your books.
 * @tag books
 */
export const updateBook = patch(
  {
    uri: "/books/<id>",
    data: "<changes>",
    format: "json",
    responses: { 200: Book, 404: NOT_FOUND, 422: INVALID },
  },
  { user: CurrentUser, id: u32, changes: Json(BookPatch), db: Transaction(Books) },
  ({ user, id, changes, db }) => change(db, user.id, id, changes),
);

async function change(
  db: Kysely<BooksSchema>,
  owner: number,
  id: number,
  fields: { [K in keyof z.infer<typeof NewBook>]?: z.infer<typeof NewBook>[K] | undefined },
) {
  const now = new Date().toISOString();
  const book = await db
    .updateTable("book")
    .set({ ...stripUndefined(fields), updated_at: now })
    .where("id", "=", id)
    .where("owner_id", "=", owner)
    .returningAll()
    .executeTakeFirst();
  if (book === undefined) return null;
  await db
    .insertInto("audit")
    .values({ account_id: owner, action: "update", book_id: id, at: now })
    .execute();
  return book;
}

function stripUndefined<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as never;
}

/**
 * Removes one of your books: 204.
 * @tag books
 */
export const removeBook = del(
  { uri: "/books/<id>", responses: { 204: "Removed.", 404: NOT_FOUND } },
  { user: CurrentUser, id: u32, db: Transaction(Books) },
  async ({ user, id, db }) => {
    const { numDeletedRows } = await db
      .deleteFrom("book")
      .where("id", "=", id)
      .where("owner_id", "=", user.id)
      .executeTakeFirst();
    if (numDeletedRows === 0n) return null;
    const at = new Date().toISOString();
    await db.insertInto("audit").values({ account_id: user.id, action: "delete", book_id: id, at }).execute();
    return status.NoContent();
  },
);
