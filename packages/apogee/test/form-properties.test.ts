// Properties of the form parsers (fast-check): the url-encoded parser never throws and round-trips with the
// encoder; field names split without throwing; a form fed any fields finalizes to a value or errors, never throws.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { FieldName, splitName } from "../src/data/form-name.ts";
import {
  array,
  bool,
  encodeUrlEncoded,
  FormFailure,
  form,
  map,
  optional,
  parseUrlEncoded,
  str,
  u8,
} from "../src/index.ts";

// Well-formed text: no lone surrogates (UTF-8 cannot carry them, so they cannot round-trip).
const text = fc.string({ unit: "grapheme", maxLength: 20 });

describe("url-encoded parsing", () => {
  test("never throws, on any input", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (s) => {
        parseUrlEncoded(s);
      }),
    );
  });

  test("parse(encode(pairs)) gives the pairs back", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text), { maxLength: 10 }), (pairs) => {
        assert.deepEqual(parseUrlEncoded(encodeUrlEncoded(pairs)), pairs);
      }),
    );
  });

  test("encode(parse(s)) is stable: encoding the parsed pairs again parses to the same pairs", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 100 }), (s) => {
        const once = parseUrlEncoded(s);
        assert.deepEqual(parseUrlEncoded(encodeUrlEncoded(once)), once);
      }),
    );
  });
});

describe("field names", () => {
  test("splitting never throws and never loses a key's text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 50 }), (s) => {
        const keys = splitName(s);
        for (const k of keys) assert.ok(s.includes(k));
      }),
    );
  });

  test("names built from keys split back into them", () => {
    const key = fc.stringMatching(/^[a-z0-9_]{1,6}$/);
    fc.assert(
      fc.property(key, fc.array(fc.tuple(fc.boolean(), key), { maxLength: 5 }), (first, rest) => {
        const name = first + rest.map(([dot, k]) => (dot ? `.${k}` : `[${k}]`)).join("");
        assert.deepEqual(splitName(name), [first, ...rest.map(([, k]) => k)]);
      }),
    );
  });
});

describe("form contexts", () => {
  const Shape = form({
    a: u8,
    b: optional(bool),
    list: array(form({ x: str, y: optional(u8) })),
    m: map(u8),
    nested: form({ deep: array(str) }),
  });
  const name = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom(
      "a",
      "b",
      "list[0].x",
      "list[].y",
      "m[k]",
      "m.k",
      "nested.deep[]",
      "_method",
      "list",
      "m",
    ),
  );

  for (const strict of [false, true]) {
    test(`any fields finalize to a value or errors, never a throw (${strict ? "strict" : "lenient"})`, () => {
      fc.assert(
        fc.property(fc.array(fc.tuple(name, fc.string({ maxLength: 6 })), { maxLength: 12 }), (fields) => {
          const ctx = Shape.init({ strict }, "");
          for (const [n, value] of fields) ctx.pushValue({ name: new FieldName(n), at: 0, value });
          const out = ctx.finalize();
          if (out instanceof FormFailure) assert.ok(out.errors.length > 0);
          else assert.equal(typeof out.a, "number");
        }),
      );
    });
  }
});
