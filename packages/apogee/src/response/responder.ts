import { Status } from "../http/status.ts";
import { isPromiseLike } from "../request/outcome.ts";
import type { Request } from "../request/request.ts";
import { Response } from "./response.ts";

/** What a responder produces: a response, or a `Status` meaning "fail with this status" (the catcher answers). */
export type Responded = Response | Status;

/**
 * The responder protocol (Rocket's `Responder`): anything with `respondTo(req)`.
 * Return a `Response`, or a `Status` to hand the request to the catcher for that status.
 */
export interface Responder {
  respondTo(req: Request): Responded | PromiseLike<Responded>;
}

/**
 * Every value a handler may return: text (`text/plain`), bytes (`application/octet-stream`), `null`/`undefined`
 * (404), a `Status`, a `Response` (sent as is), a `Responder`, or any other object or array (JSON). Numbers,
 * booleans and `void` are not responders; a handler returning one does not compile.
 */
export type ResponderValue = string | Uint8Array | Status | Responder | null | undefined | JsonBody;

/**
 * An object or array answered as JSON. A thenable is not one (its `then` must be absent), so a promise of a
 * non-responder (`Promise<number>`) is refused instead of passing as "some object".
 */
export type JsonBody = object & { readonly then?: never };

/** A handler's return: a responder value or a promise of one. */
export type HandlerReturn = ResponderValue | PromiseLike<ResponderValue>;

export const TEXT_PLAIN = "text/plain; charset=utf-8";
export const OCTET_STREAM = "application/octet-stream";
export const APPLICATION_JSON = "application/json";

/** Maps a value-or-promise through `f` without going async when the value is ready. */
export function then<T, U>(value: T | PromiseLike<T>, f: (v: T) => U | Promise<U>): U | Promise<U> {
  return isPromiseLike<T>(value) ? Promise.resolve(value).then(f) : f(value);
}

/**
 * The response for a `Status` returned as a responder: 4xx/5xx fail with that status (the catcher answers);
 * 100 and 200–205 answer an empty response; any other code is an error answered with 500.
 */
export function statusResponse(status: Status, req: Request): Responded {
  const c = status.code;
  if (c >= 400 && c < 600) return status;
  if (c === 100 || (c >= 200 && c <= 205)) {
    const res = new Response();
    res.status = c;
    return res;
  }
  req.log.error(`Invalid status used as responder: ${status}. Answering 500.`);
  return Status.InternalServerError;
}

/**
 * Turns any handler return value into a response (the built-in responders of ROCKET.md §7.1).
 * Synchronous unless the value (or its responder) is asynchronous.
 */
export function toResponse(value: unknown, req: Request): Responded | PromiseLike<Responded> {
  if (typeof value === "string") return new Response(value, TEXT_PLAIN);
  if (value === null || value === undefined) return Status.NotFound;
  if (typeof value === "object") {
    if (value instanceof Status) return statusResponse(value, req);
    if (value instanceof Uint8Array) return new Response(value, OCTET_STREAM);
    // A `Response` responds with itself (Rocket's identity `impl Responder for Response`), never as JSON.
    if (value instanceof Response) return value;
    if (typeof (value as Responder).respondTo === "function") return (value as Responder).respondTo(req);
    if (isPromiseLike(value)) return Promise.resolve(value).then((v) => toResponse(v, req));
    return jsonResponse(value, req);
  }
  req.log.error(
    `A handler returned ${typeof value} ${String(value)}, which is not a responder. Answering 500.`,
  );
  return Status.InternalServerError;
}

/**
 * A responder that responds with `inner`, then adjusts the response; a failure of `inner` passes through.
 * The wrapping responders (`status.*`, `content.*`, `respond`) are all this shape.
 */
export class AdjustedResponder implements Responder {
  readonly #inner: unknown;
  readonly #adjust: (res: Response) => void;

  constructor(inner: unknown, adjust: (res: Response) => void) {
    this.#inner = inner;
    this.#adjust = adjust;
  }

  respondTo(req: Request): Responded | PromiseLike<Responded> {
    return then(toResponse(this.#inner, req), (res) => {
      if (res instanceof Status) return res;
      this.#adjust(res);
      return res;
    });
  }
}

/** Serialises `value` as compact JSON; a value that cannot be serialised is a 500. */
export function jsonResponse(value: unknown, req: Request): Responded {
  if (value instanceof Map || value instanceof Set) {
    req.log.error("A Map or Set cannot be sent as JSON (it would serialise to {}). Answering 500.");
    return Status.InternalServerError;
  }
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (e) {
    req.log.error("A JSON response could not be serialised. Answering 500.", e);
    return Status.InternalServerError;
  }
  if (text === undefined) {
    req.log.error("A JSON response serialised to nothing. Answering 500.");
    return Status.InternalServerError;
  }
  return new Response(text, APPLICATION_JSON);
}

/** Whether a thrown value is a responder (used as the response) rather than a bug (answered with 500). */
export function isThrownResponder(value: unknown): boolean {
  return (
    value instanceof Status ||
    value instanceof Response ||
    (typeof value === "object" && value !== null && typeof (value as Responder).respondTo === "function")
  );
}
