import type { Logger } from "../log/logger.ts";
import type { Request } from "../request/request.ts";
import type { Response } from "../response/response.ts";

/** What a liftoff or shutdown fairing sees of the running app. */
export interface OrbitInfo {
  /** The address actually bound (the real port, also when `port = 0`). */
  readonly address: string;
  readonly port: number;
  /** `http://address:port`, or `local` for a local client. */
  readonly url: string;
  /** The app's logger. */
  readonly log: Logger;
}

/**
 * A fairing (Rocket's `Fairing`): callbacks into the app's lifecycle.
 *
 * - `onIgnite` runs once while the app ignites, in attach order.
 * - `onLiftoff` runs after the server is listening; `onShutdown` when it stops.
 * - `onRequest` runs before routing and may rewrite the method, URI and headers.
 * - `onResponse` runs for every response, catchers' included, before a HEAD response loses its body.
 * - `singleton`: attaching one replaces any earlier fairing with the same name.
 */
export interface Fairing {
  readonly name: string;
  readonly singleton?: boolean;
  onIgnite?(): void | Promise<void>;
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
