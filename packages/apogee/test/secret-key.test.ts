// The `secret_key` (ROCKET.md §3.6, §13): the configured forms, the errors for bad ones, the launch rules per
// profile, the banner line and warnings, and that a key never shows itself. No test reads the real environment.
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { inspect } from "node:util";
import { Figment } from "../src/config/figment.ts";
import { EXAMPLE_SECRET_KEY } from "../src/config/secret-key.ts";
import { sealCookieValue } from "../src/http/private-cookie.ts";
import {
  build,
  Client,
  type ConfigInput,
  Cookies,
  get,
  LaunchError,
  type LogLevel,
  SecretKey,
} from "../src/index.ts";
import { expectResponse, TEXT } from "./support/local.ts";

const BYTES_32 = Uint8Array.from({ length: 32 }, (_, i) => 200 - i);
const BASE64_32 = Buffer.from(BYTES_32).toString("base64");
const HEX_32 = Buffer.from(BYTES_32).toString("hex");
const BYTES_64 = Uint8Array.from({ length: 64 }, (_, i) => i * 3 + 1);
const BASE64_64 = Buffer.from(BYTES_64).toString("base64");

const whoami = get("/", { jar: Cookies }, ({ jar }) => jar.getPrivate("user_id")?.value ?? null);

/** An app that reads no file and no environment: only `input` over the defaults. */
function isolated(input: ConfigInput, level: LogLevel = "off") {
  const out: string[] = [];
  const err: string[] = [];
  const app = build()
    .configure(Figment.from())
    .configure({ log_level: level, ...input })
    .logTo({ out: (l) => out.push(l), err: (l) => err.push(l) })
    .mount("/", [whoami]);
  return { app, out, err };
}

async function launchError(input: ConfigInput): Promise<LaunchError> {
  try {
    await Client.untracked(isolated(input).app);
  } catch (e) {
    assert.ok(e instanceof LaunchError, String(e));
    return e;
  }
  assert.fail("expected the launch to fail");
}

describe("secret_key forms", () => {
  test("44-char base64, 64-char hex and the same 32 bytes as an array or Uint8Array are one key", () => {
    const keys = [BASE64_32, HEX_32, HEX_32.toUpperCase(), [...BYTES_32], BYTES_32].map((v) =>
      SecretKey.parse(v),
    );
    for (const k of keys) assert.ok(k instanceof SecretKey && k.isProvided, String(k));
    const [first, ...rest] = keys as SecretKey[];
    for (const k of rest) assert.ok(first!.equals(k));
  });

  test("an 88-char base64 key (64 bytes) is the cookie key itself, not expanded", () => {
    const parsed = SecretKey.parse(BASE64_64) as SecretKey;
    assert.ok(parsed.equals(SecretKey.from(BYTES_64)));
    assert.ok(!parsed.equals(SecretKey.from(BYTES_64.subarray(0, 63))));
  });

  test("other string lengths, bad base64, bad hex, short or non-byte material are refused with what was expected", () => {
    const cases: [unknown, string][] = [
      ["too short", "a string of length 44 or 88 for base64, 64 for hex (got length 9)"],
      [`${BASE64_32}A`, "a string of length 44 or 88 for base64, 64 for hex (got length 45)"],
      [`${BASE64_32.slice(0, 40)}!!!=`, "a valid base64 string"],
      [`${HEX_32.slice(0, 63)}g`, "a valid hex string"],
      [[...BYTES_32.subarray(0, 31)], "at least 32 bytes (got 31)"],
      [[...BYTES_32.subarray(0, 31), 256], "a base64 or hex string, or an array of bytes"],
      [42, "a base64 or hex string, or an array of bytes"],
    ];
    for (const [value, expected] of cases)
      assert.deepEqual(SecretKey.parse(value), { expected }, String(value));
    assert.throws(() => SecretKey.from(new Uint8Array(31)), /at least 32 bytes, got 31/);
  });

  test("all-zero material means no key", () => {
    assert.equal((SecretKey.parse("A".repeat(43) + "=") as SecretKey).kind, "zero");
    assert.equal(SecretKey.from(new Uint8Array(64)).kind, "zero");
  });

  test("a key never shows its bytes: String, JSON and inspect print its kind", () => {
    const key = SecretKey.parse(BASE64_32) as SecretKey;
    assert.equal(String(key), "[provided]");
    assert.equal(JSON.stringify({ secret_key: key }), '{"secret_key":"[provided]"}');
    assert.equal(inspect(key), "SecretKey [provided]");
    assert.equal(String(SecretKey.generate()), "[generated]");
    assert.equal(String(SecretKey.zero()), "[zero]");
  });
});

describe("secret_key at launch", () => {
  test("a bad secret_key aborts launch as invalid configuration, naming the key without its value", async () => {
    const e = await launchError({ secret_key: "s3cr3t-but-too-short" });
    assert.equal(e.kind, "config");
    assert.deepEqual(e.problems, [
      "secret_key = [hidden] (configure(), profile debug): expected a string of length 44 or 88 for base64, 64 for hex (got length 20)",
    ]);
    assert.ok(!e.message.includes("s3cr3t"));
    assert.equal(e.abort, "aborting due to invalid configuration");
  });

  test("no key outside debug aborts launch: release, and any other profile", async () => {
    for (const profile of ["release", "staging"]) {
      const e = await launchError({ profile });
      assert.equal(e.kind, "insecure");
      assert.deepEqual(e.problems, [
        `selected profile: ${profile}`,
        "configure a `secret_key` (e.g. APOGEE_SECRET_KEY=$(openssl rand -base64 32))",
      ]);
      assert.equal(e.abort, "aborting due to insecure configuration");
      assert.match(e.message, /aborting due to insecure configuration$/);
    }
  });

  test("an all-zero key is no key: release refuses it", async () => {
    const e = await launchError({ profile: "release", secret_key: new Uint8Array(32) });
    assert.equal(e.kind, "insecure");
  });

  test("release with a key launches, shows `secret key: [provided]` and warns about nothing", async () => {
    const { app, out, err } = isolated({ profile: "release", secret_key: BASE64_32 }, "normal");
    const client = await Client.untracked(app);
    assert.ok(out.includes("   >> secret key: [provided]"), out.join("\n"));
    assert.deepEqual(err, []);
    const sealed = sealCookieValue("user_id", "7", SecretKey.from(BYTES_32).encryption);
    await expectResponse(await client.get("/").cookie("user_id", sealed).dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "7",
    });
  });

  test("debug without a key generates one: `secret key: [generated]` and a warning right after it", async () => {
    const { app, out, err } = isolated({}, "normal");
    const client = await Client.tracked(app);
    const at = out.indexOf("   >> secret key: [generated]");
    assert.ok(at > out.indexOf("   >> cli colors: true"), out.join("\n"));
    assert.deepEqual(err, ["Warning: secrets enabled without a stable `secret_key`"]);
    assert.deepEqual(out.slice(at + 1, at + 3), [
      "   >> private cookies will not open after a restart: configure a `secret_key`",
      "   >> this becomes an error in non-debug profiles",
    ]);
    assert.equal(client.app.config.secret_key.kind, "generated");
    const res = await client.get("/").privateCookie("user_id", "3").dispatch();
    await expectResponse(res, { status: 200, contentType: TEXT, body: "3" });
  });

  test("debug with an all-zero key generates one too; two apps generate different keys", async () => {
    const a = await Client.untracked(isolated({ secret_key: new Uint8Array(64) }).app);
    const b = await Client.untracked(isolated({}).app);
    assert.equal(a.app.config.secret_key.kind, "generated");
    assert.ok(!a.app.config.secret_key.equals(b.app.config.secret_key));
    const sealedByA = sealCookieValue("user_id", "1", a.app.config.secret_key.encryption);
    assert.equal((await b.get("/").cookie("user_id", sealedByA).dispatch()).status, 404);
  });

  test("the documented example key launches with a warning that it is public", async () => {
    const { app, out, err } = isolated({ profile: "release", secret_key: EXAMPLE_SECRET_KEY }, "normal");
    await Client.untracked(app);
    assert.ok(out.includes("   >> secret key: [provided]"));
    assert.deepEqual(err, [
      "Warning: the configured `secret_key` is the example key from the documentation, so it is insecure",
    ]);
    assert.ok(out.includes("   >> generate a new one with `openssl rand -base64 32`"));
  });

  test("APOGEE_SECRET_KEY in the environment is a configured key", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "apogee-secret-"));
    const figment = Figment.apogee({ env: { APOGEE_PROFILE: "release", APOGEE_SECRET_KEY: HEX_32 }, cwd });
    const client = await Client.untracked(
      build().configure(figment).configure({ log_level: "off" }).mount("/", [whoami]),
    );
    assert.equal(client.app.config.profile, "release");
    assert.ok(client.app.config.secret_key.equals(SecretKey.from(BYTES_32)));
  });
});
