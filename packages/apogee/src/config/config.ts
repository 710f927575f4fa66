import { tmpdir } from "node:os";
import type { LogFormat, LogLevel } from "../log/logger.ts";
import type { Provider } from "./figment.ts";
import { Limits } from "./limits.ts";
import { SecretKey, type SecretKeyInput } from "./secret-key.ts";

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

/** PEM data for TLS: a file to read, or the PEM text itself. */
export type PemSource = { readonly path: string } | { readonly pem: string };

/** The cipher suites TLS may use, by Rocket's names; all of them are the default, in this order of preference. */
export const CIPHER_SUITES = [
  "TLS_CHACHA20_POLY1305_SHA256",
  "TLS_AES_256_GCM_SHA384",
  "TLS_AES_128_GCM_SHA256",
  "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
  "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
  "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
  "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
  "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
  "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
] as const;

/** One of Rocket's TLS cipher suite names. */
export type CipherSuite = (typeof CIPHER_SUITES)[number];

/** Mutual TLS: the CA certificates client certificates must chain to, and whether one is required. */
export interface MutualTlsConfig {
  readonly ca_certs: PemSource;
  /** Whether a client without a valid certificate is refused (`false`: the certificate is optional). */
  readonly mandatory: boolean;
}

/** TLS settings (Rocket's `TlsConfig`), checked at ignite. */
export interface TlsConfig {
  /** The certificate chain. */
  readonly certs: PemSource;
  /** The private key. */
  readonly key: PemSource;
  /** Allowed cipher suites; TLS is enabled only when this is not empty. */
  readonly ciphers: readonly CipherSuite[];
  readonly prefer_server_cipher_order: boolean;
  readonly mutual: MutualTlsConfig | null;
}

/** The effective configuration of an app (Rocket's `Config`), with Rocket's keys and defaults. */
export interface Config {
  /** The selected profile (`debug`, `release` or any other name; always lower-case). */
  readonly profile: string;
  /** The IP address to listen on (IPs only, no host names). */
  readonly address: string;
  /** The port to listen on; `0` picks a free one. */
  readonly port: number;
  /**
   * Processes serving the app on one port (default 1: this process). Above 1, the launching process becomes a
   * cluster primary forking that many workers; `"auto"` in configuration means one per CPU. Rocket's default
   * (one thread per CPU in a single process) has no single-process equivalent in Node, and separate processes
   * do not share managed state, so more than one is opted into.
   */
  readonly workers: number;
  /** The `Server` header value, or `false` for none. */
  readonly ident: string | false;
  /** The header that carries the client's IP, or `false` to ignore it. */
  readonly ip_header: string | false;
  /** HTTP/1 keep-alive idle timeout in seconds; `0` disables keep-alive. */
  readonly keep_alive: number;
  readonly log_level: LogLevel;
  /** `pretty` (Rocket's lines) or `json` (one JSON object per line, one per request). */
  readonly log_format: LogFormat;
  /** Whether to use colour and emoji (also only when writing to a terminal). */
  readonly cli_colors: boolean;
  /** Where temporary files (uploads) go; a relative path in `Apogee.toml` is relative to that file. */
  readonly temp_dir: string;
  /** Named body-size limits (`form`, `json`, `file/jpg`, …), merged over Rocket's defaults. */
  readonly limits: Limits;
  /** TLS settings, or `null` when TLS is not configured. */
  readonly tls: TlsConfig | null;
  readonly shutdown: ShutdownConfig;
  /**
   * The key that seals private cookies (ROCKET.md §3.6): configured as base64 (44 or 88 chars), hex (64 chars)
   * or bytes; zero when not configured, and then generated at ignite in `debug` (any other profile aborts).
   */
  readonly secret_key: SecretKey;
}

/** A TLS PEM value as configured: a path, PEM text, or its bytes. */
export type PemInput = string | Uint8Array | readonly number[];

/** TLS settings as configured (`ciphers`, `prefer_server_cipher_order` and `mutual` have defaults). */
export interface TlsInput {
  readonly certs: PemInput;
  readonly key: PemInput;
  readonly ciphers?: readonly string[];
  readonly prefer_server_cipher_order?: boolean;
  readonly mutual?: { readonly ca_certs: PemInput; readonly mandatory?: boolean };
}

/**
 * Configuration given to `app.configure(...)`: any subset of the keys, with the values a TOML file would hold.
 * `profile` selects the profile; `limits` take byte counts or sizes such as `"2 MiB"`.
 */
export interface ConfigInput {
  readonly profile?: string;
  readonly address?: string;
  readonly port?: number;
  readonly workers?: number | "auto";
  readonly ident?: string | false;
  readonly ip_header?: string | false;
  readonly keep_alive?: number;
  readonly log_level?: LogLevel;
  readonly log_format?: LogFormat;
  readonly cli_colors?: boolean;
  readonly temp_dir?: string;
  readonly limits?: Limits | Readonly<Record<string, number | string>>;
  readonly tls?: TlsInput;
  readonly shutdown?: Partial<ShutdownConfig>;
  readonly secret_key?: SecretKeyInput;
  /** The directory `apogee/templates` loads templates from (default `templates`, relative to the working dir). */
  readonly template_dir?: string;
  /**
   * Databases by name (apogee/db): `{ books: { url: "sqlite://data/books.db", max_connections: 8 } }`. Each
   * database's `init()` fairing reads and checks its own table.
   */
  readonly databases?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/**
 * The default configuration (Rocket's `Config::debug_default()`, or `release_default()` when `release`): only
 * `log_level` differs, `normal` against `critical`.
 */
export function defaultConfig(release = false): Config {
  return {
    profile: release ? "release" : "debug",
    address: "127.0.0.1",
    port: 8000,
    workers: 1,
    ident: "Apogee",
    ip_header: "X-Real-IP",
    keep_alive: 5,
    log_level: release ? "critical" : "normal",
    log_format: "pretty",
    cli_colors: true,
    temp_dir: tmpdir(),
    limits: new Limits(),
    tls: null,
    shutdown: { ctrlc: true, signals: ["term"], grace: 2, mercy: 3 },
    secret_key: SecretKey.zero(),
  };
}

/** The defaults as configuration data (what `Apogee.toml` would say), the lowest layer of every figment. */
export function defaultValues(release = false): Record<string, unknown> {
  const c = defaultConfig(release);
  const { profile: _, tls: __, secret_key: ___, limits, shutdown, ...rest } = c;
  return { ...rest, limits: Object.fromEntries(limits.entries()), shutdown: { ...shutdown } };
}

/**
 * `input` as a configuration source: its values override every profile (the `global` table), reported as coming
 * from `configure()`; `Limits` become their entries; `profile`, when given, selects that profile.
 */
export function inputProvider(input: ConfigInput): Provider {
  const { profile, ...rest } = input;
  const values: Record<string, unknown> = { ...rest };
  if (input.limits instanceof Limits) values.limits = Object.fromEntries(input.limits.entries());
  const layers = () => [{ profile: "global", values, source: "configure()" }];
  return profile === undefined ? { name: "configure()", layers } : { name: "configure()", profile, layers };
}

/** Whether TLS is enabled: configured, with at least one cipher suite. */
export function tlsEnabled(config: Config): boolean {
  return config.tls !== null && config.tls.ciphers.length > 0;
}

/** Whether mutual TLS is enabled: TLS is, and `tls.mutual` is configured. */
export function mtlsEnabled(config: Config): boolean {
  return tlsEnabled(config) && config.tls?.mutual != null;
}
