// The worker side of `workers > 1`: the same app, served quietly on the port the primary shares.
import cluster from "node:cluster";
import type { Apogee } from "../app/apogee.ts";
import { LaunchError } from "../app/launch-error.ts";
import type { LogSink } from "../log/logger.ts";
import { type ClusterMessage, isClusterMessage, toPrimary, WORKER_KEY_ENV } from "./ipc.ts";
import { type ServedOrbit, serve } from "./server.ts";

const PROCESS_SINK: LogSink = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/**
 * A sink that drops lines until opened: a worker's ignite and liftoff output (the banner, Shield's section) is
 * the primary's to print once. Warnings and errors pass from serving on; everything passes once serving.
 */
class QuietSink implements LogSink {
  readonly #inner: LogSink;
  errors = false;
  all = false;

  constructor(inner: LogSink) {
    this.#inner = inner;
  }

  out(line: string): void {
    if (this.all) this.#inner.out(line);
  }

  err(line: string): void {
    if (this.errors || this.all) this.#inner.err(line);
  }
}

/**
 * Launches `app` in a cluster worker: ignites quietly, serves on the shared port, runs liftoff fairings, then
 * tells the primary it is ready. A launch failure is sent to the primary (which reports it once) and the worker
 * exits 1. Shutdown, however it starts here, is passed to the primary so that every worker drains; once this
 * worker's drain is over, it leaves the cluster.
 */
export async function launchWorker(app: Apogee, sink: LogSink | undefined): Promise<ServedOrbit> {
  const quiet = new QuietSink(sink ?? PROCESS_SINK);
  app.logTo(quiet);
  const key = process.env[WORKER_KEY_ENV];
  delete process.env[WORKER_KEY_ENV];
  if (key !== undefined) app.configure({ secret_key: key });
  let orbit: ServedOrbit;
  try {
    const ignited = await app.ignite();
    quiet.errors = true;
    orbit = await serve(ignited, {
      quiet: true,
      onShutdown: (done) => {
        void toPrimary({ apogee: "shutdown" });
        void done.then(() => cluster.worker?.disconnect());
      },
    });
  } catch (e) {
    await toPrimary(failure(e));
    process.exit(1);
  }
  quiet.all = true;
  process.on("message", (message: unknown) => {
    if (!isClusterMessage(message)) return;
    if (message.apogee === "shutdown") void orbit.shutdown();
    else if (message.apogee === "force") orbit.closeAll();
  });
  await toPrimary({ apogee: "ready", address: orbit.address, port: orbit.port, url: orbit.url });
  return orbit;
}

function failure(e: unknown): ClusterMessage {
  if (e instanceof LaunchError) {
    const heading = e.message.split("\n", 1)[0]!;
    return { apogee: "failed", message: e.message, kind: e.kind, heading, problems: e.problems };
  }
  return { apogee: "failed", message: e instanceof Error ? (e.stack ?? e.message) : String(e) };
}
