/**
 * URI vocabulary used by the router (ROCKET.md §1.2): lossy percent-decoding, path and query splitting,
 * origin-target validation with Rocket 0.5's character tables, and mount-base normalization.
 *
 * Pure HTTP vocabulary: imports only the fast-path switch. Tables are built once at module load; the decoders
 * return their input unchanged (no allocation) when there is nothing to decode.
 */

import { FAST_PATHS } from "./fast-paths.ts";

// ---------------------------------------------------------------------------------------------------------
// Tables (ASCII only; anything >= 0x80 is never allowed and never a hex digit).

/** Hex digit values, -1 for non-hex. */
const HEX = new Int8Array(128).fill(-1);
for (let c = 0x30; c <= 0x39; c++) HEX[c] = c - 0x30;
for (let c = 0x41; c <= 0x46; c++) HEX[c] = c - 0x41 + 10;
for (let c = 0x61; c <= 0x66; c++) HEX[c] = c - 0x61 + 10;

const PATH = 1;
const QUERY = 2;

/**
 * Rocket 0.5's `core/http/src/parse/uri/tables.rs`: `PATH_CHARS` = unreserved + `%` + sub-delims +
 * `: @ /` + (leniency) `[ ]`; `QUERY_CHARS` = `PATH_CHARS` + `/ ?` + (leniency) `{ } [ ] \ ^ \` |`.
 * `"`, `<`, `>`, `#`, space, controls, DEL and non-ASCII are rejected everywhere.
 */
const CHARS = new Uint8Array(128);
function allow(set: string, flags: number): void {
  for (let i = 0; i < set.length; i++) {
    const c = set.charCodeAt(i);
    CHARS[c] = CHARS[c]! | flags;
  }
}
allow("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~", PATH | QUERY); // unreserved
allow("%", PATH | QUERY); // Rocket accepts `%` even when not followed by two hex digits
allow("!$&'()*+,;=", PATH | QUERY); // sub-delims
allow(":@/", PATH | QUERY);
allow("[]", PATH | QUERY); // browsers send these unencoded
allow("?", QUERY);
allow("{}\\^`|", QUERY); // browsers send these unencoded in queries

function hexValue(c: number): number {
  return c < 128 ? HEX[c]! : -1;
}

const DECODER = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

// ---------------------------------------------------------------------------------------------------------
// Percent-decoding

/** Percent-decodes `s` (optionally `+` → space) to bytes, then UTF-8-decodes lossily (U+FFFD). */
function percentDecode(s: string, plusIsSpace: boolean): string {
  if (FAST_PATHS.enabled) {
    const fast = strictDecode(plusIsSpace && s.indexOf("+") !== -1 ? s.replaceAll("+", " ") : s);
    if (fast !== undefined) return fast;
  }
  return lossyDecode(s, plusIsSpace);
}

// On ASCII input whose escapes are all valid UTF-8, `decodeURIComponent` gives what the lossy decoder gives, in
// native code; on anything else (a stray `%`, invalid UTF-8, non-ASCII text) it is `undefined` and the slow path runs.
function strictDecode(s: string): string | undefined {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return undefined;
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

function lossyDecode(s: string, plusIsSpace: boolean): string {
  const n = s.length;
  let bytes = new Uint8Array(n);
  let len = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x25 /* % */ && i + 2 < n) {
      const hi = hexValue(s.charCodeAt(i + 1));
      const lo = hexValue(s.charCodeAt(i + 2));
      if (hi >= 0 && lo >= 0) {
        bytes[len++] = (hi << 4) | lo;
        i += 2;
        continue;
      }
      bytes[len++] = c;
    } else if (c === 0x2b /* + */ && plusIsSpace) {
      bytes[len++] = 0x20;
    } else if (c < 0x80) {
      bytes[len++] = c;
    } else {
      // Non-ASCII text (not from a validated request target, but e.g. a programmatic value): UTF-8 encode.
      if (bytes.length < n * 3) {
        const grown = new Uint8Array(n * 3);
        grown.set(bytes.subarray(0, len));
        bytes = grown;
      }
      let cp = c;
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
        const d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
        }
      }
      if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd; // lone surrogate
      if (cp < 0x800) {
        bytes[len++] = 0xc0 | (cp >> 6);
        bytes[len++] = 0x80 | (cp & 0x3f);
      } else if (cp < 0x10000) {
        bytes[len++] = 0xe0 | (cp >> 12);
        bytes[len++] = 0x80 | ((cp >> 6) & 0x3f);
        bytes[len++] = 0x80 | (cp & 0x3f);
      } else {
        bytes[len++] = 0xf0 | (cp >> 18);
        bytes[len++] = 0x80 | ((cp >> 12) & 0x3f);
        bytes[len++] = 0x80 | ((cp >> 6) & 0x3f);
        bytes[len++] = 0x80 | (cp & 0x3f);
      }
    }
  }
  return DECODER.decode(bytes.subarray(0, len));
}

/**
 * Decodes a path segment as Rocket does: `%XX` decoded, the bytes read as UTF-8 lossily (invalid
 * sequences → U+FFFD), `+` kept, a `%` not followed by two hex digits kept literally. Returns `s` itself
 * when it contains no `%`.
 */
export function decodePathSegment(s: string): string {
  return s.indexOf("%") === -1 ? s : percentDecode(s, false);
}

/**
 * Decodes a query name or value (URL-form decoding): `+` → space, then as {@link decodePathSegment}.
 * Returns `s` itself when it contains neither `%` nor `+`.
 */
export function decodeQueryComponent(s: string): string {
  if (s.indexOf("%") === -1) return s.indexOf("+") === -1 ? s : s.replaceAll("+", " ");
  return percentDecode(s, true);
}

// ---------------------------------------------------------------------------------------------------------
// Splitting

/** A path's non-empty segments: `raw` as sent, `decoded` percent-decoded (the same array when equal), at the same indices. */
export interface PathSegments {
  raw: string[];
  decoded: string[];
}

/**
 * Splits a path (no query) on `/`, dropping empty segments (`//hello//` → `["hello"]`, `/` → `[]`), and
 * decodes each with {@link decodePathSegment}.
 */
export function splitPath(path: string): PathSegments {
  const raw: string[] = [];
  // Without a '%' nothing decodes: both views share one array.
  const decoded: string[] = path.indexOf("%") === -1 ? raw : [];
  const n = path.length;
  let start = 0;
  while (start < n) {
    let end = path.indexOf("/", start);
    if (end === -1) end = n;
    if (end > start) {
      const segment = path.slice(start, end);
      raw.push(segment);
      if (decoded !== raw) decoded.push(decodePathSegment(segment));
    }
    start = end + 1;
  }
  return { raw, decoded };
}

/**
 * Splits a query string (without the `?`) on `&`, dropping empty pieces; each piece is split at its first
 * `=` (none → value `""`) and both sides decoded with {@link decodeQueryComponent}.
 * `a=1&&b&c=x=y` → `[["a","1"],["b",""],["c","x=y"]]`.
 */
export function parseQueryPairs(query: string): [name: string, value: string][] {
  const pairs: [string, string][] = [];
  const n = query.length;
  let start = 0;
  while (start < n) {
    let end = query.indexOf("&", start);
    if (end === -1) end = n;
    if (end > start) {
      const eq = query.indexOf("=", start);
      if (eq === -1 || eq >= end) {
        pairs.push([decodeQueryComponent(query.slice(start, end)), ""]);
      } else {
        pairs.push([
          decodeQueryComponent(query.slice(start, eq)),
          decodeQueryComponent(query.slice(eq + 1, end)),
        ]);
      }
    }
    start = end + 1;
  }
  return pairs;
}

// ---------------------------------------------------------------------------------------------------------
// Validation

/**
 * Whether `target` is an origin-form request target Rocket 0.5 accepts: it starts with `/`, the path
 * (up to the first `?`) holds only path characters and the query only query characters (see the table
 * above; a `%` need not start a valid escape, as in Rocket). Non-ASCII, controls, space, `"`, `<`, `>`,
 * `#` → `false`.
 */
export function isValidOriginTarget(target: string): boolean {
  const n = target.length;
  if (n === 0 || target.charCodeAt(0) !== 0x2f) return false;
  let mask = PATH;
  for (let i = 1; i < n; i++) {
    const c = target.charCodeAt(i);
    if (c >= 128 || (CHARS[c]! & mask) === 0) {
      if (c === 0x3f /* ? */ && mask === PATH) {
        mask = QUERY;
        continue;
      }
      return false;
    }
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------------
// Mount bases

/** A normalized mount base and the query it carried, if any (Rocket ignores it with a warning). */
export interface MountBase {
  path: string;
  query: string | undefined;
}

/**
 * Normalizes a mount base (Rocket parses it as an origin URI, drops the query and normalizes): empty
 * segments collapsed, trailing slash removed (`/api/` → `/api`, `//` → `/`), the query split off.
 * Percent-escapes are kept as written.
 * @throws TypeError if `base` does not start with `/`, has a dynamic `<param>`, or a character that is not
 *   valid in an origin URI (as Rocket panics on an invalid base).
 */
export function normalizeMountBase(base: string): MountBase {
  if (base.charCodeAt(0) !== 0x2f) {
    throw new TypeError(`invalid mount base ${JSON.stringify(base)}: it must start with '/'`);
  }
  if (base.includes("<")) {
    throw new TypeError(
      `invalid mount base ${JSON.stringify(base)}: mount bases cannot contain dynamic parameters`,
    );
  }
  if (!isValidOriginTarget(base)) {
    throw new TypeError(`invalid mount base ${JSON.stringify(base)}: it is not a valid origin URI`);
  }
  const q = base.indexOf("?");
  const rawPath = q === -1 ? base : base.slice(0, q);
  const query = q === -1 ? undefined : base.slice(q + 1);
  let path = "";
  const n = rawPath.length;
  let start = 0;
  while (start < n) {
    let end = rawPath.indexOf("/", start);
    if (end === -1) end = n;
    if (end > start) path += "/" + rawPath.slice(start, end);
    start = end + 1;
  }
  return { path: path === "" ? "/" : path, query };
}

/**
 * {@link normalizeMountBase}'s path: `/api/` → `/api`, `//` → `/`, `/a//b?x` → `/a/b` (query dropped;
 * use `normalizeMountBase` to see it).
 * @throws TypeError as `normalizeMountBase`.
 */
export function normalizeBase(base: string): string {
  return normalizeMountBase(base).path;
}
