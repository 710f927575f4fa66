import { BodyStream } from "./body-stream.ts";

/** Header values as stored on a response: one string, or several (e.g. `Set-Cookie`). */
export type HeaderValue = string | string[];

/** What a response body may be: text, bytes, a stream, or nothing. */
export type Body = string | Uint8Array | BodyStream | null;

/**
 * A header object without `Object.prototype` (no `constructor` or `__proto__` to collide with a header name).
 * Built by a constructor rather than `Object.create(null)`, which V8 makes a slow dictionary object: with a
 * prototype of its own it stays a fast object whose shape every response shares.
 */
function HeaderMap(): void {}
HeaderMap.prototype = Object.create(null);

/**
 * An HTTP response under construction (Rocket's `Response`).
 *
 * - `status` is `0` while no responder has set one: a route then answers 200 and a catcher its own status,
 *   which is how a catcher's responder can override the status it catches.
 * - Header names are stored lower-case; setting one replaces it, `addHeader` appends.
 */
export class Response {
  status = 0;
  readonly headers: Record<string, HeaderValue> = new (
    HeaderMap as unknown as new () => Record<string, HeaderValue>
  )();
  body: Body = null;

  constructor(body: Body = null, contentType?: string) {
    this.body = body;
    if (contentType !== undefined) this.headers["content-type"] = contentType;
  }

  /** Sets header `name` (case-insensitive), replacing any previous value. */
  setHeader(name: string, value: HeaderValue): this {
    this.headers[name.toLowerCase()] = value;
    return this;
  }

  /** Adds a value to header `name`, keeping the ones already there. */
  addHeader(name: string, value: string): this {
    const key = name.toLowerCase();
    const prev = this.headers[key];
    if (prev === undefined) this.headers[key] = value;
    else if (Array.isArray(prev)) prev.push(value);
    else this.headers[key] = [prev, value];
    return this;
  }

  /** The first value of header `name`, or `undefined`. */
  getHeader(name: string): string | undefined {
    const v = this.headers[name.toLowerCase()];
    return Array.isArray(v) ? v[0] : v;
  }

  /** Whether header `name` is present. */
  hasHeader(name: string): boolean {
    return this.headers[name.toLowerCase()] !== undefined;
  }

  /** Removes header `name`. */
  removeHeader(name: string): this {
    delete this.headers[name.toLowerCase()];
    return this;
  }

  /** The body's size in bytes, or `undefined` when there is no body or it is a stream of unknown length. */
  get bodyLength(): number | undefined {
    const b = this.body;
    if (b === null) return undefined;
    if (b instanceof BodyStream) return b.length;
    return typeof b === "string" ? Buffer.byteLength(b) : b.length;
  }
}
