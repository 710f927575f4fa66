/** How much Apogee logs (Rocket's `log_level`): nothing, warnings and errors, launch and requests, or all. */
export type LogLevel = "off" | "critical" | "normal" | "debug";

/** How log lines look: Rocket's human-readable lines, or one JSON object per line (one per request). */
export type LogFormat = "pretty" | "json";

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

/** What the `json` format logs of one answered request. */
export interface RequestLogEntry {
  /** The request id (also sent back as `X-Request-Id`). */
  readonly id: string;
  /** The method routing used (after `_method` and request fairings). */
  readonly method: string;
  /** The path, without the query (which may hold secrets). */
  readonly path: string;
  readonly status: number;
  /** Milliseconds from dispatch to the response being ready (its body may still stream). */
  readonly duration_ms: number;
  /** The URI pattern of the last route tried (the one that answered, unless a catcher did), or `null`. */
  readonly route: string | null;
}

/**
 * Apogee's logger: Rocket's levels and shape (top-level lines, detail lines prefixed with `   >> `), with colour
 * and emoji only when enabled and writing to a terminal.
 *
 * - In the `json` format every line is one JSON object `{ time, level, msg }` (`error` adds the cause's stack),
 *   and each request is one line `{ time, level, id, method, path, status, duration_ms, route }` written by
 *   `request()` instead of the pretty per-request trace; `level` is `error` for 5xx answers, else `info`.
 * - Request lines (either format) show at `normal` and `debug`; launch lines at every level but `off`.
 */
export class Logger {
  readonly level: LogLevel;
  readonly colors: boolean;
  readonly format: LogFormat;
  /** Whether each request gets one JSON line (the `json` format at `normal` or `debug`). */
  readonly requests: boolean;
  readonly #sink: LogSink;
  readonly #rank: number;
  readonly #json: boolean;

  constructor(
    level: LogLevel = "normal",
    colors = false,
    sink: LogSink = PROCESS_SINK,
    format: LogFormat = "pretty",
  ) {
    this.level = level;
    this.format = format;
    this.#json = format === "json";
    this.colors = colors && !this.#json;
    this.#sink = sink;
    this.#rank = RANK[level];
    this.requests = this.#json && this.#rank >= 2;
  }

  /**
   * Whether the human-readable lines of `level` are shown. Callers check it before building per-request text;
   * in the `json` format it is `false` for `normal` and `debug` (each request is one JSON line instead).
   */
  enabled(level: Exclude<LogLevel, "off">): boolean {
    if (this.#json && level !== "critical") return false;
    return this.#rank >= RANK[level];
  }

  /** An informational top-level line (shown at `normal` and `debug`). */
  info(line: string): void {
    if (this.#rank >= 2) this.#out("info", line);
  }

  /** A detail line under the last top-level one: `   >> text`. */
  detail(line: string): void {
    if (this.#rank >= 2) this.#out("info", line, "   >> ");
  }

  /** A line that prints at every level except `off` (launch messages). */
  launch(line: string): void {
    if (this.#rank >= 1) this.#out("info", line);
  }

  /** A detail line that prints at every level except `off`. */
  launchDetail(line: string): void {
    if (this.#rank >= 1) this.#out("info", line, "   >> ");
  }

  /** A warning (shown at `critical` and above). */
  warn(line: string): void {
    if (this.#rank < 1) return;
    if (this.#json) this.#sink.err(jsonLine("warn", line));
    else this.#sink.err(this.paint(`Warning: ${line}`, "yellow"));
  }

  /** An error (shown at `critical` and above); `cause` is printed with its stack when it is an `Error`. */
  error(line: string, cause?: unknown): void {
    if (this.#rank < 1) return;
    const text =
      cause === undefined
        ? undefined
        : cause instanceof Error
          ? (cause.stack ?? String(cause))
          : String(cause);
    if (this.#json) {
      this.#sink.err(jsonLine("error", line, text));
      return;
    }
    this.#sink.err(this.paint(`Error: ${line}`, "red"));
    if (text !== undefined) for (const l of text.split("\n")) this.#sink.err(`   >> ${l}`);
  }

  /** A debug line (shown at `debug`). */
  debug(line: string): void {
    if (this.#rank >= 3) this.#out("debug", line);
  }

  /**
   * Writes one answered request: its JSON line in the `json` format (callers check `requests` first, so nothing
   * is built when it is off); in the `pretty` format (a `RequestLog` fairing gave the request an id), a detail
   * line closing the request's trace: `   >> 200 in 0.412ms (id 9f86d081-1).`, at `normal` and `debug`.
   */
  request(entry: RequestLogEntry): void {
    if (!this.#json) {
      if (this.#rank >= 2)
        this.#out("info", `${entry.status} in ${entry.duration_ms}ms (id ${entry.id}).`, "   >> ");
      return;
    }
    const level = entry.status >= 500 ? "error" : "info";
    this.#sink.out(JSON.stringify({ time: new Date().toISOString(), level, ...entry }));
  }

  /** `text` in `color` (and bold) when colours are on; the emoji prefix `emoji ` likewise. */
  paint(text: string, color: keyof typeof ANSI): string {
    return this.colors ? `${ANSI[color]}${text}${ANSI.reset}` : text;
  }

  /** `emoji text` when colours are on, `text` otherwise (Rocket shows emoji only with colours). */
  emoji(emoji: string, text: string): string {
    return this.colors ? `${emoji} ${this.paint(text, "bold")}` : text;
  }

  #out(level: string, line: string, prefix = ""): void {
    this.#sink.out(this.#json ? jsonLine(level, line) : `${prefix}${line}`);
  }
}

function jsonLine(level: string, msg: string, error?: string): string {
  const time = new Date().toISOString();
  return JSON.stringify(error === undefined ? { time, level, msg } : { time, level, msg, error });
}
