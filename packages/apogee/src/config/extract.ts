import type { SchemaOutput, StandardIssue, StandardSchema } from "../data/standard-schema.ts";
import { ConfigError, type ConfigProblem } from "./config-error.ts";
import type { Figment } from "./figment.ts";

/**
 * Extracts a custom configuration section (Rocket's `figment.extract_inner(key)`; the whole configuration when
 * `key` is omitted) and validates it with any Standard Schema (zod 4, valibot, arktype).
 *
 * - A missing `key` is given to the schema as `undefined` (so `.optional()` and defaults work).
 * - Unknown keys beside Apogee's are fine: the section is whatever the sources hold under `key`.
 * - On failure it rejects with a `ConfigError` whose `problems` list every issue: the dotted key, the value, the
 *   source it came from (`APOGEE_APP={…}`, `/srv/Apogee.toml [release]`) and the profile. Problems in the
 *   sources themselves (an unreadable `Apogee.toml`) are reported first.
 * - This is what `app.config(schema, key)` and `AdHoc.config(schema, key)` run.
 *
 * @example
 * const App = z.object({ name: z.string(), retries: z.number().int().default(3) });
 * const settings = await extractConfig(Figment.apogee(), App, "app"); // { name: string; retries: number }
 */
export async function extractConfig<S extends StandardSchema>(
  figment: Figment,
  schema: S,
  key?: string,
): Promise<SchemaOutput<S>> {
  const source = figment.problems;
  const value = key === undefined ? figment.data : copyOf(figment.find(key)?.value);
  const result = await schema["~standard"].validate(value);
  if (result.issues === undefined && source.length === 0) return result.value as SchemaOutput<S>;
  const issues = (result.issues ?? []).map((issue) => toProblem(figment, key, value, issue));
  const what = key === undefined ? "the configuration" : `\`${key}\``;
  throw new ConfigError(`Invalid configuration for ${what}:`, [...source, ...issues]);
}

function copyOf(value: unknown): unknown {
  return value === undefined ? undefined : structuredClone(value);
}

function toProblem(
  figment: Figment,
  key: string | undefined,
  root: unknown,
  issue: StandardIssue,
): ConfigProblem {
  const parts: (string | number)[] = [];
  let value = root;
  for (const segment of issue.path ?? []) {
    const k = typeof segment === "object" && segment !== null ? segment.key : segment;
    const part = typeof k === "number" ? k : String(k);
    parts.push(part);
    value =
      value !== null && typeof value === "object" && Object.hasOwn(value, part)
        ? (value as Record<string | number, unknown>)[part]
        : undefined;
  }
  const path = dotted(key, parts);
  const at = path === "" ? undefined : figment.source(path.replace(/\[\d+\]/g, ""));
  return {
    key: path === "" ? "(the whole configuration)" : path,
    value,
    message: issue.message,
    source: at?.source,
    profile: figment.profile,
  };
}

// `app.servers[0].port`: names after dots, indexes in brackets.
function dotted(key: string | undefined, parts: readonly (string | number)[]): string {
  let out = key ?? "";
  for (const p of parts) out += typeof p === "number" ? `[${p}]` : out === "" ? p : `.${p}`;
  return out;
}
