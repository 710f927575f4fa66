// The notes example: a small JSON API over a real database (SQLite by default, PostgreSQL by profile), the
// database's pool opened by its fairing, migrations run at ignite.
import { build } from "apogee";
import { Notes } from "./db.ts";
import { create, list, read, remove, update } from "./routes.ts";

/** The app, ready to launch or to hand to a local client. */
export function app() {
  return build().attach(Notes.init()).mount("/", [list, read, create, update, remove]);
}
