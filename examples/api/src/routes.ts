// The Books API: list, read, add and remove books; log in for a token; see who you are.
import { del, get, Json, optional, post, State, Status, status, str, uuid } from "apogee";
import { z } from "zod";
import { Accounts, Bearer, Claims, Editor } from "./accounts.ts";
import { Book, Library, NewBook } from "./library.ts";

const Login = z.object({ name: z.string(), password: z.string() });
const Token = z.object({ token: z.string() }).meta({ id: "Token" });

/**
 * Logs in: a token for the account, valid for two hours.
 * @tag auth
 */
export const login = post(
  { uri: "/login", data: "<login>", responses: { 200: Token, 401: "Wrong name or password." } },
  { login: Json(Login), accounts: State(Accounts) },
  async ({ login, accounts }) => {
    const account = await accounts.login(login.name, login.password);
    if (account === undefined) return Status.Unauthorized;
    const token = await Bearer.sign({ editor: account.editor }, { subject: account.name, expiresIn: "2h" });
    return { token };
  },
);

/**
 * Who the token belongs to.
 * @tag auth
 */
export const me = get({ uri: "/me", responses: { 200: Claims } }, { claims: Bearer }, ({ claims }) => claims);

/**
 * Lists the books, optionally by author.
 * @tag books
 */
export const listBooks = get(
  { uri: "/books?<author>", responses: { 200: z.array(Book) } },
  { author: optional(str), library: State(Library) },
  ({ author, library }) => library.list(author),
);

/**
 * One book.
 * @tag books
 */
export const getBook = get(
  { uri: "/books/<id>", responses: { 200: Book, 404: "There is no book with this id." } },
  { id: uuid, library: State(Library) },
  ({ id, library }) => library.find(id) ?? null,
);

/**
 * Adds a book (editors only).
 * @tag books
 */
export const addBook = post(
  {
    uri: "/books",
    data: "<book>",
    responses: { 201: { description: "Added.", schema: Book, headers: { Location: "The new book's URI." } } },
  },
  { editor: Editor, book: Json(NewBook), library: State(Library) },
  ({ book, library }) => {
    const added = library.add(book);
    return status.Created(`/api/books/${added.id}`).body(added);
  },
);

/**
 * Removes a book (editors only).
 * @tag books
 */
export const removeBook = del(
  { uri: "/books/<id>", responses: { 204: "Removed.", 404: "There is no book with this id." } },
  { editor: Editor, id: uuid, library: State(Library) },
  ({ id, library }) => (library.remove(id) ? status.NoContent() : null),
);
