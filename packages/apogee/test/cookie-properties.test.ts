// Properties of cookie encoding and sealing (DESIGN.md §5): any text survives Set-Cookie → Cookie, the wire form
// only ever holds safe characters, sealed values always open, and opening never throws on any input.
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import {
  decodeCookieComponent,
  encodeCookieComponent,
  findCookie,
  parseCookieHeader,
} from "../src/http/cookie.ts";
import { openCookieValue, sealCookieValue } from "../src/http/private-cookie.ts";
import { Cookie, SecretKey } from "../src/index.ts";

// Any text without lone surrogates (those have no UTF-8 form, in Rust or on the wire).
const text = fc.string({ unit: "binary" }).filter((s) => Buffer.from(s, "utf8").toString("utf8") === s);
const key = SecretKey.from(Uint8Array.from({ length: 32 }, (_, i) => i * 7)).encryption;

test("encoding keeps only characters that are safe in a cookie, and decoding gives the text back", () => {
  fc.assert(
    fc.property(text, (s) => {
      const wire = encodeCookieComponent(s);
      assert.match(wire, /^[!$&'*+\-.0-9A-Z_a-z~%]*$/);
      assert.equal(decodeCookieComponent(wire), s);
    }),
  );
});

test("a cookie the server set parses back from a Cookie header to the same name and value", () => {
  fc.assert(
    fc.property(
      text.filter((s) => s.trim() !== ""),
      text,
      (name, value) => {
        const setCookie = String(new Cookie(name, value));
        const parsed = new Map<string, Cookie>();
        parseCookieHeader(`x=1; ${setCookie}; y=2`, parsed);
        assert.equal(parsed.get(name)?.value, value);
      },
    ),
  );
});

test("a sealed value always opens with its name and key, and never with another name", () => {
  fc.assert(
    fc.property(text, text, text, (name, other, value) => {
      const sealed = sealCookieValue(name, value, key);
      assert.equal(openCookieValue(name, sealed, key), value);
      if (other !== name) assert.equal(openCookieValue(other, sealed, key), undefined);
    }),
  );
});

test("opening arbitrary text never throws and never yields a value for a forged seal", () => {
  fc.assert(
    fc.property(fc.string(), fc.base64String({ minLength: 28 }), (junk, b64) => {
      assert.equal(openCookieValue("n", junk, key), undefined);
      assert.equal(openCookieValue("n", b64, key), undefined);
    }),
  );
});

test("finding one cookie in a header agrees with parsing them all: the last one sent wins, malformed ones are skipped", () => {
  const piece = fc.stringMatching(/^[ \ta-c%41"=;é]{0,8}$/);
  fc.assert(
    fc.property(
      fc.array(piece, { maxLength: 8 }),
      fc.constantFrom("a", "b", "aA", "a%41", " a", "é", ""),
      (pieces, name) => {
        const header = pieces.join(";");
        const all = new Map<string, Cookie>();
        parseCookieHeader(header, all);
        assert.deepEqual(findCookie(header, name), all.get(name));
      },
    ),
    { numRuns: 2000 },
  );
});
