import { loadPeer } from "../peer.ts";
import { type Backend, type BackendSettings, settleWithin } from "./backend.ts";

/**
 * The Redis commands every client has, typed loosely: what `Connection(Cache)` yields unless the database
 * declares its client type (`database<Redis>("cache", "redis")` with `import type { Redis } from "ioredis"`).
 * `call(...)` runs any command.
 */
export interface RedisClient {
  get(key: string): Promise<string | null>;
  set(key: string, value: string | number, ...args: (string | number)[]): Promise<unknown>;
  del(...keys: string[]): Promise<number>;
  incr(key: string): Promise<number>;
  incrby(key: string, by: number): Promise<number>;
  expire(key: string, seconds: number): Promise<number>;
  call(command: string, ...args: (string | number | Buffer)[]): Promise<unknown>;
  multi(): RedisMulti;
}

/**
 * A Redis transaction being queued (ioredis's `multi()`): commands are sent on `exec()`, together, and nothing is
 * sent when it is dropped. What `Transaction(Cache)` yields.
 */
export interface RedisMulti {
  set(key: string, value: string | number, ...args: (string | number)[]): RedisMulti;
  del(...keys: string[]): RedisMulti;
  incr(key: string): RedisMulti;
  incrby(key: string, by: number): RedisMulti;
  expire(key: string, seconds: number): RedisMulti;
  call(command: string, ...args: (string | number | Buffer)[]): RedisMulti;
  exec(): Promise<[Error | null, unknown][] | null>;
}

// The parts of `ioredis` Apogee uses.
interface IoRedis extends RedisClient {
  connect(): Promise<void>;
  quit(): Promise<unknown>;
  disconnect(): void;
  on(event: "error" | "end" | "close", listener: (e?: Error) => void): unknown;
}
type IoRedisClass = new (url: string, options: Record<string, unknown>) => IoRedis;

/** An open Redis connection: the ioredis client, and whether it is known to be dead. */
export interface RedisConnection {
  readonly client: IoRedis;
  broken: boolean;
}

const CLOSE_WAIT = 1000;

/**
 * The Redis driver (`ioredis`): one client per pooled connection, so a request may use blocking commands, `WATCH`
 * and `MULTI` without disturbing others. Clients never reconnect on their own and never queue commands while
 * disconnected: a dead connection is dropped by the pool, and the next request opens a fresh one. Each is named
 * `apogee:<database>` in `CLIENT LIST`.
 */
export async function redisBackend(s: BackendSettings): Promise<Backend<RedisConnection>> {
  const Redis = await loadPeer<IoRedisClass>("ioredis", s.name, "redis");
  return {
    driver: "redis",
    async open(timeout) {
      const client = new Redis(s.url.url, {
        lazyConnect: true,
        connectTimeout: Math.max(Math.ceil(timeout), 1),
        enableOfflineQueue: false,
        retryStrategy: () => null,
        maxRetriesPerRequest: 0,
        connectionName: `apogee:${s.name}`,
      });
      const conn: RedisConnection = { client, broken: false };
      // Errors also end the connection (no retries); the listener keeps them from being "unhandled", and the
      // first one explains a failed connect better than ioredis's "Connection is closed".
      let cause: Error | undefined;
      client.on("error", (e) => {
        cause ??= e;
      });
      const broke = () => {
        conn.broken = true;
      };
      client.on("close", broke);
      client.on("end", broke);
      try {
        await client.connect();
      } catch (e) {
        client.disconnect();
        throw cause ?? e;
      }
      return conn;
    },
    async close(conn) {
      if (!conn.broken) await settleWithin(conn.client.quit(), CLOSE_WAIT);
      conn.broken = true;
      conn.client.disconnect();
    },
    isBroken: (conn) => conn.broken,
    native: (conn) => conn.client,
    sql: undefined,
  };
}
