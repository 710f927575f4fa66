// What the primary of `workers > 1` and its workers tell each other over node:cluster's IPC channel.
import cluster from "node:cluster";

/** Set in a worker's environment by its Apogee primary (a user's own cluster workers are not Apogee's). */
export const WORKER_ENV = "__APOGEE_WORKER";
/**
 * The secret key every worker uses when none is configured: the primary generates one for all of them, so a
 * private cookie sealed by one worker opens in the others. Removed from the worker's `process.env` on start.
 */
export const WORKER_KEY_ENV = "__APOGEE_WORKER_SECRET_KEY";

/** A message between primary and worker; every one carries the `apogee` tag, other messages are the user's. */
export type ClusterMessage =
  /** Worker → primary: serving, liftoff done. */
  | { readonly apogee: "ready"; readonly address: string; readonly port: number; readonly url: string }
  /** Worker → primary: launch failed (a `LaunchError`'s parts when it was one). */
  | {
      readonly apogee: "failed";
      readonly message: string;
      readonly kind?: string;
      readonly heading?: string;
      readonly problems?: readonly string[];
    }
  /** Either way: start the graceful shutdown (a worker asks the primary, the primary orders every worker). */
  | { readonly apogee: "shutdown" }
  /** Primary → worker: close every connection now (a second signal). */
  | { readonly apogee: "force" };

/** Whether this process is a worker forked by an Apogee primary. */
export function isApogeeWorker(): boolean {
  return cluster.isWorker && process.env[WORKER_ENV] === "1";
}

/** Whether `value` is one of Apogee's cluster messages. */
export function isClusterMessage(value: unknown): value is ClusterMessage {
  return (
    typeof value === "object" && value !== null && typeof (value as { apogee?: unknown }).apogee === "string"
  );
}

/** Sends `message` to the primary; resolves once sent (or at once when the channel is gone). */
export function toPrimary(message: ClusterMessage): Promise<void> {
  return new Promise((resolve) => {
    if (process.send === undefined || !process.connected) resolve();
    else process.send(message, undefined, {}, () => resolve());
  });
}
