// Requests › Cookies: a plain cookie, readable and writable by the client.
import { Cookies, del, Form, get, post, Redirect, str } from "apogee";

/** The seed's `index`: the `message` cookie, or 404 when there is none (Rocket's `Option<String>`). */
export const index = get("/", { cookies: Cookies }, ({ cookies }) => {
  const message = cookies.get("message");
  return message === undefined ? null : `Message: ${message.value}`;
});

/** Sets the `message` cookie from a form, then back to `/`. */
export const setMessage = post(
  { uri: "/message", data: "<form>" },
  { cookies: Cookies, form: Form({ message: str }) },
  ({ cookies, form }) => {
    cookies.add("message", form.message);
    return Redirect.to("/");
  },
);

/** Removes the `message` cookie (a form can reach it with `_method=delete`). */
export const deleteMessage = del("/message", { cookies: Cookies }, ({ cookies }) => {
  cookies.remove("message");
  return Redirect.to("/");
});
