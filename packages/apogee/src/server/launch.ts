// Which way an app launches: one process, the primary of `workers > 1`, or one of those workers.
import type { Apogee } from "../app/apogee.ts";
import type { LogSink } from "../log/logger.ts";
import { isApogeeWorker } from "./ipc.ts";
import { servePrimary } from "./primary.ts";
import { type Orbit, serve } from "./server.ts";
import { launchWorker } from "./worker.ts";

/**
 * Launches `app` (what `app.launch()` does): in a worker forked by an Apogee primary, serves as that worker;
 * otherwise ignites, then serves in this process (`workers = 1`) or as the primary of `workers` processes.
 */
export async function launchApp(app: Apogee, sink: LogSink | undefined): Promise<Orbit> {
  if (isApogeeWorker()) return launchWorker(app, sink);
  const ignited = await app.ignite();
  return ignited.config.workers > 1 ? servePrimary(ignited) : serve(ignited);
}
