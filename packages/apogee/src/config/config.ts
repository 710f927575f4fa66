import { isIP } from "node:net";
import { availableParallelism, tmpdir } from "node:os";
import type { LogLevel } from "../log/logger.ts";
import { Limits } from "./limits.ts";

/** Graceful shutdown settings (ROCKET.md §11.1). */
export interface ShutdownConfig {
  /** Whether Ctrl-C (SIGINT) starts a graceful shutdown. */
  readonly ctrlc: boolean;
  /** Signals that start a graceful shutdown, by short name (`term`, `hup`, …). */
  readonly signals: readonly string[];
  /** Seconds in-flight requests may take to finish once shutdown starts. */
  readonly grace: number;
  /** Seconds after the grace period before open connections are closed. */
  readonly mercy: number;
}

/** The effective configuration of an app (Rocket's `Config`), with Rocket's keys and defaults. */
export interface Config {
  /** The selected profile (`debug` unless configured). */
  readonly profile: string;
  readonly address: string;
  readonly port: number;
  readonly workers: number;
  /** The `Server` header value, or `false` for none. */
  readonly ident: string | false;
  /** The header that carries the client's IP, or `false` to ignore it. */
  readonly ip_header: string | false;
  /** HTTP/1 keep-alive timeout in seconds; `0` disables keep-alive. */
  readonly keep_alive: number;
  readonly log_level: LogLevel;
  readonly cli_colors: boolean;
  readonly temp_dir: string;
  /** Named body-size limits (`form`, `json`, `file/jpg`, …), merged over Rocket's defaults. */
  readonly limits: Limits;
  readonly shutdown: ShutdownConfig;
}

/** Configuration given to `app.configure(...)`: any subset of the keys. */
export type ConfigInput = {
  readonly [K in keyof Config]?: K extends "shutdown" ? Partial<ShutdownConfig> : Config[K];
};

/** The defaults of the `debug` profile. */
export function defaultConfig(profile = "debug"): Config {
  return {
    profile,
    address: "127.0.0.1",
    port: 8000,
    workers: availableParallelism(),
    ident: "Apogee",
    ip_header: "X-Real-IP",
    keep_alive: 5,
    log_level: profile === "debug" ? "normal" : "critical",
    cli_colors: true,
    temp_dir: tmpdir(),
    limits: new Limits(),
    shutdown: { ctrlc: true, signals: ["term"], grace: 2, mercy: 3 },
  };
}

/** A configuration value that is wrong: the key, the value, and what was expected. */
export interface ConfigProblem {
  readonly key: string;
  readonly value: unknown;
  readonly expected: string;
}

const LOG_LEVELS = new Set(["off", "critical", "normal", "debug"]);
const SIGNALS = new Set(["term", "hup", "int", "quit", "usr1", "usr2", "alrm", "chld", "io", "pipe"]);
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Merges `input` over `base` and checks every key; returns the config and the problems found. */
export function resolveConfig(
  base: Config,
  input: ConfigInput,
): { config: Config; problems: ConfigProblem[] } {
  const limits =
    input.limits === undefined
      ? base.limits
      : input.limits instanceof Limits
        ? input.limits
        : new Limits(input.limits);
  const merged = { ...base, ...input, limits, shutdown: { ...base.shutdown, ...input.shutdown } } as Config;
  const problems: ConfigProblem[] = [];
  const check = (ok: boolean, key: string, value: unknown, expected: string) => {
    if (!ok) problems.push({ key, value, expected });
  };
  const c = merged;
  check(typeof c.address === "string" && isIP(c.address) !== 0, "address", c.address, "an IP address");
  check(
    Number.isInteger(c.port) && c.port >= 0 && c.port <= 65535,
    "port",
    c.port,
    "an integer from 0 to 65535",
  );
  check(Number.isInteger(c.workers) && c.workers >= 1, "workers", c.workers, "a positive integer");
  check(
    c.ident === false || (typeof c.ident === "string" && HEADER_VALUE.test(c.ident)),
    "ident",
    c.ident,
    "a valid header value, or false",
  );
  check(
    c.ip_header === false || (typeof c.ip_header === "string" && HEADER_NAME.test(c.ip_header)),
    "ip_header",
    c.ip_header,
    "a header name, or false",
  );
  check(
    Number.isInteger(c.keep_alive) && c.keep_alive >= 0,
    "keep_alive",
    c.keep_alive,
    "a whole number of seconds",
  );
  check(LOG_LEVELS.has(c.log_level), "log_level", c.log_level, "one of off, critical, normal, debug");
  check(typeof c.cli_colors === "boolean", "cli_colors", c.cli_colors, "true or false");
  check(typeof c.temp_dir === "string" && c.temp_dir !== "", "temp_dir", c.temp_dir, "a directory path");
  const s = c.shutdown;
  check(typeof s.ctrlc === "boolean", "shutdown.ctrlc", s.ctrlc, "true or false");
  check(
    Array.isArray(s.signals) && s.signals.every((x) => SIGNALS.has(x)),
    "shutdown.signals",
    s.signals,
    `a list of ${[...SIGNALS].join(", ")}`,
  );
  check(Number.isFinite(s.grace) && s.grace >= 0, "shutdown.grace", s.grace, "a number of seconds");
  check(Number.isFinite(s.mercy) && s.mercy >= 0, "shutdown.mercy", s.mercy, "a number of seconds");
  return { config: merged, problems };
}
