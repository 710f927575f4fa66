import { Cookie } from "../http/cookie.ts";
import { Status } from "../http/status.ts";
import type { CookieJar } from "../request/cookie-jar.ts";
import type { RequestGuard } from "../request/guard.ts";
import { error, type Failure, type Outcome, success } from "../request/outcome.ts";
import type { Request } from "../request/request.ts";
import { type Responded, type Responder, toResponse } from "./responder.ts";

/** The name of the cookie that carries a flash message. */
export const FLASH_COOKIE = "_flash";

/**
 * A responder that answers with `inner` and leaves a one-time message for the next request (Rocket's `Flash`),
 * typically beside a redirect.
 *
 * - Sets the cookie `_flash` to `{kind length in bytes}:{kind}{message}` with `Max-Age=300` and the jar's
 *   defaults: `_flash=7%3AsuccessHello; SameSite=Strict; Path=/; Max-Age=300`.
 * - The cookie is a pending change like any other: if `inner` fails and a catcher answers, it is not sent.
 * - Read it on the next request with the `FlashMessage` guard.
 *
 * @example
 * post("/logout", { jar: Cookies }, ({ jar }) => {
 *   jar.removePrivate("user_id");
 *   return Flash.success(Redirect.to("/"), "Successfully logged out.");
 * });
 */
export class Flash<R = unknown> implements Responder {
  readonly inner: R;
  readonly kind: string;
  readonly message: string;

  /** A flash message of any `kind` over the responder `inner`. */
  constructor(inner: R, kind: string, message: string) {
    this.inner = inner;
    this.kind = kind;
    this.message = message;
  }

  /** A message of kind `success`. */
  static success<R>(inner: R, message: string): Flash<R> {
    return new Flash(inner, "success", message);
  }

  /** A message of kind `warning`. */
  static warning<R>(inner: R, message: string): Flash<R> {
    return new Flash(inner, "warning", message);
  }

  /** A message of kind `error`. */
  static error<R>(inner: R, message: string): Flash<R> {
    return new Flash(inner, "error", message);
  }

  /** The `_flash` cookie this message is sent as (before the jar's defaults). */
  get cookie(): Cookie {
    const value = `${Buffer.byteLength(this.kind)}:${this.kind}${this.message}`;
    return new Cookie(FLASH_COOKIE, value, { maxAge: 300 });
  }

  respondTo(req: Request): Responded | PromiseLike<Responded> {
    req.cookies.add(this.cookie);
    return toResponse(this.inner, req);
  }
}

/**
 * A flash message a previous response left (what the `FlashMessage` guard yields).
 *
 * Reading `kind` or `message` (or serialising it to JSON) consumes it: the response then removes the `_flash`
 * cookie. Merely receiving it does not, so a handler that ignores the message leaves it for a later request.
 */
export interface FlashMessage {
  /** The kind (`success`, `warning`, `error` or any other); reading it consumes the message. */
  readonly kind: string;
  /** The message; reading it consumes the message. */
  readonly message: string;
  /** `{ kind, message }`; consumes the message. */
  toJSON(): { kind: string; message: string };
}

class ReceivedFlash implements FlashMessage {
  readonly #kind: string;
  readonly #message: string;
  readonly #jar: CookieJar;
  #consumed = false;

  constructor(kind: string, message: string, jar: CookieJar) {
    this.#kind = kind;
    this.#message = message;
    this.#jar = jar;
  }

  get kind(): string {
    this.#consume();
    return this.#kind;
  }

  get message(): string {
    this.#consume();
    return this.#message;
  }

  toJSON(): { kind: string; message: string } {
    this.#consume();
    return { kind: this.#kind, message: this.#message };
  }

  #consume(): void {
    if (this.#consumed) return;
    this.#consumed = true;
    this.#jar.remove(FLASH_COOKIE);
  }
}

const MALFORMED: Failure<undefined> = error(Status.BadRequest);
const LENGTH = /^\+?[0-9]+$/;
const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Parses a `_flash` cookie value: the decimal byte length of the kind, `:`, the kind, then the message.
 * `undefined` when malformed (no `:`, a bad length, a length past the end or inside a character).
 */
export function parseFlash(value: string): { kind: string; message: string } | undefined {
  const colon = value.indexOf(":");
  if (colon === -1) return undefined;
  const digits = value.slice(0, colon);
  if (!LENGTH.test(digits)) return undefined;
  const n = Number(digits);
  const rest = Buffer.from(value.slice(colon + 1), "utf8");
  if (n > rest.length) return undefined;
  try {
    return { kind: UTF8.decode(rest.subarray(0, n)), message: UTF8.decode(rest.subarray(n)) };
  } catch {
    return undefined;
  }
}

/**
 * The request guard for a flash message (Rocket's `FlashMessage`): the `_flash` cookie the client sent,
 * parsed. Missing or malformed → `error(400)`; use `optional(FlashMessage)` for pages that may have none.
 *
 * @example
 * get("/login", { flash: optional(FlashMessage) }, ({ flash }) =>
 *   flash === undefined ? "Please log in." : `${flash.kind}: ${flash.message}`);
 */
export const FlashMessage: RequestGuard<FlashMessage, undefined> = {
  kind: "guard",
  name: "FlashMessage",
  fromRequest(req: Request): Outcome<FlashMessage, undefined> {
    const jar = req.cookies;
    const sent = jar.get(FLASH_COOKIE);
    const parsed = sent === undefined ? undefined : parseFlash(sent.value);
    if (parsed === undefined) return MALFORMED;
    return success(new ReceivedFlash(parsed.kind, parsed.message, jar));
  },
};
