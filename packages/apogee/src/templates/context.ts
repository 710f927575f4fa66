import { type FSWatcher, watch } from "node:fs";
import type { Logger } from "../log/logger.ts";
import { errorMessage } from "./engines.ts";
import { type Customize, type LoadedTemplate, TemplateSet } from "./template-set.ts";

/** A rendered template: its text and the `Content-Type` its name gives it. */
export interface Rendered {
  readonly contentType: string;
  readonly body: string;
}

/**
 * The templates an app renders (Rocket's `ContextManager`), managed as state by the Templating fairing: the
 * current `TemplateSet` and, in the debug profile, watchers that mark it stale so the next request reloads it.
 */
export class TemplateContext {
  #set: TemplateSet;
  readonly #customize: Customize | undefined;
  #reloading = false;
  /** The fairing that manages this context (a second Templating fairing is an ignite failure). */
  readonly owner: object;
  #watchers: FSWatcher[] = [];
  #stale = false;
  #pending: Promise<void> | undefined;

  constructor(set: TemplateSet, customize: Customize | undefined, reloading: boolean, owner: object) {
    this.#set = set;
    this.#customize = customize;
    this.owner = owner;
    this.reset(set, reloading);
  }

  /** Serves `set` from now on, watching its directories when `reloading` (an app ignited again). */
  reset(set: TemplateSet, reloading: boolean): void {
    this.#unwatch();
    this.#set = set;
    this.#reloading = reloading;
    this.#stale = false;
    if (reloading) this.#watch();
  }

  /** Whether templates reload after a change (the debug profile). */
  get reloading(): boolean {
    return this.#reloading;
  }

  /** The templates being served. */
  get set(): TemplateSet {
    return this.#set;
  }

  /** The template named `name`, or `undefined`. */
  get(name: string): LoadedTemplate | undefined {
    return this.#set.templates.get(name);
  }

  /** Every template name, sorted. */
  get names(): string[] {
    return [...this.#set.templates.keys()].sort();
  }

  /**
   * Renders template `name` with `context` (Rocket's `Metadata::render`). Every failure is logged, naming the
   * template, and gives `undefined`: an unknown name, a context that is not an object, an error while rendering.
   */
  render(name: string, context: unknown, log: Logger): Rendered | undefined | Promise<Rendered | undefined> {
    const t = this.#set.templates.get(name);
    if (t === undefined) {
      const known = this.names;
      log.error(
        `Template "${name}" does not exist.`,
        `known templates: ${known.length === 0 ? "none" : known.join(", ")}\nsearched in: ${this.#set.root}`,
      );
      return undefined;
    }
    if (typeof context !== "object" || context === null || Array.isArray(context)) {
      const what = context === null ? "null" : Array.isArray(context) ? "an array" : typeof context;
      log.error(`Template "${name}" (${t.file.relative}): the context must be an object, got ${what}.`);
      return undefined;
    }
    let out: string | Promise<string>;
    try {
      out = t.render(context);
    } catch (e) {
      return renderFailed(t, e, log);
    }
    if (typeof out === "string") return { contentType: t.file.contentType, body: out };
    return out.then(
      (body) => ({ contentType: t.file.contentType, body }),
      (e) => renderFailed(t, e, log),
    );
  }

  /**
   * Reloads the templates when a watcher saw a change since the last load (the debug profile's request hook).
   * Concurrent requests wait for the one reload. A failed reload is logged and the previous templates stay.
   */
  reloadIfChanged(log: Logger): Promise<void> | undefined {
    if (this.#pending !== undefined) return this.#pending;
    if (!this.#stale) return undefined;
    this.#stale = false;
    this.#pending = this.#reload(log).finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async #reload(log: Logger): Promise<void> {
    const result = await TemplateSet.load(this.#set.root, this.#customize);
    if (!result.ok) {
      log.error(
        "The templates changed but could not be reloaded; the previous ones stay active.",
        result.problems.join("\n"),
      );
      return;
    }
    for (const w of result.warnings) log.warn(w);
    if (log.enabled("normal")) log.info(`Templates reloaded from ${result.set.root}.`);
    // The new directories are watched before the old watchers close, and a change seen meanwhile stays pending.
    const old = this.#watchers;
    this.#watchers = [];
    this.#set = result.set;
    this.#watch();
    for (const w of old) w.close();
  }

  // One native watcher per directory (recursive watching keeps the process alive on Linux): unreferenced, so a
  // debug app or a test's client never holds the process open, and rebuilt after each reload.
  #watch(): void {
    const stale = () => {
      this.#stale = true;
    };
    for (const dir of this.#set.directories) {
      try {
        const w = watch(dir, { persistent: false }, stale);
        w.on("error", stale);
        this.#watchers.push(w);
      } catch {
        this.#stale = true; // the directory went away between the walk and now: reload on the next request
      }
    }
  }

  #unwatch(): void {
    for (const w of this.#watchers) w.close();
    this.#watchers = [];
  }

  /** Stops watching the template directory. */
  close(): void {
    this.#unwatch();
  }
}

function renderFailed(t: LoadedTemplate, e: unknown, log: Logger): undefined {
  log.error(`Error rendering template "${t.file.name}" (${t.file.relative}).`, errorMessage(e));
  return undefined;
}
