import type { IncomingHttpHeaders } from "node:http";
import type { Readable } from "node:stream";
import type { Ignited } from "../app/ignited.ts";
import { Data } from "../data/data.ts";
import { preferredMediaType } from "../http/accept.ts";
import { MediaType } from "../http/media-type.ts";
import { type Method, supportsPayload } from "../http/method.ts";
import { Status } from "../http/status.ts";
import { parseQueryPairs, splitPath } from "../http/uri.ts";
import { Logger } from "../log/logger.ts";
import { CookieJar, NO_COOKIE_SETTINGS } from "./cookie-jar.ts";
import type { Outcome } from "./outcome.ts";

const QUIET = new Logger("off");

/** The remote end of a connection. */
export interface RemoteAddress {
  readonly address: string;
  readonly port: number;
}

/** What a request knows of the route that matched it (Rocket's `&Route`). */
export interface MatchedRoute {
  readonly name: string;
  readonly method: Method;
  /** The mount point, e.g. `/api`. */
  readonly base: string;
  /** The full URI pattern, mount point included, e.g. `/api/user/<id>`. */
  readonly uri: string;
  readonly rank: number;
}

/**
 * Work a guard ties to the route being tried, such as a database transaction (see `req.scope`).
 */
export interface RouteScope {
  /**
   * The route ended: `ok` when it answered with a 2xx or 3xx response; `false` when it forwarded, failed, threw
   * or answered with an error status. A rejection turns the answer into a 500.
   */
  end(ok: boolean): void | PromiseLike<void>;
}

/** Anything the request can run as a guard from inside another guard. */
export interface RequestGuardLike<T> {
  readonly kind: "guard";
  fromRequest(req: Request): Outcome<T> | PromiseLike<Outcome<T>>;
}

/**
 * An incoming request, as routing, guards, handlers and catchers see it.
 *
 * - `uri` is the target exactly as sent; `segments` are its decoded, empty-free path segments (trailing slash
 *   insignificant), computed once on first use.
 * - Header names are lower-case; `header(name)` gives the first value.
 * - `method` is the method routing uses (after `_method`, request fairings and the HEAD→GET retry).
 */
export class Request {
  method: Method;
  /** The request line's target as sent (path and query), or as a request fairing rewrote it. */
  #uri: string;
  readonly headers: IncomingHttpHeaders;
  /** The peer, when there is a connection (the local client has none unless `.remote()` set one). */
  readonly remote: RemoteAddress | undefined;
  /** The route being tried or that matched; set by the router. */
  route: MatchedRoute | undefined = undefined;
  /** The reason of the last guard error, for catchers (e.g. validation errors). */
  error: unknown = undefined;
  /** The app's logger; responders and guards log through it. */
  log: Logger = QUIET;
  /** The request's id when the log format is `json` (the client's sane `X-Request-Id`, or a generated one). */
  id: string | undefined = undefined;
  /** When dispatch began (`performance.now()`), for the `json` request log; `0` when not logged. */
  startedAt = 0;
  /**
   * The DER certificates the client presented over mutual TLS, end-entity first (Rocket's
   * `client_certificates`), or `undefined` without one. The `Certificate` guard parses the first.
   */
  peerCertificates: readonly Uint8Array[] | undefined = undefined;
  /**
   * The ignited app answering the request (Rocket's `request.rocket()`): managed state, configuration, the
   * shutdown handle. Set when the app dispatches it.
   */
  app: Ignited = undefined as unknown as Ignited;
  /**
   * The status a request fairing ended the request with (`halt`): no route runs, the catcher for it answers.
   * `undefined` while the request goes on.
   */
  halted: Status | undefined = undefined;

  #path: string;
  #query: string | undefined;
  #segments: string[] | undefined = undefined;
  #rawSegments: string[] | undefined = undefined;
  #queryPairs: [string, string][] | undefined = undefined;
  #body: Readable | Uint8Array | null;
  #data: Data | undefined = undefined;
  #cache: Map<unknown, unknown> | undefined = undefined;
  #cookies: CookieJar | undefined = undefined;
  #abort: AbortController | undefined = undefined;
  #statusHeaders: [number, string, string][] | undefined = undefined;
  #scopes: RouteScope[] | undefined = undefined;
  #afterSend: (() => void)[] | undefined = undefined;
  #contentTypeText: string | undefined = undefined;
  #contentType: MediaType | undefined = undefined;

  constructor(
    method: Method,
    uri: string,
    headers: IncomingHttpHeaders,
    body: Readable | Uint8Array | null,
    remote?: RemoteAddress,
  ) {
    this.method = method;
    this.#uri = uri;
    this.headers = headers;
    this.#body = body;
    this.remote = remote;
    const q = uri.indexOf("?");
    this.#path = q === -1 ? uri : uri.slice(0, q);
    this.#query = q === -1 ? undefined : uri.slice(q + 1);
  }

  /** The target as sent, e.g. `/hello/world?x=1`. */
  get uri(): string {
    return this.#uri;
  }

  /** Replaces the target (request fairings use this to rewrite before routing). */
  setUri(uri: string): void {
    this.#uri = uri;
    const q = uri.indexOf("?");
    this.#path = q === -1 ? uri : uri.slice(0, q);
    this.#query = q === -1 ? undefined : uri.slice(q + 1);
    this.#segments = undefined;
    this.#rawSegments = undefined;
    this.#queryPairs = undefined;
  }

  /** The raw path, without the query. */
  get path(): string {
    return this.#path;
  }

  /** The raw query string without `?`, or `undefined` when the target has none. */
  get query(): string | undefined {
    return this.#query;
  }

  /** The decoded, empty-free path segments. */
  get segments(): readonly string[] {
    if (this.#segments === undefined) this.#split();
    return this.#segments!;
  }

  /** The undecoded path segments, index for index with `segments`. */
  get rawSegments(): readonly string[] {
    if (this.#rawSegments === undefined) this.#split();
    return this.#rawSegments!;
  }

  #split(): void {
    const { raw, decoded } = splitPath(this.#path);
    this.#rawSegments = raw;
    this.#segments = decoded;
  }

  /** The decoded `(name, value)` pairs of the query, in order; empty when there is no query. */
  get queryPairs(): readonly (readonly [string, string])[] {
    if (this.#queryPairs === undefined) {
      this.#queryPairs = this.#query === undefined ? [] : parseQueryPairs(this.#query);
    }
    return this.#queryPairs;
  }

  /** The first value of header `name` (case-insensitive), or `undefined`. */
  header(name: string): string | undefined {
    const v = this.headers[name.toLowerCase()];
    return Array.isArray(v) ? v[0] : v;
  }

  /** The request's `Content-Type`, parsed (once per header value), or `undefined`. */
  get contentType(): MediaType | undefined {
    const v = this.headers["content-type"];
    if (v === undefined) return undefined;
    // Keyed on the text, so a request fairing that rewrites the header is still seen.
    if (v !== this.#contentTypeText) {
      this.#contentTypeText = v;
      this.#contentType = MediaType.parse(v);
    }
    return this.#contentType;
  }

  /**
   * The request's format for `format` matching: the `Content-Type` for payload methods, otherwise the
   * preferred `Accept` type (`*∕*` without one).
   */
  get format(): MediaType | undefined {
    return supportsPayload(this.method) ? this.contentType : preferredMediaType(this.headers.accept);
  }

  /** The body. Reading it is up to the data guard; it is read at most once. */
  get data(): Data {
    if (this.#data === undefined) this.#data = new Data(this.#body);
    return this.#data;
  }

  /**
   * Aborted when the client goes away before the response is complete; streams and slow work can stop early.
   * Created on first use.
   */
  get signal(): AbortSignal {
    this.#abort ??= new AbortController();
    return this.#abort.signal;
  }

  /** Tells everything watching `signal` that the client went away (the server calls this). */
  abort(reason: string): void {
    this.#abort?.abort(new Error(reason));
  }

  /**
   * Ends the request's hold on its body once it is answered: unread bytes are discarded, temp files removed.
   * Returns a promise only when there is asynchronous cleanup. The dispatcher calls this.
   */
  finish(): Promise<void> | undefined {
    return this.#data?.finish();
  }

  /**
   * Ties `scope` to the route being tried (a guard's database connection or transaction): its `end(ok)` runs
   * once that route has its outcome, before the next route is tried or the response is finished.
   */
  scope(scope: RouteScope): void {
    this.#scopes ??= [];
    this.#scopes.push(scope);
  }

  /** Whether the route being tried has scopes to end (the dispatcher checks after every route). */
  get scoped(): boolean {
    return this.#scopes !== undefined;
  }

  /**
   * Ends the route's scopes, latest first, every one even when some fail; rejects with the first failure. The
   * dispatcher calls this with the route's outcome.
   */
  async endScopes(ok: boolean): Promise<void> {
    const scopes = this.#scopes;
    this.#scopes = undefined;
    if (scopes === undefined) return;
    let failed: { readonly error: unknown } | undefined;
    for (let i = scopes.length - 1; i >= 0; i--) {
      try {
        await scopes[i]!.end(ok);
      } catch (error) {
        failed ??= { error };
      }
    }
    if (failed !== undefined) throw failed.error;
  }

  /**
   * Runs `fn` once the response is on its way: when its streamed body ends (or the client goes away), at once
   * for any other body. How a database connection held for the request is released.
   */
  afterSend(fn: () => void): void {
    this.#afterSend ??= [];
    this.#afterSend.push(fn);
  }

  /** The `afterSend` callbacks, handed over once (the dispatcher runs them). */
  takeAfterSend(): (() => void)[] | undefined {
    const fns = this.#afterSend;
    this.#afterSend = undefined;
    return fns;
  }

  /**
   * The request's cookie jar (Rocket's `request.cookies()`): the cookies the client sent, and the changes to
   * send back. Created on first use; every guard, handler and catcher of this request shares it.
   */
  get cookies(): CookieJar {
    this.#cookies ??= new CookieJar(
      this.headers.cookie,
      (this.app as Ignited | undefined)?.cookieSettings ?? NO_COOKIE_SETTINGS,
    );
    return this.#cookies;
  }

  /** The cookie jar if anything used it, else `undefined` (the dispatcher sends its pending changes). */
  get usedCookies(): CookieJar | undefined {
    return this.#cookies;
  }

  /** Runs `guard` against this request (guards may use other guards). */
  async guard<T>(guard: RequestGuardLike<T>): Promise<Outcome<T>> {
    return guard.fromRequest(this);
  }

  /**
   * A request-local cache: the value stored under `key`, computed once per request by `init`.
   * Lets an expensive guard (a user looked up from a session) run once however many guards need it; an async
   * `init` is stored as its promise, so every guard awaits the one lookup.
   */
  cached<T>(key: unknown, init: () => T): T {
    this.#cache ??= new Map();
    const cache = this.#cache;
    if (cache.has(key)) return cache.get(key) as T;
    const value = init();
    cache.set(key, value);
    return value;
  }

  /**
   * Ends the request before routing, from a request fairing: no route runs and the catcher for `status` answers,
   * as if a guard had failed with it; `reason` goes to `req.error`. Later request fairings still run. A rate
   * limit answers 429 this way.
   */
  halt(status: Status | number, reason?: unknown): void {
    this.halted = typeof status === "number" ? Status.from(status) : status;
    this.error = reason;
  }

  /**
   * Queues a header for the response if it ends with `status`, whoever answers (a route or a catcher), unless
   * the response sets that header itself. How a guard that forwards or fails with 401 sends its
   * `WWW-Authenticate` challenge, and a rate limit its `Retry-After`.
   */
  addStatusHeader(status: number, name: string, value: string): void {
    this.#statusHeaders ??= [];
    this.#statusHeaders.push([status, name.toLowerCase(), value]);
  }

  /** The headers `addStatusHeader` queued, as `[status, lower-case name, value]`; the dispatcher applies them. */
  get statusHeaders(): readonly (readonly [number, string, string])[] | undefined {
    return this.#statusHeaders;
  }
}
