import { Status } from "../http/status.ts";

/** A guard succeeded: the handler receives `value`. */
export interface Success<T> {
  readonly outcome: "success";
  readonly value: T;
}

/** A guard gave up: the route forwards, and the next matching route is tried. `status` reaches the catcher. */
export interface Forward {
  readonly outcome: "forward";
  readonly status: Status;
}

/** A guard failed: no further route is tried; the catcher for `status` answers. `reason` is kept for it. */
export interface Failure<E = unknown> {
  readonly outcome: "error";
  readonly status: Status;
  readonly reason: E;
}

/**
 * What a guard returns (Rocket's `Outcome`): `success(value)`, `forward(status)` or `error(status, reason)`.
 * Control flow is a value, never an exception.
 */
export type Outcome<T, E = unknown> = Success<T> | Forward | Failure<E>;

/** The guard passed with `value`. */
export function success<T>(value: T): Success<T> {
  return { outcome: "success", value };
}

const FORWARD_404: Forward = Object.freeze({ outcome: "forward", status: Status.NotFound });

/** The guard forwards the request to the next route; `status` (default 404) is used if no route succeeds. */
export function forward(status: Status | number = Status.NotFound): Forward {
  const s = typeof status === "number" ? Status.from(status) : status;
  return s === Status.NotFound ? FORWARD_404 : { outcome: "forward", status: s };
}

/** The guard fails the request with `status`; `reason` is available to the catcher and to `result(...)`. */
export function error<E = undefined>(status: Status | number, reason?: E): Failure<E> {
  return {
    outcome: "error",
    status: typeof status === "number" ? Status.from(status) : status,
    reason: reason as E,
  };
}

/** Whether `value` is a promise-like we must await (the sync fast path skips it otherwise). */
export function isPromiseLike<T>(value: unknown): value is PromiseLike<T> {
  return (
    value !== null &&
    (typeof value === "object" || typeof value === "function") &&
    typeof (value as { then?: unknown }).then === "function"
  );
}
