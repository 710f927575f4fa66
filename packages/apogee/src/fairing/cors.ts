import type { Apogee } from "../app/apogee.ts";
import { METHODS, type Method } from "../http/method.ts";
import { Status } from "../http/status.ts";
import { guard, type RequestGuard } from "../request/guard.ts";
import { error, forward, type Outcome, success } from "../request/outcome.ts";
import type { Request } from "../request/request.ts";
import { err, type Result } from "../request/result.ts";
import { Response } from "../response/response.ts";
import { options, type Route } from "../route/route.ts";
import type { Fairing } from "./fairing.ts";
import { appendVary, splitList } from "./vary.ts";

/** Who may make cross-origin requests: any origin, a list (exact origins or patterns), or a predicate. */
export type CorsOrigins = "*" | readonly (string | RegExp)[] | ((origin: string) => boolean);

/** What `Cors(...)` allows (the CORS response headers it sends). */
export interface CorsOptions {
  /**
   * The origins allowed (`Access-Control-Allow-Origin`): `"*"` (the default), a list of serialized origins
   * (`"https://app.example"`, exact) and patterns (`/^https:\/\/[a-z]+\.example$/`), or a predicate.
   */
  readonly origins?: CorsOrigins;
  /** The methods cross-origin requests may use (default: every method). Preflights list the matching routes' own. */
  readonly methods?: readonly Method[];
  /** The request headers allowed (default: whichever a preflight asks for); `"*"`: any, without credentials. */
  readonly headers?: "*" | readonly string[];
  /** Whether cookies and credentials may be sent (`Access-Control-Allow-Credentials: true`; default `false`). */
  readonly credentials?: boolean;
  /** How long, in seconds, a browser may cache a preflight answer (`Access-Control-Max-Age`; default none). */
  readonly maxAge?: number;
  /** The response headers scripts may read besides the safelisted ones (`Access-Control-Expose-Headers`). */
  readonly exposeHeaders?: "*" | readonly string[];
  /** The rank of the preflight route (default 1000: the app's own `OPTIONS` routes win). */
  readonly rank?: number;
}

const PREFLIGHT = "CORS preflight";

/**
 * The CORS fairing: answers preflight requests for the mounted routes and decorates every response to an
 * allowed origin, per the Fetch standard's CORS protocol.
 *
 * - A preflight (`OPTIONS` with `Origin` and `Access-Control-Request-Method`) is answered `204` by a route the
 *   fairing mounts (`OPTIONS /<_..>`, rank 1000, hidden from API documents): `Access-Control-Allow-Methods` lists
 *   the methods of the routes matching the path (`HEAD` too when there is a `GET`) that `methods` allows;
 *   `Access-Control-Allow-Headers` the requested headers. A disallowed origin, method or header is refused with
 *   403 through the catchers; a path no route matches forwards (404).
 * - Every response to an allowed `Origin` gets `Access-Control-Allow-Origin` (the origin, or `*` when any origin
 *   is allowed without credentials), `Access-Control-Allow-Credentials` and `Access-Control-Expose-Headers` as
 *   configured; unless any origin is allowed, every response also gets `Vary: Origin`. A disallowed origin gets
 *   no CORS headers (the browser then blocks the response); non-browser clients are unaffected.
 * - At ignite: a wildcard (`origins`, `headers` or `exposeHeaders` `"*"`) with `credentials`, an origin that is
 *   not `scheme://host[:port]`, or a bad `maxAge` fails launch, every problem listed.
 *
 * @example
 * build().attach(Cors({ origins: ["https://app.example"], credentials: true, maxAge: 600 }));
 */
export function Cors(options: CorsOptions = {}): Fairing {
  const policy = new CorsPolicy(options);
  return {
    name: "CORS",
    singleton: true,
    onIgnite: (app) => policy.ignite(app),
    onResponse: (req, res) => policy.decorate(req, res),
  };
}

class CorsPolicy {
  readonly #options: CorsOptions;
  readonly #anyOrigin: boolean;
  readonly #exact: ReadonlySet<string>;
  readonly #patterns: readonly RegExp[];
  readonly #predicate: ((origin: string) => boolean) | undefined;
  readonly #methods: ReadonlySet<Method>;
  readonly #headers: ReadonlySet<string> | "*" | undefined;
  readonly #credentials: boolean;
  readonly #expose: string | undefined;
  readonly #maxAge: string | undefined;

  constructor(o: CorsOptions) {
    this.#options = o;
    const origins = o.origins ?? "*";
    this.#anyOrigin = origins === "*";
    this.#predicate = typeof origins === "function" ? origins : undefined;
    const list = Array.isArray(origins) ? (origins as readonly (string | RegExp)[]) : [];
    this.#exact = new Set(list.filter((x): x is string => typeof x === "string"));
    this.#patterns = list.filter((x): x is RegExp => x instanceof RegExp);
    this.#methods = new Set(o.methods ?? METHODS);
    this.#headers =
      o.headers === undefined || o.headers === "*"
        ? o.headers
        : new Set(o.headers.map((h) => h.toLowerCase()));
    this.#credentials = o.credentials === true;
    const expose = o.exposeHeaders;
    this.#expose = expose === undefined ? undefined : expose === "*" ? "*" : expose.join(", ");
    this.#maxAge = o.maxAge === undefined ? undefined : String(o.maxAge);
  }

  /** Checks the options (every problem at once) and mounts the preflight route. */
  ignite(app: Apogee): Result<unknown, string> | undefined {
    const o = this.#options;
    const problems: string[] = [];
    if (this.#credentials) {
      if (this.#anyOrigin)
        problems.push('`origins: "*"` cannot be used with `credentials: true`; list the origins');
      if (o.headers === "*")
        problems.push('`headers: "*"` cannot be used with `credentials: true`; list the headers');
      if (o.exposeHeaders === "*")
        problems.push('`exposeHeaders: "*"` cannot be used with `credentials: true`; list the headers');
    }
    for (const origin of this.#exact) {
      const why = originProblem(origin);
      if (why !== undefined) problems.push(why);
    }
    for (const m of o.methods ?? []) {
      if (!METHODS.includes(m)) problems.push(`methods: ${JSON.stringify(m)} is not an HTTP method`);
    }
    if (o.maxAge !== undefined && (!Number.isSafeInteger(o.maxAge) || o.maxAge < 0))
      problems.push(`maxAge must be a whole number of seconds, got ${String(o.maxAge)}`);
    if (problems.length > 0)
      return err(
        problems.length === 1
          ? problems[0]!
          : `${problems.length} problems:\n      ${problems.join("\n      ")}`,
      );
    app.mount("/", [this.#preflightRoute()]);
    return undefined;
  }

  #preflightRoute(): Route {
    const preflight: RequestGuard<Response> = guard(PREFLIGHT, (req) => this.#preflight(req));
    return options(
      { uri: "/<_..>", rank: this.#options.rank ?? 1000, name: PREFLIGHT, hidden: true },
      { preflight },
      ({ preflight }) => preflight,
    ) as unknown as Route;
  }

  // The preflight's answer, or why not: forward when it is no preflight or no route has the path, 403 when refused.
  #preflight(req: Request): Outcome<Response, string> {
    const origin = req.header("origin");
    const wanted = req.header("access-control-request-method");
    if (origin === undefined || wanted === undefined) return forward(Status.NotFound);
    const methods = routeMethods(req);
    if (methods.length === 0) return forward(Status.NotFound);
    if (!this.allows(origin)) return refuse(req, `the origin ${origin} is not allowed`);
    const allowed = methods.filter((m) => this.#methods.has(m));
    if (!allowed.includes(wanted as Method))
      return refuse(
        req,
        `the method ${wanted} is not allowed for ${req.path} (allowed: ${allowed.join(", ")})`,
      );
    const asked = splitList(req.header("access-control-request-headers"));
    const headers = this.#headers;
    if (headers instanceof Set) {
      const bad = asked.filter((h) => !headers.has(h));
      if (bad.length > 0) return refuse(req, `the header(s) ${bad.join(", ")} are not allowed`);
    }
    const res = new Response();
    res.status = 204;
    this.#allowOrigin(res, origin);
    res.headers["access-control-allow-methods"] = allowed.join(", ");
    if (asked.length > 0)
      res.headers["access-control-allow-headers"] = headers === "*" ? "*" : asked.join(", ");
    if (this.#maxAge !== undefined) res.headers["access-control-max-age"] = this.#maxAge;
    appendVary(res, "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
    return success(res);
  }

  /** Whether `origin` may make cross-origin requests. */
  allows(origin: string): boolean {
    if (this.#anyOrigin || this.#exact.has(origin)) return true;
    for (const p of this.#patterns) if (p.test(origin)) return true;
    return this.#predicate?.(origin) === true;
  }

  #allowOrigin(res: Response, origin: string): void {
    const h = res.headers;
    h["access-control-allow-origin"] = this.#anyOrigin && !this.#credentials ? "*" : origin;
    if (this.#credentials) h["access-control-allow-credentials"] = "true";
  }

  /** The response fairing: CORS headers for an allowed origin, `Vary: Origin` unless any origin is allowed. */
  decorate(req: Request, res: Response): void {
    if (!this.#anyOrigin) appendVary(res, "Origin");
    const origin = req.headers.origin;
    if (typeof origin !== "string" || res.headers["access-control-allow-origin"] !== undefined) return;
    if (!this.allows(origin)) return;
    this.#allowOrigin(res, origin);
    if (this.#expose !== undefined) res.headers["access-control-expose-headers"] = this.#expose;
  }
}

function refuse(req: Request, why: string): Outcome<never, string> {
  if (req.log.enabled("normal")) req.log.detail(`CORS: refusing the preflight: ${why}.`);
  return error(Status.Forbidden, `CORS: ${why}`);
}

// The methods of the routes whose path (and static query) match the request; HEAD when GET is among them.
function routeMethods(req: Request): Method[] {
  const router = req.app.router;
  const found: Method[] = [];
  for (const m of METHODS) {
    if (m === "OPTIONS") continue;
    const candidates = router.candidates(m, req);
    if (candidates.some((c) => hasStaticQuery(c.route.staticQuery, req))) found.push(m);
  }
  if (found.includes("GET") && !found.includes("HEAD")) found.splice(found.indexOf("GET") + 1, 0, "HEAD");
  return found;
}

function hasStaticQuery(wanted: readonly (readonly [string, string])[], req: Request): boolean {
  const pairs = req.queryPairs;
  return wanted.every(([n, v]) => pairs.some(([pn, pv]) => pn === n && pv === v));
}

// A configured origin must be what browsers send: `scheme://host[:port]`, lower-case, no path or trailing slash.
function originProblem(origin: string): string | undefined {
  if (origin === "null") return undefined;
  let serialized: string | undefined;
  try {
    serialized = new URL(origin).origin;
  } catch {
    serialized = undefined;
  }
  if (serialized === origin) return undefined;
  const hint =
    serialized === undefined || serialized === "null" ? "" : ` (did you mean ${JSON.stringify(serialized)}?)`;
  return `origins: ${JSON.stringify(origin)} is not an origin: write scheme://host[:port], without a path${hint}`;
}
