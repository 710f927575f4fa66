/**
 * Cookie vocabulary (ROCKET.md §3.4, cookie crate 0.18): the `Cookie` value, `Set-Cookie` serialisation with
 * Rocket's percent-encoding set and attribute order, and parsing of request `Cookie` headers.
 *
 * Pure HTTP vocabulary: imports nothing. Encoding and decoding return their input unchanged (no allocation)
 * when there is nothing to encode or decode.
 */

/** The `SameSite` attribute of a cookie. */
export type SameSite = "Strict" | "Lax" | "None";

/** A cookie's attributes. Each one left out is not sent (or, in a cookie jar, gets the jar's default). */
export interface CookieOptions {
  /** `Path`; the jar defaults it to `/`. */
  readonly path?: string;
  /** `Domain`; a leading `.` is dropped, as the cookie crate does. */
  readonly domain?: string;
  /** `Max-Age` in seconds (fractions are truncated); `0` or less tells the client to drop the cookie. */
  readonly maxAge?: number;
  /** `Expires`, or `"session"` for a cookie that ends with the browser session and gets no default expiry. */
  readonly expires?: Date | "session";
  /** `Secure`. Left unset, a cookie with `SameSite=None` (or `Partitioned`) is still sent `Secure`. */
  readonly secure?: boolean;
  /** `HttpOnly`. */
  readonly httpOnly?: boolean;
  /** `SameSite`; the jar defaults it to `Strict` (`Lax` for removals). */
  readonly sameSite?: SameSite;
  /** `Partitioned` (CHIPS); implies `Secure`. */
  readonly partitioned?: boolean;
}

// ---------------------------------------------------------------------------------------------------------
// Percent-encoding (the cookie crate's set: WHATWG userinfo + `(` `)` `,`; `+` is kept as is)

/** 1 for the ASCII bytes a cookie name or value must percent-encode. Bytes >= 0x80 are always encoded. */
const ENCODE = new Uint8Array(128);
for (let c = 0; c < 0x20; c++) ENCODE[c] = 1;
ENCODE[0x7f] = 1;
for (const ch of ' "<>`#?{}/:;=@[\\]^|%(),') ENCODE[ch.charCodeAt(0)] = 1;

const HEX_UPPER = "0123456789ABCDEF";

/**
 * Percent-encodes a cookie name or value as Rocket does on the wire: controls, space, `" < > \` # ? { } / : ; =
 * @ [ \ ] ^ | % ( ) ,` and every non-ASCII byte (UTF-8) become `%XX`; everything else, `+` included, is kept.
 */
export function encodeCookieComponent(s: string): string {
  let i = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80 || ENCODE[c] === 1) break;
  }
  if (i === s.length) return s;
  const bytes = Buffer.from(s, "utf8");
  let out = s.slice(0, i);
  for (let j = i; j < bytes.length; j++) {
    const b = bytes[j]!;
    out +=
      b >= 0x80 || ENCODE[b] === 1 ? `%${HEX_UPPER[b >> 4]}${HEX_UPPER[b & 15]}` : String.fromCharCode(b);
  }
  return out;
}

const HEX = new Int8Array(128).fill(-1);
for (let c = 0x30; c <= 0x39; c++) HEX[c] = c - 0x30;
for (let c = 0x41; c <= 0x46; c++) HEX[c] = c - 0x41 + 10;
for (let c = 0x61; c <= 0x66; c++) HEX[c] = c - 0x61 + 10;

const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Percent-decodes a cookie name or value from a request header: `%XX` with two hex digits becomes that byte,
 * any other `%` stays; the bytes must then be UTF-8, else `undefined`. Header text arrives from Node as
 * latin1 (one char per byte), so chars up to 0xFF are taken as bytes.
 */
export function decodeCookieComponent(s: string): string | undefined {
  let plain = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x25 || c >= 0x80) {
      plain = false;
      break;
    }
  }
  if (plain) return s;
  const wide = /[^\x00-\xff]/.test(s);
  const src = Buffer.from(s, wide ? "utf8" : "latin1");
  const out = new Uint8Array(src.length);
  let n = 0;
  for (let i = 0; i < src.length; i++) {
    const b = src[i]!;
    if (b === 0x25 && i + 2 < src.length) {
      const hi = hexOf(src[i + 1]!);
      const lo = hexOf(src[i + 2]!);
      if (hi >= 0 && lo >= 0) {
        out[n++] = (hi << 4) | lo;
        i += 2;
        continue;
      }
    }
    out[n++] = b;
  }
  try {
    return UTF8.decode(out.subarray(0, n));
  } catch {
    return undefined;
  }
}

function hexOf(b: number): number {
  return b < 128 ? HEX[b]! : -1;
}

// ---------------------------------------------------------------------------------------------------------
// The Cookie value

// Path and Domain are sent as they are (the cookie crate does not encode them): printable ASCII without `;`.
const ATTRIBUTE_TEXT = /^[\x20-\x3a\x3c-\x7e]*$/;

/** How an error message names a cookie. */
function where(name: string): string {
  return `cookie ${JSON.stringify(name)}`;
}

/**
 * An HTTP cookie: a name, a value and its attributes (Rocket's `Cookie`). Immutable; `with` makes a copy.
 *
 * - `toString()` is the `Set-Cookie` value exactly as Rocket sends it: name and value percent-encoded
 *   (`encodeCookieComponent`), then `HttpOnly`, `SameSite=…`, `Partitioned`, `Secure`, `Path=…`, `Domain=…`,
 *   `Max-Age=…`, `Expires=<IMF-fixdate>`, each only when set.
 * - A name must not be empty; `path` and `domain` must be printable ASCII without `;` (they are not encoded);
 *   `maxAge` must be a finite number and `expires` a valid date. Anything else throws a `TypeError`.
 *
 * @example
 * jar.add(new Cookie("theme", "dark", { maxAge: 3600, sameSite: "Lax" }));
 */
export class Cookie {
  readonly name: string;
  readonly value: string;
  readonly path: string | undefined;
  readonly domain: string | undefined;
  /** Whole seconds. */
  readonly maxAge: number | undefined;
  readonly expires: Date | "session" | undefined;
  readonly secure: boolean | undefined;
  readonly httpOnly: boolean | undefined;
  readonly sameSite: SameSite | undefined;
  readonly partitioned: boolean | undefined;

  constructor(name: string, value = "", options: CookieOptions = {}) {
    if (typeof name !== "string" || name === "") throw new TypeError("a cookie needs a non-empty name");
    if (typeof value !== "string")
      throw new TypeError(`the value of cookie ${JSON.stringify(name)} must be a string`);
    const { path, domain, maxAge, expires, sameSite } = options;
    // The error prefix is built only on the throwing path: constructing a cookie stays cheap.
    if (path !== undefined && !(typeof path === "string" && ATTRIBUTE_TEXT.test(path)))
      throw new TypeError(`${where(name)}: path ${JSON.stringify(path)} must be printable ASCII without ";"`);
    if (domain !== undefined && !(typeof domain === "string" && ATTRIBUTE_TEXT.test(domain)))
      throw new TypeError(
        `${where(name)}: domain ${JSON.stringify(domain)} must be printable ASCII without ";"`,
      );
    if (maxAge !== undefined && !(typeof maxAge === "number" && Number.isFinite(maxAge)))
      throw new TypeError(`${where(name)}: maxAge must be a finite number of seconds, got ${String(maxAge)}`);
    if (
      expires !== undefined &&
      expires !== "session" &&
      !(expires instanceof Date && Number.isFinite(expires.getTime()))
    )
      throw new TypeError(`${where(name)}: expires must be a valid Date or "session"`);
    if (sameSite !== undefined && sameSite !== "Strict" && sameSite !== "Lax" && sameSite !== "None")
      throw new TypeError(
        `${where(name)}: sameSite must be "Strict", "Lax" or "None", got ${String(sameSite)}`,
      );
    this.name = name;
    this.value = value;
    this.path = path;
    this.domain = domain?.startsWith(".") ? domain.slice(1) : domain;
    this.maxAge = maxAge === undefined ? undefined : Math.trunc(maxAge) || 0;
    this.expires = expires;
    this.secure = options.secure;
    this.httpOnly = options.httpOnly;
    this.sameSite = sameSite;
    this.partitioned = options.partitioned;
  }

  /** The attributes as options (for copying). */
  get options(): CookieOptions {
    const o: { -readonly [K in keyof CookieOptions]: CookieOptions[K] } = {};
    if (this.path !== undefined) o.path = this.path;
    if (this.domain !== undefined) o.domain = this.domain;
    if (this.maxAge !== undefined) o.maxAge = this.maxAge;
    if (this.expires !== undefined) o.expires = this.expires;
    if (this.secure !== undefined) o.secure = this.secure;
    if (this.httpOnly !== undefined) o.httpOnly = this.httpOnly;
    if (this.sameSite !== undefined) o.sameSite = this.sameSite;
    if (this.partitioned !== undefined) o.partitioned = this.partitioned;
    return o;
  }

  /** A copy with `options` set over these attributes. */
  with(options: CookieOptions): Cookie {
    return new Cookie(this.name, this.value, { ...this.options, ...options });
  }

  /** A copy with another value and the same attributes. */
  withValue(value: string): Cookie {
    return new Cookie(this.name, value, this.options);
  }

  /** The `Set-Cookie` header value, exactly as Rocket writes it. */
  toString(): string {
    let s = `${encodeCookieComponent(this.name)}=${encodeCookieComponent(this.value)}`;
    if (this.httpOnly === true) s += "; HttpOnly";
    if (this.sameSite !== undefined) s += `; SameSite=${this.sameSite}`;
    if (this.partitioned === true) s += "; Partitioned";
    if (
      this.secure === true ||
      this.partitioned === true ||
      (this.secure === undefined && this.sameSite === "None")
    )
      s += "; Secure";
    if (this.path !== undefined) s += `; Path=${this.path}`;
    if (this.domain !== undefined) s += `; Domain=${this.domain}`;
    if (this.maxAge !== undefined) s += `; Max-Age=${this.maxAge}`;
    if (this.expires instanceof Date) s += `; Expires=${httpDate(this.expires)}`;
    return s;
  }
}

/** A date as an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), to the second. */
export function httpDate(date: Date): string {
  return date.toUTCString();
}

/**
 * Parses request `Cookie` header text (Node joins repeated headers with `; `) into `into`, by name; a later
 * cookie with the same name replaces an earlier one. Each `;`-separated piece is trimmed; a piece without
 * `=` or with an empty name is ignored; a value wrapped in double quotes loses them; name and value are
 * percent-decoded, and a piece that does not decode to UTF-8 is ignored.
 */
export function parseCookieHeader(header: string | undefined, into: Map<string, Cookie>): void {
  if (header === undefined || header === "") return;
  let start = 0;
  while (start <= header.length) {
    let end = header.indexOf(";", start);
    if (end === -1) end = header.length;
    const piece = header.slice(start, end);
    start = end + 1;
    const eq = piece.indexOf("=");
    if (eq === -1) continue;
    const rawName = piece.slice(0, eq).trim();
    if (rawName === "") continue;
    const name = decodeCookieComponent(rawName);
    const value = cookieValue(piece.slice(eq + 1));
    if (name === undefined || value === undefined || name === "") continue;
    into.set(name, new Cookie(name, value));
  }
}

/**
 * The cookie `name` in a `Cookie` header, by the rules of `parseCookieHeader` (the last one sent wins), without
 * decoding the others: what a jar asked for one name does.
 */
export function findCookie(header: string | undefined, name: string): Cookie | undefined {
  if (header === undefined || name === "") return undefined;
  let found: Cookie | undefined;
  let start = 0;
  while (start <= header.length) {
    let end = header.indexOf(";", start);
    if (end === -1) end = header.length;
    const eq = header.indexOf("=", start);
    if (eq === -1) break;
    const from = start;
    start = end + 1;
    if (eq > end || !nameIs(header, from, eq, name)) continue;
    const value = cookieValue(header.slice(eq + 1, end));
    if (value !== undefined) found = new Cookie(name, value);
  }
  return found;
}

// Whether the raw name in `header[from, to)`, trimmed and decoded, is `name`. A name of plain characters (no
// `%`, no non-ASCII, no whitespace but spaces) decodes to itself, so it is compared in place, without slicing.
function nameIs(header: string, from: number, to: number, name: string): boolean {
  let start = -1;
  let end = from;
  for (let i = from; i < to; i++) {
    const c = header.charCodeAt(i);
    if (c === 0x25 || c >= 0x80 || (c >= 0x09 && c <= 0x0d))
      return decodeCookieComponent(header.slice(from, to).trim()) === name;
    if (c !== 0x20) {
      if (start === -1) start = i;
      end = i + 1;
    }
  }
  return start !== -1 && end - start === name.length && header.startsWith(name, start);
}

/** A cookie's value as sent (trimmed, one pair of quotes dropped), decoded; `undefined` when it is malformed. */
function cookieValue(raw: string): string | undefined {
  let value = raw.trim();
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1).trim();
  return decodeCookieComponent(value);
}
