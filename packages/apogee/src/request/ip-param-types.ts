// IP and socket address param types (Rust's `std::net` parsing rules).

import { CLOSE_BRACKET, COLON, DOT, isHex, OPEN_BRACKET, PERCENT, ZERO } from "./chars.ts";
import { type Param, ParamError, simpleParam } from "./param.ts";

// IP and socket addresses: Rust's `std::net` parser (`core/src/net/parser.rs`), transcribed as position-returning
// readers: each returns the index after what it read, or -1. The value is the input text, unchanged.

/** Reads a dotted-quad IPv4 address: four decimal octets 0–255, at most 3 digits, no leading zero ("01"). */
function readIpv4(s: string, pos: number): number {
  const len = s.length;
  for (let octet = 0; octet < 4; octet++) {
    if (octet > 0) {
      if (pos >= len || s.charCodeAt(pos) !== DOT) return -1;
      pos++;
    }
    const start = pos;
    let value = 0;
    while (pos < len) {
      const digit = s.charCodeAt(pos) - ZERO;
      if (digit < 0 || digit > 9) break;
      value = value * 10 + digit;
      pos++;
      if (pos - start > 3) return -1;
    }
    const count = pos - start;
    if (count === 0 || value > 255 || (count > 1 && s.charCodeAt(start) === ZERO)) return -1;
  }
  return pos;
}

/** Reads one IPv6 group: 1 to 4 hex digits (leading zeros allowed). */
function readHexGroup(s: string, pos: number): number {
  const start = pos;
  while (pos < s.length && isHex(s.charCodeAt(pos))) {
    pos++;
    if (pos - start > 4) return -1;
  }
  return pos === start ? -1 : pos;
}

/** Reads decimal digits (leading zeros allowed) whose value is at most `max` (a port or a scope id). */
function readDecimal(s: string, pos: number, max: number): number {
  const start = pos;
  let value = 0;
  while (pos < s.length) {
    const digit = s.charCodeAt(pos) - ZERO;
    if (digit < 0 || digit > 9) break;
    value = value * 10 + digit;
    if (value > max) return -1;
    pos++;
  }
  return pos === start ? -1 : pos;
}

// `readGroups` reports two results; module-level slots avoid allocating a tuple per call (JS is single-threaded).
let groupsEnd = 0;
let groupsEndedWithIpv4 = false;

/**
 * Reads up to `limit` colon-separated groups, where an embedded IPv4 address may stand for the last two (Rust's
 * `read_groups`). Returns the number of groups read; `groupsEnd` is the position after them.
 */
function readGroups(s: string, pos: number, limit: number): number {
  groupsEndedWithIpv4 = false;
  for (let i = 0; i < limit; i++) {
    let start = pos;
    if (i > 0) {
      if (s.charCodeAt(pos) !== COLON) {
        groupsEnd = pos;
        return i;
      }
      start = pos + 1;
    }
    if (i < limit - 1) {
      const end = readIpv4(s, start);
      if (end >= 0) {
        groupsEnd = end;
        groupsEndedWithIpv4 = true;
        return i + 2;
      }
    }
    const end = readHexGroup(s, start);
    if (end < 0) {
      groupsEnd = pos;
      return i;
    }
    pos = end;
  }
  groupsEnd = pos;
  return limit;
}

/** Reads an IPv6 address (RFC 4291 text: eight groups, one `::`, optional embedded IPv4 tail; no zone id). */
function readIpv6(s: string, pos: number): number {
  const head = readGroups(s, pos, 8);
  let end = groupsEnd;
  if (head === 8) return end;
  if (groupsEndedWithIpv4) return -1; // an IPv4 part may not come before `::`
  if (s.charCodeAt(end) !== COLON || s.charCodeAt(end + 1) !== COLON) return -1;
  end += 2;
  readGroups(s, end, 8 - (head + 1)); // `::` stands for at least one group
  return groupsEnd;
}

/** Reads `:port`, a decimal 0–65535 with leading zeros allowed. */
function readPort(s: string, pos: number): number {
  return s.charCodeAt(pos) === COLON ? readDecimal(s, pos + 1, 0xffff) : -1;
}

function readSocketAddr(s: string): number {
  const v4 = readIpv4(s, 0);
  if (v4 >= 0) {
    const end = readPort(s, v4);
    if (end >= 0) return end;
  }
  if (s.charCodeAt(0) !== OPEN_BRACKET) return -1;
  let pos = readIpv6(s, 1);
  if (pos < 0) return -1;
  if (s.charCodeAt(pos) === PERCENT) {
    const scope = readDecimal(s, pos + 1, 0xffffffff); // `%scope_id`, a u32
    if (scope >= 0) pos = scope;
  }
  if (s.charCodeAt(pos) !== CLOSE_BRACKET) return -1;
  return readPort(s, pos + 1);
}

/** `IpAddr`: an IPv4 or IPv6 address by Rust's rules; the value is the input text. */
export const IpAddr: Param<string> = simpleParam(
  "IpAddr",
  (value) =>
    readIpv4(value, 0) === value.length || readIpv6(value, 0) === value.length
      ? value
      : new ParamError("IpAddr", value, "invalid IP address syntax"),
  { type: "string", anyOf: [{ format: "ipv4" }, { format: "ipv6" }] },
);

/** `Ipv4Addr`: a dotted quad of decimal octets 0–255 without leading zeros; the value is the input text. */
export const Ipv4Addr: Param<string> = simpleParam(
  "Ipv4Addr",
  (value) =>
    readIpv4(value, 0) === value.length
      ? value
      : new ParamError("Ipv4Addr", value, "invalid IPv4 address syntax"),
  { type: "string", format: "ipv4" },
);

/** `Ipv6Addr`: RFC 4291 text (`::` compression, embedded IPv4 tail; no `%zone`, no brackets); the value is the input text. */
export const Ipv6Addr: Param<string> = simpleParam(
  "Ipv6Addr",
  (value) =>
    readIpv6(value, 0) === value.length
      ? value
      : new ParamError("Ipv6Addr", value, "invalid IPv6 address syntax"),
  { type: "string", format: "ipv6" },
);

/** `SocketAddr`: `a.b.c.d:port` or `[v6]:port` (Rust also allows `[v6%scope]:port`), port 0–65535; the input text. */
export const SocketAddr: Param<string> = simpleParam(
  "SocketAddr",
  (value) =>
    readSocketAddr(value) === value.length
      ? value
      : new ParamError("SocketAddr", value, "invalid socket address syntax"),
  { type: "string", description: "An IP address and port: `a.b.c.d:port` or `[v6]:port`." },
);
