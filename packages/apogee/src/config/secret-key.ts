import { createHmac, createSecretKey, type KeyObject, randomBytes, timingSafeEqual } from "node:crypto";

/** How an app got its secret key: none (all zero), generated at ignite (debug only), or configured. */
export type SecretKeyKind = "zero" | "generated" | "provided";

/** What `secret_key` may be configured as: a base64 (44 or 88 chars) or hex (64 chars) string, or bytes. */
export type SecretKeyInput = string | readonly number[] | Uint8Array | SecretKey;

const KEY_LEN = 64;
const INFO = Buffer.from("COOKIE;SIGNED:HMAC-SHA256;PRIVATE:AEAD-AES-256-GCM", "ascii");
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const HEX = /^[0-9a-fA-F]{64}$/;

/** The key Rocket's documentation shows as an example; configuring it is warned about at launch. */
export const EXAMPLE_SECRET_KEY = "hPRYyVRiMyxpw5sBB1XeCMN1kFsDCqKvBi2QJxBVHQk=";

/**
 * HKDF-SHA256 expand-only (RFC 5869 §2.3) with the raw secret as PRK, Rocket's info string, and L = 64:
 * T1 = HMAC(secret, info ‖ 1), T2 = HMAC(secret, T1 ‖ info ‖ 2). Node's `hkdfSync` would add an extract step.
 */
export function expandCookieKey(secret: Uint8Array): Buffer {
  const t1 = createHmac("sha256", secret).update(INFO).update(Uint8Array.of(1)).digest();
  const t2 = createHmac("sha256", secret).update(t1).update(INFO).update(Uint8Array.of(2)).digest();
  return Buffer.concat([t1, t2]);
}

/**
 * The app's secret key (Rocket's `SecretKey`), which seals private cookies. It holds Rocket's 64-byte cookie
 * key: signing half (bytes 0..32) and encryption half (bytes 32..64).
 *
 * - From 64 or more bytes of material, the first 64 are the key; from 32–63 bytes, the key is expanded with
 *   HKDF-SHA256 (`expandCookieKey`); fewer than 32 bytes is an error; all-zero material means "no key".
 * - It never shows its bytes: `String(key)` is `[zero]`, `[generated]` or `[provided]` (the launch banner's
 *   `secret key:` line).
 *
 * @example
 * build().configure({ secret_key: "hPRYyVRiMyxpw5sBB1XeCMN1kFsDCqKvBi2QJxBVHQk=" }); // any `openssl rand -base64 32`
 */
export class SecretKey {
  readonly #bytes: Buffer;
  readonly #kind: SecretKeyKind;
  #encryption: KeyObject | undefined;

  private constructor(bytes: Buffer, kind: SecretKeyKind) {
    this.#bytes = bytes;
    this.#kind = kind;
  }

  /** The all-zero key: no key was configured. */
  static zero(): SecretKey {
    return new SecretKey(Buffer.alloc(KEY_LEN), "zero");
  }

  /** A fresh random key (what a `debug` app without a `secret_key` uses until it stops). */
  static generate(): SecretKey {
    return new SecretKey(randomBytes(KEY_LEN), "generated");
  }

  /**
   * A key from raw material: at least 32 bytes (64 or more are used directly, fewer are expanded).
   * Throws a `RangeError` for fewer than 32 bytes; all-zero material gives the zero key.
   */
  static from(material: Uint8Array): SecretKey {
    if (material.length < 32)
      throw new RangeError(`a secret key needs at least 32 bytes, got ${material.length}`);
    if (material.every((b) => b === 0)) return SecretKey.zero();
    const bytes =
      material.length >= KEY_LEN ? Buffer.from(material.subarray(0, KEY_LEN)) : expandCookieKey(material);
    return new SecretKey(bytes, "provided");
  }

  /**
   * Reads a configured `secret_key` (ROCKET.md §3.6): a string of length 44 or 88 is base64, 64 is hex; an
   * array of byte values or a `Uint8Array` is the raw material. Returns the key, or what was expected.
   */
  static parse(input: unknown): SecretKey | { readonly expected: string } {
    if (input instanceof SecretKey) return input;
    let material: Uint8Array;
    if (typeof input === "string") {
      if (input.length === 44 || input.length === 88) {
        if (input.length % 4 !== 0 || !BASE64.test(input)) return { expected: "a valid base64 string" };
        material = Buffer.from(input, "base64");
      } else if (input.length === 64) {
        if (!HEX.test(input)) return { expected: "a valid hex string" };
        material = Buffer.from(input, "hex");
      } else {
        return {
          expected: `a string of length 44 or 88 for base64, 64 for hex (got length ${input.length})`,
        };
      }
    } else if (input instanceof Uint8Array) {
      material = input;
    } else if (
      Array.isArray(input) &&
      input.every((b) => typeof b === "number" && Number.isInteger(b) && b >= 0 && b <= 255)
    ) {
      material = Uint8Array.from(input as number[]);
    } else {
      return { expected: "a base64 or hex string, or an array of bytes" };
    }
    if (material.length < 32) return { expected: `at least 32 bytes (got ${material.length})` };
    return SecretKey.from(material);
  }

  /** `zero`, `generated` or `provided`. */
  get kind(): SecretKeyKind {
    return this.#kind;
  }

  /** Whether this is the all-zero key (no key). */
  get isZero(): boolean {
    return this.#kind === "zero";
  }

  /** Whether the key was configured (not generated, not zero): private cookies survive a restart. */
  get isProvided(): boolean {
    return this.#kind === "provided";
  }

  /** The 32-byte AES-256-GCM key that seals private cookies (bytes 32..64 of the cookie key). */
  get encryption(): KeyObject {
    this.#encryption ??= createSecretKey(this.#bytes.subarray(32, KEY_LEN));
    return this.#encryption;
  }

  /** Whether both keys are the same key (constant time). */
  equals(other: SecretKey): boolean {
    return timingSafeEqual(this.#bytes, other.#bytes);
  }

  /** Whether this is the example key from Rocket's documentation, which anyone can read. */
  get isPubliclyKnown(): boolean {
    return this.#kind === "provided" && this.equals(exampleKey());
  }

  /** `[zero]`, `[generated]` or `[provided]`: never the key itself. */
  toString(): string {
    return `[${this.#kind}]`;
  }

  /** Serialises as `[kind]`, so a logged config never leaks the key. */
  toJSON(): string {
    return this.toString();
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `SecretKey ${this.toString()}`;
  }
}

/**
 * The key an app runs with in `profile` (ROCKET.md §3.6): in `debug`, no key (zero) is replaced by a generated
 * one; otherwise the key as configured (ignite then refuses a missing key outside `debug`).
 */
export function keyForProfile(key: SecretKey, profile: string): SecretKey {
  return key.isZero && profile === "debug" ? SecretKey.generate() : key;
}

let example: SecretKey | undefined;
function exampleKey(): SecretKey {
  example ??= SecretKey.parse(EXAMPLE_SECRET_KEY) as SecretKey;
  return example;
}
