// Custom configuration sections extracted with any Standard Schema (ROCKET.md §11.3).
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, test } from "node:test";
import * as v from "valibot";
import { z } from "zod";
import { ConfigError, extractConfig, Figment } from "../src/index.ts";
import { appWith, tempDir } from "./support/config.ts";
import { expectEqual } from "./types/expect.ts";

const App = z.object({ name: z.string(), retries: z.number().int().default(3), tags: z.array(z.string()) });

async function rejection(p: Promise<unknown>): Promise<ConfigError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ConfigError, String(e));
    return e;
  }
  assert.fail("the extraction succeeded");
}

describe("custom configuration", () => {
  test("a section is extracted from the file and the environment, merged, and typed by the schema", async () => {
    const dir = tempDir({ "Apogee.toml": '[default.app]\nname = "books"\n[debug.app]\ntags = ["a"]\n' });
    const app = appWith({ APOGEE_APP: "{tags = [x, y]}" }, dir);
    const settings = await app.config(App, "app");
    expectEqual<typeof settings, { name: string; retries: number; tags: string[] }>(true);
    assert.deepEqual(settings, { name: "books", retries: 3, tags: ["x", "y"] });
  });

  test("without a key the whole configuration is given, Apogee's keys and unknown ones side by side", async () => {
    const figment = Figment.apogee({ env: { APOGEE_GREETING: "hello" }, cwd: tempDir() });
    const all = await figment.extract(z.object({ port: z.number(), greeting: z.string() }));
    assert.deepEqual(all, { port: 8000, greeting: "hello" });
  });

  test("a missing section is given to the schema as undefined, so optional sections work", async () => {
    const figment = Figment.apogee({ env: {}, cwd: tempDir() });
    assert.equal(await extractConfig(figment, App.optional(), "app"), undefined);
    const err = await rejection(extractConfig(figment, App, "app"));
    assert.deepEqual(err.problems, [
      "app is missing (profile debug): Invalid input: expected object, received undefined",
    ]);
  });

  test("every issue is listed with its dotted key, value, source and the profile", async () => {
    const dir = tempDir({
      "Apogee.toml": '[default.app]\nname = 5\ntags = ["ok", 7]\n[release.app]\nretries = 1.5\n',
    });
    const figment = Figment.apogee({ env: { APOGEE_PROFILE: "release" }, cwd: dir });
    const err = await rejection(figment.extract(App, "app"));
    const file = join(dir, "Apogee.toml");
    assert.deepEqual(err.problems, [
      `app.name = 5 (${file} [default], profile release): Invalid input: expected string, received number`,
      `app.retries = 1.5 (${file} [release], profile release): Invalid input: expected int, received number`,
      `app.tags[1] = 7 (${file} [default], profile release): Invalid input: expected string, received number`,
    ]);
    assert.equal(err.message.split("\n")[0], "Invalid configuration for `app`:");
  });

  test("values that look secret are never printed", async () => {
    const figment = Figment.from({ db: { password: 12345 } });
    const err = await rejection(figment.extract(z.object({ password: z.string() }), "db"));
    assert.deepEqual(err.problems, [
      "db.password = [hidden] (configure(), profile debug): Invalid input: expected string, received number",
    ]);
  });

  test("any Standard Schema works: valibot, and asynchronous checks", async () => {
    const figment = Figment.from({ app: { name: "x" } });
    assert.deepEqual(await figment.extract(v.object({ name: v.string() }), "app"), { name: "x" });
    const err = await rejection(figment.extract(v.object({ name: v.number() }), "app"));
    assert.deepEqual(err.problems, [
      'app.name = "x" (configure(), profile debug): Invalid type: Expected number but received "x"',
    ]);
    const slow = z.object({ name: z.string().refine(async (s) => s.length > 3, "too short") });
    const short = await rejection(figment.extract(slow, "app"));
    assert.deepEqual(short.problems, ['app.name = "x" (configure(), profile debug): too short']);
  });

  test("a source that cannot be read is reported by the extraction too", async () => {
    const dir = tempDir({ "Apogee.toml": "[default\n" });
    const err = await rejection(appWith({}, dir).config(App.optional(), "app"));
    assert.equal(err.problems.length, 1);
    assert.match(err.problems[0]!, /^\/.*Apogee\.toml \(profile debug\): not valid TOML: /);
  });

  test("findPath resolves a relative path from a file against the file's directory, other paths as given", async () => {
    const dir = tempDir({ "conf/Apogee.toml": '[default]\ntemplate_dir = "views"\n', "conf/x/.keep": "" });
    const figment = Figment.apogee({ env: { APOGEE_OTHER: "rel/dir" }, cwd: join(dir, "conf/x") });
    assert.equal(figment.findPath("template_dir"), join(dir, "conf/views"));
    assert.equal(figment.findPath("other"), "rel/dir");
    assert.equal(figment.findPath("missing"), undefined);
  });
});
