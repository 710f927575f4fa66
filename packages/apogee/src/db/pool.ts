/** How a pool opens, checks and closes its connections, and how many it keeps. */
export interface PoolOptions<C> {
  /** The database's name, for error messages. */
  readonly name: string;
  /** Connections kept open even when idle. */
  readonly min: number;
  /** Connections open at most (in use, idle and being opened). */
  readonly max: number;
  /** How long `acquire()` waits, opening included, before it fails (ms). */
  readonly acquireTimeout: number;
  /** Idle connections above `min` are closed after this long (ms); never when `undefined`. */
  readonly idleTimeout: number | undefined;
  /** Opens a connection within `timeout` ms. */
  open(timeout: number): Promise<C>;
  /** Closes a connection; never rejects. */
  close(conn: C): Promise<void>;
  /** Whether the connection is known to be dead (its socket closed, the server said goodbye). */
  isBroken(conn: C): boolean;
}

/** What a pool holds right now. */
export interface PoolStats {
  /** Open connections (idle + in use), plus those being opened. */
  readonly size: number;
  readonly idle: number;
  readonly inUse: number;
  /** Callers waiting in `acquire()`. */
  readonly waiting: number;
}

/** Why a connection could not be had: the pool is exhausted, the database is down, or the pool is closed. */
export class PoolError extends Error {
  /** `timeout`: nothing freed up in time; `connect`: opening one failed; `closed`: the app is shutting down. */
  readonly kind: "timeout" | "connect" | "closed";

  constructor(kind: "timeout" | "connect" | "closed", message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = "PoolError";
    this.kind = kind;
  }
}

interface Waiter<C> {
  resolve(conn: C): void;
  reject(e: PoolError): void;
  readonly deadline: number;
  timer: NodeJS.Timeout | undefined;
}

interface Idle<C> {
  readonly conn: C;
  readonly since: number;
}

/**
 * A connection pool shared by every driver, so all of them behave alike.
 *
 * - `acquire()` hands out an idle connection (the most recently used first), opens one while fewer than `max` are
 *   open, or waits in line; it fails after `acquireTimeout`, or as soon as opening a connection fails (the
 *   database is down: no point making the caller wait).
 * - A released connection goes to the next caller in line, else back to the idle list; a broken one is closed
 *   and, when someone is waiting, replaced.
 * - `close(wait)` refuses new callers at once, closes idle connections, waits up to `wait` ms for those in use
 *   to come back, then closes them regardless.
 */
export class Pool<C> {
  readonly #o: PoolOptions<C>;
  readonly #idle: Idle<C>[] = [];
  readonly #inUse = new Set<C>();
  readonly #waiters: Waiter<C>[] = [];
  #opening = 0;
  #closed = false;
  #closing: Promise<void> | undefined;
  #reaper: NodeJS.Timeout | undefined;
  #drained: (() => void) | undefined;

  constructor(options: PoolOptions<C>) {
    this.#o = options;
    const idle = options.idleTimeout;
    if (idle !== undefined) {
      this.#reaper = setInterval(() => this.#reap(), Math.min(Math.max(idle / 2, 50), 30_000));
      this.#reaper.unref();
    }
  }

  /**
   * Opens the first connection (proving the database is reachable), then the rest of `min` in the background.
   * Rejects with the driver's error when the first one cannot be opened.
   */
  async start(): Promise<void> {
    this.#opening++;
    let conn: C;
    try {
      conn = await this.#o.open(this.#o.acquireTimeout);
    } finally {
      this.#opening--;
    }
    this.#idle.push({ conn, since: Date.now() });
    this.#topUp();
  }

  /** What the pool holds right now. */
  get stats(): PoolStats {
    const idle = this.#idle.length;
    const inUse = this.#inUse.size;
    return { size: idle + inUse + this.#opening, idle, inUse, waiting: this.#waiters.length };
  }

  /** Whether `close()` was called. */
  get closed(): boolean {
    return this.#closed;
  }

  /** An idle connection for the caller's exclusive use until `release(conn)`, or `undefined` when none is idle. */
  tryAcquire(): C | undefined {
    if (this.#closed) return undefined;
    const conn = this.#takeIdle();
    if (conn !== undefined) this.#inUse.add(conn);
    return conn;
  }

  /** A connection for the caller's exclusive use until `release(conn)`. */
  acquire(): Promise<C> {
    if (this.#closed) return Promise.reject(this.#closedError());
    const conn = this.tryAcquire();
    if (conn !== undefined) return Promise.resolve(conn);
    return new Promise<C>((resolve, reject) => {
      const waiter: Waiter<C> = {
        resolve,
        reject,
        deadline: Date.now() + this.#o.acquireTimeout,
        timer: undefined,
      };
      waiter.timer = setTimeout(() => this.#timedOut(waiter), this.#o.acquireTimeout);
      this.#waiters.push(waiter);
      this.#grow();
    });
  }

  /** Gives a connection back; `broken` (or a connection the driver knows is dead) is closed instead of reused. */
  release(conn: C, broken = false): void {
    if (!this.#inUse.delete(conn)) return;
    if (broken || this.#closed || this.#o.isBroken(conn)) {
      void this.#o.close(conn);
      if (this.#closed) this.#checkDrained();
      else this.#grow();
      return;
    }
    this.#give(conn);
  }

  /**
   * Closes the pool: waiting and future callers fail at once, idle connections close, and connections in use are
   * waited for up to `wait` ms, then closed. Resolves when every connection is closed.
   */
  close(wait: number): Promise<void> {
    this.#closing ??= this.#close(wait);
    return this.#closing;
  }

  async #close(wait: number): Promise<void> {
    this.#closed = true;
    if (this.#reaper !== undefined) clearInterval(this.#reaper);
    for (const w of this.#waiters.splice(0)) {
      clearTimeout(w.timer);
      w.reject(this.#closedError());
    }
    const idle = this.#idle.splice(0).map((i) => this.#o.close(i.conn));
    if (this.#inUse.size > 0 || this.#opening > 0) {
      const drained = new Promise<void>((r) => (this.#drained = r));
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((r) => (timer = setTimeout(r, wait)));
      await Promise.race([drained, timeout]);
      clearTimeout(timer);
      for (const conn of this.#inUse) idle.push(this.#o.close(conn));
      this.#inUse.clear();
    }
    await Promise.all(idle);
  }

  #takeIdle(): C | undefined {
    while (this.#idle.length > 0) {
      const { conn } = this.#idle.pop()!;
      if (!this.#o.isBroken(conn)) return conn;
      void this.#o.close(conn);
    }
    return undefined;
  }

  #give(conn: C): void {
    const waiter = this.#waiters.shift();
    if (waiter === undefined) {
      this.#idle.push({ conn, since: Date.now() });
      return;
    }
    clearTimeout(waiter.timer);
    this.#inUse.add(conn);
    waiter.resolve(conn);
  }

  // Opens connections for the callers in line that no opening connection is already meant for.
  #grow(): void {
    while (
      !this.#closed &&
      this.#waiters.length > this.#opening &&
      this.#idle.length + this.#inUse.size + this.#opening < this.#o.max
    ) {
      const first = this.#waiters[this.#opening]!;
      this.#openFor(Math.max(first.deadline - Date.now(), 1));
    }
  }

  #openFor(timeout: number): void {
    this.#opening++;
    this.#o.open(timeout).then(
      (conn) => {
        this.#opening--;
        if (this.#closed) {
          void this.#o.close(conn);
          this.#checkDrained();
        } else this.#give(conn);
      },
      (e: unknown) => {
        this.#opening--;
        if (this.#closed) return this.#checkDrained();
        // The database is unreachable: the caller first in line learns it now rather than at its deadline.
        const waiter = this.#waiters.shift();
        if (waiter !== undefined) {
          clearTimeout(waiter.timer);
          const why = e instanceof Error ? e.message : String(e);
          waiter.reject(
            new PoolError("connect", `could not connect to database \`${this.#o.name}\`: ${why}`, e),
          );
        }
      },
    );
  }

  #timedOut(waiter: Waiter<C>): void {
    const at = this.#waiters.indexOf(waiter);
    if (at === -1) return;
    this.#waiters.splice(at, 1);
    const seconds = this.#o.acquireTimeout / 1000;
    waiter.reject(
      new PoolError(
        "timeout",
        `no connection to database \`${this.#o.name}\` became free within ${seconds}s ` +
          `(${this.#inUse.size} in use, max_connections = ${this.#o.max})`,
      ),
    );
  }

  #closedError(): PoolError {
    return new PoolError("closed", `database \`${this.#o.name}\` is closed: the app is shutting down`);
  }

  #checkDrained(): void {
    if (this.#inUse.size === 0 && this.#opening === 0) this.#drained?.();
  }

  // Idle connections past `idleTimeout` close, oldest first, down to `min`.
  #reap(): void {
    const limit = Date.now() - this.#o.idleTimeout!;
    while (this.#idle.length > 0 && this.#idle[0]!.since <= limit && this.stats.size > this.#o.min) {
      void this.#o.close(this.#idle.shift()!.conn);
    }
    this.#topUp();
  }

  // Keeps `min` connections open; failures are left for the next caller to discover.
  #topUp(): void {
    const missing = this.#o.min - this.stats.size;
    for (let i = 0; i < missing && !this.#closed; i++) {
      this.#opening++;
      this.#o.open(this.#o.acquireTimeout).then(
        (conn) => {
          this.#opening--;
          if (!this.#closed) return this.#give(conn);
          void this.#o.close(conn);
          this.#checkDrained();
        },
        () => {
          this.#opening--;
          if (this.#closed) this.#checkDrained();
        },
      );
    }
  }
}
