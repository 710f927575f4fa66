// Cookies, flash messages and the secret key: what handlers receive, and what the API refuses.

import {
  type ConfigInput,
  Cookie,
  type CookieJar,
  Cookies,
  Flash,
  FlashMessage,
  get,
  optional,
  Redirect,
  type Responder,
} from "apogee";
import type { Equal, Expect, InputOf } from "./expect.ts";

const withJar = get("/", { jar: Cookies, other: Cookies }, ({ jar }) => jar.get("a")?.value ?? null);
const withFlash = get("/f", { flash: FlashMessage }, ({ flash }) => flash.message);
const maybeFlash = get("/m", { flash: optional(FlashMessage) }, ({ flash }) => flash?.kind ?? "none");
const flashing = get("/r", () => Flash.success(Redirect.to("/"), "Done."));

export type Inputs = [
  Expect<Equal<InputOf<typeof withJar>, { readonly jar: CookieJar; readonly other: CookieJar }>>,
  Expect<Equal<InputOf<typeof withFlash>, { readonly flash: FlashMessage }>>,
  Expect<Equal<InputOf<typeof maybeFlash>, { readonly flash: FlashMessage | undefined }>>,
  Expect<Equal<ReturnType<typeof Flash.error<string>>, Flash<string>>>,
];

export const responder: Responder = Flash.warning("text", "Careful");
export const routes = [withJar, withFlash, maybeFlash, flashing];

export const keys: ConfigInput[] = [
  { secret_key: "hPRYyVRiMyxpw5sBB1XeCMN1kFsDCqKvBi2QJxBVHQk=" },
  { secret_key: [1, 2, 3] },
  { secret_key: new Uint8Array(32) },
  // @ts-expect-error a secret key is not a number
  { secret_key: 42 },
];

export const cookies = [
  new Cookie("a", "b", { sameSite: "Lax", expires: "session", maxAge: 60 }),
  // @ts-expect-error SameSite is Strict, Lax or None
  new Cookie("a", "b", { sameSite: "lax" }),
  // @ts-expect-error expires is a Date or "session"
  new Cookie("a", "b", { expires: 1700000000 }),
];

export function jarApi(jar: CookieJar): void {
  jar.add("name", "value", { path: "/" });
  jar.add(new Cookie("name", "value"));
  jar.addPrivate("user_id", "1");
  jar.remove("name");
  jar.removePrivate(new Cookie("user_id"));
  // @ts-expect-error a value is needed with a name
  jar.add("name");
}
