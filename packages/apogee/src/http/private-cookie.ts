/**
 * Sealing and opening private cookie values, byte-compatible with Rocket (ROCKET.md §3.5, cookie crate 0.18
 * `secure/private.rs`): AES-256-GCM with a 12-byte random nonce, the cookie's name as associated data, and
 * the value stored as standard padded base64 of `nonce ‖ ciphertext ‖ tag(16)`.
 *
 * The key is the 32-byte encryption half of the app's cookie key (`SecretKey.encryption`).
 */
import { createCipheriv, createDecipheriv, type KeyObject, randomBytes } from "node:crypto";

const NONCE_LEN = 12;
const TAG_LEN = 16;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Seals `value` for the cookie `name`. `nonce` is for known-answer tests only; production always draws a
 * fresh random one.
 */
export function sealCookieValue(
  name: string,
  value: string,
  key: KeyObject | Uint8Array,
  nonce: Uint8Array = randomBytes(NONCE_LEN),
): string {
  if (nonce.length !== NONCE_LEN) throw new RangeError(`a private cookie nonce is ${NONCE_LEN} bytes`);
  const cipher = createCipheriv("aes-256-gcm", key, nonce, { authTagLength: TAG_LEN });
  cipher.setAAD(Buffer.from(name, "utf8"));
  const body = Buffer.concat([cipher.update(value, "utf8"), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]).toString("base64");
}

/**
 * Opens a value sealed for the cookie `name`; `undefined` when it is not canonical padded base64, is too short,
 * fails authentication (tampered, truncated, sealed for another name or with another key) or is not UTF-8.
 */
export function openCookieValue(
  name: string,
  sealed: string,
  key: KeyObject | Uint8Array,
): string | undefined {
  if (sealed.length % 4 !== 0 || !BASE64.test(sealed)) return undefined;
  const data = Buffer.from(sealed, "base64");
  // Non-canonical base64 (stray bits in the last character) decodes to the same bytes; Rocket refuses it.
  if (data.length < NONCE_LEN + TAG_LEN || data.toString("base64") !== sealed) return undefined;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, data.subarray(0, NONCE_LEN), {
      authTagLength: TAG_LEN,
    });
    decipher.setAAD(Buffer.from(name, "utf8"));
    decipher.setAuthTag(data.subarray(data.length - TAG_LEN));
    const plain = Buffer.concat([
      decipher.update(data.subarray(NONCE_LEN, data.length - TAG_LEN)),
      decipher.final(),
    ]);
    return UTF8.decode(plain);
  } catch {
    return undefined;
  }
}
