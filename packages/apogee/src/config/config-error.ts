/**
 * One thing wrong with the configuration: the key (a dotted path such as `limits.json`, or `""` for a whole
 * source), the value found, what is wrong, where the value came from and the profile being read.
 */
export interface ConfigProblem {
  readonly key: string;
  /** The offending value; `undefined` when the key is missing. */
  readonly value: unknown;
  /** What is wrong, e.g. `expected an integer from 0 to 65535`. */
  readonly message: string;
  /** Where the value came from: `APOGEE_PORT`, `/srv/app/Apogee.toml [release]`, `configure()`, … */
  readonly source: string | undefined;
  /** The selected profile. */
  readonly profile: string;
}

// Values under keys like these are never printed.
const HIDDEN = /secret|password|passwd|token|private/i;

/**
 * A problem as one report line: `port = 70000 (APOGEE_PORT, profile debug): expected an integer from 0 to 65535`.
 * Values of keys that look secret (`secret_key`, `…password…`, `…token…`) print as `[hidden]`.
 */
export function formatProblem(p: ConfigProblem): string {
  if (p.key === "") return `${p.source ?? "configuration"} (profile ${p.profile}): ${p.message}`;
  const where = p.source === undefined ? `profile ${p.profile}` : `${p.source}, profile ${p.profile}`;
  if (p.value === undefined) return `${p.key} is missing (${where}): ${p.message}`;
  const shown = HIDDEN.test(p.key) ? "[hidden]" : showValue(p.value);
  return `${p.key} = ${shown} (${where}): ${p.message}`;
}

/** A configuration value as a report shows it: TOML-like, and cut short when long. */
export function showValue(value: unknown): string {
  let text: string;
  if (value instanceof Uint8Array) text = `<${value.length} bytes>`;
  else if (typeof value === "string") text = JSON.stringify(value);
  else if (typeof value === "bigint") text = String(value);
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * Configuration that could not be read or does not fit what was asked of it: every problem found, never just the
 * first. `problems` are the report lines (what a launch error lists).
 */
export class ConfigError extends Error {
  readonly #issues: readonly ConfigProblem[];

  constructor(heading: string, issues: readonly ConfigProblem[]) {
    super(`${heading}\n${issues.map((p) => `   >> ${formatProblem(p)}`).join("\n")}`);
    this.name = "ConfigError";
    this.#issues = issues;
  }

  /** The problems, as data. */
  get issues(): readonly ConfigProblem[] {
    return this.#issues;
  }

  /** One report line per problem. */
  get problems(): readonly string[] {
    return this.#issues.map(formatProblem);
  }
}
