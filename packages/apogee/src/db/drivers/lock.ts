/**
 * An asynchronous lock with a deadline: SQLite's one writer at a time, taken without blocking the event loop (a
 * SQLite busy wait would block it, and with it the connection holding the lock).
 */
export class WriteLock {
  #held = false;
  readonly #queue: { grant(): void; timer: NodeJS.Timeout }[] = [];

  /** Whether someone holds the lock. */
  get held(): boolean {
    return this.#held;
  }

  /** Takes the lock, waiting up to `timeout` ms for it; rejects with `onTimeout()` when it does not come. */
  acquire(timeout: number, onTimeout: () => Error): Promise<void> {
    if (!this.#held) {
      this.#held = true;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const entry = {
        grant: resolve,
        timer: setTimeout(() => {
          const at = this.#queue.indexOf(entry);
          if (at !== -1) this.#queue.splice(at, 1);
          reject(onTimeout());
        }, timeout),
      };
      this.#queue.push(entry);
    });
  }

  /** Hands the lock to the next in line, or frees it. */
  release(): void {
    const next = this.#queue.shift();
    if (next === undefined) {
      this.#held = false;
      return;
    }
    clearTimeout(next.timer);
    next.grant();
  }
}
