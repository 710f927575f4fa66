import { createHash, randomBytes, scrypt, timingSafeEqual } from "node:crypto";

/** How `hashPassword` hashes. */
export interface HashOptions {
  /** `scrypt` (the default, `node:crypto`) or `argon2id` (needs the `argon2` package installed). */
  readonly algorithm?: "scrypt" | "argon2id";
  /** scrypt's cost as log2(N) (default 17: N = 131072, 128 MiB with r = 8; OWASP's minimum). */
  readonly cost?: number;
  /** scrypt's block size r (default 8). */
  readonly blockSize?: number;
}

const SALT_BYTES = 16;
const KEY_BYTES = 32;
// scrypt needs 128·N·r bytes; Node refuses more than `maxmem`, 32 MiB by default.
const maxmem = (n: number, r: number) => 128 * n * r + 1024 * 1024;

function scryptAsync(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize("NFC"), salt, KEY_BYTES, { N: n, r, p, maxmem: maxmem(n, r) }, (e, key) =>
      e ? reject(e) : resolve(key),
    ),
  );
}

const b64 = (b: Buffer) => b.toString("base64").replace(/=+$/, "");

/**
 * Hashes a password for storage, as a PHC string that records the algorithm, its parameters and the salt:
 * `$scrypt$ln=17,r=8,p=1$<salt>$<hash>` (scrypt from `node:crypto`, a 16-byte random salt), or argon2id's
 * own string with `{ algorithm: "argon2id" }` (loaded from the optional `argon2` package). The password is
 * NFC-normalised first, so the same text typed differently hashes the same.
 *
 * @example
 * const stored = await hashPassword("correct horse battery staple");
 * await verifyPassword("correct horse battery staple", stored); // true
 */
export async function hashPassword(password: string, options: HashOptions = {}): Promise<string> {
  if (typeof password !== "string") throw new TypeError("hashPassword(): the password must be a string");
  if (options.algorithm === "argon2id") {
    const argon2 = await loadArgon2();
    return argon2.hash(password.normalize("NFC"), { type: argon2.argon2id });
  }
  const ln = options.cost ?? 17;
  const r = options.blockSize ?? 8;
  if (!Number.isInteger(ln) || ln < 10 || ln > 24)
    throw new RangeError(`hashPassword(): cost (log2 N) must be 10–24, got ${ln}`);
  const salt = randomBytes(SALT_BYTES);
  const key = await scryptAsync(password, salt, 2 ** ln, r, 1);
  return `$scrypt$ln=${ln},r=${r},p=1$${b64(salt)}$${b64(key)}`;
}

const SCRYPT = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

/**
 * Whether `password` matches a hash from `hashPassword` (scrypt, or argon2 when the `argon2` package is
 * installed), compared in constant time. A malformed hash is `false`; an argon2 hash without the package
 * throws, naming it.
 */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  if (typeof password !== "string" || typeof hash !== "string") return false;
  if (hash.startsWith("$argon2")) {
    const argon2 = await loadArgon2();
    try {
      return await argon2.verify(hash, password.normalize("NFC"));
    } catch {
      return false;
    }
  }
  const m = SCRYPT.exec(hash);
  if (!m) return false;
  const [ln, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (ln < 1 || ln > 24 || r < 1 || p < 1) return false;
  const expected = Buffer.from(m[5]!, "base64");
  const actual = await scryptAsync(password, Buffer.from(m[4]!, "base64"), 2 ** ln, r, p).catch(
    () => undefined,
  );
  return actual !== undefined && actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * Whether two secrets (API keys, tokens) are equal, in time that depends on neither's content nor length: both
 * are hashed with SHA-256 first, then compared with `timingSafeEqual`.
 *
 * @example
 * const ApiKey = guard("ApiKey", (req) => safeEqual(req.header("x-api-key") ?? "", KEY) ? success(true) : forward(401));
 */
export function safeEqual(a: string | Uint8Array, b: string | Uint8Array): boolean {
  const ha = createHash("sha256").update(a).digest();
  const hb = createHash("sha256").update(b).digest();
  return timingSafeEqual(ha, hb);
}

interface Argon2 {
  readonly argon2id: number;
  hash(password: string, options: { type: number }): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

async function loadArgon2(): Promise<Argon2> {
  try {
    const mod = (await import("argon2")) as unknown as { default?: Argon2 } & Argon2;
    return mod.default ?? mod;
  } catch (e) {
    throw new Error("argon2 hashing needs the optional `argon2` package: npm install argon2", { cause: e });
  }
}
