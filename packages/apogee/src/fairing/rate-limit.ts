import { parseDuration } from "../config/duration.ts";
import { Status } from "../http/status.ts";
import { clientIp } from "../request/builtin-guards.ts";
import { isPromiseLike } from "../request/outcome.ts";
import type { Request } from "../request/request.ts";
import type { Response } from "../response/response.ts";
import type { Fairing } from "./fairing.ts";
import { MemoryStore, type RateLimitHit, type RateLimitStore } from "./rate-limit-store.ts";

/** How `RateLimit` limits. */
export interface RateLimitOptions {
  /** Requests allowed per key in each window. */
  readonly limit: number;
  /** The window: milliseconds, or a duration such as `"500ms"`, `"10s"`, `"1m"`, `"1h"`, `"1d"`. */
  readonly window: number | string;
  /** Whose requests are counted together (default: the client's IP, `ip_header` first); `undefined`: not limited. */
  readonly key?: (req: Request) => string | undefined;
  /** Where requests are counted (default: a `MemoryStore`, per process). */
  readonly store?: RateLimitStore;
  /** Requests never limited nor counted (health checks). */
  readonly skip?: (req: Request) => boolean;
  /** Whether responses carry `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` (default `true`). */
  readonly headers?: boolean;
}

/**
 * The rate-limit fairing: counts each client's requests in fixed windows and answers 429 Too Many Requests,
 * through the catchers and before any route runs, once a client is over `limit`.
 *
 * - The 429 carries `Retry-After` (seconds until the window resets); every counted response carries
 *   `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` (seconds), unless `headers: false`.
 * - Counted per client IP by default (`key` changes that); a request with no key is not limited.
 * - A store that fails (Redis unreachable) is logged and lets the request through rather than failing it.
 *
 * @example
 * build().attach(RateLimit({ limit: 100, window: "1m" }));
 */
export function RateLimit(options: RateLimitOptions): Fairing {
  const limiter = new Limiter(options);
  return {
    name: "RateLimit",
    onRequest: (req) => limiter.count(req),
    ...(options.headers === false
      ? {}
      : { onResponse: (req: Request, res: Response) => limiter.decorate(req, res) }),
  };
}

class Limiter {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #key: (req: Request) => string | undefined;
  readonly #store: RateLimitStore;
  readonly #skip: ((req: Request) => boolean) | undefined;
  // Where the request's count is kept for the response fairing (one slot per limiter: several may be attached).
  readonly #slot = Symbol("RateLimit hit");

  constructor(o: RateLimitOptions) {
    if (!Number.isSafeInteger(o.limit) || o.limit < 1)
      throw new TypeError(`RateLimit: limit must be a whole number above 0, got ${String(o.limit)}`);
    this.#limit = o.limit;
    this.#windowMs = windowMs(o.window);
    this.#key = o.key ?? clientIp;
    this.#store = o.store ?? new MemoryStore();
    this.#skip = o.skip;
  }

  count(req: Request): void | Promise<void> {
    if (this.#skip?.(req) === true) return;
    const key = this.#key(req);
    if (key === undefined) return;
    let hit: RateLimitHit | Promise<RateLimitHit>;
    try {
      hit = this.#store.hit(key, this.#windowMs);
    } catch (e) {
      return this.#failed(req, e);
    }
    if (isPromiseLike<RateLimitHit>(hit))
      return Promise.resolve(hit).then(
        (h) => this.#counted(req, h),
        (e) => this.#failed(req, e),
      );
    this.#counted(req, hit);
  }

  #counted(req: Request, hit: RateLimitHit): void {
    req.cached(this.#slot, () => hit);
    if (hit.count <= this.#limit) return;
    req.addStatusHeader(429, "retry-after", String(seconds(hit.resetMs)));
    if (req.log.enabled("normal")) req.log.detail(`RateLimit: over ${this.#limit} requests in the window.`);
    req.halt(Status.TooManyRequests, "rate limit exceeded");
  }

  #failed(req: Request, e: unknown): void {
    req.log.error("RateLimit: the store failed; the request is not limited.", e);
  }

  decorate(req: Request, res: Response): void {
    const hit = req.cached<RateLimitHit | undefined>(this.#slot, () => undefined);
    if (hit === undefined) return;
    res.headers["ratelimit-limit"] = String(this.#limit);
    res.headers["ratelimit-remaining"] = String(Math.max(0, this.#limit - hit.count));
    res.headers["ratelimit-reset"] = String(seconds(hit.resetMs));
  }
}

function seconds(ms: number): number {
  return Math.max(0, Math.ceil(ms / 1000));
}

/** A window as milliseconds; throws a `TypeError` naming the value when it is not a duration. */
function windowMs(value: number | string): number {
  const ms = parseDuration(value);
  if (ms === undefined) {
    throw new TypeError(
      `RateLimit: window must be whole milliseconds or a duration such as "10s" or "1m", got ${JSON.stringify(value)}`,
    );
  }
  return ms;
}
