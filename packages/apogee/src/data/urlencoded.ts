import { parseQueryPairs } from "../http/uri.ts";

/**
 * Parses an `application/x-www-form-urlencoded` body (or a query string) into `[name, value]` pairs as Rocket
 * does: split on `&` (empty pieces skipped), then at the first `=` (none → value `""`); `+` is a space and
 * `%XX` escapes are decoded (invalid UTF-8 → U+FFFD, a stray `%` kept). Never throws.
 *
 * @example
 * parseUrlEncoded("a=1&&b&c=x%3Dy+z"); // [["a", "1"], ["b", ""], ["c", "x=y z"]]
 */
export function parseUrlEncoded(text: string): [name: string, value: string][] {
  return parseQueryPairs(text);
}

// Characters left as they are: unreserved (RFC 3986) plus `*`, as browsers do for forms.
const SAFE = /[A-Za-z0-9*\-._~]/;

function encodeComponent(s: string): string {
  let out = "";
  for (const ch of s) {
    if (ch === " ") out += "+";
    else if (SAFE.test(ch)) out += ch;
    else for (const b of Buffer.from(ch)) out += `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/**
 * Encodes `[name, value]` pairs as a url-encoded form (space → `+`, everything but unreserved characters
 * percent-encoded); `parseUrlEncoded` gives the pairs back (lone surrogates aside, which UTF-8 cannot carry).
 *
 * @example
 * encodeUrlEncoded([["description", "buy milk"], ["complete", "on"]]); // "description=buy+milk&complete=on"
 */
export function encodeUrlEncoded(pairs: Iterable<readonly [string, string]>): string {
  const parts: string[] = [];
  for (const [name, value] of pairs) parts.push(`${encodeComponent(name)}=${encodeComponent(value)}`);
  return parts.join("&");
}
