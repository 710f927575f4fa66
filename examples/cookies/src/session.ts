// Requests › Private Cookies: a login kept in a private cookie (sealed with the secret key), and flash messages.
import {
  Cookies,
  Flash,
  FlashMessage,
  Form,
  forward,
  get,
  guard,
  optional,
  post,
  Redirect,
  Status,
  str,
  success,
} from "apogee";

/** The logged-in user: the id in the private `user_id` cookie. Without one, routes that need it forward (401). */
export const User = guard("User", (req) => {
  const id = req.cookies.getPrivate("user_id")?.value;
  return id !== undefined && /^[0-9]+$/.test(id) ? success(Number(id)) : forward(Status.Unauthorized);
});

/** The seed's `user_id`: the user's id, or 404 when not logged in. */
export const userId = get("/user_id", { cookies: Cookies }, ({ cookies }) => {
  const cookie = cookies.getPrivate("user_id");
  return cookie === undefined ? null : `User ID: ${cookie.value}`;
});

/** The session page for a logged-in user. */
export const session = get("/session", { user: User }, ({ user }) => `Logged in with user ID ${user}.`);

/** Anyone else is sent to the login page. */
export const noSession = get({ uri: "/session", rank: 2 }, () => Redirect.to("/login"));

/** The login page, with the flash message a previous response left, if any. */
export const loginPage = get("/login", { flash: optional(FlashMessage) }, ({ flash }) =>
  flash === undefined ? "Please log in." : `${flash.kind}: ${flash.message}`,
);

/** Logs in Sergio (password `password`): sets the private `user_id` cookie. */
export const login = post(
  { uri: "/login", data: "<login>" },
  { cookies: Cookies, login: Form({ username: str, password: str }) },
  ({ cookies, login }) => {
    if (login.username !== "Sergio" || login.password !== "password") {
      return Flash.error(Redirect.to("/login"), "Invalid username/password.");
    }
    cookies.addPrivate("user_id", "1");
    return Redirect.to("/session");
  },
);

/** The seed's `logout`: removes the `user_id` cookie. */
export const logout = post("/logout", { cookies: Cookies }, ({ cookies }) => {
  cookies.removePrivate("user_id");
  return Flash.success(Redirect.to("/"), "Successfully logged out.");
});
