// The Books API example: OpenAPI (with a docs page), CORS, request logging and rate limiting, each one line;
// JWT auth in src/accounts.ts.
import { AdHoc, build, Cors, RateLimit, RequestLog } from "apogee";
import { OpenApi } from "apogee/openapi";
import { Accounts } from "./accounts.ts";
import { Library } from "./library.ts";
import { addBook, getBook, listBooks, login, me, removeBook } from "./routes.ts";

/** The app, ready to launch or to hand to a local client. */
export function app() {
  return build()
    .attach(OpenApi({ info: { title: "Books API", version: "1.0.0" } }))
    .attach(Cors({ origins: ["https://books.example"], credentials: true }))
    .attach(RequestLog())
    .attach(RateLimit({ limit: 100, window: "1m" }))
    .manage(Library.demo())
    .attach(AdHoc.onIgnite("Accounts", async (app) => void app.manage(await Accounts.demo())))
    .mount("/api", [login, me, listBooks, getBook, addBook, removeBook]);
}
