// The books API, the flagship example: accounts with hashed passwords, JWT or session-cookie auth through one
// guard, each user's own shelf of books in a real database (SQLite by default, PostgreSQL in `release`; the
// migrations run at ignite), JSON errors from a catcher, CORS for the configured origins, request logging,
// Shield with HSTS under TLS, and the OpenAPI document at /openapi.json with its docs page at /docs.
import { AdHoc, type Apogee, build, Cors, Hsts, RequestLog, Shield } from "apogee";
import { OpenApi } from "apogee/openapi";
import { z } from "zod";
import { endSession, login, me, register, startSession } from "./account-routes.ts";
import { Auth } from "./auth.ts";
import { addBook, getBook, listBooks, removeBook, replaceBook, updateBook } from "./books.ts";
import { Books } from "./db.ts";
import { jsonErrors } from "./errors.ts";
import { health, ready } from "./health.ts";

/** Every route of the API, mounted at `/`. */
export const routes = [
  register,
  login,
  startSession,
  endSession,
  me,
  listBooks,
  getBook,
  addBook,
  replaceBook,
  updateBook,
  removeBook,
  health,
  ready,
];

/** The `[*.books]` section of Apogee.toml. */
const BooksConfig = z.object({
  cors_origins: z.array(z.url()).default([]),
  password_cost: z.number().int().min(10).max(20).optional(),
});

const Settings = z.object({
  secret_key: z.string().optional(),
  tls: z.unknown().optional(),
  books: BooksConfig.prefault({}),
});

// Reads the example's own configuration at ignite: the token key, the password cost, the CORS origins, and
// whether TLS is on (then Shield sends HSTS).
const configure = AdHoc.onIgnite("Books settings", async (app) => {
  const settings = await app.config(Settings);
  app.manage(new Auth(settings.secret_key, settings.books.password_cost));
  app.attach(
    Cors({
      origins: settings.books.cors_origins,
      credentials: true,
      headers: ["authorization", "content-type"],
      exposeHeaders: ["location"],
    }),
  );
  if (settings.tls !== undefined) {
    app.attach(Shield.default().enable(Hsts({ maxAge: 31_536_000, includeSubDomains: true })));
  }
});

/** The app, ready to launch or to hand to a local client. */
export function app(): Apogee {
  return build()
    .attach(Books.init())
    .attach(configure)
    .attach(RequestLog())
    .attach(
      OpenApi({
        info: {
          title: "Books API",
          version: "1.0.0",
          description:
            "Your own shelf of books. Sign in with a bearer token (POST /tokens) or a session cookie " +
            "(POST /session). Another user's book answers 404, exactly like a book that does not exist.",
        },
      }),
    )
    .mount("/", routes)
    .register("/", [jsonErrors]);
}
