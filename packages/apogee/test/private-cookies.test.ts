// Private cookies (ROCKET.md §3.5): sealing byte-compatible with Rocket (known-answer tests against an independent
// implementation, a literal vector and the cookie crate's published vectors), tamper cases, the jar's private API
// and its defaults, and the local client's privateCookie helpers.
import assert from "node:assert/strict";
import { createCipheriv, createHmac } from "node:crypto";
import { describe, test } from "node:test";
import { openCookieValue, sealCookieValue } from "../src/http/private-cookie.ts";
import { build, Client, Cookie, Cookies, get, post, Redirect, SecretKey } from "../src/index.ts";
import { assertExpiring, setCookies, WEEK_MS, YEAR_MS } from "./support/cookies.ts";
import { expectResponse, TEXT } from "./support/local.ts";

// ---------------------------------------------------------------------------------------------------------
// An independent reference: generic RFC 5869 HKDF-Expand (any L) and AES-256-GCM sealing, written plainly.

const INFO = Buffer.from("COOKIE;SIGNED:HMAC-SHA256;PRIVATE:AEAD-AES-256-GCM");

function hkdfExpand(prk: Uint8Array, info: Uint8Array, length: number): Buffer {
  const blocks: Buffer[] = [];
  let previous = Buffer.alloc(0);
  for (let i = 1; blocks.length * 32 < length; i++) {
    previous = createHmac("sha256", prk)
      .update(Buffer.concat([previous, info, Buffer.from([i])]))
      .digest();
    blocks.push(previous);
  }
  return Buffer.concat(blocks).subarray(0, length);
}

function referenceSeal(material: Uint8Array, name: string, value: Uint8Array, nonce: Uint8Array): string {
  const cookieKey =
    material.length >= 64 ? Buffer.from(material).subarray(0, 64) : hkdfExpand(material, INFO, 64);
  const cipher = createCipheriv("aes-256-gcm", cookieKey.subarray(32, 64), nonce);
  cipher.setAAD(Buffer.from(name));
  const body = Buffer.concat([cipher.update(value), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]).toString("base64");
}

const SECRET_32 = Uint8Array.from({ length: 32 }, (_, i) => i); // base64 AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=
const NONCE = Uint8Array.from({ length: 12 }, (_, i) => 0xa0 + i);

// The cookie crate's own test key (secure/private.rs `roundtrip`) and two values sealed by `ring`, published there.
const COOKIE_CRATE_KEY = Uint8Array.from([
  89, 202, 200, 125, 230, 90, 197, 245, 166, 249, 34, 169, 135, 31, 20, 197, 94, 154, 254, 79, 60, 26, 8, 143,
  254, 24, 116, 138, 92, 225, 159, 60, 157, 41, 135, 129, 31, 226, 196, 16, 198, 168, 134, 4, 42, 1, 196, 24,
  57, 103, 241, 147, 201, 185, 233, 10, 180, 170, 187, 89, 252, 137, 110, 107,
]);
const RING_014 = "lObeZJorGVyeSWUA8khTO/8UCzFVBY9g0MGU6/J3NN1R5x11dn2JIA==";
const RING_016 = "SU1ujceILyMBg3fReqRmA9HUtAIoSPZceOM/CUpObROHEujXIjonkA==";

describe("private cookie sealing (known answers)", () => {
  test("the reference HKDF-Expand reproduces RFC 5869 test case 1", () => {
    const prk = Buffer.from("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5", "hex");
    const okm = hkdfExpand(prk, Buffer.from("f0f1f2f3f4f5f6f7f8f9", "hex"), 42);
    assert.equal(
      okm.toString("hex"),
      "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
    );
  });

  test("a 32-byte secret is expanded with HKDF-SHA256 (no extract step): the literal vector", () => {
    const key = SecretKey.from(SECRET_32);
    assert.equal(
      sealCookieValue("user_id", "1", key.encryption, NONCE),
      "oKGio6Slpqeoqaqrx9FqX1uhaJmNOlYtaYCzfks=",
    );
    assert.equal(
      referenceSeal(SECRET_32, "user_id", Buffer.from("1"), NONCE),
      "oKGio6Slpqeoqaqrx9FqX1uhaJmNOlYtaYCzfks=",
    );
  });

  test("sealing matches the reference for secrets of 32 to 64+ bytes, any name and UTF-8 value", () => {
    for (const length of [32, 33, 47, 63, 64, 65, 88, 100]) {
      const material = Uint8Array.from({ length }, (_, i) => (i * 37 + length) & 0xff);
      const key = SecretKey.from(material);
      for (const [name, value] of [
        ["user_id", "1"],
        ["message", "Hello, café ☕!"],
        ["e", ""],
        ["ü n=;", "x".repeat(300)],
      ] as const) {
        assert.equal(
          sealCookieValue(name, value, key.encryption, NONCE),
          referenceSeal(material, name, Buffer.from(value), NONCE),
          `${length} bytes, ${name}`,
        );
        assert.equal(
          openCookieValue(name, sealCookieValue(name, value, key.encryption), key.encryption),
          value,
        );
      }
    }
  });

  test("values sealed by the cookie crate's tests (ring 0.14, 0.16) open with its 64-byte key", () => {
    const key = SecretKey.from(COOKIE_CRATE_KEY);
    assert.equal(openCookieValue("encrypted_with_ring014", RING_014, key.encryption), "Tamper-proof");
    assert.equal(openCookieValue("encrypted_with_ring016", RING_016, key.encryption), "Tamper-proof");
  });

  test("a fresh nonce is drawn for every seal", () => {
    const key = SecretKey.from(SECRET_32);
    assert.notEqual(sealCookieValue("a", "v", key.encryption), sealCookieValue("a", "v", key.encryption));
  });
});

describe("opening refuses anything that is not an intact seal", () => {
  const key = SecretKey.from(SECRET_32).encryption;
  const sealed = sealCookieValue("user_id", "1", key, NONCE);

  test("the intact value opens", () => {
    assert.equal(openCookieValue("user_id", sealed, key), "1");
  });

  test("a flipped character, a truncation, an extension or a bad padding", () => {
    const flipped = `${sealed[0] === "A" ? "B" : "A"}${sealed.slice(1)}`;
    for (const bad of [
      flipped,
      sealed.slice(0, -4),
      `${sealed}AAAA`,
      sealed.replace(/=$/, ""),
      `${sealed.slice(0, -1)}A`,
    ]) {
      assert.equal(openCookieValue("user_id", bad, key), undefined, bad);
    }
  });

  test("another cookie name (the name is authenticated)", () => {
    assert.equal(openCookieValue("admin_id", sealed, key), undefined);
  });

  test("another key", () => {
    assert.equal(openCookieValue("user_id", sealed, SecretKey.from(COOKIE_CRATE_KEY).encryption), undefined);
  });

  test("non-base64, URL-safe base64, too short, and empty values", () => {
    let withSymbols = sealed;
    while (!/[+/]/.test(withSymbols)) withSymbols = sealCookieValue("user_id", "1", key);
    assert.equal(openCookieValue("user_id", withSymbols, key), "1");
    const urlSafe = withSymbols.replace(/\+/g, "-").replace(/\//g, "_");
    for (const bad of ["not base64!", urlSafe, "AAAAAAAAAAAAAAAA", "", "1"]) {
      assert.equal(openCookieValue("user_id", bad, key), undefined, bad);
    }
  });

  test("a sealed plaintext that is not UTF-8", () => {
    const notUtf8 = referenceSeal(SECRET_32, "user_id", Uint8Array.of(0xff, 0xfe), NONCE);
    assert.equal(openCookieValue("user_id", notUtf8, key), undefined);
  });
});

// An app whose key is the 32-byte SECRET_32 (configured as base64).
function app() {
  return build()
    .configure({ log_level: "off", secret_key: Buffer.from(SECRET_32).toString("base64") })
    .mount("/", [
      get("/user_id", { jar: Cookies }, ({ jar }) => {
        const c = jar.getPrivate("user_id");
        return c === undefined ? null : `User ID: ${c.value}`;
      }),
      get("/raw", { jar: Cookies }, ({ jar }) => jar.get("user_id")?.value ?? "none"),
      post("/login", { jar: Cookies }, ({ jar }) => {
        jar.addPrivate("user_id", "1");
        return Redirect.to("/user_id");
      }),
      post("/logout", { jar: Cookies }, ({ jar }) => {
        jar.removePrivate("user_id");
        return Redirect.to("/");
      }),
      post("/session", { jar: Cookies }, ({ jar }) => {
        jar.addPrivate(
          new Cookie("s", "v", { expires: "session", maxAge: 60, httpOnly: false, sameSite: "Lax" }),
        );
        return "ok";
      }),
      post("/max-age", { jar: Cookies }, ({ jar }) => {
        jar.addPrivate("m", "v", { maxAge: 60 });
        return "ok";
      }),
      get("/pending", { jar: Cookies }, ({ jar }) => {
        const before = jar.getPending("user_id")?.value;
        jar.addPrivate("user_id", "2");
        return `${before}|${jar.getPending("user_id")?.value}|${jar.getPrivate("user_id")?.value}`;
      }),
    ]);
}

describe("the jar's private cookies", () => {
  test("addPrivate seals the value and defaults HttpOnly, SameSite=Strict, Path=/ and a week's expiry", async () => {
    const client = await Client.untracked(app());
    const before = Date.now();
    const res = await client.post("/login").dispatch();
    const after = Date.now();
    assert.equal(res.status, 303);
    const [raw] = setCookies(res);
    const value = /^user_id=([^;]*);/.exec(raw ?? "")?.[1] ?? "";
    assert.match(value, /^[A-Za-z0-9+%]+$/, "the sealed value is base64, percent-encoded");
    assertExpiring(raw, `user_id=${value}; HttpOnly; SameSite=Strict; Path=/`, before, after, WEEK_MS);
    assert.equal(res.privateCookie("user_id")?.value, "1");
    assert.equal(
      openCookieValue("user_id", decodeURIComponent(value), SecretKey.from(SECRET_32).encryption),
      "1",
      "it opens with the configured key, as Rocket would open it",
    );
  });

  test('an explicit expires (even "session") and explicit attributes are kept', async () => {
    const client = await Client.untracked(app());
    const [raw] = setCookies(await client.post("/session").dispatch());
    assert.match(raw ?? "", /^s=[A-Za-z0-9+%]+; SameSite=Lax; Path=\/; Max-Age=60$/);
  });

  test("a Max-Age alone still gets the week's Expires (Rocket checks only the expiry)", async () => {
    const client = await Client.untracked(app());
    const before = Date.now();
    const res = await client.post("/max-age").dispatch();
    const after = Date.now();
    const [raw] = setCookies(res);
    const value = /^m=([^;]*);/.exec(raw ?? "")?.[1] ?? "";
    assertExpiring(raw, `m=${value}; HttpOnly; SameSite=Strict; Path=/; Max-Age=60`, before, after, WEEK_MS);
    assert.equal(res.privateCookie("m")?.value, "v");
  });

  test("getPrivate opens a cookie sealed by the local client; get sees the sealed text", async () => {
    const client = await Client.untracked(app());
    await expectResponse(await client.get("/user_id").privateCookie("user_id", "42").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "User ID: 42",
    });
    const raw = await (await client.get("/raw").privateCookie("user_id", "42").dispatch()).text();
    assert.notEqual(raw, "42");
    assert.equal(openCookieValue("user_id", raw, SecretKey.from(SECRET_32).encryption), "42");
  });

  test("a plain cookie of the same name is invisible to getPrivate", async () => {
    const client = await Client.untracked(app());
    const res = await client.get("/user_id").cookie("user_id", "42").dispatch();
    assert.equal(res.status, 404);
  });

  test("the literal vector, sent as a cookie, opens in the app", async () => {
    const client = await Client.untracked(app());
    const res = await client
      .get("/user_id")
      .cookie("user_id", "oKGio6Slpqeoqaqrx9FqX1uhaJmNOlYtaYCzfks=")
      .dispatch();
    await expectResponse(res, { status: 200, contentType: TEXT, body: "User ID: 1" });
  });

  test("values sealed by the cookie crate open in an app configured with its 64 key bytes", async () => {
    const client = await Client.untracked(
      build()
        .configure({ log_level: "off", secret_key: [...COOKIE_CRATE_KEY] })
        .mount("/", [
          get("/", { jar: Cookies }, ({ jar }) => jar.getPrivate("encrypted_with_ring014")?.value ?? null),
        ]),
    );
    const res = await client.get("/").cookie("encrypted_with_ring014", RING_014).dispatch();
    await expectResponse(res, { status: 200, contentType: TEXT, body: "Tamper-proof" });
  });

  test("getPending sees a pending private cookie's plain value; getPrivate only the request's", async () => {
    const client = await Client.untracked(app());
    const res = await client.get("/pending").privateCookie("user_id", "1").dispatch();
    await expectResponse(res, { status: 200, contentType: TEXT, body: "1|2|1" });
    assert.equal(res.privateCookie("user_id")?.value, "2");
  });

  test("a tracked client logs in, is recognised, logs out and is forgotten", async () => {
    const client = await Client.tracked(app());
    assert.equal((await client.get("/user_id").dispatch()).status, 404);
    await client.post("/login").dispatch();
    await expectResponse(await client.get("/user_id").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "User ID: 1",
    });
    const before = Date.now();
    const out = await client.post("/logout").dispatch();
    const after = Date.now();
    assertExpiring(setCookies(out)[0], "user_id=; SameSite=Lax; Path=/; Max-Age=0", before, after, -YEAR_MS);
    assert.equal((await client.get("/user_id").dispatch()).status, 404);
    assert.equal(client.cookies.size, 0);
  });

  test("privateCookie on a response is undefined for a missing or plain cookie", async () => {
    const client = await Client.untracked(app());
    const res = await client.post("/login").dispatch();
    assert.equal(res.privateCookie("nope"), undefined);
    const plain = await client.get("/raw").dispatch();
    assert.equal(plain.privateCookie("user_id"), undefined);
  });
});
