/** How much Apogee logs (Rocket's `log_level`): nothing, warnings and errors, launch and requests, or all. */
export type LogLevel = "off" | "critical" | "normal" | "debug";

const RANK: Record<LogLevel, number> = { off: 0, critical: 1, normal: 2, debug: 3 };

/** Where log lines go; the default writes to stdout (info) and stderr (warnings, errors). */
export interface LogSink {
  out(line: string): void;
  err(line: string): void;
}

const PROCESS_SINK: LogSink = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

const ANSI = { bold: "\x1b[1m", red: "\x1b[31m", yellow: "\x1b[33m", blue: "\x1b[34m", reset: "\x1b[0m" };

/**
 * Apogee's logger: Rocket's levels and shape (top-level lines, detail lines prefixed with `   >> `), with colour
 * and emoji only when enabled and writing to a terminal.
 */
export class Logger {
  readonly level: LogLevel;
  readonly colors: boolean;
  readonly #sink: LogSink;
  readonly #rank: number;

  constructor(level: LogLevel = "normal", colors = false, sink: LogSink = PROCESS_SINK) {
    this.level = level;
    this.colors = colors;
    this.#sink = sink;
    this.#rank = RANK[level];
  }

  /** Whether messages of `level` are shown. */
  enabled(level: Exclude<LogLevel, "off">): boolean {
    return this.#rank >= RANK[level];
  }

  /** An informational top-level line (shown at `normal` and `debug`). */
  info(line: string): void {
    if (this.#rank >= 2) this.#sink.out(line);
  }

  /** A detail line under the last top-level one: `   >> text`. */
  detail(line: string): void {
    if (this.#rank >= 2) this.#sink.out(`   >> ${line}`);
  }

  /** A line that prints at every level except `off` (launch messages). */
  launch(line: string): void {
    if (this.#rank >= 1) this.#sink.out(line);
  }

  /** A detail line that prints at every level except `off`. */
  launchDetail(line: string): void {
    if (this.#rank >= 1) this.#sink.out(`   >> ${line}`);
  }

  /** A warning (shown at `critical` and above). */
  warn(line: string): void {
    if (this.#rank >= 1) this.#sink.err(this.paint(`Warning: ${line}`, "yellow"));
  }

  /** An error (shown at `critical` and above); `cause` is printed with its stack when it is an `Error`. */
  error(line: string, cause?: unknown): void {
    if (this.#rank < 1) return;
    this.#sink.err(this.paint(`Error: ${line}`, "red"));
    if (cause !== undefined) {
      const text = cause instanceof Error ? (cause.stack ?? String(cause)) : String(cause);
      for (const l of text.split("\n")) this.#sink.err(`   >> ${l}`);
    }
  }

  /** A debug line (shown at `debug`). */
  debug(line: string): void {
    if (this.#rank >= 3) this.#sink.out(line);
  }

  /** `text` in `color` (and bold) when colours are on; the emoji prefix `emoji ` likewise. */
  paint(text: string, color: keyof typeof ANSI): string {
    return this.colors ? `${ANSI[color]}${text}${ANSI.reset}` : text;
  }

  /** `emoji text` when colours are on, `text` otherwise (Rocket shows emoji only with colours). */
  emoji(emoji: string, text: string): string {
    return this.colors ? `${emoji} ${this.paint(text, "bold")}` : text;
  }
}
