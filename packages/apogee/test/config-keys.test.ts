// Every key of ROCKET.md §11.1 is checked at ignite; a bad value aborts launch naming key, value, source, profile.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { appWith, capture, configError, ignite, SECRET, tempDir } from "./support/config.ts";

const PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

describe("every key is validated", () => {
  test("each bad value is reported at once with key, value, source and profile", async () => {
    const dir = tempDir({
      "Apogee.toml": [
        "[default]",
        'address = "localhost"',
        "port = 70000",
        "workers = 0",
        "ident = true",
        'ip_header = "Bad Header"',
        "keep_alive = -1",
        'log_level = "verbose"',
        'log_format = "xml"',
        'cli_colors = "maybe"',
        'temp_dir = "nope"',
        "[default.limits]",
        'json = "2 MB/s"',
        "form = -1",
        "[default.shutdown]",
        'ctrlc = "yes"',
        'signals = ["term", "kill"]',
        "grace = -1",
        'mercy = "3s"',
      ].join("\n"),
    });
    const file = join(dir, "Apogee.toml");
    const err = await configError(appWith({ APOGEE_PORT: "http" }, dir));
    const at = `(${file} [default], profile debug)`;
    assert.deepEqual(err.problems, [
      `address = "localhost" ${at}: expected an IP address (host names are not allowed)`,
      'port = "http" (APOGEE_PORT, profile debug): expected an integer from 0 to 65535',
      `workers = 0 ${at}: expected a number of processes from 1 to 1024, or "auto" (one per CPU)`,
      `ident = true ${at}: expected a server name of visible ASCII characters (not starting with a space), or false`,
      `ip_header = "Bad Header" ${at}: expected a header name, or false`,
      `keep_alive = -1 ${at}: expected a whole number of seconds (0 disables)`,
      `log_level = "verbose" ${at}: expected one of off, critical, normal, debug`,
      `log_format = "xml" ${at}: expected one of pretty, json`,
      `cli_colors = "maybe" ${at}: expected true or false (or 1 or 0)`,
      `temp_dir = "nope" ${at}: expected an existing directory (${join(dir, "nope")} does not exist)`,
      `limits.form = -1 ${at}: expected a byte size: a whole number of bytes or a size like "64 KiB" or "1.5 MiB"`,
      `limits.json = "2 MB/s" ${at}: expected a byte size: a whole number of bytes or a size like "64 KiB" or "1.5 MiB"`,
      `shutdown.ctrlc = "yes" ${at}: expected true or false`,
      `shutdown.signals = ["term","kill"] ${at}: expected a list of signal names from term, hup, int, quit, usr1, usr2, alrm, chld, io, pipe`,
      `shutdown.grace = -1 ${at}: expected a number of seconds (0 or more)`,
      `shutdown.mercy = "3s" ${at}: expected a number of seconds (0 or more)`,
    ]);
    assert.match(err.message, /^Apogee failed to launch due to invalid configuration:\n/);
  });

  test("an ident may not start with a space; a table where a value belongs is refused", async () => {
    const err = await configError(
      appWith({ APOGEE_IDENT: '" Apogee"', APOGEE_LIMITS: "64", APOGEE_SHUTDOWN: "5" }, tempDir()),
    );
    assert.deepEqual(err.problems, [
      'ident = " Apogee" (APOGEE_IDENT, profile debug): expected a server name of visible ASCII characters (not starting with a space), or false',
      'limits = 64 (APOGEE_LIMITS, profile debug): expected a table of limits, e.g. { json = "2 MiB" }',
      "shutdown = 5 (APOGEE_SHUTDOWN, profile debug): expected a table: { ctrlc, signals, grace, mercy }",
    ]);
  });

  test("the profile in a report is the selected one, and the source the table the value came from", async () => {
    const dir = tempDir({ "Apogee.toml": "[release]\nport = -5\n" });
    const err = await configError(appWith({ APOGEE_PROFILE: "release", APOGEE_SECRET_KEY: SECRET }, dir));
    assert.deepEqual(err.problems, [
      `port = -5 (${join(dir, "Apogee.toml")} [release], profile release): expected an integer from 0 to 65535`,
    ]);
  });

  test("a value from configure() is reported as coming from configure()", async () => {
    const err = await configError(appWith({}, tempDir()).configure({ port: 1.5 }));
    assert.deepEqual(err.problems, [
      "port = 1.5 (configure(), profile debug): expected an integer from 0 to 65535",
    ]);
  });

  test("cli_colors takes true/false in any case and 1/0, as Rocket does; log_level any case", async () => {
    for (const [raw, want] of [
      ["FALSE", false],
      ["0", false],
      ["1", true],
      ['"True"', true],
    ] as const) {
      const { config } = await ignite(
        appWith({ APOGEE_CLI_COLORS: raw, APOGEE_LOG_LEVEL: "DeBuG" }, tempDir()),
      );
      assert.equal(config.cli_colors, want, raw);
      assert.equal(config.log_level, "debug");
    }
  });

  test("limits take byte counts and sizes in any unit case, merged over the defaults", async () => {
    const { limits } = (
      await ignite(
        appWith(
          { APOGEE_LIMITS: '{JSON = "1.5 MiB", form = 100, "file/jpg" = "2mb", string = 64kib}' },
          tempDir(),
        ),
      )
    ).config;
    assert.equal(limits.get("json"), 1.5 * 1024 * 1024);
    assert.equal(limits.get("form"), 100);
    assert.equal(limits.get("file/jpg"), 2_000_000);
    assert.equal(limits.get("file/png"), 1024 * 1024);
    assert.equal(limits.get("string"), 64 * 1024);
    assert.equal(limits.get("bytes"), 8 * 1024);
  });

  test("IPv6 addresses, ip_header = false and ident = false are accepted", async () => {
    const { config } = await ignite(
      appWith({ APOGEE_ADDRESS: "::1", APOGEE_IP_HEADER: "false", APOGEE_IDENT: "false" }, tempDir()),
    );
    assert.deepEqual([config.address, config.ip_header, config.ident], ["::1", false, false]);
  });
});

describe("tls", () => {
  test("certs and key as paths relative to the file, or PEM text; defaults for the rest", async () => {
    const dir = tempDir({ "certs/cert.pem": PEM, "certs/key.pem": PEM });
    writeFileSync(
      join(dir, "Apogee.toml"),
      `[default.tls]\ncerts = "certs/cert.pem"\nkey = """\n${PEM}"""\n`,
    );
    const { tls } = (await ignite(appWith({}, dir))).config;
    assert.deepEqual(tls?.certs, { path: join(dir, "certs/cert.pem") });
    assert.deepEqual(tls?.key, { pem: PEM });
    assert.equal(tls?.ciphers.length, 9);
    assert.equal(tls?.prefer_server_cipher_order, false);
    assert.equal(tls?.mutual, null);
  });

  test("every problem is named: a missing key, an unreadable file, an unknown cipher, mutual without ca_certs", async () => {
    const dir = tempDir({
      "Apogee.toml":
        '[default.tls]\ncerts = "missing.pem"\nciphers = ["TLS_AES_128_GCM_SHA256", "RC4"]\nmutual = { mandatory = true }\n',
    });
    const at = `${join(dir, "Apogee.toml")} [default], profile debug`;
    const err = await configError(appWith({}, dir));
    assert.deepEqual(err.problems, [
      `tls.certs = "missing.pem" (${at}): expected a readable PEM file (${join(dir, "missing.pem")}: ENOENT)`,
      `tls.key is missing (${at}): expected a path to a PEM file, or the PEM text itself`,
      `tls.ciphers = ["TLS_AES_128_GCM_SHA256","RC4"] (${at}): expected a list of cipher suites from TLS_CHACHA20_POLY1305_SHA256, TLS_AES_256_GCM_SHA384, TLS_AES_128_GCM_SHA256, TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256`,
      `tls.mutual.ca_certs is missing (${at}): expected a path to a PEM file, or the PEM text itself`,
    ]);
  });
});

const KEY_LINE =
  /^ {3}>> (address|port|workers|ident|IP header|limits|temp dir|keep-alive|tls|shutdown|log level|log format|cli colors):/;

describe("the banner's Configured section", () => {
  async function configured(env: Record<string, string>, dir = tempDir()): Promise<string[]> {
    const log = capture();
    await ignite(appWith(env, dir, log));
    // Apogee's keys only (the secret key's line and its warning belong to the cookie tests).
    return log.out.filter((l) => l.startsWith("Configured for") || KEY_LINE.test(l));
  }

  test("lists every effective key in Rocket's order", async () => {
    const dir = tempDir();
    const lines = await configured(
      {
        APOGEE_PORT: "0",
        APOGEE_WORKERS: "3",
        APOGEE_KEEP_ALIVE: "0",
        APOGEE_TEMP_DIR: dir,
        APOGEE_SHUTDOWN: "{ctrlc=false, signals=[term, hup]}",
      },
      dir,
    );
    assert.deepEqual(lines, [
      "Configured for debug.",
      "   >> address: 127.0.0.1",
      "   >> port: 0",
      "   >> workers: 3",
      "   >> ident: Apogee",
      "   >> IP header: X-Real-IP",
      "   >> limits: bytes = 8KiB, data-form = 2MiB, file = 1MiB, form = 32KiB, json = 1MiB, msgpack = 1MiB, string = 8KiB",
      `   >> temp dir: ${dir}`,
      "   >> keep-alive: disabled",
      "   >> tls: disabled",
      "   >> shutdown: ctrlc = false, signals = [SIGTERM, SIGHUP], grace = 2s, mercy = 3s",
      "   >> log level: normal",
      "   >> log format: pretty",
      "   >> cli colors: true",
    ]);
  });

  test("tls shows enabled w/o mtls, enabled w/mtls, and disabled for an empty cipher list", async () => {
    const tls = (extra: string) => ({
      APOGEE_TLS: `{certs = "${PEM.replaceAll("\n", " ")}", key = "${PEM.replaceAll("\n", " ")}"${extra}}`,
    });
    const line = (lines: string[]) => lines.find((l) => l.startsWith("   >> tls:"));
    assert.equal(line(await configured(tls(""))), "   >> tls: enabled w/o mtls");
    assert.equal(
      line(await configured(tls(`, mutual = {ca_certs = "${PEM.replaceAll("\n", " ")}"}`))),
      "   >> tls: enabled w/mtls",
    );
    assert.equal(line(await configured(tls(", ciphers = []"))), "   >> tls: disabled");
  });

  test("deprecated keys and profiles are warned about after the section, as Rocket does", async () => {
    const dir = tempDir({
      "Apogee.toml": '[default]\nlog = "debug"\nmax_blocking = 8\n[development]\nport = 1\n',
    });
    const log = capture();
    await ignite(appWith({ APOGEE_ENV: "dev" }, dir, log));
    const file = join(dir, "Apogee.toml");
    assert.deepEqual(
      log.err.filter((l) => !l.includes("secret")),
      [
        "Warning: found value for deprecated config key `env` in APOGEE_ENV: it was replaced by APOGEE_PROFILE",
        `Warning: found value for deprecated config key \`log\` in ${file} [default]: it was replaced by \`log_level\``,
        `Warning: found value for deprecated config key \`max_blocking\` in ${file} [default]: it has no meaning in Apogee (Node has no blocking thread pool to size)`,
        "Warning: found deprecated profile `development`: profile was replaced by `debug`",
      ],
    );
  });
});
