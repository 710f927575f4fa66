import { readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { parse, TomlDate, TomlError } from "smol-toml";
import { ConfigError, type ConfigProblem } from "./config-error.ts";
import type { ConfigLayer, Provider } from "./figment.ts";
import { parseLooseValue } from "./loose-value.ts";

/** Environment variables, as `process.env` holds them. */
export type EnvVars = Readonly<Record<string, string | undefined>>;

/** Options for `Toml.file`. */
export interface TomlFileOptions {
  /** Where a relative name is searched from (then each parent directory); the process's by default. */
  readonly cwd?: string;
  /** Whether a missing file is an error (it is otherwise no configuration at all). */
  readonly required?: boolean;
  /** What named the file, for the error when it is required and missing (e.g. `APOGEE_CONFIG`). */
  readonly via?: string | undefined;
}

/** TOML sources (figment's `Toml` provider, always *nested*: each top-level table is a profile). */
export const Toml = {
  /**
   * The TOML file `name`: an absolute path as is; a relative one is looked for in `cwd`, then each parent
   * directory up to the root. Every top-level table is a profile (`[default]`, `[debug]`, `[release]`,
   * `[global]`, or any name); a top-level value outside a table is an error. A missing file gives nothing,
   * unless `required`.
   */
  file(name: string, options: TomlFileOptions = {}): Provider {
    const cwd = options.cwd ?? process.cwd();
    return {
      name,
      layers(): ConfigLayer[] {
        const path = findFile(name, cwd);
        if (path === undefined) {
          if (!options.required) return [];
          const where = isAbsolute(name)
            ? "does not exist"
            : `was not found in ${cwd} or any directory above it`;
          throw sourceError(options.via ?? name, `${JSON.stringify(name)} ${where}`);
        }
        let text: string;
        try {
          text = readFileSync(path, "utf8");
        } catch (e) {
          throw sourceError(path, `could not be read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
        }
        return tomlLayers(text, path, path);
      },
    };
  },

  /** TOML text (for tests and embedding); `name` is what reports call it. Relative paths in it are left as is. */
  string(text: string, name = "TOML string"): Provider {
    return { name, layers: () => tomlLayers(text, name, undefined) };
  },
};

function tomlLayers(text: string, name: string, file: string | undefined): ConfigLayer[] {
  let doc: Record<string, unknown>;
  try {
    doc = parse(text);
  } catch (e) {
    if (!(e instanceof TomlError)) throw e;
    const why = e.message.split("\n", 1)[0]!.replace(/^Invalid TOML document: /, "");
    throw sourceError(name, `not valid TOML: ${why} (line ${e.line}, column ${e.column})`);
  }
  const layers: ConfigLayer[] = [];
  const problems: ConfigProblem[] = [];
  for (const key of Object.keys(doc)) {
    const table = plain(doc[key]);
    if (table === null || typeof table !== "object" || Array.isArray(table)) {
      problems.push({
        key,
        value: table,
        message: `a top-level key must be a profile table: put it under [default], [debug], [release] or [global]`,
        source: name,
        profile: "default",
      });
      continue;
    }
    const profile = key.toLowerCase();
    const layer: ConfigLayer = {
      profile,
      values: table as Record<string, unknown>,
      source: `${name} [${key}]`,
    };
    layers.push(file === undefined ? layer : { ...layer, file });
  }
  if (problems.length > 0) throw new ConfigError(`${name} has values outside a profile:`, problems);
  return layers;
}

// TOML dates become their text, as configuration sees every value as plain data.
function plain(value: unknown): unknown {
  if (value instanceof TomlDate) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) {
      const v = plain((value as Record<string, unknown>)[k]);
      Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

// A source that cannot be read at all, as a problem of the source rather than of a key.
function sourceError(source: string, message: string): ConfigError {
  return new ConfigError(`${source} cannot be used:`, [
    { key: "", value: undefined, message, source, profile: "" },
  ]);
}

/** The first `name` from `cwd` upwards (or `name` itself when absolute) that is a file. */
function findFile(name: string, cwd: string): string | undefined {
  if (isAbsolute(name)) return isFile(name) ? name : undefined;
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const candidate = join(dir, name);
    if (isFile(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Options for `Env.prefixed`. */
export interface EnvOptions {
  /** The variables to read; the process's by default. */
  readonly env?: EnvVars;
  /** Keys (lower-case, prefix removed) that are not configuration, e.g. `profile`. */
  readonly ignore?: readonly string[];
}

/** Environment sources (figment's `Env` provider). */
export const Env = {
  /**
   * Every variable named `<prefix><KEY>` (prefix matched case-insensitively), as the key `key` lower-cased, its
   * value parsed as loose TOML (`parseLooseValue`). The values are global: they override every profile. A dot in
   * the name nests (`APOGEE_LIMITS.JSON=2MiB`); underscores never split keys (`APOGEE_LOG_LEVEL` is `log_level`).
   */
  prefixed(prefix: string, options: EnvOptions = {}): Provider {
    const upper = prefix.toUpperCase();
    const ignore = new Set(options.ignore ?? []);
    return {
      name: `${prefix}* environment variables`,
      layers(): ConfigLayer[] {
        const env = options.env ?? process.env;
        const layers: ConfigLayer[] = [];
        for (const name of Object.keys(env).sort()) {
          const raw = env[name];
          if (raw === undefined || !name.toUpperCase().startsWith(upper)) continue;
          const key = name.slice(prefix.length).toLowerCase();
          if (key === "" || ignore.has(key)) continue;
          const parts = key.split(".");
          if (parts.includes("")) continue;
          let values: Record<string, unknown> = {};
          Object.defineProperty(values, parts.at(-1)!, {
            value: parseLooseValue(raw),
            enumerable: true,
            writable: true,
            configurable: true,
          });
          for (let i = parts.length - 2; i >= 0; i--) {
            const outer: Record<string, unknown> = {};
            Object.defineProperty(outer, parts[i]!, {
              value: values,
              enumerable: true,
              writable: true,
              configurable: true,
            });
            values = outer;
          }
          layers.push({ profile: "global", values, source: name });
        }
        return layers;
      },
    };
  },
};
