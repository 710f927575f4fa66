// The built-in param types: Rocket's `FromParam`/`FromSegments` impls (`from_param.rs`) and the `FromFormField`
// parsers used for query values (`from_form_field.rs`), with the exact acceptance rules of Rust's `FromStr`.
//
// This is the request hot path: parsers scan char codes, never build regexes or closures per call, and return a
// `ParamError` instead of throwing. Every closure below is created once, at module load.

import { isHex, MINUS, PLUS, ZERO } from "./chars.ts";
import { type Param, ParamError, simpleParam } from "./param.ts";

/** True when `s[from..]` equals the lowercase ASCII-letter word `lower`, ignoring ASCII case (`| 0x20` folds A–Z). */
function eqLetters(s: string, from: number, lower: string): boolean {
  if (s.length - from !== lower.length) return false;
  for (let i = 0; i < lower.length; i++) {
    if ((s.charCodeAt(from + i) | 0x20) !== lower.charCodeAt(i)) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------------------
// Strings

/** `&str`: the percent-decoded segment or query value; never fails (the default type of a parameter). */
export const str: Param<string> = simpleParam("str", (value) => value, { type: "string" });

/** `&RawStr`: the segment exactly as it appeared in the URI, still percent-encoded; a query value as decoded. */
export const RawStr: Param<string> = {
  kind: "param",
  name: "RawStr",
  fromParam: (_decoded, raw) => raw,
  fromQuery: (value) => value,
  schema: { type: "string" },
};

// ---------------------------------------------------------------------------------------------------------------
// Integers: Rust's `from_str_radix(s, 10)`. An optional `+`, a `-` only for signed types, then ASCII digits only.
// Rust reports errors in scan order: a non-digit seen before the value overflows is "invalid digit", an overflow
// seen before any non-digit is "too large/small". Both parsers below reproduce that order.

const INT_EMPTY = "cannot parse integer from empty string";
const INT_INVALID = "invalid digit found in string";
const INT_TOO_LARGE = "number too large to fit in target type";
const INT_TOO_SMALL = "number too small to fit in target type";

/** Parses an integer whose range fits in a double exactly (|bound| ≤ 2^53 − 1), accumulating numerically. */
function parseNumberInt(name: string, s: string, min: number, max: number): number | ParamError {
  const len = s.length;
  if (len === 0) return new ParamError(name, s, INT_EMPTY);
  let i = 0;
  let negative = false;
  const first = s.charCodeAt(0);
  if (first === PLUS || first === MINUS) {
    if (len === 1) return new ParamError(name, s, INT_INVALID);
    if (first === PLUS) i = 1;
    else if (min < 0) {
      negative = true;
      i = 1;
    }
  }
  const limit = negative ? -min : max;
  let value = 0;
  for (; i < len; i++) {
    const digit = s.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) return new ParamError(name, s, INT_INVALID);
    // value ≤ limit ≤ 2^53 − 1 here, so value * 10 + digit is either exact or already far beyond limit.
    value = value * 10 + digit;
    if (value > limit) return new ParamError(name, s, negative ? INT_TOO_SMALL : INT_TOO_LARGE);
  }
  return negative ? 0 - value : value; // `0 - 0` is +0, never -0
}

/**
 * Parses a 64- or 128-bit integer. The digits are validated and range-checked as text (a longer significant-digit
 * run, or an equally long one that sorts after the bound, overflows); only an accepted string reaches `BigInt`.
 */
function parseBigInt(
  name: string,
  s: string,
  signed: boolean,
  maxText: string,
  minAbsText: string,
): bigint | ParamError {
  const len = s.length;
  if (len === 0) return new ParamError(name, s, INT_EMPTY);
  let i = 0;
  let negative = false;
  const first = s.charCodeAt(0);
  if (first === PLUS || first === MINUS) {
    if (len === 1) return new ParamError(name, s, INT_INVALID);
    if (first === PLUS) i = 1;
    else if (signed) {
      negative = true;
      i = 1;
    }
  }
  while (i < len && s.charCodeAt(i) === ZERO) i++;
  const significant = i;
  while (i < len) {
    const digit = s.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) break;
    i++;
  }
  // The value read before the first non-digit only grows, so it overflows iff Rust overflowed before reaching
  // that non-digit.
  const bound = negative ? minAbsText : maxText;
  const count = i - significant;
  let overflow = count > bound.length;
  if (count === bound.length) {
    for (let k = 0; k < count; k++) {
      const d = s.charCodeAt(significant + k) - bound.charCodeAt(k);
      if (d !== 0) {
        overflow = d > 0;
        break;
      }
    }
  }
  if (overflow) return new ParamError(name, s, negative ? INT_TOO_SMALL : INT_TOO_LARGE);
  if (i < len) return new ParamError(name, s, INT_INVALID);
  return BigInt(s); // BigInt accepts the optional sign and leading zeros
}

function numberInt(name: string, min: number, max: number): Param<number> {
  return simpleParam(name, (value) => parseNumberInt(name, value, min, max), {
    type: "integer",
    minimum: min,
    maximum: max,
  });
}

// Bounds past 2^53 cannot be JSON numbers exactly: the schema names the width as a format instead.
function bigInt(name: string, bits: bigint, signed: boolean): Param<bigint> {
  const maxText = (signed ? (1n << (bits - 1n)) - 1n : (1n << bits) - 1n).toString();
  const minAbsText = signed ? (1n << (bits - 1n)).toString() : "0";
  const schema = signed
    ? { type: "integer", format: `int${bits}` }
    : { type: "integer", format: `uint${bits}`, minimum: 0 };
  return simpleParam(name, (value) => parseBigInt(name, value, signed, maxText, minAbsText), schema);
}

/** `u8`: an integer in 0..=255, by Rust's `FromStr` rules (optional `+`, ASCII digits only). */
export const u8: Param<number> = numberInt("u8", 0, 0xff);
/** `u16`: an integer in 0..=65535, by Rust's `FromStr` rules. */
export const u16: Param<number> = numberInt("u16", 0, 0xffff);
/** `u32`: an integer in 0..=4294967295, by Rust's `FromStr` rules. */
export const u32: Param<number> = numberInt("u32", 0, 0xffffffff);
/** `u64`: a `bigint` in 0..=2^64−1, by Rust's `FromStr` rules. */
export const u64: Param<bigint> = bigInt("u64", 64n, false);
/** `u128`: a `bigint` in 0..=2^128−1, by Rust's `FromStr` rules. */
export const u128: Param<bigint> = bigInt("u128", 128n, false);
/** `usize`: a `number` in 0..=Number.MAX_SAFE_INTEGER (Apogee's choice: the safe-integer range, not 2^64−1). */
export const usize: Param<number> = numberInt("usize", 0, Number.MAX_SAFE_INTEGER);
/** `i8`: an integer in -128..=127, by Rust's `FromStr` rules (optional `+` or `-`, ASCII digits only). */
export const i8: Param<number> = numberInt("i8", -0x80, 0x7f);
/** `i16`: an integer in -32768..=32767, by Rust's `FromStr` rules. */
export const i16: Param<number> = numberInt("i16", -0x8000, 0x7fff);
/** `i32`: an integer in -2147483648..=2147483647, by Rust's `FromStr` rules. */
export const i32: Param<number> = numberInt("i32", -0x80000000, 0x7fffffff);
/** `i64`: a `bigint` in -2^63..=2^63−1, by Rust's `FromStr` rules. */
export const i64: Param<bigint> = bigInt("i64", 64n, true);
/** `i128`: a `bigint` in -2^127..=2^127−1, by Rust's `FromStr` rules. */
export const i128: Param<bigint> = bigInt("i128", 128n, true);
/** `isize`: a `number` in ±Number.MAX_SAFE_INTEGER (Apogee's choice: the safe-integer range, not ±2^63). */
export const isize: Param<number> = numberInt("isize", -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);

// ---------------------------------------------------------------------------------------------------------------
// Floats: Rust's `dec2flt` grammar. Sign? ( "inf" | "infinity" | "nan" (any case) | Number ), where
// Number = ( Digits ( "." Digits? )? | "." Digits ) ( [eE] Sign? Digits )?. Everything the regex admits is also a
// JS StringNumericLiteral with the same value, so `Number` does the (correctly rounded) conversion.

const FLOAT_NUMBER = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const FLOAT_EMPTY = "cannot parse float from empty string";
const FLOAT_INVALID = "invalid float literal";

function parseFloat64(name: string, s: string): number | ParamError {
  if (s.length === 0) return new ParamError(name, s, FLOAT_EMPTY);
  if (FLOAT_NUMBER.test(s)) return Number(s);
  const first = s.charCodeAt(0);
  const from = first === PLUS || first === MINUS ? 1 : 0;
  if (eqLetters(s, from, "inf") || eqLetters(s, from, "infinity")) {
    return first === MINUS ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (eqLetters(s, from, "nan")) return Number.NaN;
  return new ParamError(name, s, FLOAT_INVALID);
}

/** `f32`: as `f64`, then Math.fround (decimal → f64 → f32 may, very rarely, differ from Rust in the last bit). */
export const f32: Param<number> = simpleParam(
  "f32",
  (value) => {
    const out = parseFloat64("f32", value);
    return typeof out === "number" ? Math.fround(out) : out;
  },
  { type: "number", format: "float" },
);

/** `f64`: a float by Rust's `FromStr` rules: optional sign, `inf`/`infinity`/`nan` in any case, `1.`, `.5`, `1e-3`. */
export const f64: Param<number> = simpleParam("f64", (value) => parseFloat64("f64", value), {
  type: "number",
  format: "double",
});

// ---------------------------------------------------------------------------------------------------------------
// bool

const BOOL_INVALID = "provided string was not `true` or `false`";

function boolFromQuery(s: string): boolean | ParamError {
  switch (s.length) {
    case 0:
      return true;
    case 2:
      if (eqLetters(s, 0, "on")) return true;
      if (eqLetters(s, 0, "no")) return false;
      break;
    case 3:
      if (eqLetters(s, 0, "yes")) return true;
      if (eqLetters(s, 0, "off")) return false;
      break;
    case 4:
      if (eqLetters(s, 0, "true")) return true;
      break;
    case 5:
      if (eqLetters(s, 0, "false")) return false;
      break;
  }
  return new ParamError("bool", s, BOOL_INVALID);
}

/** `bool`: a path segment is exactly `true`/`false`; a query value is `on|yes|true|""` / `off|no|false` (any case), absent → false. */
export const bool: Param<boolean> = {
  kind: "param",
  name: "bool",
  fromParam: (value) =>
    value === "true" ? true : value === "false" ? false : new ParamError("bool", value, BOOL_INVALID),
  fromQuery: boolFromQuery,
  missing: () => false,
  schema: { type: "boolean" },
};

// ---------------------------------------------------------------------------------------------------------------
// uuid: the `uuid` crate's `Uuid::parse_str`: simple (32 hex), hyphenated (8-4-4-4-12), `{hyphenated}`, or
// `urn:uuid:hyphenated`; hex in any case. The value is the canonical lowercase hyphenated form.

function parseUuid(s: string): string | ParamError {
  const len = s.length;
  if (len === 32) {
    for (let i = 0; i < 32; i++) if (!isHex(s.charCodeAt(i))) return uuidError(s);
    return (
      s.slice(0, 8) +
      "-" +
      s.slice(8, 12) +
      "-" +
      s.slice(12, 16) +
      "-" +
      s.slice(16, 20) +
      "-" +
      s.slice(20)
    ).toLowerCase();
  }
  let start: number;
  if (len === 36) start = 0;
  else if (len === 38 && s.charCodeAt(0) === 0x7b && s.charCodeAt(37) === 0x7d) start = 1;
  else if (len === 45 && s.startsWith("urn:uuid:")) start = 9;
  else return uuidError(s);
  let upper = false;
  for (let i = 0; i < 36; i++) {
    const c = s.charCodeAt(start + i);
    if (i === 8 || i === 13 || i === 18 || i === 23 ? c !== MINUS : !isHex(c)) return uuidError(s);
    if (c >= 0x41 && c <= 0x46) upper = true;
  }
  const hyphenated = start === 0 ? s : s.slice(start, start + 36);
  return upper ? hyphenated.toLowerCase() : hyphenated; // the common, canonical input allocates nothing
}

const UUID_GROUP_STARTS = [0, 9, 14, 19, 24] as const;
const UUID_GROUP_LENGTHS = [8, 4, 4, 4, 12] as const;

/** The `uuid` crate's diagnosis of a refused string (`InvalidUuid::into_err`); off the hot path. */
function uuidError(s: string): ParamError {
  let body = s;
  let offset = 0;
  let isSimple = false;
  if (s.length >= 2 && s.charCodeAt(0) === 0x7b && s.charCodeAt(s.length - 1) === 0x7d) {
    body = s.slice(1, -1);
    offset = 1;
  } else if (s.startsWith("urn:uuid:")) {
    body = s.slice(9);
    offset = 9;
  } else isSimple = true;
  let hyphens = 0;
  const bounds = [0, 0, 0, 0];
  let byteIndex = 0; // the crate reports UTF-8 byte positions, 1-based
  for (const ch of body) {
    const c = ch.codePointAt(0)!;
    if (c === MINUS) {
      if (hyphens < 4) bounds[hyphens] = byteIndex;
      hyphens++;
    } else if (c > 0x7f || !isHex(c)) {
      return new ParamError(
        "uuid",
        s,
        "invalid character: expected an optional prefix of `urn:uuid:` followed by [0-9a-fA-F-], " +
          `found \`${ch}\` at ${byteIndex + offset + 1}`,
      );
    }
    byteIndex += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  if (hyphens === 0 && isSimple) {
    return new ParamError(
      "uuid",
      s,
      `invalid length: expected length 32 for simple format, found ${s.length}`,
    );
  }
  if (hyphens !== 4)
    return new ParamError("uuid", s, `invalid group count: expected 5, found ${hyphens + 1}`);
  let group = 4;
  let found = body.length - UUID_GROUP_STARTS[4];
  for (let g = 0; g < 4; g++) {
    if (bounds[g] !== UUID_GROUP_STARTS[g + 1]! - 1) {
      group = g;
      found = bounds[g]! - UUID_GROUP_STARTS[g]!;
      break;
    }
  }
  return new ParamError(
    "uuid",
    s,
    `invalid group length in group ${group}: expected ${UUID_GROUP_LENGTHS[group]}, found ${found}`,
  );
}

/** `Uuid`: simple, hyphenated, `{braced}` or `urn:uuid:` text, hex in any case; yields the lowercase hyphenated form. */
export const uuid: Param<string> = simpleParam("uuid", parseUuid, { type: "string", format: "uuid" });

export { IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr } from "./ip-param-types.ts";
export { PathBuf, segments, toPathBuf } from "./path-param-types.ts";
