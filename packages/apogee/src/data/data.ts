import type { Readable } from "node:stream";
import type { BodyDoc } from "../request/api-doc.ts";
import { success } from "../request/outcome.ts";
import type { Request } from "../request/request.ts";
import { DataStream, MAX_CHUNK } from "./data-stream.ts";

/** The most bytes `Data.peek` will buffer (Rocket's peek buffer). */
export const PEEK_LIMIT = 512;

/** A read of the body up to a limit: the value, and whether the body ended within the limit. */
export interface Capped<T> {
  readonly value: T;
  /** `true` when the whole body was read (a body exactly at the limit is complete). */
  readonly complete: boolean;
}

type Cleanup = () => void | Promise<void>;

/**
 * The request body, read lazily and never past a limit (Rocket's `Data`). As a data guard (`{ body: Data }`)
 * the handler gets it unread.
 *
 * - `open(limit)` is the body as a stream of at most `limit` bytes; `streamToFile`, `intoBytes`,
 *   `intoString` read it whole and say whether it was `complete`.
 * - `peek(n)` buffers up to 512 bytes without consuming them.
 * - Reading stops at the limit: a body over it is never buffered past `limit + 1` bytes; what is left is
 *   discarded when the request ends.
 *
 * @example
 * post({ uri: "/upload", format: "plain", data: "<data>" }, { data: Data }, async ({ data }) => {
 *   const written = await data.open(128 * 1024).streamToFile("/tmp/upload.txt");
 *   return written.value.toString();
 * });
 */
export class Data {
  /** `Data` is its own data guard: it never fails and hands over the body unread. */
  static readonly kind = "data";
  /** Any body, for API documents. */
  static readonly doc: BodyDoc = { mediaTypes: ["*/*"] };
  /** The guard's result: the body itself. */
  static fromData(_req: Request, data: Data) {
    return success(data);
  }

  #source: Readable | null;
  /** Bytes taken from the source but not consumed yet (peeked, or put back). */
  #chunks: Uint8Array[] = [];
  #buffered = 0;
  #ended: boolean;
  #error: Error | null = null;
  #wake: (() => void) | null = null;
  #listening = false;
  #cleanups: Cleanup[] | null = null;

  /** Wraps a Node stream (a server request) or bytes already in memory (the local client). */
  constructor(source: Readable | Uint8Array | null) {
    if (source === null || source instanceof Uint8Array) {
      this.#source = null;
      if (source !== null && source.length > 0) {
        this.#chunks.push(source);
        this.#buffered = source.length;
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
    while (this.#buffered < want && !this.#ended) {
      const chunk = await this.#fromSource();
      if (chunk === null) break;
      this.#chunks.push(chunk);
      this.#buffered += chunk.length;
    }
    if (this.#buffered === 0) return EMPTY;
    if (this.#chunks.length > 1) this.#chunks = [Buffer.concat(this.#chunks, this.#buffered)];
    const only = this.#chunks[0]!;
    return only.length <= want ? only : only.subarray(0, want);
  }

  /** Whether `peek` has buffered the whole body (it was shorter than what was asked). */
  get peekComplete(): boolean {
    return this.#ended && this.#error === null;
  }

  /**
   * The body as a readable stream of at most `limit` bytes (Rocket's `Data::open`). After it ends, its
   * `complete` tells whether the whole body fit.
   */
  open(limit: number): DataStream {
    if (!(limit >= 0)) throw new RangeError(`Data.open(): the limit must be a byte count, got ${limit}`);
    return new DataStream(this, limit);
  }

  /**
   * Reads the body up to `limit` bytes (what `open(limit).intoBytes()` gives, without building a stream: the
   * data guards read bodies this way). Rejects if the connection fails mid-body.
   */
  async read(limit: number): Promise<Capped<Uint8Array>> {
    if (!(limit >= 0)) throw new RangeError(`Data.read(): the limit must be a byte count, got ${limit}`);
    const chunks: Uint8Array[] = [];
    let length = 0;
    let complete = true;
    for (;;) {
      const room = limit - length;
      if (room <= 0) {
        // At the limit: one more byte tells whether the body went on (it is put back, never consumed).
        const probe = await this.take(1);
        if (probe !== null) this.putBack(probe);
        complete = probe === null;
        break;
      }
      const chunk = await this.take(Math.min(room, MAX_CHUNK));
      if (chunk === null) break;
      chunks.push(chunk);
      length += chunk.length;
    }
    return { value: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length), complete };
  }

  /** Runs `cleanup` when the request has been answered (temp files use it to remove themselves). */
  defer(cleanup: Cleanup): void {
    if (this.#cleanups === null) this.#cleanups = [cleanup];
    else this.#cleanups.push(cleanup);
  }

  /**
   * Ends the body's life with the request: what was not read is discarded (so the connection stays usable)
   * and deferred cleanups run. Returns a promise only when a cleanup is asynchronous.
   * @internal Called by the dispatcher.
   */
  finish(): Promise<void> | undefined {
    const source = this.#source;
    if (source !== null && !this.#ended) {
      source.removeAllListeners("readable");
      source.on("error", ignore);
      source.resume();
    }
    const cleanups = this.#cleanups;
    if (cleanups === null) return undefined;
    this.#cleanups = null;
    const pending: Promise<void>[] = [];
    for (const c of cleanups) {
      try {
        const out = c();
        if (out !== undefined) pending.push(out.catch(ignore));
      } catch {}
    }
    return pending.length === 0 ? undefined : Promise.all(pending).then(ignore);
  }

  /**
   * The next piece of the body, at most `max` bytes, or `null` at its end. Rejects if the connection fails.
   * @internal Used by `DataStream`.
   */
  async take(max: number): Promise<Uint8Array | null> {
    let chunk: Uint8Array | null;
    if (this.#chunks.length > 0) {
      chunk = this.#chunks.shift()!;
      this.#buffered -= chunk.length;
    } else {
      chunk = await this.#fromSource();
      if (chunk === null) return null;
    }
    if (chunk.length > max) {
      this.#chunks.unshift(chunk.subarray(max));
      this.#buffered += chunk.length - max;
      chunk = chunk.subarray(0, max);
    }
    return chunk;
  }

  /** Puts bytes back in front of the body (a limit probe that found more). @internal */
  putBack(chunk: Uint8Array): void {
    this.#chunks.unshift(chunk);
    this.#buffered += chunk.length;
  }

  // Pulls the next chunk from the source stream (paused mode, `read()` + `readable`), or null at its end.
  async #fromSource(): Promise<Uint8Array | null> {
    const source = this.#source;
    if (source === null) return null;
    if (!this.#listening) this.#listen(source);
    for (;;) {
      if (this.#error !== null) throw this.#error;
      const chunk = source.read() as Uint8Array | null;
      if (chunk !== null) return chunk;
      if (this.#ended) return null;
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
  }

  // The listeners are shared by every Data and find theirs on the source; `on`, not `once`, which wraps each in a
  // closure (the events fire once, and a late error stays handled).
  #listen(source: Readable): void {
    this.#listening = true;
    (source as Carrier)[DATA] = this;
    source.on("readable", Data.#onReadable);
    source.on("end", Data.#onEnd);
    source.on("error", Data.#onError);
    source.on("close", Data.#onClose);
  }

  static readonly #onReadable = function (this: Readable): void {
    (this as Carrier)[DATA]!.#notify();
  };

  static readonly #onEnd = function (this: Readable): void {
    const data = (this as Carrier)[DATA]!;
    data.#ended = true;
    data.#notify();
  };

  static readonly #onClose = function (this: Readable): void {
    const data = (this as Carrier)[DATA]!;
    if (!data.#ended && data.#error === null && !this.readableEnded) {
      data.#error = new Error("the connection closed before the body was complete");
    }
    data.#ended = true;
    data.#notify();
  };

  static readonly #onError = function (this: Readable, e: Error): void {
    const data = (this as Carrier)[DATA]!;
    data.#error = e;
    data.#ended = true;
    data.#notify();
  };

  #notify(): void {
    const wake = this.#wake;
    this.#wake = null;
    wake?.();
  }
}

/** Where a source stream keeps the Data reading it, for the static listeners. */
const DATA = Symbol("apogee.data");
type Carrier = Readable & { [DATA]?: Data };

const EMPTY = new Uint8Array(0);

function ignore(): void {}

export { DataStream };
