import type { KeyObject } from "node:crypto";
import { Cookie, type CookieOptions, findCookie, parseCookieHeader } from "../http/cookie.ts";
import { FAST_PATHS } from "../http/fast-paths.ts";
import { openCookieValue, sealCookieValue } from "../http/private-cookie.ts";
import type { RequestGuard } from "./guard.ts";
import { success } from "./outcome.ts";
import type { Request } from "./request.ts";

/** What a cookie jar needs from its app: the key that seals private cookies, and whether TLS is on. */
export interface CookieSettings {
  /** The 32-byte private-cookie key (`SecretKey.encryption`), or `undefined` outside an ignited app. */
  readonly key: KeyObject | undefined;
  /** Whether the app serves over TLS: added cookies are then `Secure` unless they say otherwise. */
  readonly secure: boolean;
}

/** The settings of a request that no app dispatched: no key (private cookies unavailable), no TLS. */
export const NO_COOKIE_SETTINGS: CookieSettings = Object.freeze({ key: undefined, secure: false });

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

interface Op {
  readonly cookie: Cookie;
  readonly remove: boolean;
  readonly private: boolean;
}

/**
 * The cookies of one request and the changes to send back (Rocket's `CookieJar`). Reach it with the `Cookies`
 * guard or `req.cookies`; every guard and handler of a request shares the same jar.
 *
 * - `get`, `getPrivate` and `iter` see only the cookies the client sent; `getPending` also sees this
 *   request's changes (the last change to a name wins).
 * - `add` defaults `Path=/`, `SameSite=Strict`, and `Secure` under TLS; `addPrivate` also `HttpOnly` and an
 *   expiry one week out (unless the cookie has `expires`, `"session"` included), and seals the value.
 * - `remove` sends a removal (`name=; SameSite=Lax; Path=/; Max-Age=0; Expires=<a year ago>`) only if the
 *   client sent the cookie; removing a cookie only added in this request just cancels the add.
 * - One `Set-Cookie` per name is sent, the last change winning; changes are dropped if a catcher answers.
 *
 * @example
 * get("/", { jar: Cookies }, ({ jar }) => {
 *   const message = jar.get("message");
 *   return message === undefined ? null : `Message: ${message.value}`;
 * });
 */
export class CookieJar {
  readonly #header: string | undefined;
  /** Every cookie sent, decoded on the second name asked for (or `iter`); until then `get` scans the header. */
  #original: Map<string, Cookie> | undefined = undefined;
  /** The one name asked for before `#original` exists, and its cookie, so that repeated `get`s agree. */
  #firstName: string | undefined = undefined;
  #first: Cookie | undefined = undefined;
  readonly #settings: CookieSettings;
  #ops: Op[] = [];

  /** A jar for the cookies in `header` (the request's `Cookie` header text). */
  constructor(header: string | undefined, settings: CookieSettings = NO_COOKIE_SETTINGS) {
    this.#header = header;
    this.#settings = settings;
  }

  /** The cookie `name` as the client sent it; changes made during this request are not visible. */
  get(name: string): Cookie | undefined {
    if (this.#original !== undefined) return this.#original.get(name);
    if (name === this.#firstName) return this.#first;
    if (this.#firstName !== undefined || !FAST_PATHS.enabled) return this.#all().get(name);
    // A guard reading one cookie (a session) decodes only that one, not every cookie up front.
    this.#firstName = name;
    this.#first = findCookie(this.#header, name);
    return this.#first;
  }

  /** Every cookie the client sent, parsed once; keeps the cookie `get` already returned. */
  #all(): Map<string, Cookie> {
    if (this.#original === undefined) {
      const all = new Map<string, Cookie>();
      parseCookieHeader(this.#header, all);
      if (this.#first !== undefined) all.set(this.#first.name, this.#first);
      this.#original = all;
    }
    return this.#original;
  }

  /**
   * The cookie `name` as this request left it: the last `add` (its plain value, even when private), or
   * `undefined` after a `remove`; without changes, the client's cookie (opened if it is private).
   */
  getPending(name: string): Cookie | undefined {
    for (let i = this.#ops.length - 1; i >= 0; i--) {
      const op = this.#ops[i]!;
      if (op.cookie.name === name) return op.remove ? undefined : op.cookie;
    }
    return this.getPrivate(name) ?? this.get(name);
  }

  /**
   * The private cookie `name` the client sent, with its value opened; `undefined` when it is missing or does
   * not open with the app's key (tampered, sealed for another name or key, or a plain cookie).
   */
  getPrivate(name: string): Cookie | undefined {
    const key = this.#settings.key;
    const sent = this.get(name);
    if (key === undefined || sent === undefined) return undefined;
    const value = openCookieValue(name, sent.value, key);
    return value === undefined ? undefined : sent.withValue(value);
  }

  /** Adds (or replaces) a cookie: `add(cookie)` or `add(name, value, options?)`. */
  add(cookie: Cookie): void;
  add(name: string, value: string, options?: CookieOptions): void;
  add(cookie: Cookie | string, value?: string, options?: CookieOptions): void {
    const c = toCookie(cookie, value, options);
    const secure = this.#settings.secure && c.secure === undefined;
    if (c.path === undefined || c.sameSite === undefined || secure) {
      this.#push(
        c.with({ path: c.path ?? "/", sameSite: c.sameSite ?? "Strict", ...(secure ? { secure } : {}) }),
        false,
        false,
      );
    } else this.#push(c, false, false);
  }

  /**
   * Adds a private cookie: its value is sealed with the app's secret key (AES-256-GCM), so the client can
   * neither read nor forge it. Throws when the request was not dispatched by an app (there is no key).
   */
  addPrivate(cookie: Cookie): void;
  addPrivate(name: string, value: string, options?: CookieOptions): void;
  addPrivate(cookie: Cookie | string, value?: string, options?: CookieOptions): void {
    const c = toCookie(cookie, value, options);
    if (this.#settings.key === undefined)
      throw new Error(`private cookie ${JSON.stringify(c.name)}: the request has no app secret key`);
    const defaults: { -readonly [K in keyof CookieOptions]: CookieOptions[K] } = {
      path: c.path ?? "/",
      sameSite: c.sameSite ?? "Strict",
      httpOnly: c.httpOnly ?? true,
    };
    if (c.expires === undefined) defaults.expires = new Date(Date.now() + WEEK_MS);
    if (this.#settings.secure && c.secure === undefined) defaults.secure = true;
    this.#push(c.with(defaults), false, true);
  }

  /**
   * Removes a cookie by name or by a cookie carrying its `path`/`domain` (defaults `Path=/`, `SameSite=Lax`).
   * The client is told to drop it only if it sent it.
   */
  remove(cookie: Cookie | string): void {
    const c = typeof cookie === "string" ? new Cookie(cookie) : cookie;
    this.#push(c.with({ path: c.path ?? "/", sameSite: c.sameSite ?? "Lax" }), true, false);
  }

  /** Removes a private cookie (the same as `remove`: a removal carries no value to seal). */
  removePrivate(cookie: Cookie | string): void {
    this.remove(cookie);
  }

  /** The cookies the client sent. */
  iter(): IterableIterator<Cookie> {
    return this.#all().values();
  }

  [Symbol.iterator](): IterableIterator<Cookie> {
    return this.#all().values();
  }

  /** Drops this request's pending changes (the dispatcher does so before a catcher runs). */
  discardPending(): void {
    if (this.#ops.length > 0) this.#ops = [];
  }

  /**
   * The cookies to send, one per name, the last change winning: additions (private values sealed now), and
   * removal cookies for removed cookies the client had sent.
   */
  delta(): Cookie[] {
    if (this.#ops.length === 0) return [];
    const out = new Map<string, Cookie>();
    for (const op of this.#ops) {
      const c = op.cookie;
      if (!op.remove) {
        out.set(c.name, op.private ? c.withValue(sealCookieValue(c.name, c.value, this.#settings.key!)) : c);
      } else if (this.get(c.name) !== undefined) {
        out.set(
          c.name,
          new Cookie(c.name, "", { ...c.options, maxAge: 0, expires: new Date(Date.now() - YEAR_MS) }),
        );
      } else out.delete(c.name);
    }
    return [...out.values()];
  }

  #push(cookie: Cookie, remove: boolean, isPrivate: boolean): void {
    this.#ops.push({ cookie, remove, private: isPrivate });
  }
}

function toCookie(
  cookie: Cookie | string,
  value: string | undefined,
  options: CookieOptions | undefined,
): Cookie {
  if (cookie instanceof Cookie) return cookie;
  return new Cookie(cookie, value ?? "", options);
}

/**
 * The request guard for the request's cookie jar (Rocket's `&CookieJar`). Always succeeds; several `Cookies`
 * keys in one signature (or guards calling `req.cookies`) share the same jar.
 *
 * @example
 * get("/", { cookies: Cookies }, ({ cookies }) => cookies.get("message")?.value ?? null);
 */
export const Cookies: RequestGuard<CookieJar, never> = {
  kind: "guard",
  name: "Cookies",
  fromRequest: (req: Request) => success(req.cookies),
};
