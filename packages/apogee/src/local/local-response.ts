import type { KeyObject } from "node:crypto";
import { MediaType } from "../http/media-type.ts";
import { openCookieValue } from "../http/private-cookie.ts";
import { Status } from "../http/status.ts";
import { BodyStream } from "../response/body-stream.ts";
import type { Response } from "../response/response.ts";

/** A cookie as a response set it: name, value (decoded) and its attributes as sent. */
export interface ResponseCookie {
  readonly name: string;
  readonly value: string;
  /** Attribute names lower-cased (`path`, `max-age`, `samesite`, …); flags map to `""`. */
  readonly attributes: Readonly<Record<string, string>>;
  /** The `Set-Cookie` header value exactly as sent. */
  readonly raw: string;
}

/** Parses one `Set-Cookie` value; `undefined` when it has no `name=`. */
export function parseSetCookie(raw: string): ResponseCookie | undefined {
  const parts = raw.split(";");
  const first = parts[0]!;
  const eq = first.indexOf("=");
  if (eq <= 0) return undefined;
  const attributes: Record<string, string> = {};
  for (const part of parts.slice(1)) {
    const p = part.trim();
    if (p === "") continue;
    const i = p.indexOf("=");
    if (i === -1) attributes[p.toLowerCase()] = "";
    else attributes[p.slice(0, i).trim().toLowerCase()] = p.slice(i + 1).trim();
  }
  return {
    name: safeDecode(first.slice(0, eq).trim()),
    value: safeDecode(first.slice(eq + 1).trim()),
    attributes,
    raw,
  };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * Whether a response cookie removes the cookie, as a browser decides (RFC 6265 §5.3): a numeric `Max-Age` wins
 * (zero or less removes it); otherwise an `Expires` that is now or past does.
 */
export function isRemoval(c: ResponseCookie, now = Date.now()): boolean {
  const maxAge = c.attributes["max-age"];
  if (maxAge !== undefined && /^-?[0-9]+$/.test(maxAge)) return Number(maxAge) <= 0;
  const expires = c.attributes.expires;
  return expires !== undefined && Date.parse(expires) <= now;
}

/** Case-insensitive, read-only view of a response's headers. */
export class ResponseHeaders {
  readonly #headers: Readonly<Record<string, string | string[]>>;
  constructor(headers: Readonly<Record<string, string | string[]>>) {
    this.#headers = headers;
  }
  /** The first value of `name`, or `undefined`. */
  get(name: string): string | undefined {
    const v = this.#headers[name.toLowerCase()];
    return Array.isArray(v) ? v[0] : v;
  }
  /** Every value of `name` (e.g. each `Set-Cookie`). */
  getAll(name: string): string[] {
    const v = this.#headers[name.toLowerCase()];
    return v === undefined ? [] : Array.isArray(v) ? [...v] : [v];
  }
  has(name: string): boolean {
    return this.#headers[name.toLowerCase()] !== undefined;
  }
  /** Header names present, lower-case, in the order they were set. */
  names(): string[] {
    return Object.keys(this.#headers);
  }
  /** A plain object copy, lower-case names. */
  toObject(): Record<string, string | string[]> {
    return { ...this.#headers };
  }
}

const EMPTY = new Uint8Array(0);

/** The response to a local request: status, headers, cookies and body, exactly as the server would send them. */
export class LocalResponse {
  readonly status: number;
  readonly headers: ResponseHeaders;
  readonly #body: string | Uint8Array | BodyStream | null;
  readonly #key: KeyObject | undefined;

  /** The local view of `res`; `key` (the app's private-cookie key) lets `privateCookie` open cookies. */
  constructor(res: Response, key?: KeyObject) {
    this.#key = key;
    this.status = res.status;
    this.headers = new ResponseHeaders(res.headers);
    this.#body = res.body;
  }

  /** The status as a `Status` (`404 Not Found`). */
  get statusInfo(): Status {
    return Status.from(this.status);
  }

  /** The parsed `Content-Type`, if any. */
  get contentType(): MediaType | undefined {
    const ct = this.headers.get("content-type");
    return ct === undefined ? undefined : MediaType.parse(ct);
  }

  /** The cookies set by the response. */
  get cookies(): ResponseCookie[] {
    return this.headers.getAll("set-cookie").flatMap((raw) => parseSetCookie(raw) ?? []);
  }

  /** The cookie named `name`, if the response set it. */
  cookie(name: string): ResponseCookie | undefined {
    return this.cookies.find((c) => c.name === name);
  }

  /**
   * The private cookie named `name` the response set, its value opened with the app's secret key; `undefined`
   * when there is none or it does not open.
   */
  privateCookie(name: string): ResponseCookie | undefined {
    const c = this.cookie(name);
    if (c === undefined || this.#key === undefined) return undefined;
    const value = openCookieValue(name, c.value, this.#key);
    return value === undefined ? undefined : { ...c, value };
  }

  /** Whether the response has a body (a HEAD response keeps only its length). */
  get hasBody(): boolean {
    return this.#body !== null;
  }

  /** The body's bytes (empty when there is none); a streamed body is read to its end. */
  async bytes(): Promise<Uint8Array> {
    const b = this.#body;
    if (b instanceof BodyStream) return b.bytes();
    return b === null ? EMPTY : typeof b === "string" ? Buffer.from(b) : b;
  }

  /** The body as UTF-8 text ("" when there is none); a streamed body is read to its end. */
  async text(): Promise<string> {
    const b = this.#body;
    if (typeof b === "string") return b;
    const bytes = await this.bytes();
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("utf8");
  }

  /** Whether the body is a stream (chunked on the wire unless its length is known). */
  get isStreamed(): boolean {
    return this.#body instanceof BodyStream;
  }

  /** The body chunk by chunk, as the server would send it (for streams and server-sent events). */
  async *chunks(): AsyncGenerator<Uint8Array> {
    const b = this.#body;
    if (b instanceof BodyStream) yield* b;
    else if (b !== null) yield typeof b === "string" ? Buffer.from(b) : b;
  }

  /** Stops a streamed body's producer without reading the rest (as a client going away would). */
  cancel(): void {
    if (this.#body instanceof BodyStream) this.#body.cancel();
  }

  /** The body parsed as JSON. */
  async json<T = unknown>(): Promise<T> {
    return JSON.parse(await this.text()) as T;
  }
}
