// Helpers for the template tests: template directories on disk and apps that render from them.
import assert from "node:assert/strict";
import { type Apogee, build, Client, type Fairing, LaunchError, type Route } from "../../src/index.ts";
import { Template } from "../../src/templates/index.ts";
import { type Captured, capture, SECRET, tempDir } from "../support/config.ts";

export { type Captured, capture, tempDir };

/** Options of `templatedApp`. */
export interface AppOptions {
  /** The Templating fairing to attach (`Template.fairing()` by default; `null` attaches none). */
  readonly fairing?: Fairing | null;
  readonly profile?: string;
  readonly log?: Captured;
  readonly logLevel?: "off" | "critical" | "normal";
}

/** An app rendering from `dir`, with `routes` at `/`, logging into `options.log` (errors only by default). */
export function templatedApp(
  dir: string,
  routes: readonly Route<any, any, any, any>[],
  options: AppOptions = {},
): Apogee {
  const log = options.log ?? capture();
  const app = build()
    .configure({
      template_dir: dir,
      log_level: options.logLevel ?? "critical",
      secret_key: SECRET,
      ...(options.profile === undefined ? {} : { profile: options.profile }),
    })
    .logTo(log.sink)
    .mount("/", routes);
  const fairing = options.fairing === undefined ? Template.fairing() : options.fairing;
  return fairing === null ? app : app.attach(fairing);
}

/** A tracked client for `templatedApp(dir, routes, options)`. */
export function templatedClient(
  dir: string,
  routes: readonly Route<any, any, any, any>[],
  options: AppOptions = {},
): Promise<Client> {
  return Client.tracked(templatedApp(dir, routes, options));
}

/** The launch error `app` fails with, asserting its kind. */
export async function launchError(app: Apogee, kind: LaunchError["kind"]): Promise<LaunchError> {
  try {
    await Client.untracked(app);
  } catch (e) {
    assert.ok(e instanceof LaunchError, String(e));
    assert.equal(e.kind, kind, e.message);
    return e;
  }
  assert.fail("the app launched");
}

/** Waits until `check` passes (a file watcher's event is asynchronous), for at most `ms` milliseconds. */
export async function eventually(check: () => Promise<boolean>, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) assert.fail(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
