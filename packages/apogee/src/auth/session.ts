import { parseDuration } from "../config/duration.ts";
import { isStandardSchema, type SchemaOutput, type StandardSchema } from "../data/standard-schema.ts";
import { Status } from "../http/status.ts";
import type { CookieJar } from "../request/cookie-jar.ts";
import type { RequestGuard } from "../request/guard.ts";
import { forward, type Outcome, success } from "../request/outcome.ts";
import type { Request } from "../request/request.ts";

/** How `session(...)` keeps sessions. */
export interface SessionOptions<S extends StandardSchema<any, any> | undefined = undefined> {
  /** The private cookie that holds the session (default `"session"`). */
  readonly cookie?: string;
  /** How long a session lives: seconds, or a duration such as `"30m"`, `"2h"`, `"7d"`. */
  readonly ttl: number | string;
  /** Whether each request the guard passes pushes the expiry `ttl` out again (default `true`). */
  readonly rolling?: boolean;
  /** A Standard Schema the session data must still match when read back (default: any JSON value). */
  readonly schema?: S;
  /** The guard's name in logs, and its security scheme's name in API documents (default `sessionAuth`). */
  readonly name?: string;
}

/** A session guard that also logs users in and out. */
export interface SessionGuard<T> extends RequestGuard<T, never> {
  /** Starts a session holding `data` (JSON-serialisable): sets the sealed cookie, expiring in `ttl`. */
  login(cookies: CookieJar, data: T): void;
  /** Ends the session: the cookie is removed. */
  logout(cookies: CookieJar): void;
}

/** The data a session guard yields: the schema's output, or `T` as given. */
export type SessionData<S, T> = S extends StandardSchema<any, any> ? SchemaOutput<S> : T;

interface Sealed {
  /** The session data. */
  readonly d: unknown;
  /** When it expires, in milliseconds since the epoch. */
  readonly x: number;
}

/**
 * A request guard over a session kept in a private cookie (sealed with the app's secret key: the client can
 * neither read nor forge it), with login, logout and rolling expiry.
 *
 * - No session, an expired one (checked against the expiry sealed inside, not the cookie's own), one sealed with
 *   another key, or data the schema refuses → forwards 401, so a lower-ranked route (a redirect to the login
 *   page) can answer; a stale cookie is removed on the way.
 * - With `rolling` (the default), every request the guard passes re-seals the cookie with a fresh expiry.
 * - Read once per request however many guards ask (roles built on it included).
 *
 * @example
 * const User = session<{ id: number; admin: boolean }>({ cookie: "user", ttl: "2h" });
 * post("/login", { cookies: Cookies }, ({ cookies }) => (User.login(cookies, { id: 1, admin: true }), Redirect.to("/")));
 * get("/me", { user: User }, ({ user }) => `user ${user.id}`);
 */
export function session<T = unknown, S extends StandardSchema<any, any> | undefined = undefined>(
  options: SessionOptions<S>,
): SessionGuard<SessionData<S, T>> {
  const cookie = options.cookie ?? "session";
  const name = options.name ?? "sessionAuth";
  const ttl = parseDuration(options.ttl, "s");
  if (ttl === undefined)
    throw new TypeError(
      `session(): ttl must be positive seconds or a duration such as "2h", got ${String(options.ttl)}`,
    );
  if (options.schema !== undefined && !isStandardSchema(options.schema))
    throw new TypeError("session(): `schema` must be a Standard Schema (zod, valibot, arktype, …)");
  const schema = options.schema as StandardSchema | undefined;
  const rolling = options.rolling ?? true;
  const slot = Symbol(name);

  const seal = (jar: CookieJar, data: unknown) => {
    const expires = Date.now() + ttl;
    const value: Sealed = { d: data, x: expires };
    jar.addPrivate(cookie, JSON.stringify(value), { expires: new Date(expires) });
  };

  async function read(req: Request): Promise<Outcome<SessionData<S, T>, never>> {
    const jar = req.cookies;
    const sent = jar.getPrivate(cookie);
    if (sent === undefined) {
      // A cookie that does not open (another key, tampered) is dropped too.
      if (jar.get(cookie) !== undefined) jar.removePrivate(cookie);
      return forward(Status.Unauthorized);
    }
    const sealed = parse(sent.value);
    if (sealed === undefined || sealed.x <= Date.now()) return stale(req, jar, "expired");
    let data = sealed.d;
    if (schema !== undefined) {
      const out = await schema["~standard"].validate(data);
      if (out.issues !== undefined) return stale(req, jar, "no longer matches its schema");
      data = out.value;
    }
    if (rolling) seal(jar, sealed.d);
    return success(data as SessionData<S, T>);
  }

  function stale(req: Request, jar: CookieJar, why: string): Outcome<never, never> {
    if (req.log.enabled("normal")) req.log.detail(`Guard \`${name}\`: the session ${why}.`);
    jar.removePrivate(cookie);
    return forward(Status.Unauthorized);
  }

  return {
    kind: "guard",
    name,
    doc: {
      security: { [name]: { type: "apiKey", in: "cookie", name: cookie } },
      responses: { 401: "There is no session, or it has expired." },
    },
    fromRequest: (req) => req.cached(slot, () => read(req)),
    login: (jar, data) => seal(jar, data),
    logout: (jar) => jar.removePrivate(cookie),
  };
}

function parse(text: string): Sealed | undefined {
  try {
    const v = JSON.parse(text) as Partial<Sealed> | null;
    return typeof v === "object" && v !== null && typeof v.x === "number" && "d" in v
      ? (v as Sealed)
      : undefined;
  } catch {
    return undefined;
  }
}
