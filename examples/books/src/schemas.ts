// What the API reads and answers: JSON bodies as zod schemas (documented in the OpenAPI document through their
// JSON Schema), and the typed query form of the book list.
import { choice, field, form, optional, str, u32, validate } from "apogee";
import { z } from "zod";

/** A book, as the API answers with it. */
export const Book = z
  .object({
    id: z.number().int(),
    owner_id: z.number().int(),
    title: z.string(),
    author: z.string(),
    year: z.number().int().nullable(),
    notes: z.string(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: "Book", description: "A book on its owner's shelf." });

const fields = {
  title: z.string().trim().min(1).max(300),
  author: z.string().trim().min(1).max(200),
  year: z.number().int().min(-3000).max(3000).nullable(),
  notes: z.string().max(10_000),
};

/** A book as a client sends it to be added (`POST`) or replaced (`PUT`). */
export const NewBook = z
  .object({ ...fields, year: fields.year.default(null), notes: fields.notes.default("") })
  .meta({ id: "NewBook" });

/** Some of a book's fields, to change only those (`PATCH`). */
export const BookPatch = z.object(fields).partial().meta({ id: "BookPatch" });

/** A page of books. */
export const BookPage = z
  .object({
    items: z.array(Book),
    page: z.number().int(),
    per_page: z.number().int(),
    total: z.number().int(),
  })
  .meta({ id: "BookPage" });

/** The orders a list can be sorted in; a leading `-` reverses. */
export const SORTS = [
  "title",
  "-title",
  "author",
  "-author",
  "year",
  "-year",
  "created",
  "-created",
] as const;

/** `GET /books?page&per_page&author&q&sort`: every field optional, bad values refused with 422. */
export const BookQuery = form({
  page: field(u32, { default: 1, validate: validate.range({ min: 1 }) }),
  per_page: field(u32, { default: 20, validate: validate.range({ min: 1, max: 100 }) }),
  author: optional(str),
  q: optional(str),
  sort: field(choice(...SORTS), { default: "-created" }),
});

/** Credentials, to register or log in. */
export const Credentials = z
  .object({ email: z.email().max(254), password: z.string().min(8).max(200) })
  .meta({ id: "Credentials" });

/** An account, as the API answers with it. */
export const Account = z.object({ id: z.number().int(), email: z.string() }).meta({ id: "Account" });

/** A bearer token and how long it lasts. */
export const Token = z
  .object({ token: z.string(), token_type: z.literal("Bearer"), expires_in: z.number().int() })
  .meta({ id: "Token" });
