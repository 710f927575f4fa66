import type { Apogee } from "../app/apogee.ts";
import type { Ignited } from "../app/ignited.ts";
import type { Logger } from "../log/logger.ts";
import type { Request } from "../request/request.ts";
import type { Result } from "../request/result.ts";
import type { Response } from "../response/response.ts";

/** What a liftoff or shutdown fairing sees of the running app (Rocket's `&Rocket<Orbit>`). */
export interface OrbitInfo {
  /** The address actually bound (the real port, also when `port = 0`). */
  readonly address: string;
  readonly port: number;
  /** `http://address:port`, or `local` for a local client. */
  readonly url: string;
  /** The app's logger. */
  readonly log: Logger;
  /** The ignited app: configuration, managed state, the shutdown handle. */
  readonly app: Ignited;
}

/**
 * A fairing (Rocket's `Fairing`): callbacks into the app's lifecycle.
 *
 * - `onIgnite(app)` runs while the app ignites, in attach order, before configuration is resolved: it may
 *   `manage` state, `attach` fairings (they run in the same pass), `mount` routes and `configure`. Returning
 *   `err(reason)` (or throwing) fails it; the other ignite fairings still run, then launch aborts naming every
 *   failed fairing.
 * - `onLiftoff` runs once the server listens (or a local client is created); all liftoff fairings run
 *   concurrently. `onShutdown` runs, concurrently too, when shutdown starts.
 * - `onRequest` runs before routing, in attach order, and may rewrite the method, URI and headers and peek the
 *   body; it cannot respond.
 * - `onResponse` runs for every response, catchers' included, after the `Server` header is set and before a HEAD
 *   response loses its body; it may change anything.
 * - `singleton`: attaching one removes every earlier fairing with the same name (how `Shield` is replaced).
 *
 * @example
 * const timing: Fairing = {
 *   name: "Timing",
 *   onResponse: (req, res) => void res.setHeader("x-route", req.route?.name ?? "none"),
 * };
 */
export interface Fairing {
  readonly name: string;
  readonly singleton?: boolean;
  /** Returns nothing (or `ok(…)`) when it succeeded, `err(reason)` when launch must abort. */
  // biome-ignore lint/suspicious/noConfusingVoidType: an async callback that returns nothing is a Promise<void>.
  onIgnite?(app: Apogee): void | Result<unknown, unknown> | Promise<void | Result<unknown, unknown>>;
  onLiftoff?(orbit: OrbitInfo): void | Promise<void>;
  onRequest?(req: Request): void | Promise<void>;
  onResponse?(req: Request, res: Response): void | Promise<void>;
  onShutdown?(orbit: OrbitInfo): void | Promise<void>;
}

/** The kinds a fairing has, as the banner shows them: `Shield (liftoff, response, singleton)`. */
export function fairingKinds(f: Fairing): string {
  const kinds: string[] = [];
  if (f.onIgnite) kinds.push("ignite");
  if (f.onLiftoff) kinds.push("liftoff");
  if (f.onRequest) kinds.push("request");
  if (f.onResponse) kinds.push("response");
  if (f.onShutdown) kinds.push("shutdown");
  if (f.singleton) kinds.push("singleton");
  return `${f.name} (${kinds.join(", ")})`;
}

/**
 * Runs every fairing's liftoff or shutdown callback concurrently and waits for all of them. A callback that
 * throws or rejects is logged by name; the others are unaffected.
 */
export async function runOrbitFairings(
  fairings: readonly Fairing[],
  kind: "onLiftoff" | "onShutdown",
  orbit: OrbitInfo,
): Promise<void> {
  const label = kind === "onLiftoff" ? "Liftoff" : "Shutdown";
  const running = fairings
    .filter((f) => f[kind] !== undefined)
    .map(async (f) => {
      try {
        await f[kind]!(orbit);
      } catch (e) {
        orbit.log.error(`${label} fairing ${f.name} failed.`, e);
      }
    });
  await Promise.all(running);
}
