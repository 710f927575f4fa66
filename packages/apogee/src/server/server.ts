import { createServer, type Server as HttpServer } from "node:http";
import { createSecureServer, type Http2SecureServer } from "node:http2";
import type { AddressInfo, Server as NetServer } from "node:net";
import type { Ignited } from "../app/ignited.ts";
import { LaunchError } from "../app/launch-error.ts";
import { tlsEnabled } from "../config/config.ts";
import { type OrbitInfo, runOrbitFairings } from "../fairing/fairing.ts";
import { Connections } from "./connections.ts";
import { answerClientError, RequestHandler } from "./handler.ts";
import { MAX_TIMER, settle, shutdownSignals } from "./timers.ts";
import { loadTls } from "./tls.ts";

/** A launched app (Rocket's `Rocket<Orbit>`): where it listens, and how to stop it. */
export interface Orbit extends OrbitInfo {
  readonly app: Ignited;
  /**
   * The underlying Node server: an `http.Server`, or with TLS an `Http2SecureServer` (HTTP/2 and HTTP/1.1);
   * `undefined` in the primary process of `workers > 1`, which serves through its workers.
   */
  readonly server: NetServer | undefined;
  /** Starts a graceful shutdown (as SIGTERM would) and resolves when the server has closed. */
  shutdown(): Promise<void>;
  /** Resolves when the server has shut down, however that started. */
  readonly closed: Promise<void>;
}

/** How a cluster worker serves: quietly, telling its primary when it starts shutting down. */
export interface ServeOptions {
  /** Skip the launch, signal and shutdown lines (the primary prints them). */
  readonly quiet?: boolean;
  /** Called once when shutdown starts, however it started, with the promise of its end. */
  readonly onShutdown?: (done: Promise<void>) => void;
}

/** A served orbit, with the means to cut every connection at once (a second signal does). */
export interface ServedOrbit extends Orbit {
  /** Closes every connection now, requests in flight included. */
  closeAll(): void;
}

/**
 * Binds the ignited app to `address:port` and serves it: HTTP/1.1, or with TLS enabled HTTP/2 and HTTP/1.1
 * negotiated by ALPN; then runs liftoff fairings and prints "Apogee has launched from http(s)://…".
 *
 * Shutdown (a configured signal, `orbit.shutdown()`, or the `Shutdown` guard's `notify()`): the listener closes,
 * idle connections close, shutdown fairings start; requests in flight get `shutdown.grace` seconds, then
 * `shutdown.mercy` more, then every connection is closed. A second signal closes everything at once.
 */
export async function serve(app: Ignited, options: ServeOptions = {}): Promise<ServedOrbit> {
  const { config, log } = app;
  const quiet = options.quiet === true;
  const secure = tlsEnabled(config);
  const mtls = secure && config.tls!.mutual !== null;
  const handler = new RequestHandler(app, mtls);
  let server: HttpServer | Http2SecureServer;
  if (secure) {
    const tls = loadTls(config.tls!);
    if (!tls.ok) throw tlsLaunchError(tls.problems);
    server = createSecureServer(tls.options, handler.listener);
    // The HTTP/1.1 side of the HTTP/2 server reads these as `http.Server` would.
    Object.assign(server, { keepAliveTimeout: Math.min(config.keep_alive * 1000, MAX_TIMER) });
  } else {
    server = createServer(handler.listener);
    server.keepAliveTimeout = Math.min(config.keep_alive * 1000, MAX_TIMER);
  }
  const connections = new Connections(server, config.keep_alive, mtls, log);
  server.on("clientError", (err: NodeJS.ErrnoException, socket) => answerClientError(app, err, socket));

  await new Promise<void>((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      reject(
        new LaunchError("bind", "Apogee failed to launch: the server could not bind its socket:", [
          `${config.address}:${config.port}: ${e.code ?? ""} ${e.message}`,
        ]),
      );
    };
    server.once("error", onError);
    server.listen(config.port, config.address, () => {
      server.off("error", onError);
      resolve();
    });
  });

  const bound = server.address() as AddressInfo;
  const host = bound.family === "IPv6" ? `[${bound.address}]` : bound.address;
  const scheme = secure ? "https" : "http";
  const info: OrbitInfo = {
    address: bound.address,
    port: bound.port,
    url: `${scheme}://${host}:${bound.port}`,
    log,
    app,
  };

  let closing: Promise<void> | undefined;
  const closeAll = () => connections.closeAll();
  const signals = shutdownSignals(config.shutdown);
  const onSignal = (signal: string) => {
    if (closing) {
      if (!quiet) log.warn(`Received ${signal} again: closing every connection now.`);
      closeAll();
      return;
    }
    if (!quiet) log.launch(`Received ${signal}. Shutting down gracefully.`);
    app.shutdown.notify();
  };
  for (const s of signals) process.on(s, onSignal);

  const closed = new Promise<void>((resolve) => server.once("close", () => resolve()));
  // Every way to shut down (signals, `orbit.shutdown()`, the `Shutdown` guard's `notify()`) goes through the
  // app's `Shutdown` handle, so its `signal` aborts and the drain below starts exactly once.
  const shutdown = (): Promise<void> => {
    app.shutdown.notify();
    return closing ?? Promise.resolve();
  };
  const drain = async (): Promise<void> => {
    handler.draining = true;
    server.close();
    connections.drain();
    const fairings = runOrbitFairings(app.fairings, "onShutdown", info);
    const { grace, mercy } = config.shutdown;
    const idle = handler.idle();
    if (!(await settle(idle, grace * 1000))) {
      log.warn(`Grace period of ${grace}s ended with ${handler.inFlight} request(s) in flight.`);
      await settle(idle, mercy * 1000);
    }
    closeAll();
    await fairings;
    await closed;
    // Handlers stay until the drain ends, so a second signal meanwhile forces it instead of killing the process.
    for (const s of signals) process.off(s, onSignal);
    if (!quiet) log.launch("Graceful shutdown completed.");
  };
  app.shutdown.onNotify(() => {
    if (closing !== undefined) return;
    closing = drain();
    options.onShutdown?.(closing);
  });

  await runOrbitFairings(app.fairings, "onLiftoff", info);
  if (!quiet) log.launch(log.emoji("🚀", `Apogee has launched from ${info.url}`));
  return { ...info, app, server, shutdown, closed, closeAll };
}

/** The launch error for TLS material that cannot be served (ROCKET.md §13: "aborting due to invalid configuration"). */
export function tlsLaunchError(problems: readonly string[]): LaunchError {
  return new LaunchError("config", "Apogee failed to launch due to invalid TLS configuration:", problems);
}
