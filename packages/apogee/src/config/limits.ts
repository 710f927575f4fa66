/** Rocket's default data limits, in bytes (ROCKET.md §4.2). */
export const DEFAULT_LIMITS: Readonly<Record<string, number>> = {
  bytes: 8 * 1024,
  "data-form": 2 * 1024 * 1024,
  file: 1024 * 1024,
  form: 32 * 1024,
  json: 1024 * 1024,
  msgpack: 1024 * 1024,
  string: 8 * 1024,
};

/**
 * Named body-size limits (Rocket's `Limits`): looked up case-insensitively and hierarchically, so `file/jpg`
 * falls back to `file`. Configured limits merge over the defaults.
 */
export class Limits {
  readonly #limits: ReadonlyMap<string, number>;

  constructor(limits: Readonly<Record<string, number>> = DEFAULT_LIMITS) {
    const merged = new Map<string, number>();
    for (const [name, bytes] of Object.entries(DEFAULT_LIMITS)) merged.set(name, bytes);
    for (const [name, bytes] of Object.entries(limits)) merged.set(name.toLowerCase(), bytes);
    this.#limits = merged;
  }

  /** The limit for `name` (`file/jpg` falls back to `file`), or `undefined` when none applies. */
  get(name: string): number | undefined {
    let key = name.toLowerCase();
    for (;;) {
      const bytes = this.#limits.get(key);
      if (bytes !== undefined) return bytes;
      const slash = key.lastIndexOf("/");
      if (slash === -1) return undefined;
      key = key.slice(0, slash);
    }
  }

  /** Every limit, sorted by name. */
  entries(): [string, number][] {
    return [...this.#limits].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** `bytes = 8KiB, data-form = 2MiB, …` as the launch banner shows them. */
  toString(): string {
    return this.entries()
      .map(([name, bytes]) => `${name} = ${formatBytes(bytes)}`)
      .join(", ");
  }
}

const UNITS = ["B", "KiB", "MiB", "GiB", "TiB"];

/** A byte count in the largest binary unit that divides it exactly: `8KiB`, `1MiB`, `1500B`. */
export function formatBytes(bytes: number): string {
  let n = bytes;
  let unit = 0;
  while (unit < UNITS.length - 1 && n >= 1024 && n % 1024 === 0) {
    n /= 1024;
    unit++;
  }
  return `${n}${UNITS[unit]}`;
}
