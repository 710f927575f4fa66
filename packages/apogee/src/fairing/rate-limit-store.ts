// Where `RateLimit` counts requests: in this process's memory, or in Redis, shared by every process and server.

/** One counted request: how many the key made in its current window, and when that window ends. */
export interface RateLimitHit {
  /** Requests counted in the window so far, this one included. */
  readonly count: number;
  /** Milliseconds until the window resets. */
  readonly resetMs: number;
}

/** A counter of requests per key in fixed windows (`MemoryStore`, `RedisStore`, or your own). */
export interface RateLimitStore {
  /** Counts one request for `key` in a window of `windowMs` milliseconds (started by the key's first request). */
  hit(key: string, windowMs: number): RateLimitHit | Promise<RateLimitHit>;
}

interface Window {
  count: number;
  readonly endsAt: number;
}

/**
 * Counts requests in this process's memory: fast, but per process (each cluster worker counts on its own).
 * Expired windows are swept once per window length, so memory follows the number of recent clients.
 *
 * @example
 * build().attach(RateLimit({ limit: 100, window: "1m", store: new MemoryStore() }));
 */
export class MemoryStore implements RateLimitStore {
  readonly #windows = new Map<string, Window>();
  #nextSweep = 0;
  readonly #now: () => number;

  /** `now` is the clock (milliseconds); tests pass their own. */
  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  hit(key: string, windowMs: number): RateLimitHit {
    const now = this.#now();
    if (now >= this.#nextSweep) this.#sweep(now, windowMs);
    let w = this.#windows.get(key);
    if (w === undefined || w.endsAt <= now) {
      w = { count: 0, endsAt: now + windowMs };
      this.#windows.set(key, w);
    }
    w.count++;
    return { count: w.count, resetMs: w.endsAt - now };
  }

  /** How many keys have a window open (expired ones may linger until the next sweep). */
  get size(): number {
    return this.#windows.size;
  }

  #sweep(now: number, windowMs: number): void {
    for (const [key, w] of this.#windows) if (w.endsAt <= now) this.#windows.delete(key);
    this.#nextSweep = now + windowMs;
  }
}

/**
 * The part of a Redis client `RedisStore` uses: ioredis's `eval(script, numKeys, ...keysAndArgs)`, or a generic
 * `call(command, ...args)` (the client `apogee/db` hands out).
 */
export type RedisEval =
  | { eval(script: string, numKeys: number, ...keysAndArgs: (string | number)[]): Promise<unknown> }
  | { call(command: string, ...args: (string | number)[]): Promise<unknown> };

// One round trip, atomically: count, start the window on the first request, and read the time left (a key that
// lost its expiry gets it back, so no counter lives forever).
const HIT = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {n, ttl}`;

/**
 * Counts requests in Redis, so every process and server shares the limits. Takes a connected ioredis client
 * (`new Redis(url)`, or the one `apogee/db` manages); each request is one `EVAL`. Keys are `prefix + key`.
 *
 * @example
 * import Redis from "ioredis";
 * build().attach(RateLimit({ limit: 100, window: "1m", store: new RedisStore(new Redis()) }));
 */
export class RedisStore implements RateLimitStore {
  readonly #client: RedisEval;
  readonly #prefix: string;

  constructor(client: RedisEval, options: { readonly prefix?: string } = {}) {
    const c = client as { eval?: unknown; call?: unknown } | null;
    if (typeof c?.eval !== "function" && typeof c?.call !== "function") {
      throw new TypeError(
        "RedisStore takes a Redis client with eval(script, numKeys, ...args) or call(command, ...args), such as ioredis",
      );
    }
    this.#client = client;
    this.#prefix = options.prefix ?? "apogee:ratelimit:";
  }

  async hit(key: string, windowMs: number): Promise<RateLimitHit> {
    const c = this.#client;
    const id = this.#prefix + key;
    const out = "eval" in c ? await c.eval(HIT, 1, id, windowMs) : await c.call("EVAL", HIT, 1, id, windowMs);
    if (!Array.isArray(out) || out.length !== 2)
      throw new Error(`RedisStore: unexpected reply ${String(out)}`);
    return { count: Number(out[0]), resetMs: Number(out[1]) };
  }
}
