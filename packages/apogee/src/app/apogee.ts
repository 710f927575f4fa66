import { type Catcher, CatcherTable, RegisteredCatcher } from "../catcher/catcher.ts";
import { type ConfigInput, defaultConfig, resolveConfig } from "../config/config.ts";
import { type Fairing, fairingKinds } from "../fairing/fairing.ts";
import { Shield } from "../fairing/shield.ts";
import { normalizeMountBase } from "../http/uri.ts";
import { Logger, type LogSink } from "../log/logger.ts";
import { formatSite } from "../route/definition-site.ts";
import { Route } from "../route/route.ts";
import { findCollisions } from "../router/collisions.ts";
import { MountedRoute } from "../router/mounted-route.ts";
import { Router } from "../router/router.ts";
import { printConfig, printItems } from "../server/banner.ts";
import { type Orbit, serve } from "../server/server.ts";
import type { UriArgs } from "../uri/types.ts";
import { type AnyRoute, uri } from "../uri/uri.ts";
import { Ignited } from "./ignited.ts";
import { LaunchError } from "./launch-error.ts";

/**
 * An app being built (Rocket's `Rocket<Build>`): mount routes, register catchers, attach fairings, configure;
 * then `ignite()` checks everything at once and `launch()` serves it.
 *
 * @example
 * await build().mount("/", [hello]).register("/", [notFound]).launch();
 */
export class Apogee {
  readonly #mounts: MountedRoute[] = [];
  readonly #catchers: RegisteredCatcher[] = [];
  #fairings: Fairing[] = [Shield.default()];
  #config: ConfigInput = {};
  readonly #warnings: string[] = [];
  #sink: LogSink | undefined;

  /**
   * Mounts `routes` at `base` (a static path; `/api/` is normalised to `/api`). The same routes may be mounted
   * at several bases. Throws when `base` is dynamic or not a path, or a route is not a route.
   */
  mount(base: string, routes: readonly Route<any, any, any, any>[]): this {
    const { path, query } = normalizeMountBase(base);
    if (query !== undefined)
      this.#warnings.push(`the query in mount point ${JSON.stringify(base)} is ignored`);
    routes.forEach((r, i) => {
      if (!(r instanceof Route)) {
        throw new TypeError(
          `mount(${JSON.stringify(base)}): item ${i} is not a route (declare routes with get, post, …)`,
        );
      }
      this.#mounts.push(new MountedRoute(r, path));
    });
    return this;
  }

  /** Registers `catchers` for requests whose path is under `base` (segment-wise: `/foo` covers `/foo/bar`). */
  register(base: string, catchers: readonly Catcher[]): this {
    const { path, query } = normalizeMountBase(base);
    if (query !== undefined)
      this.#warnings.push(`the query in catcher base ${JSON.stringify(base)} is ignored`);
    for (const c of catchers) this.#catchers.push(new RegisteredCatcher(c, path));
    return this;
  }

  /** Attaches a fairing; a singleton replaces earlier fairings with the same name (how `Shield` is replaced). */
  attach(fairing: Fairing): this {
    if (fairing.singleton) this.#fairings = this.#fairings.filter((f) => f.name !== fairing.name);
    this.#fairings.push(fairing);
    return this;
  }

  /** Sets configuration keys (Rocket's names: `port`, `log_level`, `shutdown`, …) over the defaults. */
  configure(config: ConfigInput): this {
    this.#config = { ...this.#config, ...config, shutdown: { ...this.#config.shutdown, ...config.shutdown } };
    return this;
  }

  /** Sends log lines to `sink` instead of stdout/stderr (for tests and embedding). */
  logTo(sink: LogSink): this {
    this.#sink = sink;
    return this;
  }

  /** The routes mounted so far, with their mount points. */
  get routes(): readonly MountedRoute[] {
    return this.#mounts;
  }

  /**
   * `uri(route, …)` with the route's mount point in front. Throws when the route is not mounted, or is mounted
   * at several bases (then say which with `uri.at(base)(…)`).
   *
   * @example
   * app.mount("/api", [person]);
   * app.uri(person, "Bob", 3); // "/api/person/Bob?age=3"
   */
  uri<R extends AnyRoute>(route: R, ...args: UriArgs<R>): string {
    const bases = [...new Set(this.#mounts.filter((m) => m.route === route).map((m) => m.base))];
    if (bases.length === 0) throw new Error(`app.uri(): ${route} is not mounted`);
    if (bases.length > 1) {
      throw new Error(`app.uri(): ${route} is mounted at ${bases.join(", ")}; pick one with uri.at(base)(…)`);
    }
    return uri.at(bases[0]!)(route, ...args);
  }

  /**
   * Checks and freezes the app: runs ignite fairings, resolves configuration, detects route and catcher
   * collisions, and prints the launch sections. Rejects with a `LaunchError` naming every culprit.
   */
  async ignite(): Promise<Ignited> {
    const failed: string[] = [];
    for (let i = 0; i < this.#fairings.length; i++) {
      const f = this.#fairings[i]!;
      try {
        await f.onIgnite?.();
      } catch (e) {
        failed.push(`${f.name}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    if (failed.length > 0)
      throw new LaunchError("fairings", "Apogee failed to launch due to failing fairings:", failed);

    const profile = this.#config.profile ?? "debug";
    const { config, problems } = resolveConfig(defaultConfig(profile), this.#config);
    if (problems.length > 0) {
      throw new LaunchError(
        "config",
        "Apogee failed to launch due to invalid configuration:",
        problems.map((p) => `${p.key} = ${JSON.stringify(p.value)}: expected ${p.expected}`),
      );
    }
    const colors = config.cli_colors && process.stdout.isTTY === true && this.#sink === undefined;
    const log = new Logger(config.log_level, colors, this.#sink);

    const collisions = findCollisions(this.#mounts).map(
      ([a, b]) => `${a} (${a.route.declaredAt}) collides with ${b} (${b.route.declaredAt})`,
    );
    const catchers = new CatcherTable(this.#catchers);
    for (const [a, b] of catchers.collisions()) {
      collisions.push(`catcher ${a} (${formatCatcherSite(a)}) collides with ${b} (${formatCatcherSite(b)})`);
    }
    if (collisions.length > 0) {
      throw new LaunchError(
        "collisions",
        "Apogee failed to launch due to the following collisions (give one of each pair a different rank):",
        collisions,
      );
    }

    for (const w of this.#warnings) log.warn(w);
    for (const m of this.#mounts)
      for (const w of m.route.warnings) log.warn(`${m} (${m.route.declaredAt}): ${w}`);
    printConfig(log, config);
    printItems(log, this.#mounts, catchers, this.#fairings.map(fairingKinds));
    return new Ignited({
      config,
      log,
      router: new Router(this.#mounts),
      catchers,
      fairings: [...this.#fairings],
    });
  }

  /**
   * Ignites, binds `address:port`, runs liftoff fairings and prints "Apogee has launched from …". Resolves
   * with the running server once it listens; SIGINT/SIGTERM (per `shutdown`) stop it gracefully.
   */
  async launch(): Promise<Orbit> {
    return serve(await this.ignite());
  }
}

function formatCatcherSite(c: RegisteredCatcher): string {
  return formatSite(c.catcher.site);
}

/** Starts building an app with the default fairings (Shield) and configuration. */
export function build(): Apogee {
  return new Apogee();
}
