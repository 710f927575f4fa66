import type { Ignited } from "../app/ignited.ts";
import type { Data } from "../data/data.ts";
import { type BodyDoc, type GuardDoc, mergeGuardDocs } from "./api-doc.ts";
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
  /** Checked at ignite for every mounted route using the guard (see {@link Sentinel}). */
  readonly sentinel?: Sentinel;
  /** What the guard checks and answers, for API documents (`apogee/openapi`). */
  readonly doc?: GuardDoc;
}

/** A data guard (Rocket's `FromData`): turns the body into the value named by the route's `data` key. */
export interface DataGuard<T, E = unknown> {
  readonly kind: "data";
  readonly name: string;
  fromData(req: Request, data: Data): Outcome<T, E> | PromiseLike<Outcome<T, E>>;
  /** Checked at ignite for every mounted route using the guard (see {@link Sentinel}). */
  readonly sentinel?: Sentinel;
  /** The body it reads and the errors it answers, for API documents (`apogee/openapi`). */
  readonly doc?: BodyDoc;
}

/**
 * A launch check (Rocket's `Sentinel`), run at ignite for every guard of every mounted route: returns why launch
 * must abort (e.g. "HitCount is not managed"), or `undefined` when all is well. Every abort found is reported
 * at once, with the route and where it was declared.
 */
export type Sentinel = (app: Ignited) => string | undefined;

/** Options of `guard(...)`. */
export interface GuardOptions {
  /** The guard's own launch check. */
  readonly sentinel?: Sentinel;
  /**
   * Guards this guard runs through `req.guard(...)`: their sentinels are checked as its own (so a guard reading
   * `State(Db)` aborts launch when `Db` is unmanaged, as a route asking for `State(Db)` would).
   */
  readonly uses?: readonly (RequestGuard<any, any> | DataGuard<any, any>)[];
  /** What the guard checks and answers, for API documents; the docs of the request guards it `uses` are merged in. */
  readonly doc?: GuardDoc;
}

/** The value a request guard or data guard yields. */
export type GuardValue<G> =
  G extends RequestGuard<infer T, any> ? T : G extends DataGuard<infer T, any> ? T : never;

/**
 * Defines a request guard from a function of the request, sync or async. `options.uses` lists the guards it runs
 * through `req.guard(...)`, so their sentinels (an unmanaged `State(Db)`) are checked at ignite as its own.
 *
 * @example
 * const ApiKey = guard("ApiKey", (req) =>
 *   req.header("x-api-key") === "secret" ? success("secret") : error(Status.Unauthorized, "bad key"));
 * get("/sensitive", { key: ApiKey }, () => "Sensitive data.");
 */
export function guard<T, E = unknown>(
  name: string,
  fromRequest: (req: Request) => Outcome<T, E> | PromiseLike<Outcome<T, E>>,
  options?: GuardOptions,
): RequestGuard<T, E> {
  const sentinel = combineSentinels(options);
  const used = (options?.uses ?? []).map((g) => (g.kind === "guard" ? g.doc : undefined));
  const doc = mergeGuardDocs([options?.doc, ...used]);
  return {
    kind: "guard",
    name,
    fromRequest,
    ...(sentinel === undefined ? {} : { sentinel }),
    ...(doc === undefined ? {} : { doc }),
  };
}

function combineSentinels(options: GuardOptions | undefined): Sentinel | undefined {
  const checks: Sentinel[] = [];
  if (options?.sentinel) checks.push(options.sentinel);
  for (const g of options?.uses ?? []) if (g.sentinel) checks.push(g.sentinel);
  if (checks.length <= 1) return checks[0];
  return (app) => {
    const reasons = checks.map((check) => check(app)).filter((r) => r !== undefined);
    return reasons.length === 0 ? undefined : reasons.join("; ");
  };
}

// The wrappers `optional(G)` and `result(G)` are sentinels when `G` is (Rocket's `Option<T: Sentinel>`).
function delegate(inner: { readonly sentinel?: Sentinel }): { readonly sentinel?: Sentinel } {
  return inner.sentinel === undefined ? {} : { sentinel: inner.sentinel };
}

/** Defines a data guard from a function of the request and its body; `options.doc` documents the body it reads. */
export function dataGuard<T, E = unknown>(
  name: string,
  fromData: (req: Request, data: Data) => Outcome<T, E> | PromiseLike<Outcome<T, E>>,
  options?: { readonly doc?: BodyDoc },
): DataGuard<T, E> {
  const doc = options?.doc;
  return doc === undefined ? { kind: "data", name, fromData } : { kind: "data", name, fromData, doc };
}

// The docs of the wrappers: `optional(G)` never fails, so the credentials or body become optional; `result(G)`
// hands errors to the handler, so neither documents `G`'s error statuses.
function optionalDoc<D extends GuardDoc | BodyDoc>(doc: D | undefined): { readonly doc?: D } {
  if (doc === undefined) return {};
  const { responses: _, ...rest } = doc;
  return { doc: { ...rest, optional: true } as D };
}
function resultDoc<D extends GuardDoc | BodyDoc>(doc: D | undefined): { readonly doc?: D } {
  if (doc === undefined) return {};
  const { responses: _, ...rest } = doc;
  return { doc: rest as D };
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
    ...delegate(inner),
    ...optionalDoc(inner.doc),
  };
}

/** `result(G)` for request guards. */
export function resultGuard<T, E>(inner: RequestGuard<T, E>): RequestGuard<Result<T, E>, E> {
  return {
    kind: "guard",
    name: `Result<${inner.name}>`,
    fromRequest: (req) => mapOutcome(inner.fromRequest(req), toResult),
    ...delegate(inner),
    ...resultDoc(inner.doc),
  };
}

/** `optional(D)` for data guards. */
export function optionalData<T>(inner: DataGuard<T, any>): DataGuard<T | undefined, never> {
  return {
    kind: "data",
    name: `Option<${inner.name}>`,
    fromData: (req, data) => mapOutcome(inner.fromData(req, data), toOptional),
    ...delegate(inner),
    ...optionalDoc(inner.doc),
  };
}

/** `result(D)` for data guards. */
export function resultData<T, E>(inner: DataGuard<T, E>): DataGuard<Result<T, E>, E> {
  return {
    kind: "data",
    name: `Result<${inner.name}>`,
    fromData: (req, data) => mapOutcome(inner.fromData(req, data), toResult),
    ...delegate(inner),
    ...resultDoc(inner.doc),
  };
}
