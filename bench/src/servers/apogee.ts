// Apogee, written as its guide would: routes declared with their signatures, the API table mounted under /api,
// the library read through `apogee/db` (a prepared typed query on the pool), Shield and the
// `Server` header left on (the defaults), logging at `critical` as in production.
import {
  type Apogee,
  bool,
  build,
  error,
  get,
  guard,
  Json,
  post,
  type Route,
  Status,
  success,
  u16,
  u32,
} from "apogee";
import { database, type Params } from "apogee/db";
import { API_ROUTES, ISSUE_ROUTE, staticFirstRank } from "../shared/api-routes.ts";
import { type Book, givenLibrary } from "../shared/library.ts";
import { HELLO, orderSchema, SECURE_TEXT, SESSIONS } from "../shared/payload.ts";
import { apogeeApiRoute } from "./apogee-api.ts";

/** The signed-in user, from the `sid` cookie; 401 without a valid session. */
const CurrentUser = guard("CurrentUser", (req) => {
  const sid = req.cookies.get("sid")?.value;
  const user = sid === undefined ? undefined : SESSIONS.get(sid);
  return user === undefined ? error(Status.Unauthorized) : success(user);
});

const plaintext = get("/plaintext", () => HELLO);
const json = get("/json", () => ({ message: HELLO }));
const search = get(
  "/search?<q>&<page>&<limit>&<exact>",
  { page: u32, limit: u16, exact: bool },
  ({ q, page, limit, exact }) => ({ q, page, limit, exact }),
);
const orders = post(
  { uri: "/orders", data: "<order>", format: "json" },
  { order: Json(orderSchema) },
  ({ order }) => order,
);
const me = get("/me", { user: CurrentUser }, ({ user }) => `Hello, ${user.name}!`);
const secure = get("/secure", () => SECURE_TEXT);

/** The library of the sqlite scenario (`databases.library`), one table. */
const Library = database<{ book: Book }>("library", "sqlite");
/** The scenario's query, typed, built and compiled once (a hot query, as the guide prepares them). */
const BookById = Library.prepare((db, p: Params<{ id: number }>) =>
  db.selectFrom("book").select(["id", "title", "author", "year"]).where("id", "=", p.id),
);
const findBook = get("/books/<id>", { id: u32, pool: Library }, ({ id, pool }) =>
  BookById.executeTakeFirst(pool, { id }),
);

const issue = get(
  { uri: "/repos/<owner>/<repo>/issues/<issue_number>", rank: staticFirstRank(ISSUE_ROUTE)! },
  { issue_number: u32 },
  ({ owner, repo, issue_number }) => ({ owner, repo, issue_number }),
);

/** The 380 API routes; all but the issue route answer "ok". */
export const apiRoutes: readonly Route<any, any, any, any>[] = API_ROUTES.map((r) =>
  r.method === "GET" && r.path === ISSUE_ROUTE ? issue : apogeeApiRoute(r),
);

/** The benchmark app, quiet; `port` 0 picks a free port; `library` is the sqlite scenario's file. */
export function app(port = 0, library = givenLibrary()): Apogee {
  return build()
    .configure({
      address: "127.0.0.1",
      port,
      log_level: "critical",
      cli_colors: false,
      databases: { library: { url: `sqlite://${library}` } },
    })
    .attach(Library.init())
    .mount("/", [plaintext, json, search, orders, me, secure, findBook])
    .mount("/api", apiRoutes);
}

/** Launches the app on 127.0.0.1:`port`. */
export function listen(port: number): Promise<unknown> {
  return app(port).launch();
}
