import { type Outcome, success } from "./outcome.ts";
import type { Request } from "./request.ts";

/**
 * Rocket's `Shutdown`: a handle that starts the app's graceful shutdown. The class is itself a request guard
 * that always succeeds, so `{ shutdown: Shutdown }` in a signature hands the handler the app's handle.
 *
 * - `notify()` starts a graceful shutdown of the launched server (as SIGTERM would): in-flight requests get
 *   `shutdown.grace` seconds, then shutdown fairings finish. Calling it again does nothing.
 * - `signal` aborts when shutdown starts, for long-running work (streams, timers) to stop with it.
 * - Under a local client, `notify()` only aborts `signal`; `client.terminate()` runs the shutdown fairings.
 *
 * @example
 * get("/shutdown", { shutdown: Shutdown }, ({ shutdown }) => {
 *   shutdown.notify();
 *   return "Shutting down...";
 * });
 */
export class Shutdown {
  /** Marks the class as a request guard. */
  static readonly kind = "guard";

  /** The guard: always succeeds with the app's shutdown handle. */
  static fromRequest(req: Request): Outcome<Shutdown, never> {
    return success(req.app.shutdown);
  }

  readonly #controller = new AbortController();
  #handler: (() => void) | undefined;

  /** Aborts when shutdown is requested. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Whether shutdown has been requested. */
  get requested(): boolean {
    return this.#controller.signal.aborted;
  }

  /** Starts a graceful shutdown; does nothing once one has started. */
  notify(): void {
    if (this.#controller.signal.aborted) return;
    this.#controller.abort();
    this.#handler?.();
  }

  /**
   * Sets what `notify()` does (the server's graceful shutdown). If shutdown was already requested, `handler`
   * runs at once.
   */
  onNotify(handler: () => void): void {
    this.#handler = handler;
    if (this.#controller.signal.aborted) handler();
  }
}
