// Percent-encoding for URIs built by `uri()` (Rocket's `UriDisplay` "default" set, ROCKET.md §8): every byte
// outside A–Z a–z 0–9 - . _ ~ ! $ ' ( ) * , ; : @ [ ] is encoded, so `%`, `/`, `+`, `&`, `=`, `?`, `#` and spaces
// always are. Non-ASCII characters are encoded as their UTF-8 bytes.

const KEEP = (() => {
  const table = new Uint8Array(128);
  const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$'()*,;:@[]";
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return table;
})();

const HEX = "0123456789ABCDEF";

/** Percent-encodes `text` for a path segment or a query name or value (the same set for both, as Rocket). */
export function encodeUriComponent(text: string): string {
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c >= 128 || KEEP[c] === 0) break;
    i++;
  }
  if (i === text.length) return text;
  let out = text.slice(0, i);
  for (const byte of Buffer.from(text.slice(i), "utf8")) {
    out += byte < 128 && KEEP[byte] === 1 ? String.fromCharCode(byte) : `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
  }
  return out;
}
