import type { Readable } from "node:stream";

/** The most bytes `Data.peek` will buffer (Rocket's peek buffer). */
export const PEEK_LIMIT = 512;

/** A read of the body up to a limit: the bytes, and whether the body ended within the limit. */
export interface Capped<T> {
  readonly value: T;
  /** `true` when the whole body was read (a body exactly at the limit is complete). */
  readonly complete: boolean;
}

const EMPTY = new Uint8Array(0);

/**
 * The request body, read lazily and never past a limit (Rocket's `Data`).
 *
 * - `peek(n)` buffers up to 512 bytes without consuming them.
 * - `read(limit)` returns at most `limit` bytes and tells whether the body was complete; it reads one byte
 *   past the limit to know, and never buffers more than that.
 */
export class Data {
  #source: Readable | null;
  #chunks: Uint8Array[] = [];
  #length = 0;
  #ended: boolean;
  #error: Error | null = null;
  #want = 0;
  #wake: (() => void) | null = null;
  #listening = false;

  /** Wraps a Node stream (a server request) or bytes already in memory (the local client). */
  constructor(source: Readable | Uint8Array | null) {
    if (source === null || source instanceof Uint8Array) {
      this.#source = null;
      if (source !== null && source.length > 0) {
        this.#chunks.push(source);
        this.#length = source.length;
      }
      this.#ended = true;
    } else {
      this.#source = source;
      this.#ended = source.readableEnded;
    }
  }

  /** The first `min(n, 512)` bytes of the body (fewer if it is shorter), without consuming them. */
  async peek(n: number): Promise<Uint8Array> {
    const want = Math.min(n, PEEK_LIMIT);
    await this.#fill(want);
    return this.#prefix(want);
  }

  /** Whether `peek` has buffered the whole body (it was shorter than what was asked). */
  get peekComplete(): boolean {
    return this.#ended && this.#error === null;
  }

  /** Reads the body up to `limit` bytes. Rejects if the connection fails mid-body. */
  async read(limit: number): Promise<Capped<Uint8Array>> {
    await this.#fill(limit + 1);
    if (this.#error) throw this.#error;
    const complete = this.#length <= limit;
    const value = this.#prefix(limit);
    this.#chunks = [];
    this.#length = 0;
    return { value, complete };
  }

  #prefix(n: number): Uint8Array {
    if (this.#length === 0) return EMPTY;
    if (this.#chunks.length > 1) {
      const joined = Buffer.concat(this.#chunks, this.#length);
      this.#chunks = [joined];
    }
    const only = this.#chunks[0]!;
    return only.length <= n ? only : only.subarray(0, n);
  }

  async #fill(want: number): Promise<void> {
    const source = this.#source;
    if (source === null || this.#length >= want || this.#ended) return;
    this.#want = want;
    if (!this.#listening) this.#listen(source);
    while (this.#length < want && !this.#ended) {
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
        source.resume();
      });
    }
    this.#detachIfDone(source);
  }

  #listen(source: Readable): void {
    this.#listening = true;
    source.on("data", this.#onData);
    source.once("end", this.#onEnd);
    source.once("error", this.#onError);
    source.once("close", this.#onEnd);
  }

  #detachIfDone(source: Readable): void {
    if (this.#ended || this.#length >= this.#want) {
      source.pause();
      if (this.#ended) {
        source.off("data", this.#onData);
        this.#listening = false;
      }
    }
  }

  #onData = (chunk: Uint8Array): void => {
    this.#chunks.push(chunk);
    this.#length += chunk.length;
    if (this.#length >= this.#want) {
      this.#source?.pause();
      this.#notify();
    }
  };

  #onEnd = (): void => {
    if (!this.#ended && this.#source && !this.#source.readableEnded && this.#error === null) {
      this.#error = new Error("the connection closed before the body was complete");
    }
    this.#ended = true;
    this.#notify();
  };

  #onError = (e: Error): void => {
    this.#error = e;
    this.#ended = true;
    this.#notify();
  };

  #notify(): void {
    const wake = this.#wake;
    this.#wake = null;
    wake?.();
  }
}
