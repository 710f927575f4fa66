import type { Request } from "../request/request.ts";
import { BodyStream, type StreamSource } from "./body-stream.ts";
import { OCTET_STREAM, type Responded, type Responder, TEXT_PLAIN } from "./responder.ts";
import { Response } from "./response.ts";

class StreamResponder implements Responder {
  readonly #source: StreamSource;
  readonly #contentType: string | undefined;
  constructor(source: StreamSource, contentType: string | undefined) {
    this.#source = source;
    this.#contentType = contentType;
  }
  respondTo(_req: Request): Responded {
    return new Response(new BodyStream(this.#source), this.#contentType);
  }
}

/**
 * A streamed binary body (`application/octet-stream`), sent chunk by chunk as `source` produces it.
 * Backpressure is respected: a slow client pauses the producer. When the client goes away the producer is
 * stopped (an async generator's `finally` runs).
 *
 * @example
 * get("/bytes", () => ByteStream((async function* () { yield new Uint8Array([1, 2, 3]); })()));
 */
export function ByteStream(source: StreamSource): Responder {
  return new StreamResponder(source, OCTET_STREAM);
}

/** A streamed text body (`text/plain; charset=utf-8`); see `ByteStream`. */
export function TextStream(source: StreamSource): Responder {
  return new StreamResponder(source, TEXT_PLAIN);
}

/** A streamed body with no `Content-Type` (Rocket's `ReaderStream`), e.g. from a socket or a file stream. */
export function ReaderStream(source: StreamSource): Responder {
  return new StreamResponder(source, undefined);
}
