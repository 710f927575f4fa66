// Helpers for configuration tests: temporary directories with config files, and apps that read an injected
// environment and working directory (never the real ones).
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after } from "node:test";
import {
  type Apogee,
  build,
  Client,
  type EnvVars,
  Figment,
  type Ignited,
  LaunchError,
  type LogSink,
} from "../../src/index.ts";

/** A 32-byte key in base64, for profiles other than `debug` (which refuse to launch without one). */
export const SECRET = Buffer.alloc(32, 7).toString("base64");

/** A fresh directory holding `files` (relative paths, directories created); removed after the test file. */
export function tempDir(files: Readonly<Record<string, string>> = {}): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "apogee-config-")));
  after(() => rmSync(root, { recursive: true, force: true }));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** Captured log lines. */
export interface Captured {
  readonly out: string[];
  readonly err: string[];
  readonly sink: LogSink;
}

/** A sink that keeps every line. */
export function capture(): Captured {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, sink: { out: (l) => out.push(l), err: (l) => err.push(l) } };
}

/** An app reading `env` and `cwd` through `Figment.apogee` (Apogee.toml, APOGEE_*), logging into `log`. */
export function appWith(env: EnvVars, cwd: string, log: Captured = capture()): Apogee {
  return build().configure(Figment.apogee({ env, cwd })).logTo(log.sink);
}

/** The ignited app for `app`. */
export async function ignite(app: Apogee): Promise<Ignited> {
  return (await Client.untracked(app)).app;
}

/** The launch error `app` fails with, asserting it is a configuration error. */
export async function configError(app: Apogee): Promise<LaunchError> {
  try {
    await Client.untracked(app);
  } catch (e) {
    assert.ok(e instanceof LaunchError, String(e));
    assert.equal(e.kind, "config", e.message);
    return e;
  }
  assert.fail("the app launched");
}
