// Configuration sources and precedence (ROCKET.md §11.2): defaults → Apogee.toml → APOGEE_* → configure().
import assert from "node:assert/strict";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { Limits } from "../src/config/limits.ts";
import { build, Figment } from "../src/index.ts";
import { appWith, capture, configError, ignite, SECRET, tempDir } from "./support/config.ts";

describe("configuration defaults and profiles", () => {
  test("with no file and no variables, every key has Rocket's default (Apogee's ident)", async () => {
    const { config } = await ignite(appWith({}, tempDir()));
    assert.equal(config.profile, "debug");
    assert.equal(config.address, "127.0.0.1");
    assert.equal(config.port, 8000);
    assert.equal(config.ident, "Apogee");
    assert.equal(config.ip_header, "X-Real-IP");
    assert.equal(config.keep_alive, 5);
    assert.equal(config.log_level, "normal");
    assert.equal(config.log_format, "pretty");
    assert.equal(config.cli_colors, true);
    assert.equal(config.temp_dir, tmpdir());
    assert.equal(String(config.limits), String(new Limits()));
    assert.equal(config.tls, null);
    assert.deepEqual(config.shutdown, { ctrlc: true, signals: ["term"], grace: 2, mercy: 3 });
  });

  test("NODE_ENV=production selects the release profile, whose default log level is critical", async () => {
    const { config } = await ignite(
      appWith({ NODE_ENV: "production", APOGEE_SECRET_KEY: SECRET }, tempDir()),
    );
    assert.equal(config.profile, "release");
    assert.equal(config.log_level, "critical");
  });

  test("APOGEE_PROFILE selects any profile, case-insensitively, and its table in Apogee.toml", async () => {
    const dir = tempDir({ "Apogee.toml": "[default]\nport = 1\n[Canary]\nport = 2\n" });
    const { config } = await ignite(appWith({ APOGEE_PROFILE: "CANARY", APOGEE_SECRET_KEY: SECRET }, dir));
    assert.equal(config.profile, "canary");
    assert.equal(config.port, 2);
  });

  test("APOGEE_PROFILE=release outside production keeps the debug defaults (log level normal), as Rocket does", async () => {
    const { config } = await ignite(
      appWith({ APOGEE_PROFILE: "release", APOGEE_SECRET_KEY: SECRET }, tempDir()),
    );
    assert.equal(config.profile, "release");
    assert.equal(config.log_level, "normal");
  });
});

describe("Apogee.toml", () => {
  const toml = [
    "[default]",
    "port = 1000",
    'ident = "Default"',
    "keep_alive = 7",
    "[debug]",
    "port = 2000",
    'ident = "Debug"',
    "[release]",
    "port = 3000",
    "[global]",
    'ident = "Global"',
  ].join("\n");

  test("the selected profile overrides [default], and [global] overrides both", async () => {
    const dir = tempDir({ "Apogee.toml": toml });
    const debug = (await ignite(appWith({}, dir))).config;
    assert.deepEqual([debug.port, debug.ident, debug.keep_alive], [2000, "Global", 7]);
    const release = (await ignite(appWith({ APOGEE_PROFILE: "release", APOGEE_SECRET_KEY: SECRET }, dir)))
      .config;
    assert.deepEqual([release.port, release.ident, release.keep_alive], [3000, "Global", 7]);
    const other = (await ignite(appWith({ APOGEE_PROFILE: "other", APOGEE_SECRET_KEY: SECRET }, dir))).config;
    assert.deepEqual([other.port, other.ident, other.keep_alive], [1000, "Global", 7]);
  });

  test("tables merge key by key across profiles: [default.limits], [global] limits and [debug.limits]", async () => {
    const dir = tempDir({
      "Apogee.toml":
        '[default.limits]\nstream = "50kb"\n[global]\nlimits = { forms = "2kb" }\n[debug.limits]\nfile = "100kb"\n',
    });
    const { limits } = (await ignite(appWith({}, dir))).config;
    assert.equal(limits.get("stream"), 50_000);
    assert.equal(limits.get("forms"), 2_000);
    assert.equal(limits.get("file"), 100_000);
    assert.equal(limits.get("json"), 1024 * 1024);
  });

  test("is found in a parent directory of the working directory", async () => {
    const dir = tempDir({ "Apogee.toml": "[default]\nport = 4321\n", "a/b/c/.keep": "" });
    const { config } = await ignite(appWith({}, join(dir, "a/b/c")));
    assert.equal(config.port, 4321);
  });

  test("APOGEE_CONFIG names another file, searched upwards too; an absolute path is used as is", async () => {
    const dir = tempDir({
      "x/y/.keep": "",
      "conf/Other.toml": "[default]\nport = 1111\n",
      "Apogee.toml": "[default]\nport = 2\n",
    });
    assert.equal(
      (await ignite(appWith({ APOGEE_CONFIG: "conf/Other.toml" }, join(dir, "x/y")))).config.port,
      1111,
    );
    const absolute = join(dir, "conf/Other.toml");
    assert.equal((await ignite(appWith({ APOGEE_CONFIG: absolute }, tempDir()))).config.port, 1111);
  });

  test("an APOGEE_CONFIG file that does not exist aborts launch, naming it", async () => {
    const dir = tempDir();
    const err = await configError(appWith({ APOGEE_CONFIG: "Missing.toml" }, dir));
    assert.deepEqual(err.problems, [
      `APOGEE_CONFIG (profile debug): "Missing.toml" was not found in ${dir} or any directory above it`,
    ]);
  });

  test("invalid TOML aborts launch with the file, line and column", async () => {
    const dir = tempDir({ "Apogee.toml": "[default]\nport = 80\nident = \n" });
    const err = await configError(appWith({}, dir));
    const file = join(dir, "Apogee.toml");
    assert.deepEqual(err.problems, [
      `${file} (profile debug): not valid TOML: invalid value (line 3, column 9)`,
    ]);
    assert.match(err.message, /\naborting due to invalid configuration$/);
  });

  test("a top-level key outside a profile table aborts launch naming the key", async () => {
    const dir = tempDir({ "Apogee.toml": 'port = 8000\naddress = "::1"\n[default]\nworkers = 2\n' });
    const err = await configError(appWith({}, dir));
    const file = join(dir, "Apogee.toml");
    const why =
      "a top-level key must be a profile table: put it under [default], [debug], [release] or [global]";
    assert.deepEqual(err.problems, [
      `port = 8000 (${file}, profile debug): ${why}`,
      `address = "::1" (${file}, profile debug): ${why}`,
    ]);
  });

  test("a relative temp_dir in the file is relative to the file's directory", async () => {
    const dir = tempDir({
      "Apogee.toml": '[default]\ntemp_dir = "uploads"\n',
      "uploads/.keep": "",
      "sub/.keep": "",
    });
    const { config } = await ignite(appWith({}, join(dir, "sub")));
    assert.equal(config.temp_dir, join(dir, "uploads"));
  });
});

describe("APOGEE_* environment variables", () => {
  test("override every profile of the file, [global] included", async () => {
    const dir = tempDir({ "Apogee.toml": "[debug]\nport = 1\n[global]\nport = 2\nworkers = 3\n" });
    const { config } = await ignite(appWith({ APOGEE_PORT: "9000" }, dir));
    assert.equal(config.port, 9000);
    assert.equal(config.workers, 3);
  });

  test("values parse as loose TOML: integers, booleans, inline tables, lists, bare strings", async () => {
    const env = {
      APOGEE_PORT: "8001",
      APOGEE_IDENT: "false",
      APOGEE_ADDRESS: "0.0.0.0",
      APOGEE_LOG_LEVEL: "Critical",
      APOGEE_LIMITS: '{json = "2 MiB", form=64KiB}',
      APOGEE_SHUTDOWN: "{signals = [term, hup], grace = 7}",
      APOGEE_IP_HEADER: '"CF-Connecting-IP"',
    };
    const { config } = await ignite(appWith(env, tempDir()));
    assert.equal(config.port, 8001);
    assert.equal(config.ident, false);
    assert.equal(config.address, "0.0.0.0");
    assert.equal(config.log_level, "critical");
    assert.equal(config.limits.get("json"), 2 * 1024 * 1024);
    assert.equal(config.limits.get("form"), 64 * 1024);
    assert.deepEqual(config.shutdown, { ctrlc: true, signals: ["term", "hup"], grace: 7, mercy: 3 });
    assert.equal(config.ip_header, "CF-Connecting-IP");
  });

  test("a table from the environment merges with the file's, key by key", async () => {
    const dir = tempDir({ "Apogee.toml": '[global.limits]\nforms = "1mib"\nstream = "50kb"\n' });
    const { limits } = (await ignite(appWith({ APOGEE_LIMITS: "{stream=3MiB,capture=2MiB}" }, dir))).config;
    assert.deepEqual(
      [limits.get("forms"), limits.get("stream"), limits.get("capture")],
      [1024 * 1024, 3 * 1024 * 1024, 2 * 1024 * 1024],
    );
  });

  test("the prefix matches in any case; APOGEE_PROFILE and APOGEE_CONFIG are not keys; a dot nests", async () => {
    const figment = Figment.apogee({
      env: { apogee_port: "7", APOGEE_PROFILE: "debug", "APOGEE_LIMITS.JSON": "5" },
    });
    assert.equal(figment.find("port")?.value, 7);
    assert.equal(figment.find("limits.json")?.value, 5);
    assert.equal(figment.find("profile"), undefined);
    assert.equal(figment.find("config"), undefined);
  });
});

describe("configure()", () => {
  test("keys override the file and the environment for those keys only; tables merge", async () => {
    const dir = tempDir({ "Apogee.toml": '[global]\nport = 1\nworkers = 4\nlimits = { json = "3 MiB" }\n' });
    const app = appWith({ APOGEE_PORT: "2", APOGEE_KEEP_ALIVE: "9" }, dir).configure({
      port: 3,
      limits: { form: "1 KiB" },
      shutdown: { grace: 1 },
    });
    const { config } = await ignite(app);
    assert.deepEqual([config.port, config.workers, config.keep_alive], [3, 4, 9]);
    assert.deepEqual([config.limits.get("json"), config.limits.get("form")], [3 * 1024 * 1024, 1024]);
    assert.deepEqual(config.shutdown, { ctrlc: true, signals: ["term"], grace: 1, mercy: 3 });
  });

  test("later calls win, and a Limits value is taken whole", async () => {
    const app = appWith({}, tempDir())
      .configure({ port: 1, limits: new Limits({ json: 10 }) })
      .configure({ port: 2 });
    const { config } = await ignite(app);
    assert.equal(config.port, 2);
    assert.equal(config.limits.get("json"), 10);
  });

  test("profile selects the profile, over APOGEE_PROFILE", async () => {
    const dir = tempDir({ "Apogee.toml": "[staged]\nport = 5\n[canary]\nport = 6\n" });
    const app = appWith({ APOGEE_PROFILE: "staged", APOGEE_SECRET_KEY: SECRET }, dir).configure({
      profile: "canary",
    });
    const { config } = await ignite(app);
    assert.deepEqual([config.profile, config.port], ["canary", 6]);
  });

  test("a Figment replaces the sources: nothing from the file or the environment is read", async () => {
    const dir = tempDir({ "Apogee.toml": "[default]\nport = 1\nworkers = 9\n" });
    const app = appWith({ APOGEE_KEEP_ALIVE: "1" }, dir).configure(Figment.from({ port: 2 }));
    const { config } = await ignite(app);
    assert.deepEqual([config.port, config.workers === 9, config.keep_alive], [2, false, 5]);
  });

  test("build() alone reads the process's sources lazily: configure() before ignite replaces them unread", async () => {
    const log = capture();
    const app = build()
      .logTo(log.sink)
      .configure(Figment.from({ port: 0, log_level: "off" }));
    assert.equal(app.figment.find("port")?.value, 0);
    assert.equal((await ignite(app)).config.port, 0);
    assert.deepEqual(log.out, []);
  });
});
