// apogee/auth's password helpers: scrypt (node:crypto) PHC strings, argon2id through the optional package,
// verification in constant time, and `safeEqual` for secrets.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { hashPassword, safeEqual, verifyPassword } from "../src/auth/index.ts";

// A low cost keeps the tests fast; the default (ln=17) is OWASP's minimum.
const FAST = { cost: 10 } as const;

describe("hashPassword / verifyPassword", () => {
  test("scrypt hashes are PHC strings with their parameters, and verify", async () => {
    const hash = await hashPassword("correct horse battery staple", FAST);
    assert.match(hash, /^\$scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    assert.equal(await verifyPassword("correct horse battery staple", hash), true);
    assert.equal(await verifyPassword("correct horse battery stapler", hash), false);
    assert.equal(await verifyPassword("", hash), false);
  });

  test("the salt is random: the same password hashes differently each time", async () => {
    const [a, b] = await Promise.all([hashPassword("pw", FAST), hashPassword("pw", FAST)]);
    assert.notEqual(a, b);
    assert.equal(await verifyPassword("pw", a), true);
    assert.equal(await verifyPassword("pw", b), true);
  });

  test("the default cost is ln=17 (N = 131072), r = 8", async () => {
    const hash = await hashPassword("pw");
    assert.match(hash, /^\$scrypt\$ln=17,r=8,p=1\$/);
    assert.equal(await verifyPassword("pw", hash), true);
  });

  test("passwords are NFC-normalised: composed and decomposed é are the same password", async () => {
    const hash = await hashPassword("caf\u00e9", FAST);
    assert.equal(await verifyPassword("cafe\u0301", hash), true);
  });

  test("a malformed or tampered hash never verifies", async () => {
    const hash = await hashPassword("pw", FAST);
    const tampered = `${hash.slice(0, -2)}${hash.endsWith("AA") ? "AB" : "AA"}`;
    for (const bad of [
      "",
      "pw",
      "$scrypt$ln=10$x$y",
      "$bcrypt$2b$10$abc",
      tampered,
      hash.replace("ln=10", "ln=11"),
    ]) {
      assert.equal(await verifyPassword("pw", bad), false, bad);
    }
  });

  test("argon2id through the optional argon2 package", async () => {
    const hash = await hashPassword("pw", { algorithm: "argon2id" });
    assert.match(hash, /^\$argon2id\$v=19\$(?:[mpt]=\d+,?){3}\$/);
    assert.equal(await verifyPassword("pw", hash), true);
    assert.equal(await verifyPassword("pW", hash), false);
    assert.equal(await verifyPassword("pw", hash.slice(0, -4)), false);
  });

  test("a cost out of range is refused", async () => {
    await assert.rejects(hashPassword("pw", { cost: 4 }), /cost \(log2 N\) must be 10–24, got 4/);
  });
});

describe("safeEqual", () => {
  test("compares secrets of any length without revealing where they differ", () => {
    assert.equal(safeEqual("s3cret-key", "s3cret-key"), true);
    assert.equal(safeEqual("s3cret-key", "s3cret-kez"), false);
    assert.equal(safeEqual("short", "a much longer secret"), false);
    assert.equal(safeEqual("", ""), true);
    assert.equal(safeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2])), true);
  });
});
