import { type Catcher, CatcherTable, RegisteredCatcher } from "../catcher/catcher.ts";
import { type ConfigInput, inputProvider } from "../config/config.ts";
import { formatProblem } from "../config/config-error.ts";
import { Figment } from "../config/figment.ts";
import { readConfig } from "../config/keys.ts";
import type { SchemaOutput, StandardSchema } from "../data/standard-schema.ts";
import { type Fairing, fairingKinds } from "../fairing/fairing.ts";
import { Shield } from "../fairing/shield.ts";
import { normalizeMountBase } from "../http/uri.ts";
import { Logger, type LogSink } from "../log/logger.ts";
import { ManagedState, type StateKeyLike, type StateValue } from "../request/managed-state.ts";
import { formatSite } from "../route/definition-site.ts";
import { Route } from "../route/route.ts";
import { findCollisions } from "../router/collisions.ts";
import { MountedRoute } from "../router/mounted-route.ts";
import { Router } from "../router/router.ts";
import { printConfig, printItems } from "../server/banner.ts";
import { launchApp } from "../server/launch.ts";
import type { Orbit } from "../server/server.ts";
import type { UriArgs } from "../uri/types.ts";
import { type AnyRoute, uri } from "../uri/uri.ts";
import { Ignited } from "./ignited.ts";
import { LaunchError } from "./launch-error.ts";
import { sentinelAborts } from "./sentinels.ts";

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
  readonly #state = new ManagedState();
  // While ignite fairings run: the index of the running one (fairings attached meanwhile run in the same pass).
  #igniting = -1;
  readonly #lateSingletons: string[] = [];
  // Read at ignite; `build()` starts from Apogee.toml and APOGEE_* of the real process (Rocket's `Config::figment()`).
  #figment: Figment = Figment.apogee();
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

  /**
   * Attaches a fairing. A singleton replaces earlier fairings with the same name (how `Shield` is replaced).
   * Attached by an ignite fairing, it runs its own `onIgnite` in the same pass; but replacing a singleton whose
   * `onIgnite` already ran is an ignite failure (the one-instance promise could not be kept).
   */
  attach(fairing: Fairing): this {
    if (fairing.singleton) {
      for (let j = this.#fairings.length - 1; j >= 0; j--) {
        const f = this.#fairings[j]!;
        if (f.name !== fairing.name) continue;
        if (j <= this.#igniting) {
          if (f.onIgnite !== undefined) this.#lateSingletons.push(fairing.name);
          this.#igniting--;
        }
        this.#fairings.splice(j, 1);
      }
    }
    this.#fairings.push(fairing);
    return this;
  }

  /**
   * Manages state (Rocket's `manage`): one value per key, read by the `State(key)` guard. A lone class instance
   * is keyed by its class (`manage(new HitCount())`, `State(HitCount)`); any other value needs a key made with
   * `stateKey(name)` (`manage(Greeting, "hi")`). Throws when the key is already managed, or when a lone value
   * has no class of its own (a number, a plain object, a `Map`).
   *
   * @example
   * class HitCount { count = 0 }
   * const Greeting = stateKey<string>("greeting");
   * build().manage(new HitCount()).manage(Greeting, "Hello");
   */
  manage<T extends object>(value: T): this;
  manage<K extends StateKeyLike>(key: K, value: StateValue<K>): this;
  manage(...args: [unknown] | [unknown, unknown]): this {
    if (args.length === 1) this.#state.set(ManagedState.classOf(args[0]), args[0]);
    else this.#state.set(args[0], args[1]);
    return this;
  }

  /** The value managed under `key` so far (ignite fairings read it), or `undefined`. */
  state<K extends StateKeyLike>(key: K): StateValue<K> | undefined {
    return this.#state.get(key);
  }

  /**
   * Configures the app (Rocket's `configure`).
   *
   * - Keys (`{ port: 0, log_level: "off" }`, Rocket's names) are merged on top of the current sources: they
   *   override `Apogee.toml` and `APOGEE_*` for those keys only (tables such as `limits` and `shutdown` merge key
   *   by key); `profile` selects the profile.
   * - A `Figment` replaces the sources altogether, as Rocket's `configure(provider)` does:
   *   `configure(Figment.apogee({ env, cwd }))` reads a given environment, `Figment.from(...)` only its own.
   */
  configure(config: ConfigInput | Figment): this {
    this.#figment = config instanceof Figment ? config : this.#figment.merge(inputProvider(config));
    return this;
  }

  /** The configuration sources (Rocket's `rocket.figment()`): read custom keys from it. */
  get figment(): Figment {
    return this.#figment;
  }

  /**
   * Extracts and validates a custom configuration section now (Rocket's `figment().extract_inner(key)`): see
   * `extractConfig`. Rejects with a `ConfigError` naming every bad key, its value, source and profile.
   *
   * @example
   * const { name } = await app.config(z.object({ name: z.string() }), "app");
   */
  config<S extends StandardSchema>(schema: S, key?: string): Promise<SchemaOutput<S>> {
    return this.#figment.extract(schema, key);
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
   * collisions, prints the launch sections, freezes managed state and queries the routes' sentinels. Rejects with
   * a `LaunchError` naming every culprit. Ignite fairings run again on every call: ignite an app once.
   */
  async ignite(): Promise<Ignited> {
    await this.#igniteFairings();

    const { config, problems, warnings } = readConfig(this.#figment);
    if (problems.length > 0) {
      throw new LaunchError(
        "config",
        "Apogee failed to launch due to invalid configuration:",
        problems.map(formatProblem),
      );
    }
    // Private cookies need a stable key: only `debug` may run with a generated one (ROCKET.md §3.6).
    if (config.profile !== "debug" && !config.secret_key.isProvided) {
      throw new LaunchError(
        "insecure",
        "Apogee failed to launch: no `secret_key` outside the debug profile:",
        [
          `selected profile: ${config.profile}`,
          "configure a `secret_key` (e.g. APOGEE_SECRET_KEY=$(openssl rand -base64 32))",
        ],
      );
    }
    const colors = config.cli_colors && process.stdout.isTTY === true && this.#sink === undefined;
    const log = new Logger(config.log_level, colors, this.#sink, config.log_format);

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
    for (const w of warnings) log.warn(w);
    printItems(log, this.#mounts, catchers, this.#fairings.map(fairingKinds));
    const ignited = new Ignited({
      config,
      log,
      router: new Router(this.#mounts),
      catchers,
      fairings: [...this.#fairings],
      managed: this.#state.freeze(),
    });
    const aborts = sentinelAborts(this.#mounts, ignited);
    if (aborts.length > 0) {
      throw new LaunchError("sentinels", "Apogee failed to launch due to aborting sentinels:", aborts);
    }
    return ignited;
  }

  // Ignite fairings, in attach order, those attached meanwhile included; every failure is collected, then all
  // are reported at once (ROCKET.md §9).
  async #igniteFairings(): Promise<void> {
    const failed: string[] = [];
    let cause: unknown;
    this.#lateSingletons.length = 0;
    try {
      for (this.#igniting = 0; this.#igniting < this.#fairings.length; this.#igniting++) {
        const f = this.#fairings[this.#igniting]!;
        if (f.onIgnite === undefined) continue;
        let out: Awaited<ReturnType<NonNullable<Fairing["onIgnite"]>>>;
        try {
          out = await f.onIgnite(this);
        } catch (e) {
          cause ??= e;
          failed.push(`${f.name}: ${e instanceof Error ? e.message : String(e)}`);
          continue;
        }
        if (out !== undefined && out !== null && out.ok === false) {
          const why = out.error instanceof Error ? out.error.message : out.error;
          failed.push(why === undefined ? f.name : `${f.name}: ${String(why)}`);
        }
      }
    } finally {
      this.#igniting = -1;
    }
    for (const name of this.#lateSingletons) {
      failed.push(
        `${name}: a singleton with this name already ran its ignite callback before being replaced`,
      );
    }
    if (failed.length > 0) {
      throw new LaunchError("fairings", "Apogee failed to launch due to failing fairings:", failed, cause);
    }
  }

  /**
   * Ignites, binds `address:port`, runs liftoff fairings and prints "Apogee has launched from …". Resolves
   * with the running server once it listens; SIGINT/SIGTERM (per `shutdown`) stop it gracefully.
   *
   * - With `tls`, serves HTTPS: HTTP/2 and HTTP/1.1 by ALPN (mutual TLS with `tls.mutual`).
   * - With `workers > 1`, this process becomes the primary of that many worker processes sharing the port,
   *   each running this same script; the banner and the launch line print once.
   */
  async launch(): Promise<Orbit> {
    return launchApp(this, this.#sink);
  }
}

function formatCatcherSite(c: RegisteredCatcher): string {
  return formatSite(c.catcher.site);
}

/** Starts building an app with the default fairings (Shield) and configuration. */
export function build(): Apogee {
  return new Apogee();
}
