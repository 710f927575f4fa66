import type { CatcherTable } from "../catcher/catcher.ts";
import { type Config, mtlsEnabled, tlsEnabled } from "../config/config.ts";
import type { Logger } from "../log/logger.ts";
import type { MountedRoute } from "../router/mounted-route.ts";

/**
 * Prints the "Configured for <profile>." section of the launch banner: every effective key, in Rocket's order
 * (ROCKET.md §13), with Apogee's `log format` after `log level`.
 */
export function printConfig(log: Logger, config: Config): void {
  const s = config.shutdown;
  const signals = s.signals.map((x) => `SIG${x.toUpperCase()}`).join(", ");
  const tls = !tlsEnabled(config) ? "disabled" : mtlsEnabled(config) ? "enabled w/mtls" : "enabled w/o mtls";
  log.launch(log.emoji("🔧", `Configured for ${config.profile}.`));
  log.launchDetail(`address: ${config.address}`);
  log.launchDetail(`port: ${config.port}`);
  log.launchDetail(`workers: ${config.workers}`);
  log.launchDetail(`ident: ${config.ident === false ? "disabled" : config.ident}`);
  log.launchDetail(`IP header: ${config.ip_header === false ? "disabled" : config.ip_header}`);
  log.launchDetail(`limits: ${config.limits}`);
  log.launchDetail(`temp dir: ${config.temp_dir}`);
  log.launchDetail(`keep-alive: ${config.keep_alive === 0 ? "disabled" : `${config.keep_alive}s`}`);
  log.launchDetail(`tls: ${tls}`);
  log.launchDetail(
    `shutdown: ctrlc = ${s.ctrlc}, signals = [${signals}], grace = ${s.grace}s, mercy = ${s.mercy}s`,
  );
  log.launchDetail(`log level: ${config.log_level}`);
  log.launchDetail(`log format: ${config.log_format}`);
  log.launchDetail(`cli colors: ${config.cli_colors}`);
  printSecretKey(log, config);
}

// `secret key: [generated]` and Rocket's warnings about a key that will not survive a restart or is public.
function printSecretKey(log: Logger, config: Config): void {
  const key = config.secret_key;
  log.launchDetail(`secret key: ${key}`);
  if (!key.isProvided) {
    log.warn("secrets enabled without a stable `secret_key`");
    log.launchDetail("private cookies will not open after a restart: configure a `secret_key`");
    log.launchDetail("this becomes an error in non-debug profiles");
  }
  if (key.isPubliclyKnown) {
    log.warn("the configured `secret_key` is the example key from the documentation, so it is insecure");
    log.launchDetail("generate a new one with `openssl rand -base64 32`");
  }
}

/** Prints the Routes, Catchers and Fairings sections (empty sections are omitted). */
export function printItems(
  log: Logger,
  routes: readonly MountedRoute[],
  catchers: CatcherTable,
  fairings: readonly string[],
): void {
  if (routes.length > 0) {
    log.launch(log.emoji("📬", "Routes:"));
    const sorted = [...routes].sort(
      (a, b) =>
        a.baseLength - b.baseLength ||
        a.base.length - b.base.length ||
        a.route.uri.path.length - b.route.uri.path.length ||
        a.route.uri.source.length - b.route.uri.source.length,
    );
    for (const r of sorted) log.launchDetail(String(r));
  }
  if (catchers.all.length > 0) {
    log.launch(log.emoji("🥅", "Catchers:"));
    for (const c of catchers.all) log.launchDetail(String(c));
  }
  if (fairings.length > 0) {
    log.launch(log.emoji("📡", "Fairings:"));
    for (const f of fairings) log.launchDetail(f);
  }
}
