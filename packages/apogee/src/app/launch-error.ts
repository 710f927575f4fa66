/** Why an app could not launch. */
export type LaunchErrorKind =
  | "collisions"
  | "config"
  | "fairings"
  | "bind"
  | "mount"
  | "insecure"
  | "sentinels";

const ABORT: Record<LaunchErrorKind, string> = {
  collisions: "aborting due to detected routing collisions",
  config: "aborting due to invalid configuration",
  fairings: "aborting due to fairing failure(s)",
  bind: "aborting due to socket bind error",
  mount: "aborting due to invalid mounts",
  insecure: "aborting due to insecure configuration",
  sentinels: "aborting due to sentinel-triggered abort(s)",
};

/**
 * A failure before liftoff. It names every culprit found (all colliding pairs, every bad key), never just the
 * first. `message` is the full report; `problems` the individual lines.
 */
export class LaunchError extends Error {
  readonly #kind: LaunchErrorKind;
  readonly #problems: readonly string[];

  constructor(kind: LaunchErrorKind, heading: string, problems: readonly string[], cause?: unknown) {
    super(
      `${heading}\n${problems.map((p) => `   >> ${p}`).join("\n")}\n${ABORT[kind]}`,
      cause === undefined ? undefined : { cause },
    );
    this.name = "LaunchError";
    this.#kind = kind;
    this.#problems = problems;
    // Uncaught (a failed top-level `await app.launch()`), it prints as the report, not a stack into Apogee.
    this.stack = `${this.name}: ${this.message}\n`;
  }

  /** What failed: `collisions`, `config`, `fairings`, `bind`, `mount`, `insecure` (no `secret_key`) or `sentinels`. */
  get kind(): LaunchErrorKind {
    return this.#kind;
  }

  /** One line per culprit. */
  get problems(): readonly string[] {
    return this.#problems;
  }

  /** The closing line, e.g. `aborting due to detected routing collisions`. */
  get abort(): string {
    return ABORT[this.kind];
  }
}
