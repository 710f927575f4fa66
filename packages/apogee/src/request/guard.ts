import type { Data } from "../data/data.ts";
import { isPromiseLike, type Outcome, success } from "./outcome.ts";
import type { Request } from "./request.ts";
import { err, ok, type Result } from "./result.ts";

/**
 * A request guard (Rocket's `FromRequest`): decides from the request whether the handler may run.
 * Any signature key that is neither a URI parameter nor the data key is a request guard.
 */
export interface RequestGuard<T, E = unknown> {
  readonly kind: "guard";
  /** Shown in logs when the guard forwards or fails. */
  readonly name: string;
  fromRequest(req: Request): Outcome<T, E> | PromiseLike<Outcome<T, E>>;
}

/** A data guard (Rocket's `FromData`): turns the body into the value named by the route's `data` key. */
export interface DataGuard<T, E = unknown> {
  readonly kind: "data";
  readonly name: string;
  fromData(req: Request, data: Data): Outcome<T, E> | PromiseLike<Outcome<T, E>>;
}

/** The value a request guard or data guard yields. */
export type GuardValue<G> =
  G extends RequestGuard<infer T, any> ? T : G extends DataGuard<infer T, any> ? T : never;

/**
 * Defines a request guard from a function of the request, sync or async.
 *
 * @example
 * const ApiKey = guard("ApiKey", (req) =>
 *   req.header("x-api-key") === "secret" ? success("secret") : error(Status.Unauthorized, "bad key"));
 * get("/sensitive", { key: ApiKey }, () => "Sensitive data.");
 */
export function guard<T, E = unknown>(
  name: string,
  fromRequest: (req: Request) => Outcome<T, E> | PromiseLike<Outcome<T, E>>,
): RequestGuard<T, E> {
  return { kind: "guard", name, fromRequest };
}

/** Defines a data guard from a function of the request and its body. */
export function dataGuard<T, E = unknown>(
  name: string,
  fromData: (req: Request, data: Data) => Outcome<T, E> | PromiseLike<Outcome<T, E>>,
): DataGuard<T, E> {
  return { kind: "data", name, fromData };
}

// `optional(G)`: Success(v) → v; Error or Forward → undefined. Never fails.
function toOptional<T>(o: Outcome<T>): Outcome<T | undefined> {
  return o.outcome === "success" ? o : success(undefined);
}

// `result(G)`: Success(v) → ok(v); Error → err(reason); Forward is propagated.
function toResult<T, E>(o: Outcome<T, E>): Outcome<Result<T, E>, E> {
  if (o.outcome === "success") return success(ok(o.value));
  if (o.outcome === "error") return success(err(o.reason));
  return o;
}

function mapOutcome<T, U, E>(
  out: Outcome<T, any> | PromiseLike<Outcome<T, any>>,
  f: (o: Outcome<T, any>) => Outcome<U, any>,
): Outcome<U, E> | PromiseLike<Outcome<U, E>> {
  return isPromiseLike<Outcome<T, any>>(out) ? Promise.resolve(out).then(f) : f(out);
}

/** `optional(G)` for request guards. */
export function optionalGuard<T>(inner: RequestGuard<T, any>): RequestGuard<T | undefined, never> {
  return {
    kind: "guard",
    name: `Option<${inner.name}>`,
    fromRequest: (req) => mapOutcome(inner.fromRequest(req), toOptional),
  };
}

/** `result(G)` for request guards. */
export function resultGuard<T, E>(inner: RequestGuard<T, E>): RequestGuard<Result<T, E>, E> {
  return {
    kind: "guard",
    name: `Result<${inner.name}>`,
    fromRequest: (req) => mapOutcome(inner.fromRequest(req), toResult),
  };
}

/** `optional(D)` for data guards. */
export function optionalData<T>(inner: DataGuard<T, any>): DataGuard<T | undefined, never> {
  return {
    kind: "data",
    name: `Option<${inner.name}>`,
    fromData: (req, data) => mapOutcome(inner.fromData(req, data), toOptional),
  };
}

/** `result(D)` for data guards. */
export function resultData<T, E>(inner: DataGuard<T, E>): DataGuard<Result<T, E>, E> {
  return {
    kind: "data",
    name: `Result<${inner.name}>`,
    fromData: (req, data) => mapOutcome(inner.fromData(req, data), toResult),
  };
}
