// Accounts: register, log in for a bearer token (API clients), or start and end a browser session (a private
// cookie, which the `User` guard accepts as well as a token).
import { Cookies, del, get, Json, post, State, Status, status } from "apogee";
import { Connection, type Kysely, Transaction } from "apogee/db";
import { Auth, CurrentUser, Session, TOKEN_TTL } from "./auth.ts";
import { Books, type BooksSchema } from "./db.ts";
import { Account, Credentials, Token } from "./schemas.ts";

const WRONG = "Wrong email or password.";

/**
 * Creates an account: 201 with a token, so the new user is signed in at once; 409 when the email is taken.
 * @tag accounts
 */
export const register = post(
  {
    uri: "/accounts",
    data: "<credentials>",
    format: "json",
    responses: {
      201: Token,
      409: "An account with this email exists.",
      422: "The email or password is invalid.",
    },
  },
  { credentials: Json(Credentials), auth: State(Auth), db: Transaction(Books) },
  async ({ credentials, auth, db }) => {
    const email = credentials.email.toLowerCase();
    const taken = await db.selectFrom("account").select("id").where("email", "=", email).executeTakeFirst();
    if (taken !== undefined) return Status.Conflict;
    const now = new Date().toISOString();
    const password_hash = await auth.hash(credentials.password);
    // Two sign-ups racing for one email: the unique index refuses the second, which answers 409 too.
    const account = await db
      .insertInto("account")
      .values({ email, password_hash, created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow()
      .catch((e: unknown) => {
        if (/unique/i.test(String((e as Error).message))) return undefined;
        throw e;
      });
    if (account === undefined) return Status.Conflict;
    await db
      .insertInto("audit")
      .values({ account_id: account.id, action: "register", book_id: null, at: now })
      .execute();
    return status.Created("/accounts/me").body(await token(auth, account.id));
  },
);

async function token(auth: Auth, id: number) {
  return { token: await auth.sign({ id }), token_type: "Bearer" as const, expires_in: TOKEN_TTL };
}

async function check(
  auth: Auth,
  db: Kysely<BooksSchema>,
  email: string,
  password: string,
): Promise<number | undefined> {
  const account = await db
    .selectFrom("account")
    .select(["id", "password_hash"])
    .where("email", "=", email.toLowerCase())
    .executeTakeFirst();
  return (await auth.verify(password, account?.password_hash)) ? account!.id : undefined;
}

/**
 * Logs in: a bearer token, valid for two hours.
 * @tag accounts
 */
export const login = post(
  { uri: "/tokens", data: "<credentials>", format: "json", responses: { 200: Token, 401: WRONG } },
  { credentials: Json(Credentials), auth: State(Auth), db: Connection(Books) },
  async ({ credentials, auth, db }) => {
    const id = await check(auth, db, credentials.email, credentials.password);
    return id === undefined ? Status.Unauthorized : token(auth, id);
  },
);

/**
 * Starts a browser session: the `books_session` cookie (private, HttpOnly, SameSite=Strict), then 204.
 * @tag accounts
 */
export const startSession = post(
  { uri: "/session", data: "<credentials>", format: "json", responses: { 204: "Signed in.", 401: WRONG } },
  { credentials: Json(Credentials), auth: State(Auth), db: Connection(Books), cookies: Cookies },
  async ({ credentials, auth, db, cookies }) => {
    const id = await check(auth, db, credentials.email, credentials.password);
    if (id === undefined) return Status.Unauthorized;
    Session.login(cookies, { id });
    return status.NoContent();
  },
);

/**
 * Ends the browser session: the cookie is removed, then 204.
 * @tag accounts
 */
export const endSession = del(
  { uri: "/session", responses: { 204: "Signed out." } },
  { cookies: Cookies },
  ({ cookies }) => {
    Session.logout(cookies);
    return status.NoContent();
  },
);

/**
 * The signed-in account.
 * @tag accounts
 */
export const me = get(
  { uri: "/accounts/me", responses: { 200: Account } },
  { user: CurrentUser, db: Connection(Books) },
  async ({ user, db }) =>
    (await db.selectFrom("account").select(["id", "email"]).where("id", "=", user.id).executeTakeFirst()) ??
    null,
);
