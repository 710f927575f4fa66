import { Readable } from "node:stream";

/** What a streamed body can be made from: an async or sync iterable of chunks, a Node stream, or a web stream. */
export type StreamSource =
  | AsyncIterable<Uint8Array | string>
  | Iterable<Uint8Array | string>
  | Readable
  | ReadableStream<Uint8Array | string>;

/**
 * A response body produced over time (chunked unless its length is known). It is read once, by the server or
 * the local client; `cancel()` stops the producer (a generator's `finally` runs, a file is closed).
 */
export class BodyStream implements AsyncIterable<Uint8Array> {
  /** The body's size in bytes when known in advance (a file), so `Content-Length` can be sent. */
  readonly length: number | undefined;
  readonly #source: StreamSource;
  #readable: Readable | undefined;

  constructor(source: StreamSource, length?: number) {
    this.#source = source;
    this.length = length;
  }

  /** The body as a Node `Readable`, for piping with backpressure. Created once. */
  toReadable(): Readable {
    if (this.#readable === undefined) {
      const s = this.#source;
      this.#readable =
        s instanceof Readable
          ? s
          : isWebStream(s)
            ? Readable.fromWeb(s as import("node:stream/web").ReadableStream<Uint8Array | string>)
            : Readable.from(toBytes(s), { objectMode: false });
    }
    return this.#readable;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    for await (const chunk of this.toReadable()) {
      yield typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Uint8Array);
    }
  }

  /** Stops the producer without reading the rest. */
  cancel(): void {
    if (this.#readable !== undefined) {
      this.#readable.destroy();
      return;
    }
    const s = this.#source as { destroy?: () => void; cancel?: () => unknown; return?: () => unknown };
    if (s instanceof Readable) s.destroy();
    else if (isWebStream(s)) void (s as ReadableStream).cancel().catch(() => {});
    else if (typeof s.return === "function") void Promise.resolve(s.return()).catch(() => {});
  }

  /** Reads the whole body (the local client uses this; a server never buffers a stream). */
  async bytes(): Promise<Uint8Array> {
    const chunks: Uint8Array[] = [];
    for await (const chunk of this) chunks.push(chunk);
    return Buffer.concat(chunks);
  }
}

function isWebStream(s: unknown): boolean {
  return typeof ReadableStream !== "undefined" && s instanceof ReadableStream;
}

// Chunks as bytes: Readable.from would otherwise emit strings in object mode.
async function* toBytes(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) yield typeof chunk === "string" ? Buffer.from(chunk) : chunk;
}
