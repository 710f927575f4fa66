import { accessSync, constants, statSync } from "node:fs";
import { isIP } from "node:net";
import { availableParallelism } from "node:os";
import type { LogFormat, LogLevel } from "../log/logger.ts";
import { parseByteSize } from "./byte-size.ts";
import {
  CIPHER_SUITES,
  type CipherSuite,
  type Config,
  defaultConfig,
  type MutualTlsConfig,
  type PemSource,
  type ShutdownConfig,
  type TlsConfig,
} from "./config.ts";
import type { ConfigProblem } from "./config-error.ts";
import { type Figment, isTable, relativeTo } from "./figment.ts";
import { Limits } from "./limits.ts";
import { keyForProfile, SecretKey } from "./secret-key.ts";

/** Apogee's configuration read from a figment: the config, every problem found, and warnings to log. */
export interface ConfigReport {
  readonly config: Config;
  readonly problems: readonly ConfigProblem[];
  readonly warnings: readonly string[];
}

/** What a key reader returns for a value it refuses: the expectation, as reports print it. */
class Refused {
  readonly expected: string;
  constructor(expected: string) {
    this.expected = expected;
  }
}

const LOG_LEVELS = new Set<LogLevel>(["off", "critical", "normal", "debug"]);
const LOG_FORMATS = new Set<LogFormat>(["pretty", "json"]);
const SIGNALS = new Set(["term", "hup", "int", "quit", "usr1", "usr2", "alrm", "chld", "io", "pipe"]);
const CIPHERS = new Set<string>(CIPHER_SUITES);
const U32 = 0xffff_ffff;
// Rocket's `Ident`: non-empty visible ASCII, spaces and tabs inside but not first.
const IDENT = /^[\x21-\x7e][\x20-\x7e\t]*$/;
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

const DEPRECATED_KEYS: readonly [string, string][] = [
  ["env", "it was replaced by APOGEE_PROFILE"],
  ["log", "it was replaced by `log_level`"],
  ["read_timeout", "it has no special meaning"],
  ["write_timeout", "it has no special meaning"],
  ["max_blocking", "it has no meaning in Apogee (Node has no blocking thread pool to size)"],
  ["shutdown.force", "it has no meaning in Apogee (there is no runtime to force down)"],
];
const DEPRECATED_PROFILES: readonly [string, string][] = [
  ["dev", "profile was replaced by `debug`"],
  ["prod", "profile was replaced by `release`"],
  ["stag", "profile has no special meaning"],
];

/**
 * Reads Apogee's own keys (ROCKET.md §11.1) from `figment`, checking every one: each problem names the key, the
 * value, where it came from and the profile. Keys nobody set take the defaults; unknown keys are left for custom
 * extraction. Warns about deprecated keys and profiles as Rocket does.
 */
export function readConfig(figment: Figment): ConfigReport {
  const r = new KeyReader(figment);
  const d = defaultConfig();
  const config: Config = {
    profile: figment.profile,
    address: r.read("address", d.address, readAddress),
    port: r.read("port", d.port, integer(0, 65535)),
    workers: r.read("workers", d.workers, readWorkers),
    ident: r.read("ident", d.ident, readIdent),
    ip_header: r.read("ip_header", d.ip_header, readIpHeader),
    keep_alive: r.read("keep_alive", d.keep_alive, integer(0, U32, "a whole number of seconds (0 disables)")),
    log_level: r.read("log_level", d.log_level, oneOf(LOG_LEVELS)),
    log_format: r.read("log_format", d.log_format, oneOf(LOG_FORMATS)),
    cli_colors: r.read("cli_colors", d.cli_colors, readFlag),
    temp_dir: r.read("temp_dir", d.temp_dir, (v, key) => readDirectory(v, figment, key)),
    limits: readLimits(r, d.limits),
    tls: readTls(r, figment),
    shutdown: readShutdown(r, d.shutdown),
    secret_key: keyForProfile(r.read("secret_key", d.secret_key, readSecretKey), figment.profile),
  };
  return { config, problems: [...figment.problems, ...r.problems], warnings: deprecations(figment) };
}

class KeyReader {
  readonly figment: Figment;
  readonly problems: ConfigProblem[] = [];

  constructor(figment: Figment) {
    this.figment = figment;
  }

  /** The value of `key` read by `reader`, or `fallback` when it is unset or refused (refusals are recorded). */
  read<T>(key: string, fallback: T, reader: (value: unknown, key: string) => T | Refused): T {
    const found = this.figment.find(key);
    if (found === undefined) return fallback;
    const out = reader(found.value, key);
    if (out instanceof Refused) {
      this.refuse(key, found.value, out.expected);
      return fallback;
    }
    return out;
  }

  refuse(key: string, value: unknown, expected: string): void {
    const layer = this.figment.source(key);
    const message = expected.startsWith("expected") ? expected : `expected ${expected}`;
    this.problems.push({ key, value, message, source: layer?.source, profile: this.figment.profile });
  }
}

function refuse(expected: string): Refused {
  return new Refused(expected);
}

function integer(min: number, max: number, expected = `an integer from ${min} to ${max}`) {
  return (v: unknown): number | Refused =>
    typeof v === "number" && Number.isInteger(v) && v >= min && v <= max ? v : refuse(expected);
}

function oneOf<T extends string>(allowed: ReadonlySet<T>) {
  const expected = `one of ${[...allowed].join(", ")}`;
  return (v: unknown): T | Refused => {
    const s = typeof v === "string" ? v.toLowerCase() : undefined;
    return s !== undefined && allowed.has(s as T) ? (s as T) : refuse(expected);
  };
}

// `workers`: a positive integer, or "auto" for one per CPU.
function readWorkers(v: unknown): number | Refused {
  if (typeof v === "string" && v.toLowerCase() === "auto") return availableParallelism();
  return typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= 1024
    ? v
    : refuse('a number of processes from 1 to 1024, or "auto" (one per CPU)');
}

function readAddress(v: unknown): string | Refused {
  return typeof v === "string" && isIP(v) !== 0 ? v : refuse("an IP address (host names are not allowed)");
}

function readIdent(v: unknown): string | false | Refused {
  if (v === false) return false;
  return typeof v === "string" && IDENT.test(v)
    ? v
    : refuse("a server name of visible ASCII characters (not starting with a space), or false");
}

function readIpHeader(v: unknown): string | false | Refused {
  if (v === false) return false;
  return typeof v === "string" && HEADER_NAME.test(v) ? v : refuse("a header name, or false");
}

// `cli_colors` also takes "true"/"false" (any case) and 0/1, as Rocket does.
function readFlag(v: unknown): boolean | Refused {
  if (typeof v === "boolean") return v;
  if (v === 0 || v === 1) return v === 1;
  if (typeof v === "string" && /^(true|false)$/i.test(v)) return v.toLowerCase() === "true";
  return refuse("true or false (or 1 or 0)");
}

// `secret_key`: base64 (44 or 88 chars), hex (64 chars) or bytes (ROCKET.md §3.6).
function readSecretKey(v: unknown): SecretKey | Refused {
  const key = SecretKey.parse(v);
  return key instanceof SecretKey ? key : refuse(key.expected);
}

function readBool(v: unknown): boolean | Refused {
  return typeof v === "boolean" ? v : refuse("true or false");
}

function readSeconds(v: unknown): number | Refused {
  return typeof v === "number" && Number.isFinite(v) && v >= 0 && v <= U32
    ? v
    : refuse("a number of seconds (0 or more)");
}

function readDirectory(v: unknown, figment: Figment, key: string): string | Refused {
  if (typeof v !== "string" || v === "") return refuse("a directory path");
  const path = relativeTo(v, figment.source(key));
  try {
    if (statSync(path).isDirectory()) return path;
    return refuse(`an existing directory (${path} is not a directory)`);
  } catch {
    return refuse(`an existing directory (${path} does not exist)`);
  }
}

function readLimits(r: KeyReader, fallback: Limits): Limits {
  const found = r.figment.find("limits");
  if (found === undefined) return fallback;
  if (!isTable(found.value)) {
    r.refuse("limits", found.value, 'a table of limits, e.g. { json = "2 MiB" }');
    return fallback;
  }
  const limits: Record<string, number> = {};
  for (const [name, value] of Object.entries(found.value)) {
    const bytes = parseByteSize(value);
    if (bytes === undefined)
      r.refuse(
        `limits.${name}`,
        value,
        'a byte size: a whole number of bytes or a size like "64 KiB" or "1.5 MiB"',
      );
    else limits[name] = bytes;
  }
  return new Limits(limits);
}

function readShutdown(r: KeyReader, d: ShutdownConfig): ShutdownConfig {
  const found = r.figment.find("shutdown");
  if (found !== undefined && !isTable(found.value)) {
    r.refuse("shutdown", found.value, "a table: { ctrlc, signals, grace, mercy }");
    return d;
  }
  return {
    ctrlc: r.read("shutdown.ctrlc", d.ctrlc, readBool),
    signals: r.read("shutdown.signals", d.signals, readSignals),
    grace: r.read("shutdown.grace", d.grace, readSeconds),
    mercy: r.read("shutdown.mercy", d.mercy, readSeconds),
  };
}

function readSignals(v: unknown): string[] | Refused {
  const expected = `a list of signal names from ${[...SIGNALS].join(", ")}`;
  if (!Array.isArray(v)) return refuse(expected);
  const out: string[] = [];
  for (const s of v) {
    const name = typeof s === "string" ? s.toLowerCase() : "";
    if (!SIGNALS.has(name)) return refuse(expected);
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

function readTls(r: KeyReader, figment: Figment): TlsConfig | null {
  const found = figment.find("tls");
  if (found === undefined || found.value === null) return null;
  if (!isTable(found.value)) {
    r.refuse("tls", found.value, "a table: { certs, key, ciphers, prefer_server_cipher_order, mutual }");
    return null;
  }
  const pem = (key: string) => {
    if (figment.find(key) === undefined) {
      r.refuse(key, undefined, "a path to a PEM file, or the PEM text itself");
      return { pem: "" };
    }
    return r.read<PemSource>(key, { pem: "" }, (v) => readPem(v, figment, key));
  };
  const certs = pem("tls.certs");
  const key = pem("tls.key");
  const ciphers = r.read("tls.ciphers", [...CIPHER_SUITES], readCiphers);
  const prefer = r.read("tls.prefer_server_cipher_order", false, readBool);
  let mutual: MutualTlsConfig | null = null;
  const m = figment.find("tls.mutual");
  if (m !== undefined && m.value !== null) {
    if (!isTable(m.value)) r.refuse("tls.mutual", m.value, "a table: { ca_certs, mandatory }");
    else
      mutual = {
        ca_certs: pem("tls.mutual.ca_certs"),
        mandatory: r.read("tls.mutual.mandatory", false, readBool),
      };
  }
  return { certs, key, ciphers, prefer_server_cipher_order: prefer, mutual };
}

// A string with a PEM header is the PEM itself; any other string is a path (relative to its file); bytes are PEM.
function readPem(v: unknown, figment: Figment, key: string): PemSource | Refused {
  if (v instanceof Uint8Array) return { pem: Buffer.from(v).toString("latin1") };
  if (Array.isArray(v) && v.length > 0 && v.every((b) => Number.isInteger(b) && b >= 0 && b <= 255))
    return { pem: Buffer.from(v as number[]).toString("latin1") };
  if (typeof v !== "string" || v === "") return refuse("a path to a PEM file, or the PEM text itself");
  if (v.includes("-----BEGIN ")) return { pem: v };
  const path = relativeTo(v, figment.source(key));
  try {
    accessSync(path, constants.R_OK);
    if (!statSync(path).isFile()) return refuse(`a readable PEM file (${path} is not a file)`);
    return { path };
  } catch (e) {
    return refuse(`a readable PEM file (${path}: ${(e as NodeJS.ErrnoException).code ?? "unreadable"})`);
  }
}

function readCiphers(v: unknown): CipherSuite[] | Refused {
  const expected = `a list of cipher suites from ${CIPHER_SUITES.join(", ")}`;
  if (!Array.isArray(v) || !v.every((c) => typeof c === "string" && CIPHERS.has(c))) return refuse(expected);
  return [...new Set(v as CipherSuite[])];
}

function deprecations(figment: Figment): string[] {
  const warnings: string[] = [];
  for (const [key, why] of DEPRECATED_KEYS) {
    if (figment.find(key) === undefined) continue;
    const from = figment.source(key)?.source;
    warnings.push(`found value for deprecated config key \`${key}\`${from ? ` in ${from}` : ""}: ${why}`);
  }
  for (const [prefix, why] of DEPRECATED_PROFILES) {
    const profile = figment.profiles.find((p) => p.startsWith(prefix));
    if (profile !== undefined) warnings.push(`found deprecated profile \`${profile}\`: ${why}`);
  }
  return warnings;
}
