// The primary of `workers > 1`: forks the workers, replaces the ones that die, and drains them all on shutdown.

import cluster, { type Worker } from "node:cluster";
import { randomBytes } from "node:crypto";
import type { Ignited } from "../app/ignited.ts";
import { LaunchError, type LaunchErrorKind } from "../app/launch-error.ts";
import { tlsEnabled } from "../config/config.ts";
import { type OrbitInfo, runOrbitFairings } from "../fairing/fairing.ts";
import { type ClusterMessage, isClusterMessage, WORKER_ENV, WORKER_KEY_ENV } from "./ipc.ts";
import { type Orbit, tlsLaunchError } from "./server.ts";
import { settle, shutdownSignals } from "./timers.ts";
import { loadTls } from "./tls.ts";

/** A worker that ran at least this long before dying is replaced at once and its crash count is reset. */
const STABLE_MS = 10_000;
/** Consecutive quick crashes of one worker after which the primary gives up and shuts everything down. */
const MAX_CRASHES = 5;
/** The first quick crash is replaced at once; the next ones after 100 ms, 200 ms, 400 ms, … (at most 5 s). */
const BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 5_000;
/** How long after grace and mercy a worker may take to exit before it is killed. */
const EXIT_MARGIN_MS = 2_000;

/** One of the N worker places: the worker in it now, and how its predecessors fared. */
interface Slot {
  readonly number: number;
  worker: Worker | undefined;
  readyAt: number | undefined;
  crashes: number;
  restart: NodeJS.Timeout | undefined;
  exited: Promise<void>;
}

/**
 * Serves an ignited app with `config.workers` processes on one port (node:cluster; the primary hands out
 * connections). Resolves when every worker is serving (their liftoff fairings done), after this process's own
 * liftoff fairings, with the launch line printed once.
 *
 * - Each worker runs the app's entry script again: it ignites (quietly: the banner is the primary's), binds the
 *   shared port and runs its liftoff fairings; every process is its own app, with its own managed state.
 * - A worker that dies is replaced: at once, then with a growing delay while it keeps dying within 10 s of
 *   starting; after 5 such crashes in a row the primary gives up, shuts everything down and exits 1.
 * - A configured signal to any process, `orbit.shutdown()`, or a `Shutdown` guard in any worker drains every
 *   worker (grace, then mercy); a worker still running after that is killed. The primary's shutdown fairings run
 *   meanwhile, and "Graceful shutdown completed." prints once every worker has exited.
 * - A launch failure in a worker (bind error, a failing ignite fairing) is reported once by the primary, which
 *   stops the others and rejects with it.
 */
export async function servePrimary(app: Ignited): Promise<Orbit> {
  const { config, log } = app;
  if (tlsEnabled(config)) {
    const tls = loadTls(config.tls!);
    if (!tls.ok) throw tlsLaunchError(tls.problems);
  }
  if (process.argv[1] === undefined) {
    throw new LaunchError("config", "Apogee failed to launch: workers need an entry script:", [
      `workers = ${config.workers} runs this process's script in each worker, but it has none (node -e, a REPL)`,
    ]);
  }
  const env: Record<string, string> = { [WORKER_ENV]: "1" };
  // Private cookies must open in every worker: without a configured key, all of them share one generated here.
  if (!config.secret_key.isProvided) env[WORKER_KEY_ENV] = randomBytes(64).toString("base64");

  const slots: Slot[] = Array.from({ length: config.workers }, (_, i) => ({
    number: i + 1,
    worker: undefined,
    readyAt: undefined,
    crashes: 0,
    restart: undefined,
    exited: Promise.resolve(),
  }));
  let launched = false;
  let closing: Promise<void> | undefined;
  let first: Extract<ClusterMessage, { apogee: "ready" }> | undefined;
  let started: { resolve: () => void; reject: (e: Error) => void } | undefined;
  let readyCount = 0;

  const fork = (slot: Slot) => {
    slot.restart = undefined;
    slot.readyAt = undefined;
    const worker = cluster.fork(env);
    slot.worker = worker;
    slot.exited = new Promise((resolve) => worker.once("exit", () => resolve()));
    worker.on("message", (message: unknown) => {
      if (isClusterMessage(message)) onMessage(slot, worker, message);
    });
    worker.once("exit", (code: number | null, signal: string | null) => onExit(slot, worker, code, signal));
    // A closed channel is an exit in the making, which `exit` handles.
    worker.on("error", () => {});
  };

  const onMessage = (slot: Slot, worker: Worker, message: ClusterMessage) => {
    if (message.apogee === "ready") {
      slot.readyAt = Date.now();
      first ??= message;
      if (launched) {
        if (log.enabled("normal")) log.info(`Worker ${slot.number} (pid ${worker.process.pid}) is serving.`);
      } else if (++readyCount === slots.length) started?.resolve();
    } else if (message.apogee === "failed") {
      if (!launched) started?.reject(rebuild(message));
      else
        log.error(`Worker ${slot.number} (pid ${worker.process.pid}) failed to launch:\n${message.message}`);
    } else if (message.apogee === "shutdown") app.shutdown.notify();
  };

  const onExit = (slot: Slot, worker: Worker, code: number | null, signal: string | null) => {
    if (slot.worker !== worker) return;
    slot.worker = undefined;
    const how = signal !== null ? `was killed by ${signal}` : `exited with code ${code}`;
    if (closing !== undefined) return;
    if (!launched) {
      started?.reject(
        new Error(`Apogee failed to launch: worker ${slot.number} ${how} before it was serving.`),
      );
      return;
    }
    const quick = slot.readyAt === undefined || Date.now() - slot.readyAt < STABLE_MS;
    slot.crashes = quick ? slot.crashes + 1 : 1;
    if (slot.crashes >= MAX_CRASHES) {
      log.error(
        `Worker ${slot.number} died ${slot.crashes} times in a row, each time within ${STABLE_MS / 1000}s of ` +
          "starting: giving up, shutting down.",
      );
      process.exitCode = 1;
      app.shutdown.notify();
      return;
    }
    const delay = slot.crashes <= 1 ? 0 : Math.min(BACKOFF_MS * 2 ** (slot.crashes - 2), MAX_BACKOFF_MS);
    log.warn(
      `Worker ${slot.number} (pid ${worker.process.pid}) ${how}: starting a new one` +
        (delay > 0 ? ` in ${delay} ms.` : "."),
    );
    slot.restart = setTimeout(() => fork(slot), delay);
  };

  const send = (message: ClusterMessage) => {
    for (const slot of slots) {
      const w = slot.worker;
      if (w?.isConnected()) w.send(message, undefined, () => {});
    }
  };
  const allExited = () => Promise.all(slots.map((s) => s.exited)).then(() => {});

  try {
    await new Promise<void>((resolve, reject) => {
      started = { resolve, reject };
      for (const slot of slots) fork(slot);
    });
  } catch (e) {
    closing = Promise.resolve();
    for (const slot of slots) slot.worker?.process.kill("SIGKILL");
    await allExited();
    throw e;
  } finally {
    started = undefined;
  }
  launched = true;

  const info: OrbitInfo = { address: first!.address, port: first!.port, url: first!.url, log, app };
  const signals = shutdownSignals(config.shutdown);
  const onSignal = (signal: string) => {
    if (closing !== undefined) {
      log.warn(`Received ${signal} again: closing every connection now.`);
      send({ apogee: "force" });
      return;
    }
    log.launch(`Received ${signal}. Shutting down gracefully.`);
    app.shutdown.notify();
  };
  for (const s of signals) process.on(s, onSignal);

  const drain = async () => {
    for (const slot of slots) clearTimeout(slot.restart);
    send({ apogee: "shutdown" });
    const fairings = runOrbitFairings(app.fairings, "onShutdown", info);
    const { grace, mercy } = config.shutdown;
    const exited = allExited();
    if (!(await settle(exited, (grace + mercy) * 1000 + EXIT_MARGIN_MS))) {
      const running = slots.filter((s) => s.worker !== undefined);
      log.warn(`${running.length} worker(s) still running after grace and mercy: killing them.`);
      for (const slot of running) slot.worker?.process.kill("SIGKILL");
      await exited;
    }
    await fairings;
    for (const s of signals) process.off(s, onSignal);
    log.launch("Graceful shutdown completed.");
  };
  let done!: () => void;
  const closed = new Promise<void>((resolve) => (done = resolve));
  app.shutdown.onNotify(() => {
    if (closing !== undefined) return;
    closing = drain();
    void closing.then(done);
  });

  await runOrbitFairings(app.fairings, "onLiftoff", info);
  log.launch(log.emoji("🚀", `Apogee has launched from ${info.url}`));
  const shutdown = () => {
    app.shutdown.notify();
    return closing ?? Promise.resolve();
  };
  return { ...info, server: undefined, shutdown, closed };
}

// The worker's launch error, as the primary's own (so it prints and exits as a single-process launch would).
function rebuild(m: Extract<ClusterMessage, { apogee: "failed" }>): Error {
  if (m.kind !== undefined && m.heading !== undefined && m.problems !== undefined)
    return new LaunchError(m.kind as LaunchErrorKind, m.heading, m.problems);
  return new Error(`Apogee failed to launch: a worker failed:\n${m.message}`);
}
