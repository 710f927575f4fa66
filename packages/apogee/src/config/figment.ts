import { dirname, isAbsolute, resolve } from "node:path";
import type { SchemaOutput, StandardSchema } from "../data/standard-schema.ts";
import { defaultValues } from "./config.ts";
import { ConfigError, type ConfigProblem } from "./config-error.ts";
import { extractConfig } from "./extract.ts";
import { Env, type EnvVars, Toml } from "./providers.ts";

/**
 * Values one source gives one profile: a table of `Apogee.toml`, one environment variable, a `configure()` call.
 * `default` and `global` are profiles too: the selected profile's values override `default`, `global` overrides
 * both.
 */
export interface ConfigLayer {
  /** The profile (lower-case): `default`, `global`, `debug`, `release`, or any other name. */
  readonly profile: string;
  readonly values: Readonly<Record<string, unknown>>;
  /** Where the values came from, as reports show it: `APOGEE_PORT`, `/srv/app/Apogee.toml [debug]`, … */
  readonly source: string;
  /** The file the values were read from; relative paths in them are relative to its directory. */
  readonly file?: string;
}

/**
 * A source of configuration (figment's `Provider`). `layers()` is called once, when the configuration is first
 * read; it may throw (a `ConfigError` listing every problem, or any error) to report a source it cannot read.
 * A provider with a `profile` selects that profile when merged.
 */
export interface Provider {
  readonly name: string;
  readonly profile?: string;
  layers(): readonly ConfigLayer[];
}

/** A configuration value and the layer it came from (`undefined` for a key nobody set). */
export interface Found {
  readonly key: string;
  readonly value: unknown;
  readonly layer: ConfigLayer | undefined;
}

/** Options for `Figment.apogee`: the environment and working directory to read (the process's by default). */
export interface FigmentOptions {
  readonly env?: EnvVars;
  readonly cwd?: string;
}

interface Resolved {
  readonly data: Record<string, unknown>;
  readonly sources: Map<string, ConfigLayer>;
  readonly profiles: readonly string[];
  readonly problems: readonly ConfigProblem[];
}

/**
 * A chain of configuration sources merged key by key (Rocket's `Figment`), read for one selected profile.
 *
 * - Later providers override earlier ones; tables merge key by key (`limits` from a file and from
 *   `APOGEE_LIMITS` combine), anything else is replaced.
 * - For the selected profile, values come from `default`, then the profile, then `global`.
 * - Sources are read lazily, once, when a value is first asked for. A figment is immutable: `merge` and
 *   `select` return new ones.
 *
 * @example
 * const figment = Figment.apogee().merge({ port: 9000 });
 * const app = build().configure(figment);
 */
export class Figment {
  readonly #providers: readonly Provider[];
  readonly #profile: string;
  #resolved: Resolved | undefined;

  private constructor(providers: readonly Provider[], profile: string) {
    this.#providers = providers;
    this.#profile = profile;
  }

  /**
   * Apogee's default figment (Rocket's `Config::figment()`): the defaults, then `Apogee.toml` (or the file
   * `APOGEE_CONFIG` names, searched from the working directory upwards), then every `APOGEE_<KEY>` variable.
   *
   * - The profile is `APOGEE_PROFILE`, else `release` when `NODE_ENV=production`, else `debug`.
   * - `NODE_ENV=production` also selects the release defaults (`log_level = "critical"`).
   * - `env` and `cwd` default to the process's; tests pass their own.
   */
  static apogee(options: FigmentOptions = {}): Figment {
    const env = options.env ?? process.env;
    const cwd = options.cwd ?? process.cwd();
    const release = env.NODE_ENV === "production";
    const named = env.APOGEE_CONFIG;
    const file = named !== undefined && named.trim() !== "" ? named : undefined;
    const providers: Provider[] = [
      {
        name: "Apogee's defaults",
        layers: () => [{ profile: "default", values: defaultValues(release), source: "defaults" }],
      },
      Toml.file(file ?? "Apogee.toml", { cwd, required: file !== undefined, via: file && "APOGEE_CONFIG" }),
      Env.prefixed("APOGEE_", { env, ignore: ["profile", "config"] }),
    ];
    const selected = env.APOGEE_PROFILE?.trim();
    return new Figment(providers, normalizeProfile(selected || (release ? "release" : "debug")));
  }

  /**
   * A figment of just these providers, reading `debug` unless one selects a profile (plain objects are values set
   * in `global`, as `merge` takes them). Keys nobody sets take the debug defaults when Apogee reads them.
   */
  static from(...providers: (Provider | Readonly<Record<string, unknown>>)[]): Figment {
    return providers.reduce<Figment>((f, p) => f.merge(p), new Figment([], "debug"));
  }

  /**
   * This figment with `provider` on top. A plain object is a set of values that override every profile (the
   * `global` table), reported as coming from `configure()`.
   */
  merge(provider: Provider | Readonly<Record<string, unknown>>): Figment {
    const p = isProvider(provider) ? provider : valuesProvider(provider);
    return new Figment(
      [...this.#providers, p],
      p.profile === undefined ? this.#profile : normalizeProfile(p.profile),
    );
  }

  /** This figment reading `profile` (profile names are case-insensitive). */
  select(profile: string): Figment {
    return new Figment(this.#providers, normalizeProfile(profile));
  }

  /** The selected profile. */
  get profile(): string {
    return this.#profile;
  }

  /** Every profile some source names (`default`, `debug`, `staging`, …). */
  get profiles(): readonly string[] {
    return this.#resolve().profiles;
  }

  /** The merged values of the selected profile (a copy). */
  get data(): Record<string, unknown> {
    return copy(this.#resolve().data) as Record<string, unknown>;
  }

  /** The sources that could not be read (a bad `Apogee.toml`, say); reading Apogee's config reports them. */
  get problems(): readonly ConfigProblem[] {
    return this.#resolve().problems;
  }

  /** The value at a dotted `key` (`limits.json`) and where it came from; `undefined` when it is not set. */
  find(key: string): Found | undefined {
    const r = this.#resolve();
    let at: unknown = r.data;
    for (const part of key.split(".")) {
      if (!isTable(at) || !Object.hasOwn(at, part)) return undefined;
      at = at[part];
    }
    return { key, value: at, layer: this.source(key) };
  }

  /** The layer that set `key`, or the table above it, or `undefined`. */
  source(key: string): ConfigLayer | undefined {
    const sources = this.#resolve().sources;
    for (let k = key; ; k = k.slice(0, k.lastIndexOf("."))) {
      const layer = sources.get(k);
      if (layer !== undefined || !k.includes(".")) return layer;
    }
  }

  /**
   * The path-valued `key`: a relative path set in a file is resolved against that file's directory (Rocket's
   * `RelativePathBuf`); other values are returned as they are. `undefined` when unset or not a string.
   */
  findPath(key: string): string | undefined {
    const found = this.find(key);
    if (found === undefined || typeof found.value !== "string") return undefined;
    return relativeTo(found.value, found.layer);
  }

  /**
   * Extracts `key` (a dotted path), or everything when no key is given, validated by any Standard Schema (zod,
   * valibot, arktype). Rejects with a `ConfigError` listing every issue with its key, value, source and profile.
   *
   * @example
   * const db = await figment.extract(z.object({ url: z.string() }), "database");
   */
  extract<S extends StandardSchema>(schema: S, key?: string): Promise<SchemaOutput<S>> {
    return extractConfig(this, schema, key);
  }

  #resolve(): Resolved {
    if (this.#resolved !== undefined) return this.#resolved;
    const layers: ConfigLayer[] = [];
    const problems: ConfigProblem[] = [];
    for (const p of this.#providers) {
      try {
        layers.push(...p.layers());
      } catch (e) {
        if (e instanceof ConfigError)
          problems.push(...e.issues.map((i) => ({ ...i, profile: this.#profile })));
        else {
          const message = e instanceof Error ? e.message : String(e);
          problems.push({ key: "", value: undefined, message, source: p.name, profile: this.#profile });
        }
      }
    }
    const data: Record<string, unknown> = {};
    const sources = new Map<string, ConfigLayer>();
    for (const profile of new Set(["default", this.#profile, "global"])) {
      for (const layer of layers)
        if (layer.profile === profile) mergeInto(data, layer.values, layer, "", sources);
    }
    const profiles = [...new Set(layers.map((l) => l.profile))];
    this.#resolved = { data, sources, profiles, problems };
    return this.#resolved;
  }
}

/** Profile names are case-insensitive; Apogee keeps them lower-case. */
function normalizeProfile(profile: string): string {
  return profile.trim().toLowerCase();
}

/** `path` as set by `layer`: relative paths from a file resolve against the file's directory. */
export function relativeTo(path: string, layer: ConfigLayer | undefined): string {
  return layer?.file === undefined || isAbsolute(path) ? path : resolve(dirname(layer.file), path);
}

/** Whether `v` is a table: a plain object (not an array, bytes, a class instance or `null`). */
export function isTable(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object") return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function isProvider(p: Provider | Readonly<Record<string, unknown>>): p is Provider {
  return typeof (p as Provider).layers === "function" && typeof (p as Provider).name === "string";
}

function valuesProvider(values: Readonly<Record<string, unknown>>): Provider {
  return { name: "configure()", layers: () => [{ profile: "global", values, source: "configure()" }] };
}

// Defines rather than assigns, so a key named `__proto__` is data and never replaces the prototype.
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function mergeInto(
  target: Record<string, unknown>,
  values: Readonly<Record<string, unknown>>,
  layer: ConfigLayer,
  prefix: string,
  sources: Map<string, ConfigLayer>,
): void {
  for (const key of Object.keys(values)) {
    const value = values[key];
    if (value === undefined) continue;
    const path = prefix === "" ? key : `${prefix}.${key}`;
    if (isTable(value)) {
      const existing = Object.hasOwn(target, key) ? target[key] : undefined;
      let table: Record<string, unknown>;
      if (isTable(existing)) table = existing;
      else {
        forget(sources, path);
        table = {};
        define(target, key, table);
        sources.set(path, layer);
      }
      mergeInto(table, value, layer, path, sources);
    } else {
      forget(sources, path);
      define(target, key, copy(value));
      sources.set(path, layer);
    }
  }
}

// A replaced value's nested sources no longer apply.
function forget(sources: Map<string, ConfigLayer>, path: string): void {
  const below = `${path}.`;
  for (const k of sources.keys()) if (k.startsWith(below)) sources.delete(k);
}

function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy);
  if (value instanceof Uint8Array) return Uint8Array.from(value);
  if (isTable(value)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) define(out, k, copy(value[k]));
    return out;
  }
  return value;
}
