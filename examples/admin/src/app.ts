// The admin example: the seed's forwarding guards (AdminUser, User, a redirect to /login) over private-cookie
// sessions, and a hit counter in managed state.
import { AdHoc, build } from "apogee";
import { Accounts } from "./accounts.ts";
import { adminPanel, adminPanelRedirect, adminPanelUser, login, loginPage, logout } from "./admin.ts";
import { HitCount, index } from "./hits.ts";

/** The app, ready to launch or to hand to a local client. */
export function app() {
  return build()
    .manage(new HitCount())
    .attach(AdHoc.onIgnite("Accounts", (app) => void app.manage(Accounts.demo())))
    .mount("/", [index, adminPanel, adminPanelUser, adminPanelRedirect, loginPage, login, logout]);
}
