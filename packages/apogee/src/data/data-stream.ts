import { createWriteStream } from "node:fs";
import { Readable, type Writable } from "node:stream";
import type { Capped, Data } from "./data.ts";

/** The largest chunk one read takes from the body. */
export const MAX_CHUNK = 64 * 1024;
const UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * The body opened with a limit (Rocket's `DataStream`): a readable stream of at most `limit` bytes.
 *
 * - `complete` is known once the stream has ended: `true` when the body ended within the limit (a body of
 *   exactly `limit` bytes is complete; one extra byte is probed to know), `false` when it was cut.
 * - `intoBytes`, `intoString`, `streamTo` and `streamToFile` read it to the end and report the value with
 *   `complete`; use one of them or the stream interface, not both.
 */
export class DataStream extends Readable {
  /** The most bytes this stream yields. */
  readonly limit: number;
  readonly #data: Data;
  #read = 0;
  #complete: boolean | undefined = undefined;
  #pulling = false;

  constructor(data: Data, limit: number) {
    super();
    this.#data = data;
    this.limit = limit;
  }

  /** The bytes yielded so far. */
  get bytesRead(): number {
    return this.#read;
  }

  /** Whether the body ended within the limit; `undefined` until the stream has ended. */
  get complete(): boolean | undefined {
    return this.#complete;
  }

  /** The next chunk within the limit, or `null` at the end (then `complete` is set). */
  async #pull(): Promise<Uint8Array | null> {
    if (this.#complete !== undefined) return null;
    const room = this.limit - this.#read;
    if (room > 0) {
      const chunk = await this.#data.take(Math.min(room, MAX_CHUNK));
      if (chunk === null) {
        this.#complete = true;
        return null;
      }
      this.#read += chunk.length;
      return chunk;
    }
    // At the limit: one more byte says whether the body went past it.
    const probe = await this.#data.take(1);
    if (probe !== null) this.#data.putBack(probe);
    this.#complete = probe === null;
    return null;
  }

  override _read(): void {
    if (this.#pulling) return;
    this.#pulling = true;
    this.#pull().then(
      (chunk) => {
        this.#pulling = false;
        this.push(chunk);
      },
      (e: Error) => {
        this.#pulling = false;
        this.destroy(e);
      },
    );
  }

  /** Reads everything within the limit into one buffer. Rejects if the connection fails. */
  async intoBytes(): Promise<Capped<Uint8Array>> {
    if (this.#complete !== undefined) return { value: Buffer.alloc(0), complete: this.#complete };
    // The rest within the limit, read as `Data.read` does (same chunks, same limit probe).
    const out = await this.#data.read(this.limit - this.#read);
    this.#read += out.value.length;
    this.#complete = out.complete;
    return out;
  }

  /**
   * Reads everything within the limit as UTF-8 text. Rejects with a `TypeError` on invalid UTF-8 (a
   * multi-byte character cut by the limit is not invalid: it is dropped, and `complete` is `false`).
   */
  async intoString(): Promise<Capped<string>> {
    const { value, complete } = await this.intoBytes();
    return { value: decodeUtf8(value, complete), complete };
  }

  /** Writes everything within the limit to `sink`; the value is the number of bytes written. */
  async streamTo(sink: Writable): Promise<Capped<number>> {
    for (let c = await this.#pull(); c !== null; c = await this.#pull()) {
      if (sink.errored) throw sink.errored;
      if (!sink.write(c)) await waitDrain(sink);
    }
    return { value: this.#read, complete: this.#complete === true };
  }

  /**
   * Writes everything within the limit to a new file at `path` (truncating one that exists); the value is
   * the number of bytes written. A file cut by the limit is kept: check `complete`.
   */
  async streamToFile(path: string): Promise<Capped<number>> {
    const file = createWriteStream(path);
    let failure: Error | undefined;
    file.on("error", (e) => {
      failure = e;
    });
    try {
      await new Promise<void>((resolve, reject) => {
        file.once("open", () => resolve());
        file.once("error", reject);
      });
      const out = await this.streamTo(file);
      await new Promise<void>((resolve, reject) => {
        if (failure !== undefined) reject(failure);
        file.once("error", reject);
        file.end(resolve);
      });
      return out;
    } catch (e) {
      file.destroy();
      throw e;
    }
  }
}

function waitDrain(sink: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (e?: Error) => {
      sink.off("drain", onDrain);
      sink.off("error", done);
      sink.off("close", onClose);
      if (e) reject(e);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(new Error("the sink closed before the body was written"));
    sink.once("drain", onDrain);
    sink.once("error", done);
    sink.once("close", onClose);
  });
}

/**
 * Decodes UTF-8 strictly. When the text was cut at a limit, a trailing incomplete character is dropped
 * instead of being an error.
 */
export function decodeUtf8(bytes: Uint8Array, complete: boolean): string {
  if (complete || bytes.length === 0) return UTF8.decode(bytes);
  let end = bytes.length;
  // Back up over at most 3 continuation bytes to the start of the last character.
  let i = end - 1;
  while (i > 0 && end - i < 4 && (bytes[i]! & 0xc0) === 0x80) i--;
  const lead = bytes[i]!;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  if (end - i < need) end = i;
  return UTF8.decode(bytes.subarray(0, end));
}
