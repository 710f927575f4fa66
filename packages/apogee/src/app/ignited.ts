import { finished } from "node:stream";
import type { CatcherTable } from "../catcher/catcher.ts";
import { defaultCatcherBodyWithErrors } from "../catcher/default-catcher.ts";
import { type Config, tlsEnabled } from "../config/config.ts";
import { DataErrors } from "../data/data-error.ts";
import type { Fairing } from "../fairing/fairing.ts";
import { preferredMediaType } from "../http/accept.ts";
import type { MediaType } from "../http/media-type.ts";
import { type Method, parseMethod } from "../http/method.ts";
import { Status } from "../http/status.ts";
import type { Logger } from "../log/logger.ts";
import { requestId } from "../log/request-id.ts";
import type { CookieSettings } from "../request/cookie-jar.ts";
import type { ManagedState, StateValue } from "../request/managed-state.ts";
import { isPromiseLike } from "../request/outcome.ts";
import type { Request } from "../request/request.ts";
import { Shutdown } from "../request/shutdown.ts";
import { BodyStream } from "../response/body-stream.ts";
import { isThrownResponder, type Responded, then, toResponse } from "../response/responder.ts";
import { Response } from "../response/response.ts";
import { type RouteOutcome, runRoute } from "../route/run.ts";
import type { MountedRoute } from "../router/mounted-route.ts";
import { formatMatches, queryMatches, type Router } from "../router/router.ts";

/** The parts of an ignited app that dispatching needs. */
export interface IgnitedParts {
  readonly config: Config;
  readonly log: Logger;
  readonly router: Router;
  readonly catchers: CatcherTable;
  readonly fairings: readonly Fairing[];
  /** The managed state, frozen. */
  readonly managed: ManagedState;
}

type MaybePromise<T> = T | Promise<T>;

/**
 * An ignited app (Rocket's `Rocket<Ignite>`): routes checked and frozen, ready to answer requests.
 * `dispatch(request)` is the one seam both the server and the local client go through.
 */
export class Ignited {
  readonly config: Config;
  readonly log: Logger;
  readonly router: Router;
  readonly catchers: CatcherTable;
  readonly fairings: readonly Fairing[];
  /** The state the app manages (frozen at ignition); `State(key)` guards read it. */
  readonly managed: ManagedState;
  /** The handle that starts a graceful shutdown (what the `Shutdown` guard hands out). */
  readonly shutdown: Shutdown = new Shutdown();
  readonly #requestFairings: readonly Fairing[];
  readonly #responseFairings: readonly Fairing[];
  readonly #ident: string | false;
  /** What every request's cookie jar needs: the private-cookie key and whether TLS is on. */
  readonly cookieSettings: CookieSettings;

  constructor(parts: IgnitedParts) {
    this.config = parts.config;
    this.log = parts.log;
    this.router = parts.router;
    this.catchers = parts.catchers;
    this.fairings = parts.fairings;
    this.managed = parts.managed;
    this.#requestFairings = parts.fairings.filter((f) => f.onRequest !== undefined);
    this.#responseFairings = parts.fairings.filter((f) => f.onResponse !== undefined);
    this.#ident = parts.config.ident;
    const secret = parts.config.secret_key;
    this.cookieSettings = {
      key: secret.isZero ? undefined : secret.encryption,
      secure: tlsEnabled(parts.config),
    };
  }

  /** The value managed under `key` (Rocket's `rocket.state::<T>()`), or `undefined` when it is not managed. */
  state<K>(key: K): StateValue<K> | undefined {
    return this.managed.get(key);
  }

  /**
   * Runs the whole pipeline for one request: `_method`, request fairings, routing with forwards, catchers,
   * the `Server` header, response fairings, and the HEAD body strip. Never rejects.
   */
  dispatch(req: Request): MaybePromise<Response> {
    this.#begin(req);
    if (req.method === "POST" && isForm(req.contentType)) {
      return this.#peekMethod(req).then(() => this.#afterMethod(req));
    }
    return this.#afterMethod(req);
  }

  /**
   * Answers a request that could not be parsed (unknown method, bad target) with 400 through the catchers,
   * then the usual response processing.
   */
  dispatchBadRequest(req: Request, why: string): MaybePromise<Response> {
    this.#begin(req);
    if (this.log.enabled("normal")) this.log.info(`Bad request: ${why}`);
    return then(this.#catch(req, Status.BadRequest), (res) => this.#finalize(req, res, req.method));
  }

  // Every request, parsed or not, gets the app, its logger and (when request logging is on) its log entry.
  #begin(req: Request): void {
    req.log = this.log;
    req.app = this;
    if (this.log.requests) beginRequestLog(req);
  }

  // `_method` (ROCKET.md §1.9): a url-encoded POST whose first field is `_method=<method>` takes that method.
  async #peekMethod(req: Request): Promise<void> {
    let bytes: Uint8Array;
    try {
      bytes = await req.data.peek(METHOD_PEEK);
    } catch {
      return;
    }
    let end = bytes.indexOf(38); // '&'
    if (end === -1) {
      if (!req.data.peekComplete && bytes.length >= METHOD_PEEK) return;
      end = bytes.length;
    }
    if (end <= PREFIX.length) return;
    for (let i = 0; i < PREFIX.length; i++) if (bytes[i] !== PREFIX.charCodeAt(i)) return;
    const method = parseMethod(Buffer.from(bytes.subarray(PREFIX.length, end)).toString("latin1"));
    if (method !== undefined) req.method = method;
  }

  #afterMethod(req: Request): MaybePromise<Response> {
    const fairings = this.#requestFairings;
    for (let i = 0; i < fairings.length; i++) {
      const out = this.#runRequestFairing(fairings[i]!, req);
      if (out !== undefined) return this.#resumeRequestFairings(req, i, out);
    }
    return this.#routeAndFinish(req);
  }

  async #resumeRequestFairings(req: Request, at: number, pending: Promise<void>): Promise<Response> {
    await pending;
    const fairings = this.#requestFairings;
    for (let i = at + 1; i < fairings.length; i++) await this.#runRequestFairing(fairings[i]!, req);
    return this.#routeAndFinish(req);
  }

  // A failing request fairing is logged; the request goes on (fairings cannot respond).
  #runRequestFairing(f: Fairing, req: Request): Promise<void> | undefined {
    try {
      const out = f.onRequest!(req);
      if (isPromiseLike(out))
        return Promise.resolve(out).catch((e) => this.log.error(`Request fairing ${f.name} failed.`, e));
    } catch (e) {
      this.log.error(`Request fairing ${f.name} failed.`, e);
    }
    return undefined;
  }

  // Whether to strip the body is decided here, after `_method` and request fairings (as Rocket's `dispatch`):
  // a POST turned into HEAD is stripped; a HEAD a fairing turned into GET is not.
  #routeAndFinish(req: Request): MaybePromise<Response> {
    const original = req.method;
    if (this.log.enabled("normal")) {
      this.log.info(`${this.log.paint(req.method, "blue")} ${req.uri}:`);
    }
    // A request fairing ended the request (`req.halt`): the catcher answers, no route runs.
    const halted = req.halted;
    if (halted !== undefined) {
      this.#logOutcome("Halted", halted);
      return then(this.#catch(req, halted), (res) => this.#finalize(req, res, original));
    }
    const routed = this.#loop(req, this.router.candidates(req.method, req), 0, Status.NotFound);
    // Most routes answer synchronously: no closure then.
    if (!isPromiseLike<Response>(routed)) return this.#finalize(req, routed, original);
    return routed.then((res) => this.#finalize(req, res, original));
  }

  /** Tries candidates from `i` on; a forward moves on, a success or failure ends the loop. */
  #loop(
    req: Request,
    candidates: readonly MountedRoute[],
    i: number,
    status: Status,
  ): MaybePromise<Response> {
    for (; i < candidates.length; i++) {
      const m = candidates[i]!;
      if (!queryMatches(m, req) || !formatMatches(m, req)) continue;
      req.route = m;
      if (this.log.enabled("normal")) this.log.detail(`Matched: ${m}`);
      const out = runRoute(m, req);
      if (isPromiseLike<RouteOutcome>(out)) {
        const at = i;
        return out.then((o) => this.#onOutcome(req, candidates, at, o));
      }
      if (req.scoped) return this.#endScopes(req, candidates, i, out);
      if (out instanceof Response) return this.#succeeded(out);
      if (out.outcome === "error") return this.#failed(req, out.status);
      this.#logOutcome("Forward", out.status);
      status = out.status;
    }
    return this.#exhausted(req, status);
  }

  #onOutcome(
    req: Request,
    candidates: readonly MountedRoute[],
    i: number,
    out: RouteOutcome,
  ): MaybePromise<Response> {
    if (req.scoped) return this.#endScopes(req, candidates, i, out);
    if (out instanceof Response) return this.#succeeded(out);
    if (out.outcome === "error") return this.#failed(req, out.status);
    this.#logOutcome("Forward", out.status);
    return this.#loop(req, candidates, i + 1, out.status);
  }

  // Guards tied work to the route (a transaction to commit or roll back): it ends with the route's outcome,
  // before the next route is tried or a catcher runs. If ending it fails, so does the request.
  async #endScopes(
    req: Request,
    candidates: readonly MountedRoute[],
    i: number,
    out: RouteOutcome,
  ): Promise<Response> {
    const ok = out instanceof Response && out.status < 400;
    try {
      await req.endScopes(ok);
    } catch (e) {
      this.log.error(`Ending the work of ${candidates[i]} failed. Failing with 500.`, e);
      if (out instanceof Response && out.body instanceof BodyStream) out.body.cancel();
      return this.#failed(req, Status.InternalServerError);
    }
    return this.#onOutcome(req, candidates, i, out);
  }

  #succeeded(res: Response): Response {
    if (res.status === 0) res.status = 200;
    this.#logOutcome("Success", res.status);
    return res;
  }

  #failed(req: Request, status: Status): MaybePromise<Response> {
    this.#logOutcome("Error", status);
    return this.#catch(req, status);
  }

  // The text is built only when it is logged: a production level pays one check per request.
  #logOutcome(kind: string, status: Status | number): void {
    if (this.log.enabled("normal"))
      this.log.detail(`Outcome: ${kind}(${typeof status === "number" ? Status.from(status) : status})`);
  }

  // No route succeeded: a HEAD request is retried as GET (ROCKET.md §1.8), else the last forward status is caught.
  #exhausted(req: Request, status: Status): MaybePromise<Response> {
    if (req.method === "HEAD") {
      req.method = "GET";
      if (this.log.enabled("normal")) this.log.detail("Autohandling HEAD request.");
      return this.#loop(req, this.router.candidates("GET", req), 0, Status.NotFound);
    }
    if (req.route === undefined && this.log.enabled("normal")) {
      this.log.detail(`No matching routes for ${req.method} ${req.uri}.`);
    }
    return this.#catch(req, status);
  }

  /**
   * Answers `status` with the best registered catcher, falling back to 500's catcher, then the built-in.
   * Pending cookie changes are dropped first (ROCKET.md §3.4), not again when falling back to 500.
   */
  #catch(req: Request, status: Status, fresh = true): MaybePromise<Response> {
    if (fresh) req.usedCookies?.discardPending();
    const found = this.catchers.find(status, req.segments);
    if (found === undefined) {
      if (this.log.enabled("normal"))
        this.log.detail(`No ${status.code} catcher registered. Using Apogee default.`);
      return this.#builtin(req, status);
    }
    if (this.log.enabled("normal")) this.log.detail(`Responding with registered ${found} catcher.`);
    const name = found.catcher.name;
    let out: Responded | PromiseLike<Responded>;
    try {
      out = toResponse(found.catcher.handler(status, req), req);
    } catch (e) {
      if (!isThrownResponder(e)) return this.#catcherFailed(req, status, name, e);
      out = toResponse(e, req);
    }
    if (isPromiseLike<Responded>(out)) {
      return Promise.resolve(out)
        .catch((e) => this.#thrownByCatcher(req, e))
        .then(
          (r) => this.#caught(req, status, name, r),
          (e) => this.#catcherFailed(req, status, name, e),
        );
    }
    return this.#caught(req, status, name, out);
  }

  // As in handlers, a thrown responder (a Redirect, a Status) is the catcher's answer; anything else is a failure.
  #thrownByCatcher(req: Request, e: unknown): Responded | PromiseLike<Responded> {
    if (isThrownResponder(e)) return toResponse(e, req);
    throw e;
  }

  #caught(req: Request, status: Status, name: string, out: Responded): MaybePromise<Response> {
    if (out instanceof Status) return this.#catcherFailed(req, status, name, out);
    if (out.status === 0) out.status = status.code;
    return out;
  }

  #catcherFailed(req: Request, status: Status, name: string, why: unknown): MaybePromise<Response> {
    const detail = why instanceof Status ? ` (it answered ${why})` : "";
    this.log.error(
      `Catcher ${name} for ${status} failed${detail}.`,
      why instanceof Status || isThrownResponder(why) ? undefined : why,
    );
    if (status.code === 500) return this.#builtin(req, Status.InternalServerError);
    const found = this.catchers.find(Status.InternalServerError, req.segments);
    if (found === undefined) return this.#builtin(req, Status.InternalServerError);
    return this.#catch(req, Status.InternalServerError, false);
  }

  #builtin(req: Request, status: Status): Response {
    const preferred = preferredMediaType(req.headers.accept);
    const json = preferred.top === "application" && preferred.sub === "json";
    // A data guard's errors are listed when they are what failed the request with this status.
    const errors =
      req.error instanceof DataErrors && req.error.status === status.code ? req.error.errors : [];
    const { contentType, body } = defaultCatcherBodyWithErrors(status.code, json, errors);
    const res = new Response(body, contentType);
    res.status = status.code;
    return res;
  }

  /**
   * One `Set-Cookie` per pending cookie change, the `Server` header, response fairings (in attach order), then
   * the HEAD strip that keeps `Content-Length`.
   */
  #finalize(req: Request, res: Response, original: Method): MaybePromise<Response> {
    const jar = req.usedCookies;
    if (jar !== undefined) for (const c of jar.delta()) res.addHeader("set-cookie", c.toString());
    if (this.#ident !== false && res.headers.server === undefined) res.headers.server = this.#ident;
    if (req.id !== undefined && res.headers["x-request-id"] === undefined)
      res.headers["x-request-id"] = req.id;
    const queued = req.statusHeaders;
    if (queued !== undefined) addStatusHeaders(res, queued);
    const fairings = this.#responseFairings;
    for (let i = 0; i < fairings.length; i++) {
      const f = fairings[i]!;
      let out: unknown;
      try {
        out = f.onResponse!(req, res);
      } catch (e) {
        this.log.error(`Response fairing ${f.name} failed.`, e);
      }
      if (isPromiseLike(out)) return this.#resumeResponseFairings(req, res, original, i, out);
    }
    return this.#release(req, this.#strip(req, res, original));
  }

  async #resumeResponseFairings(
    req: Request,
    res: Response,
    original: Method,
    at: number,
    pending: PromiseLike<unknown>,
  ) {
    const fairings = this.#responseFairings;
    for (let i = at; i < fairings.length; i++) {
      const f = fairings[i]!;
      try {
        await (i === at ? pending : f.onResponse!(req, res));
      } catch (e) {
        this.log.error(`Response fairing ${f.name} failed.`, e);
      }
    }
    return this.#release(req, this.#strip(req, res, original));
  }

  // The request is answered: its unread body is discarded and its temp files removed before the response goes.
  #release(req: Request, res: Response): MaybePromise<Response> {
    // Scopes opened outside a route (a catcher running a guard) end here, unsuccessfully.
    if (req.scoped) {
      return req.endScopes(false).then(
        () => this.#release(req, res),
        (e) => {
          this.log.error("Ending a request's scoped work failed.", e);
          return this.#release(req, res);
        },
      );
    }
    const after = req.takeAfterSend();
    if (after !== undefined) {
      if (res.body instanceof BodyStream)
        finished(res.body.toReadable(), () => runAfterSend(after, this.log));
      else runAfterSend(after, this.log);
    }
    const pending = req.finish();
    return pending === undefined ? res : pending.then(() => res);
  }

  #strip(req: Request, res: Response, original: Method): Response {
    if (original === "HEAD" && res.body !== null) {
      // A sized body keeps its length; a stream of unknown length is dropped entirely (its producer stopped).
      const length = res.bodyLength;
      if (length !== undefined) res.setHeader("content-length", String(length));
      if (res.body instanceof BodyStream) res.body.cancel();
      res.body = null;
    }
    if (this.log.enabled("normal"))
      this.log.detail(res.status < 400 ? "Response succeeded." : `Response: ${Status.from(res.status)}.`);
    if (req.id !== undefined) {
      const ms = performance.now() - req.startedAt;
      this.log.request({
        id: req.id,
        method: original,
        path: req.path,
        status: res.status,
        duration_ms: Math.round(ms * 1000) / 1000,
        route: req.route?.uri ?? null,
      });
    }
    return res;
  }
}

// Headers queued with `req.addStatusHeader` for the status the request ended with; a header the response
// already has is left alone.
function addStatusHeaders(res: Response, queued: readonly (readonly [number, string, string])[]): void {
  let own: Set<string> | undefined;
  for (const [status, name, value] of queued) {
    if (status !== res.status) continue;
    own ??= new Set(Object.keys(res.headers));
    if (!own.has(name)) res.addHeader(name, value);
  }
}

// `req.afterSend` callbacks: every one runs, whatever the others do.
function runAfterSend(fns: readonly (() => void)[], log: Logger): void {
  for (const fn of fns) {
    try {
      fn();
    } catch (e) {
      log.error("A callback run after the response failed.", e);
    }
  }
}

// The `json` log format: the request gets its id (sent back as `X-Request-Id`) and its start time.
function beginRequestLog(req: Request): void {
  req.id = requestId(req.headers["x-request-id"]);
  req.startedAt = performance.now();
}

const PREFIX = "_method=";
// `_method=` plus the longest method name (7) plus the `&` that ends the field.
const METHOD_PEEK = PREFIX.length + 8;

function isForm(mt: MediaType | undefined): boolean {
  return mt !== undefined && mt.top === "application" && mt.sub === "x-www-form-urlencoded";
}
