import { resolve } from "node:path";
import type { Apogee } from "../app/apogee.ts";
import type { Fairing, OrbitInfo } from "../fairing/fairing.ts";
import type { Request } from "../request/request.ts";
import { err, type Result } from "../request/result.ts";
import { TemplateContext } from "./context.ts";
import { type Customize, TemplateSet } from "./template-set.ts";

/** The configuration key naming the template directory, and its default (relative to the working directory). */
export const TEMPLATE_DIR_KEY = "template_dir";
const DEFAULT_TEMPLATE_DIR = "templates";

/**
 * The Templating fairing (Rocket's `Template::fairing()`): kinds ignite and liftoff, plus request and shutdown in
 * the debug profile (reloading, and closing the watchers).
 *
 * - Ignite: reads `template_dir` (default `templates`; a relative path set in `Apogee.toml` is relative to that
 *   file's directory, anywhere else to the working directory), loads and compiles every template, runs the
 *   customisation, and manages the result. Any problem fails the fairing, all of them listed, and launch aborts.
 * - Liftoff: logs the directory and the engines in use, and any template skipped for a duplicate name.
 * - Request (debug profile only): reloads the templates when a file changed since the last load.
 */
export class TemplateFairing implements Fairing {
  readonly name = "Templating";
  readonly #customize: Customize | undefined;
  #warnings: readonly string[] = [];
  onRequest?: (req: Request) => void | Promise<void>;
  onShutdown?: () => void;

  constructor(customize?: Customize) {
    this.#customize = customize;
  }

  async onIgnite(app: Apogee): Promise<Result<unknown, string> | undefined> {
    const managed = app.state(TemplateContext);
    if (managed !== undefined && managed.owner !== this) {
      return err("templates are already managed by another Templating fairing: attach only one");
    }
    const dir = templateDir(app);
    if (typeof dir !== "string") return err(dir.problem);

    const result = await TemplateSet.load(dir, this.#customize);
    if (!result.ok) {
      // One problem per line, an engine's multi-line message (a parse error's pointer) indented under its own.
      const lines = result.problems.map((p) => p.replaceAll("\n", "\n        "));
      return err(`template initialization failed:\n      ${lines.join("\n      ")}`);
    }
    this.#warnings = result.warnings;
    const reloading = app.figment.profile === "debug";
    let context = managed;
    // An app ignited again keeps its managed context (state cannot be managed twice); it takes the new templates.
    if (context === undefined) {
      context = new TemplateContext(result.set, this.#customize, reloading, this);
      app.manage(context);
    } else context.reset(result.set, reloading);
    this.#setReloading(reloading ? context : undefined);
    return undefined;
  }

  onLiftoff(orbit: OrbitInfo): void {
    const context = orbit.app.state(TemplateContext);
    if (context === undefined) return;
    const log = orbit.log;
    log.info(log.emoji("📐", "Templating:"));
    log.detail(`directory: ${context.set.root}`);
    log.detail(`engines: ${context.set.engines.length === 0 ? "none" : context.set.engines.join(", ")}`);
    if (context.reloading) log.detail("reloading: on the next request after a change");
    for (const w of this.#warnings) log.warn(w);
  }

  // The request and shutdown kinds exist only while the templates reload (the debug profile), as in Rocket.
  #setReloading(context: TemplateContext | undefined): void {
    if (context === undefined) {
      Reflect.deleteProperty(this, "onRequest");
      Reflect.deleteProperty(this, "onShutdown");
      return;
    }
    this.onRequest = (req) => context.reloadIfChanged(req.log);
    this.onShutdown = () => context.close();
  }
}

/** The template directory from the app's configuration, or why `template_dir` is unusable. */
function templateDir(app: Apogee): string | { problem: string } {
  const found = app.figment.find(TEMPLATE_DIR_KEY);
  if (found === undefined) return resolve(DEFAULT_TEMPLATE_DIR);
  if (typeof found.value !== "string" || found.value.trim() === "") {
    const from = found.layer === undefined ? "" : ` (from ${found.layer.source})`;
    return {
      problem: `\`${TEMPLATE_DIR_KEY}\` must be a directory path, got ${JSON.stringify(found.value)}${from}`,
    };
  }
  return resolve(app.figment.findPath(TEMPLATE_DIR_KEY)!);
}
