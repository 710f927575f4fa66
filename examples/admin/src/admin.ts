// Requests › Forwarding Guards: three routes for /admin. The admin panel needs an AdminUser; failing that, any
// User gets an apology (rank 2); failing that, everyone is sent to log in (rank 3).
import { Cookies, get, post, Redirect, State, Status } from "apogee";
import { Accounts, AdminUser, SESSION_COOKIE, User } from "./accounts.ts";

export const adminPanel = get(
  "/admin",
  { admin: AdminUser },
  () => "Hello, administrator. This is the admin panel!",
);

export const adminPanelUser = get(
  { uri: "/admin", rank: 2 },
  { user: User },
  () => "Sorry, you must be an administrator to access this page.",
);

export const adminPanelRedirect = get({ uri: "/admin", rank: 3 }, () => Redirect.to("/login"));

export const loginPage = get("/login", () => "Log in with POST /login/<name>.");

/** Logs `name` in: the session cookie is private (sealed with the app's secret key), so it cannot be forged. */
export const login = post(
  "/login/<name>",
  { cookies: Cookies, accounts: State(Accounts) },
  ({ name, cookies, accounts }) => {
    const account = accounts.byName(name);
    if (account === undefined) return Status.Unauthorized;
    cookies.addPrivate(SESSION_COOKIE, String(account.id));
    return Redirect.to("/admin");
  },
);

export const logout = post("/logout", { cookies: Cookies }, ({ cookies }) => {
  cookies.removePrivate(SESSION_COOKIE);
  return Redirect.to("/login");
});
