import assert from "node:assert/strict";
import { posix } from "node:path";
import { describe, test } from "node:test";
import fc from "fast-check";
import { type Param, ParamError } from "../src/request/param.ts";
import {
  bool,
  f32,
  f64,
  IpAddr,
  Ipv4Addr,
  Ipv6Addr,
  i8,
  i16,
  i32,
  i64,
  i128,
  isize,
  PathBuf,
  RawStr,
  SocketAddr,
  segments,
  str,
  toPathBuf,
  u8,
  u16,
  u32,
  u64,
  u128,
  usize,
  uuid,
} from "../src/request/param-types.ts";

const INT_EMPTY = "cannot parse integer from empty string";
const INT_INVALID = "invalid digit found in string";
const INT_TOO_LARGE = "number too large to fit in target type";
const INT_TOO_SMALL = "number too small to fit in target type";

/** Parses `value` as a path segment (decoded = raw) and as a query value, asserts both agree, returns the result. */
function parse<T>(p: Param<T>, value: string): T | ParamError {
  const fromParam = p.fromParam(value, value);
  const fromQuery = p.fromQuery(value);
  assert.deepEqual(fromQuery, fromParam, `fromQuery and fromParam disagree on ${JSON.stringify(value)}`);
  return fromParam;
}

function assertRefused(out: unknown, type: string, value: string | undefined, message?: string): void {
  assert.ok(out instanceof ParamError, `expected a ParamError, got ${String(out)}`);
  assert.equal(out.type, type);
  assert.equal(out.value, value);
  if (message !== undefined) assert.equal(out.message, message);
}

// ---------------------------------------------------------------------------------------------------------------

describe("str and RawStr", () => {
  test("str never fails and returns the decoded value", () => {
    for (const v of ["", "hello world", "a/b", "%20", "ünï"]) {
      assert.equal(str.fromParam(v, "raw"), v);
      assert.equal(str.fromQuery(v), v);
    }
    assert.equal(str.name, "str");
    assert.equal(str.kind, "param");
  });

  test("str has no default for an absent query field", () => {
    assert.equal(str.missing, undefined);
  });

  test("RawStr.fromParam returns the raw, still-encoded segment", () => {
    assert.equal(RawStr.fromParam("a b/c", "a%20b%2Fc"), "a%20b%2Fc");
  });

  test("RawStr.fromQuery returns the value it is given", () => {
    assert.equal(RawStr.fromQuery("a b"), "a b");
  });
});

// ---------------------------------------------------------------------------------------------------------------

interface IntType {
  readonly param: Param<number | bigint>;
  readonly name: string;
  readonly min: bigint;
  readonly max: bigint;
  readonly isBig: boolean;
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const INT_TYPES: readonly IntType[] = [
  { param: u8, name: "u8", min: 0n, max: 255n, isBig: false },
  { param: u16, name: "u16", min: 0n, max: 65535n, isBig: false },
  { param: u32, name: "u32", min: 0n, max: 4294967295n, isBig: false },
  { param: u64, name: "u64", min: 0n, max: 2n ** 64n - 1n, isBig: true },
  { param: u128, name: "u128", min: 0n, max: 2n ** 128n - 1n, isBig: true },
  { param: usize, name: "usize", min: 0n, max: SAFE, isBig: false },
  { param: i8, name: "i8", min: -128n, max: 127n, isBig: false },
  { param: i16, name: "i16", min: -32768n, max: 32767n, isBig: false },
  { param: i32, name: "i32", min: -2147483648n, max: 2147483647n, isBig: false },
  { param: i64, name: "i64", min: -(2n ** 63n), max: 2n ** 63n - 1n, isBig: true },
  { param: i128, name: "i128", min: -(2n ** 127n), max: 2n ** 127n - 1n, isBig: true },
  { param: isize, name: "isize", min: -SAFE, max: SAFE, isBig: false },
];

const asBig = (v: number | bigint): bigint => (typeof v === "bigint" ? v : BigInt(v));

/** The expected value in the type's JS representation. */
function expected(t: IntType, n: bigint): number | bigint {
  return t.isBig ? n : Number(n);
}

/**
 * Oracle: Rust's `from_str_radix` transcribed literally with unbounded BigInt arithmetic, reporting the first
 * error in scan order.
 */
function rustParseInt(s: string, min: bigint, max: bigint): bigint | string {
  if (s === "") return INT_EMPTY;
  const signed = min < 0n;
  if ((s[0] === "+" || s[0] === "-") && s.length === 1) return INT_INVALID;
  let digits = s;
  let negative = false;
  if (s[0] === "+") digits = s.slice(1);
  else if (s[0] === "-" && signed) {
    negative = true;
    digits = s.slice(1);
  }
  let result = 0n;
  for (const ch of digits) {
    const mul = result * 10n;
    if (ch < "0" || ch > "9" || ch.length !== 1) return INT_INVALID;
    result = negative ? mul - BigInt(ch) : mul + BigInt(ch);
    if (result > max) return INT_TOO_LARGE;
    if (result < min) return INT_TOO_SMALL;
  }
  return result;
}

/** Reference acceptance: the shape by regex, then the range by BigInt. */
function referenceAccepts(s: string, min: bigint, max: bigint): boolean {
  const shape = min < 0n ? /^[+-]?[0-9]+$/ : /^\+?[0-9]+$/;
  if (!shape.test(s)) return false;
  const n = BigInt(s);
  return n >= min && n <= max;
}

for (const t of INT_TYPES) {
  describe(`${t.name}: Rust FromStr integer rules`, () => {
    const p = t.param;

    test("has the Rust type name", () => {
      assert.equal(p.name, t.name);
      assert.equal(p.kind, "param");
      assert.equal(p.missing, undefined);
    });

    test(`produces a ${t.isBig ? "bigint" : "number"}`, () => {
      assert.equal(typeof parse(p, "1"), t.isBig ? "bigint" : "number");
    });

    test("accepts the minimum and the maximum exactly", () => {
      assert.equal(parse(p, t.min.toString()), expected(t, t.min));
      assert.equal(parse(p, t.max.toString()), expected(t, t.max));
    });

    test("refuses maximum + 1 as too large", () => {
      assertRefused(parse(p, (t.max + 1n).toString()), t.name, (t.max + 1n).toString(), INT_TOO_LARGE);
    });

    test("refuses a far larger value as too large", () => {
      const s = `${t.max.toString()}000`;
      assertRefused(parse(p, s), t.name, s, INT_TOO_LARGE);
    });

    if (t.min < 0n) {
      test("refuses minimum - 1 as too small", () => {
        assertRefused(parse(p, (t.min - 1n).toString()), t.name, (t.min - 1n).toString(), INT_TOO_SMALL);
      });
      test("accepts a leading '-' (signed), and -0 is +0", () => {
        assert.equal(parse(p, "-7"), expected(t, -7n));
        const zero = parse(p, "-0");
        assert.ok(Object.is(zero, expected(t, 0n)), `-0 parsed as ${String(zero)}`);
      });
    } else {
      test("refuses a leading '-' (unsigned) as an invalid digit, even -0", () => {
        assertRefused(parse(p, "-0"), t.name, "-0", INT_INVALID);
        assertRefused(parse(p, "-1"), t.name, "-1", INT_INVALID);
      });
    }

    test("accepts a leading '+'", () => {
      assert.equal(parse(p, "+7"), expected(t, 7n));
      assert.equal(parse(p, `+${t.max}`), expected(t, t.max));
    });

    test("accepts leading zeros", () => {
      assert.equal(parse(p, "0000000000000000000000000000000000000000000042"), expected(t, 42n));
      assert.equal(parse(p, `000${t.max}`), expected(t, t.max));
      assert.equal(parse(p, "000"), expected(t, 0n));
    });

    test("refuses the empty string with Rust's empty message", () => {
      assertRefused(parse(p, ""), t.name, "", INT_EMPTY);
    });

    test("refuses a lone sign as an invalid digit", () => {
      assertRefused(parse(p, "+"), t.name, "+", INT_INVALID);
      assertRefused(parse(p, "-"), t.name, "-", INT_INVALID);
    });

    test("refuses whitespace, underscores, hex, doubled signs, decimals and non-ASCII digits", () => {
      for (const s of [
        " 1",
        "1 ",
        "\t1",
        "1\n",
        "1_000",
        "0x10",
        "1e3",
        "1.0",
        "++1",
        "+-1",
        "--1",
        "٣",
        "１",
      ]) {
        assertRefused(parse(p, s), t.name, s, INT_INVALID);
      }
    });

    test("reports an overflow met before a bad character as too large (Rust's scan order)", () => {
      const s = `${t.max}0x`;
      assertRefused(parse(p, s), t.name, s, INT_TOO_LARGE);
    });

    test("reports a bad character met before any overflow as an invalid digit (Rust's scan order)", () => {
      const s = `${t.max.toString().slice(0, -1)}x9`;
      assertRefused(parse(p, s), t.name, s, INT_INVALID);
    });

    test("property: any integer in range round-trips through String(n)", () => {
      fc.assert(
        fc.property(fc.bigInt({ min: t.min, max: t.max }), (n) => {
          assert.equal(asBig(parse(p, String(n)) as number | bigint), n);
        }),
      );
    });

    test("property: accepts exactly what a regex + range check accepts, with Rust's error for the rest", () => {
      const near = (b: bigint) => fc.bigInt({ min: b - 3n, max: b + 3n });
      const numeric = fc
        .tuple(
          fc.oneof(
            near(t.min),
            near(t.max),
            near(0n),
            fc.bigInt({ min: t.min * 3n - 1n, max: t.max * 3n + 1n }),
          ),
          fc.constantFrom("", "+", "0", "00"),
        )
        .map(([n, prefix]) => (n < 0n ? `-${prefix.replace("+", "")}${-n}` : `${prefix}${n}`));
      const noisy = fc.string({
        unit: fc.constantFrom("0", "1", "5", "9", "+", "-", " ", "a", "_", "x", ".", "٣"),
        maxLength: 48,
      });
      const spliced = fc
        .tuple(numeric, fc.nat(), fc.constantFrom("x", " ", "-", "+", "_"))
        .map(([s, at, ch]) => s.slice(0, at % (s.length + 1)) + ch + s.slice(at % (s.length + 1)));
      fc.assert(
        fc.property(fc.oneof(numeric, noisy, spliced), (s) => {
          const out = parse(p, s);
          const oracle = rustParseInt(s, t.min, t.max);
          assert.equal(!(out instanceof ParamError), referenceAccepts(s, t.min, t.max));
          if (typeof oracle === "string") assertRefused(out, t.name, s, oracle);
          else assert.equal(out, expected(t, oracle));
        }),
        { numRuns: 500 },
      );
    });
  });
}

test("usize refuses Number.MAX_SAFE_INTEGER + 1 (Apogee's safe-integer range)", () => {
  assert.equal(parse(usize, "9007199254740991"), Number.MAX_SAFE_INTEGER);
  assertRefused(parse(usize, "9007199254740992"), "usize", "9007199254740992", INT_TOO_LARGE);
});

test("isize is bounded by ±Number.MAX_SAFE_INTEGER", () => {
  assert.equal(parse(isize, "-9007199254740991"), -Number.MAX_SAFE_INTEGER);
  assertRefused(parse(isize, "-9007199254740992"), "isize", "-9007199254740992", INT_TOO_SMALL);
});

test("i64 accepts its exact bounds as bigints", () => {
  assert.equal(parse(i64, "-9223372036854775808"), -9223372036854775808n);
  assert.equal(parse(i64, "9223372036854775807"), 9223372036854775807n);
  assertRefused(parse(i64, "9223372036854775808"), "i64", "9223372036854775808", INT_TOO_LARGE);
  assertRefused(parse(i64, "-9223372036854775809"), "i64", "-9223372036854775809", INT_TOO_SMALL);
});

test("u8: '255' ok, '256' too large, '26a' invalid digit, '260' too large", () => {
  assert.equal(parse(u8, "255"), 255);
  assertRefused(parse(u8, "256"), "u8", "256", INT_TOO_LARGE);
  assertRefused(parse(u8, "26a"), "u8", "26a", INT_INVALID);
  assertRefused(parse(u8, "260"), "u8", "260", INT_TOO_LARGE);
});

// ---------------------------------------------------------------------------------------------------------------

describe("f64 / f32: Rust FromStr float rules", () => {
  const FLOAT_INVALID = "invalid float literal";

  test("accepts decimal forms: '1', '1.', '.5', '1.5', signs, leading zeros", () => {
    const cases: [string, number][] = [
      ["1", 1],
      ["1.", 1],
      [".5", 0.5],
      ["-.5", -0.5],
      ["+.5", 0.5],
      ["1.5", 1.5],
      ["+1", 1],
      ["-1", -1],
      ["0012.50", 12.5],
      ["0", 0],
    ];
    for (const [s, v] of cases) assert.equal(parse(f64, s), v, s);
  });

  test("accepts exponents with e or E, optional sign, at least one digit", () => {
    const cases: [string, number][] = [
      ["1e5", 1e5],
      ["1E5", 1e5],
      ["1e+5", 1e5],
      ["1e-5", 1e-5],
      ["1.e5", 1e5],
      [".5e1", 5],
      ["2.5E-3", 2.5e-3],
    ];
    for (const [s, v] of cases) assert.equal(parse(f64, s), v, s);
  });

  test("overflowing exponents saturate to ±Infinity, underflow to 0", () => {
    assert.equal(parse(f64, "1e400"), Number.POSITIVE_INFINITY);
    assert.equal(parse(f64, "-1e400"), Number.NEGATIVE_INFINITY);
    assert.equal(parse(f64, "1e-400"), 0);
    assert.equal(parse(f64, "1e99999999999999999999"), Number.POSITIVE_INFINITY);
  });

  test("-0 keeps its sign", () => {
    assert.ok(Object.is(parse(f64, "-0"), -0));
    assert.ok(Object.is(parse(f64, "-0.0"), -0));
  });

  test("accepts inf, infinity and nan in any case, with a sign", () => {
    for (const s of ["inf", "INF", "Inf", "+inf", "infinity", "Infinity", "InFiNiTy", "+infinity"]) {
      assert.equal(parse(f64, s), Number.POSITIVE_INFINITY, s);
    }
    for (const s of ["-inf", "-Infinity", "-INFINITY"])
      assert.equal(parse(f64, s), Number.NEGATIVE_INFINITY, s);
    for (const s of ["nan", "NaN", "NAN", "+nan", "-nan"]) assert.ok(Number.isNaN(parse(f64, s)), s);
  });

  test("refuses the empty string with Rust's empty message", () => {
    assertRefused(parse(f64, ""), "f64", "", "cannot parse float from empty string");
  });

  test("refuses '.', '1e', 'e5', '.e5', signs alone, whitespace, hex, '_' and near-miss words", () => {
    for (const s of [
      ".",
      "+",
      "-",
      "+.",
      "1e",
      "1e+",
      "1e-",
      "e5",
      ".e5",
      "1.2.3",
      "1e5.0",
      "--1",
      "+-1",
      " 1",
      "1 ",
      "0x10",
      "1_0",
      "in",
      "infin",
      "infinityy",
      "nana",
      "+-inf",
      "１",
      "1f",
    ]) {
      assertRefused(parse(f64, s), "f64", s, FLOAT_INVALID);
    }
  });

  test("f32 rounds to single precision", () => {
    assert.equal(parse(f32, "0.1"), Math.fround(0.1));
    assert.equal(parse(f32, "3.4028235e38"), 3.4028234663852886e38);
    assert.equal(parse(f32, "1e39"), Number.POSITIVE_INFINITY);
    assert.equal(parse(f32, "1.4e-45"), 1.401298464324817e-45);
    assert.equal(parse(f32, "1e-46"), 0);
    assert.ok(Number.isNaN(parse(f32, "NaN")));
    assertRefused(parse(f32, "."), "f32", ".", FLOAT_INVALID);
    assertRefused(parse(f32, ""), "f32", "", "cannot parse float from empty string");
  });

  test("property: any double round-trips through String(d)", () => {
    fc.assert(
      fc.property(fc.double(), (d) => {
        const want = Object.is(d, -0) ? 0 : d; // String(-0) is "0"
        assert.ok(Object.is(parse(f64, String(d)), want));
      }),
    );
  });

  test("property: any single-precision float round-trips through String(f)", () => {
    fc.assert(
      fc.property(fc.float(), (f) => {
        const want = Object.is(f, -0) ? 0 : f;
        assert.ok(Object.is(parse(f32, String(f)), want));
      }),
    );
  });

  test("property: accepts exactly Rust's float grammar", () => {
    const grammar = /^[+-]?(?:inf|infinity|nan|(?:[0-9]+|[0-9]+\.[0-9]*|[0-9]*\.[0-9]+)(?:e[+-]?[0-9]+)?)$/i;
    const noisy = fc.string({
      unit: fc.constantFrom(
        "0",
        "1",
        "9",
        ".",
        "e",
        "E",
        "+",
        "-",
        "i",
        "n",
        "f",
        "a",
        "I",
        "N",
        " ",
        "_",
        "x",
      ),
      maxLength: 12,
    });
    fc.assert(
      fc.property(noisy, (s) => {
        const out = parse(f64, s);
        if (s !== "" && grammar.test(s)) {
          assert.ok(!(out instanceof ParamError), s);
          if (!/[in]/i.test(s)) assert.ok(Object.is(out, Number(s)), s);
        } else assert.ok(out instanceof ParamError, s);
      }),
      { numRuns: 2000 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe("bool", () => {
  const BOOL_INVALID = "provided string was not `true` or `false`";

  test("a path segment is exactly 'true' or 'false'", () => {
    assert.equal(bool.fromParam("true", "true"), true);
    assert.equal(bool.fromParam("false", "false"), false);
    for (const s of ["TRUE", "False", "on", "yes", "1", "0", "", " true", "true "]) {
      assertRefused(bool.fromParam(s, s), "bool", s, BOOL_INVALID);
    }
  });

  test("a query value off|no|false in any case is false", () => {
    for (const s of ["off", "OFF", "Off", "no", "NO", "nO", "false", "FALSE", "fAlSe"]) {
      assert.equal(bool.fromQuery(s), false, s);
    }
  });

  test("a query value that is empty or on|yes|true in any case is true", () => {
    for (const s of ["", "on", "ON", "yes", "YES", "Yes", "true", "TRUE", "tRuE"]) {
      assert.equal(bool.fromQuery(s), true, s);
    }
  });

  test("any other query value is refused", () => {
    for (const s of ["1", "0", "y", "n", "tru", "truee", " on", "off ", "nope", "ye5", "оn"]) {
      assertRefused(bool.fromQuery(s), "bool", s, BOOL_INVALID);
    }
  });

  test("an absent query field defaults to false", () => {
    assert.equal(bool.missing?.(), false);
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe("uuid", () => {
  const CANONICAL = "67e55044-10b1-426f-9247-bb680e5fe0c8";

  test("accepts the hyphenated form", () => {
    assert.equal(parse(uuid, CANONICAL), CANONICAL);
  });

  test("accepts the simple 32-hex form and hyphenates it", () => {
    assert.equal(parse(uuid, "67e5504410b1426f9247bb680e5fe0c8"), CANONICAL);
  });

  test("accepts the braced form", () => {
    assert.equal(parse(uuid, `{${CANONICAL}}`), CANONICAL);
  });

  test("accepts the urn:uuid: form (prefix in lowercase only)", () => {
    assert.equal(parse(uuid, `urn:uuid:${CANONICAL}`), CANONICAL);
    assert.ok(parse(uuid, `URN:UUID:${CANONICAL}`) instanceof ParamError);
  });

  test("accepts hex in any case and returns lowercase", () => {
    assert.equal(parse(uuid, CANONICAL.toUpperCase()), CANONICAL);
    assert.equal(parse(uuid, "67E5504410B1426F9247BB680E5FE0C8"), CANONICAL);
    assert.equal(parse(uuid, `{${CANONICAL.toUpperCase()}}`), CANONICAL);
  });

  test("refuses a braced simple form and a urn simple form", () => {
    assert.ok(parse(uuid, "{67e5504410b1426f9247bb680e5fe0c8}") instanceof ParamError);
    assert.ok(parse(uuid, "urn:uuid:67e5504410b1426f9247bb680e5fe0c8") instanceof ParamError);
  });

  test("refuses a wrong length with the uuid crate's message", () => {
    assertRefused(
      parse(uuid, "67e5504410b1426f9247bb680e5fe0c"),
      "uuid",
      "67e5504410b1426f9247bb680e5fe0c",
      "invalid length: expected length 32 for simple format, found 31",
    );
    assertRefused(
      parse(uuid, ""),
      "uuid",
      "",
      "invalid length: expected length 32 for simple format, found 0",
    );
  });

  test("refuses a non-hex character, naming it and its 1-based position", () => {
    const s = "67e55044-10b1-426f-9247-bb680e5fe0cg";
    assertRefused(
      parse(uuid, s),
      "uuid",
      s,
      "invalid character: expected an optional prefix of `urn:uuid:` followed by [0-9a-fA-F-], found `g` at 36",
    );
    const braced = `{${s}}`;
    const out = parse(uuid, braced);
    assert.ok(out instanceof ParamError && out.message.endsWith("found `g` at 37"));
  });

  test("refuses a wrong group count", () => {
    assertRefused(
      parse(uuid, "67e55044-10b1-426f-9247bb680e5fe0c8"),
      "uuid",
      "67e55044-10b1-426f-9247bb680e5fe0c8",
      "invalid group count: expected 5, found 4",
    );
  });

  test("refuses misplaced hyphens, naming the bad group", () => {
    const s = "67e5504-410b1-426f-9247-bb680e5fe0c8";
    assertRefused(parse(uuid, s), "uuid", s, "invalid group length in group 0: expected 8, found 7");
    const last = "67e55044-10b1-426f-9247-bb680e5fe0c8a";
    assertRefused(parse(uuid, last), "uuid", last, "invalid group length in group 4: expected 12, found 13");
  });

  test("refuses whitespace and a missing brace", () => {
    for (const s of [` ${CANONICAL}`, `${CANONICAL} `, `{${CANONICAL}`, `${CANONICAL}}`]) {
      assert.ok(parse(uuid, s) instanceof ParamError, s);
    }
  });

  test("property: any uuid in any form and case parses to its lowercase hyphenated form", () => {
    fc.assert(
      fc.property(
        fc.uuid(),
        fc.constantFrom("plain", "simple", "braced", "urn"),
        fc.boolean(),
        (u, form, upper) => {
          const cased = upper ? u.toUpperCase() : u;
          const text =
            form === "plain"
              ? cased
              : form === "simple"
                ? cased.replaceAll("-", "")
                : form === "braced"
                  ? `{${cased}}`
                  : `urn:uuid:${cased}`;
          assert.equal(parse(uuid, text), u.toLowerCase());
        },
      ),
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe("IP and socket addresses", () => {
  const V4_OK = ["0.0.0.0", "127.0.0.1", "255.255.255.255", "1.2.3.4", "10.0.0.255"];
  const V4_BAD = [
    "",
    "1.2.3",
    "1.2.3.4.5",
    "256.0.0.0",
    "1.2.3.256",
    "01.2.3.4",
    "1.2.3.00",
    "1.2.3.0000",
    "1..2.3",
    ".1.2.3",
    "1.2.3.",
    "0x1.2.3.4",
    "+1.2.3.4",
    "1.2.3.-4",
    " 1.2.3.4",
    "1.2.3.4 ",
    "1.2.3.4:80",
    "1.2.3.4/8",
    "a.b.c.d",
    "１.2.3.4",
  ];
  const V6_OK = [
    "::",
    "::1",
    "1::",
    "1:2:3:4:5:6:7:8",
    "1:2:3:4:5:6:7::",
    "::2:3:4:5:6:7:8",
    "1::8",
    "2001:db8::ff00:42:8329",
    "2001:DB8::FF00:42:8329",
    "0000:0000:0000:0000:0000:0000:0000:0001",
    "::ffff:192.168.0.1",
    "::1.2.3.4",
    "1:2:3:4:5:6:1.2.3.4",
    "1::1.2.3.4",
    "fe80::1",
  ];
  const V6_BAD = [
    "",
    ":",
    ":::",
    "1:2:3:4:5:6:7",
    "1:2:3:4:5:6:7:8:9",
    "1:2:3:4:5:6:7:8::",
    "::1:2:3:4:5:6:7:8",
    "1::2::3",
    ":1::2",
    "1::2:",
    "12345::",
    "::g",
    "fe80::1%eth0",
    "fe80::1%1",
    "[::1]",
    "1.2.3.4::",
    "1.2.3.4::1",
    "::1.2.3.04",
    "::256.1.1.1",
    "::1.2.3",
    "1:2:3:4:5:6::1.2.3.4",
    "1:2:3:4:5:6:7:1.2.3.4",
    "::1.2.3.4:5",
    " ::1",
    "::1 ",
    "1.2.3.4",
  ];

  test("Ipv4Addr accepts dotted quads of decimal octets 0-255 and returns the text", () => {
    for (const s of V4_OK) assert.equal(parse(Ipv4Addr, s), s);
  });

  test("Ipv4Addr refuses leading zeros, out-of-range octets, wrong part counts and any extra text", () => {
    for (const s of V4_BAD) assertRefused(parse(Ipv4Addr, s), "Ipv4Addr", s, "invalid IPv4 address syntax");
  });

  test("Ipv6Addr accepts RFC 4291 text forms, :: compression and an embedded IPv4 tail", () => {
    for (const s of V6_OK) assert.equal(parse(Ipv6Addr, s), s);
  });

  test("Ipv6Addr refuses zone ids, brackets, a second ::, too many groups, IPv4 before :: and bad IPv4 tails", () => {
    for (const s of V6_BAD) assertRefused(parse(Ipv6Addr, s), "Ipv6Addr", s, "invalid IPv6 address syntax");
  });

  test("IpAddr accepts either family and refuses what both refuse", () => {
    for (const s of [...V4_OK, ...V6_OK]) assert.equal(parse(IpAddr, s), s);
    const bad = [...V4_BAD, ...V6_BAD].filter((s) => !V6_OK.includes(s) && !V4_OK.includes(s));
    for (const s of bad) assertRefused(parse(IpAddr, s), "IpAddr", s, "invalid IP address syntax");
  });

  test("SocketAddr accepts a.b.c.d:port and [v6]:port with ports 0-65535, leading zeros allowed", () => {
    for (const s of [
      "1.2.3.4:0",
      "127.0.0.1:80",
      "255.255.255.255:65535",
      "1.2.3.4:00080",
      "[::1]:80",
      "[::]:0",
      "[2001:db8::1]:65535",
      "[::ffff:1.2.3.4]:443",
    ]) {
      assert.equal(parse(SocketAddr, s), s);
    }
  });

  test("SocketAddr accepts Rust's numeric [v6%scope]:port (scope a u32)", () => {
    assert.equal(parse(SocketAddr, "[fe80::1%4]:80"), "[fe80::1%4]:80");
    assert.equal(parse(SocketAddr, "[fe80::1%4294967295]:80"), "[fe80::1%4294967295]:80");
    assert.ok(parse(SocketAddr, "[fe80::1%4294967296]:80") instanceof ParamError);
    assert.ok(parse(SocketAddr, "[fe80::1%eth0]:80") instanceof ParamError);
    assert.ok(parse(SocketAddr, "[fe80::1%]:80") instanceof ParamError);
  });

  test("SocketAddr refuses a missing or out-of-range port, unbracketed v6, bracketed v4 and extra text", () => {
    for (const s of [
      "",
      "1.2.3.4",
      "1.2.3.4:",
      "1.2.3.4:65536",
      "1.2.3.4:99999999999",
      "1.2.3.4:-1",
      "1.2.3.4:+1",
      "1.2.3.4:80 ",
      "1.2.3.4:80x",
      "01.2.3.4:80",
      "[::1]",
      "[::1]:",
      "[::1]80",
      "::1:80",
      "[1.2.3.4]:80",
      "[::1:80",
      "localhost:80",
    ]) {
      assertRefused(parse(SocketAddr, s), "SocketAddr", s, "invalid socket address syntax");
    }
  });

  test("property: any IPv4 address from fast-check is accepted by Ipv4Addr and IpAddr", () => {
    fc.assert(
      fc.property(fc.ipV4(), (s) => {
        assert.equal(parse(Ipv4Addr, s), s);
        assert.equal(parse(IpAddr, s), s);
      }),
    );
  });

  test("property: an octet with a leading zero or out of range makes Ipv4Addr refuse", () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 999 }), { minLength: 4, maxLength: 4 }),
        fc.nat({ max: 3 }),
        (o, at) => {
          const parts = o.map(String);
          const padded = parts.map((p, i) => (i === at ? `0${p}` : p)).join(".");
          assert.ok(parse(Ipv4Addr, padded) instanceof ParamError, padded);
          const plain = parts.join(".");
          assert.equal(
            !(parse(Ipv4Addr, plain) instanceof ParamError),
            o.every((n) => n <= 255),
            plain,
          );
        },
      ),
    );
  });

  test("property: extended IPv4 forms (octal, hex, fewer parts) are accepted only in the strict dotted form", () => {
    const strict =
      /^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$/;
    fc.assert(
      fc.property(fc.ipV4Extended(), (s) => {
        assert.equal(!(parse(Ipv4Addr, s) instanceof ParamError), strict.test(s), s);
      }),
    );
  });

  test("property: any IPv6 address from fast-check is accepted by Ipv6Addr and IpAddr, and bracketed with a port by SocketAddr", () => {
    fc.assert(
      fc.property(fc.ipV6(), fc.nat({ max: 65535 }), (s, port) => {
        assert.equal(parse(Ipv6Addr, s), s);
        assert.equal(parse(IpAddr, s), s);
        assert.equal(parse(SocketAddr, `[${s}]:${port}`), `[${s}]:${port}`);
        assert.ok(parse(Ipv6Addr, `${s}%eth0`) instanceof ParamError);
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe("PathBuf and toPathBuf", () => {
  const segs = (path: string) => path.split("/").filter((s) => s !== "");

  test("joins plain segments with '/'", () => {
    assert.equal(PathBuf.fromSegments(["a", "b", "c.txt"]), "a/b/c.txt");
    assert.equal(PathBuf.fromSegments(["file"]), "file");
  });

  test("empty input is the empty path", () => {
    assert.equal(PathBuf.fromSegments([]), "");
  });

  test("'..' pops the last component", () => {
    assert.equal(PathBuf.fromSegments(["a", "b", "..", "c"]), "a/c");
    assert.equal(PathBuf.fromSegments(["a", ".."]), "");
  });

  test("'..' on an empty path is a no-op: /a/../../b yields b", () => {
    assert.equal(PathBuf.fromSegments(segs("/a/../../b")), "b");
    assert.equal(PathBuf.fromSegments(["..", "..", "x"]), "x");
  });

  test("a segment starting with '.' is BadStart('.')", () => {
    for (const s of [".hidden", ".", ".a.b", "..."]) {
      assertRefused(PathBuf.fromSegments(["ok", s]), "PathBuf", s, "BadStart('.')");
    }
  });

  test("..%2F.. decodes to the single segment '../..', which is BadStart('.')", () => {
    const decoded = decodeURIComponent("..%2F..");
    assertRefused(PathBuf.fromSegments([decoded]), "PathBuf", "../..", "BadStart('.')");
    assertRefused(PathBuf.fromParam(decoded, "..%2F.."), "PathBuf", "../..", "BadStart('.')");
  });

  test("a segment starting with '*' is BadStart('*')", () => {
    assertRefused(PathBuf.fromSegments(["*"]), "PathBuf", "*", "BadStart('*')");
    assertRefused(PathBuf.fromSegments(["a", "*b"]), "PathBuf", "*b", "BadStart('*')");
    assert.equal(PathBuf.fromSegments(["b*"]), "b*");
  });

  test("a segment ending with ':', '>' or '<' is BadEnd", () => {
    assertRefused(PathBuf.fromSegments(["C:"]), "PathBuf", "C:", "BadEnd(':')");
    assertRefused(PathBuf.fromSegments(["a>"]), "PathBuf", "a>", "BadEnd('>')");
    assertRefused(PathBuf.fromSegments(["a<"]), "PathBuf", "a<", "BadEnd('<')");
    assert.equal(PathBuf.fromSegments([">a", "<b"]), ">a/<b");
  });

  test("a segment containing '/' (only via %2F) is BadChar('/')", () => {
    assertRefused(PathBuf.fromSegments([decodeURIComponent("a%2Fb")]), "PathBuf", "a/b", "BadChar('/')");
    assertRefused(PathBuf.fromSegments(["/etc"]), "PathBuf", "/etc", "BadChar('/')");
  });

  test("a segment containing '\\' is BadChar('\\\\') on every platform", () => {
    assertRefused(PathBuf.fromSegments(["a\\b"]), "PathBuf", "a\\b", "BadChar('\\\\')");
    assertRefused(PathBuf.fromSegments(["..\\x"]), "PathBuf", "..\\x", "BadStart('.')");
    assertRefused(PathBuf.fromSegments(["x\\"]), "PathBuf", "x\\", "BadChar('\\\\')");
  });

  test("':' inside a segment is allowed except on Windows, as in Rust", () => {
    const out = PathBuf.fromSegments(["a:b"]);
    if (process.platform === "win32") assertRefused(out, "PathBuf", "a:b", "BadChar(':')");
    else assert.equal(out, "a:b");
  });

  test("the first bad segment in order is the error, even after a '..'", () => {
    assertRefused(PathBuf.fromSegments(["a", "..", "*x", ".y"]), "PathBuf", "*x", "BadStart('*')");
    assertRefused(PathBuf.fromSegments([".y", "*x"]), "PathBuf", ".y", "BadStart('.')");
  });

  test("empty segments are skipped", () => {
    assert.equal(PathBuf.fromSegments(["a", "", "b"]), "a/b");
    assert.equal(PathBuf.fromSegments([""]), "");
  });

  test("fromParam runs the single decoded segment through the same rules", () => {
    assert.equal(PathBuf.fromParam("file.txt", "file.txt"), "file.txt");
    assert.equal(PathBuf.fromParam("..", ".."), "");
    assert.equal(PathBuf.fromParam("", ""), "");
    assertRefused(PathBuf.fromParam(".env", ".env"), "PathBuf", ".env", "BadStart('.')");
    assertRefused(PathBuf.fromParam("a/b", "a%2Fb"), "PathBuf", "a/b", "BadChar('/')");
    assertRefused(PathBuf.fromQuery("*"), "PathBuf", "*", "BadStart('*')");
  });

  test("toPathBuf with dotfiles allowed keeps '.x' segments and skips '.'", () => {
    assert.equal(toPathBuf([".well-known", "a", ".", ".x"], true), ".well-known/a/.x");
    assert.equal(toPathBuf(["a", ".", ".."], true), "");
    assertRefused(toPathBuf(["../.."], true), "PathBuf", "../..", "BadChar('/')");
    assertRefused(toPathBuf([".x"], false), "PathBuf", ".x", "BadStart('.')");
  });

  test("property: never yields a '..' component, an empty component or a leading '/'", () => {
    const segment = fc.oneof(
      fc.constantFrom("..", ".", "", "a", "b", ".x", "*", "c:", "d/e", "\\", "x>", "<y", "..."),
      fc.string({ unit: fc.constantFrom(".", "/", "a", "\\", ":", "*", "%"), maxLength: 5 }),
    );
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 10 }), fc.boolean(), (input, dotfiles) => {
        const out = toPathBuf(input, dotfiles);
        if (out instanceof ParamError) return;
        assert.ok(!out.startsWith("/"), out);
        if (out === "") return;
        for (const part of out.split("/")) {
          assert.notEqual(part, "..");
          assert.notEqual(part, "");
          assert.ok(!part.includes("\\"));
          if (!dotfiles) assert.ok(!part.startsWith("."));
        }
      }),
      { numRuns: 1000 },
    );
  });

  test("property: names and '..' resolve like a POSIX join under a root", () => {
    const segment = fc.oneof(fc.constant(".."), fc.stringMatching(/^[a-z0-9_-]{1,6}$/));
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 12 }), (input) => {
        const reference = posix.join("/", ...input).slice(1);
        assert.equal(PathBuf.fromSegments(input), reference);
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe("segments", () => {
  test("never fails and hands over the decoded segments as given", () => {
    const input = ["..", ".x", "a/b", ""];
    assert.equal(segments.fromSegments(input), input);
    assert.deepEqual(segments.fromSegments([]), []);
    assert.equal(segments.name, "Segments");
  });

  test("a single segment or query value becomes a one-element list", () => {
    assert.deepEqual(segments.fromParam("a", "a"), ["a"]);
    assert.deepEqual(segments.fromQuery("q"), ["q"]);
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe("every param type", () => {
  const ALL: readonly Param<unknown>[] = [
    str,
    RawStr,
    u8,
    u16,
    u32,
    u64,
    u128,
    usize,
    i8,
    i16,
    i32,
    i64,
    i128,
    isize,
    f32,
    f64,
    bool,
    uuid,
    IpAddr,
    Ipv4Addr,
    Ipv6Addr,
    SocketAddr,
    PathBuf,
    segments,
  ];

  test("property: never throws; returns a value or a ParamError naming the type and the value", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 50 }), fc.string({ maxLength: 50, unit: "grapheme" }), (a, b) => {
        for (const p of ALL) {
          for (const v of [a, b]) {
            for (const out of [p.fromParam(v, v), p.fromQuery(v)]) {
              if (out instanceof ParamError) {
                assert.equal(out.type, p.name);
                assert.equal(typeof out.message, "string");
              }
            }
          }
          if (p.fromSegments) p.fromSegments([a, b]);
        }
      }),
      { numRuns: 300 },
    );
  });
});
