import { FormFailure, parseQueryForm } from "../data/query-form.ts";
import { Status } from "../http/status.ts";
import type { DataGuard, RequestGuard } from "../request/guard.ts";
import { type Failure, type Forward, forward, isPromiseLike, type Outcome } from "../request/outcome.ts";
import { type Param, ParamError } from "../request/param.ts";
import type { Request } from "../request/request.ts";
import { isThrownResponder, type Responded, toResponse } from "../response/responder.ts";
import type { Response } from "../response/response.ts";
import type { MountedRoute } from "../router/mounted-route.ts";

/** What trying one route gives: a response, a forward to the next route, or a failure for the catcher. */
export type RouteOutcome = Response | Forward | Failure;

const FORWARD_422 = forward(Status.UnprocessableEntity);

function failure(status: Status): Failure {
  return { outcome: "error", status, reason: undefined };
}
const FAIL_500 = failure(Status.InternalServerError);

/**
 * Runs a route against a request: request guards in signature order, then path parameters, then query
 * parameters, then the data guard, then the handler and its responder. Synchronous until something awaits.
 */
export function runRoute(m: MountedRoute, req: Request): RouteOutcome | Promise<RouteOutcome> {
  const input: Record<string, unknown> = {};
  const guards = m.route.guards;
  for (let i = 0; i < guards.length; i++) {
    const step = guards[i]!;
    const out = callGuard(req, step.guard);
    if (isPromiseLike<Outcome<unknown>>(out)) return resumeGuards(m, req, input, i, out);
    if (out.outcome !== "success") return guardStopped(req, step.guard.name, out);
    input[step.key] = out.value;
  }
  return afterGuards(m, req, input);
}

async function resumeGuards(
  m: MountedRoute,
  req: Request,
  input: Record<string, unknown>,
  at: number,
  pending: PromiseLike<Outcome<unknown>>,
): Promise<RouteOutcome> {
  const guards = m.route.guards;
  let out = await settleGuard(req, guards[at]!.guard.name, pending);
  for (let i = at; ; ) {
    const step = guards[i]!;
    if (out.outcome !== "success") return guardStopped(req, step.guard.name, out);
    input[step.key] = out.value;
    if (++i === guards.length) break;
    const next = guards[i]!;
    const o = callGuard(req, next.guard);
    out = isPromiseLike<Outcome<unknown>>(o) ? await settleGuard(req, next.guard.name, o) : o;
  }
  return afterGuards(m, req, input);
}

// A guard that throws is a bug: logged, and the request fails with 500 (thrown responders aside). The guard is
// passed rather than a closure that calls it, which would be one allocation per guard and request.
function callGuard(
  req: Request,
  guard: RequestGuard<unknown> | DataGuard<unknown>,
): Outcome<unknown> | PromiseLike<Outcome<unknown>> {
  try {
    return guard.kind === "data" ? guard.fromData(req, req.data) : guard.fromRequest(req);
  } catch (e) {
    return thrownInGuard(req, guard.name, e);
  }
}

async function settleGuard(
  req: Request,
  name: string,
  pending: Outcome<unknown> | PromiseLike<Outcome<unknown>>,
): Promise<Outcome<unknown>> {
  try {
    return await pending;
  } catch (e) {
    return thrownInGuard(req, name, e);
  }
}

function thrownInGuard(req: Request, name: string, e: unknown): Failure {
  if (e instanceof Status) return failure(e);
  req.log.error(`Guard \`${name}\` threw. Failing with 500.`, e);
  return FAIL_500;
}

function guardStopped(req: Request, name: string, out: Forward | Failure): Forward | Failure {
  if (out.outcome === "error") req.error = out.reason;
  if (req.log.enabled("normal")) {
    const verb = out.outcome === "forward" ? "is forwarding" : "failed";
    req.log.detail(`Request guard \`${name}\` ${verb} (${out.status}).`);
  }
  return out;
}

function afterGuards(
  m: MountedRoute,
  req: Request,
  input: Record<string, unknown>,
): RouteOutcome | Promise<RouteOutcome> {
  const route = m.route;
  const pathParams = route.pathParams;
  if (pathParams.length > 0) {
    const segments = req.segments;
    const base = m.baseLength;
    for (let i = 0; i < pathParams.length; i++) {
      const p = pathParams[i]!;
      const at = base + p.index;
      let value: unknown;
      if (p.trailing) {
        const rest = segments.slice(at);
        value = p.param === undefined ? rest : p.param.fromSegments!(rest);
      } else {
        const decoded = segments[at]!;
        value = p.param === undefined ? decoded : p.param.fromParam(decoded, req.rawSegments[at]!);
      }
      if (value instanceof ParamError) return paramForward(req, p.key, value);
      input[p.key] = value;
    }
  }
  if (route.queryParams.length > 0 || route.queryRest !== undefined) {
    const failed = readQuery(m, req, input);
    if (failed !== undefined) {
      if (failed instanceof Promise) return failed.then((f) => f ?? afterQuery(m, req, input));
      return failed;
    }
  }
  return afterQuery(m, req, input);
}

function afterQuery(
  m: MountedRoute,
  req: Request,
  input: Record<string, unknown>,
): RouteOutcome | Promise<RouteOutcome> {
  const data = m.route.data;
  if (data === undefined) return callHandler(m, req, input);
  return runData(m, req, input, data);
}

function paramForward(req: Request, key: string, e: ParamError): Forward {
  if (req.log.enabled("normal")) req.log.detail(`Parameter \`${key}\` is forwarding: ${e}.`);
  return FORWARD_422;
}

// Query parameters (ROCKET.md §5), parsed leniently: a `<name>` param type takes the first field whose first key is
// `name`, a form type every such field with that key shifted off; `<rest..>` the fields no parameter took, unshifted
// (as pairs, or into its form type). Fields equal to a static pair are skipped. Any failure forwards with 422.
// Synchronous unless a schema form validates asynchronously.
function readQuery(
  m: MountedRoute,
  req: Request,
  input: Record<string, unknown>,
): Forward | undefined | Promise<Forward | undefined> {
  const route = m.route;
  const pairs = req.queryPairs;
  const statics = route.staticQuery;
  const params = route.queryParams;
  let failed: Forward | undefined;
  let pending: Promise<Forward | undefined>[] | undefined;
  for (let k = 0; k < params.length; k++) {
    const q = params[k]!;
    const p = q.param;
    if (p !== undefined && p.kind === "form") {
      const fields: (readonly [string, string])[] = [];
      for (let i = 0; i < pairs.length; i++) {
        const [n, v] = pairs[i]!;
        if (firstKey(n) === q.key && !isStaticPair(statics, n, v)) fields.push(pairs[i]!);
      }
      const out = parseQueryForm(p, q.key, fields, true);
      if (out instanceof Promise) pending = queue(pending, settleQueryForm(req, input, q.key, out));
      else if (out instanceof FormFailure) failed ??= formForward(req, q.key, out);
      else input[q.key] = out;
      continue;
    }
    let value: unknown;
    let found = false;
    for (let i = 0; i < pairs.length; i++) {
      const [n, v] = pairs[i]!;
      if (firstKey(n) !== q.key || isStaticPair(statics, n, v)) continue;
      found = true;
      value = p === undefined ? v : p.fromQuery(v);
      break;
    }
    if (!found) value = missingQuery(p);
    if (value instanceof ParamError) failed ??= paramForward(req, q.key, value);
    else input[q.key] = value;
  }
  const rest = route.queryRest;
  if (rest !== undefined) {
    const fields: (readonly [string, string])[] = [];
    for (let i = 0; i < pairs.length; i++) {
      const [n, v] = pairs[i]!;
      if (!isStaticPair(statics, n, v) && !isTaken(params, firstKey(n))) fields.push(pairs[i]!);
    }
    const type = route.queryRestType;
    if (type === undefined) input[rest] = fields;
    else {
      const out = parseQueryForm(type, rest, fields, false);
      if (out instanceof Promise) pending = queue(pending, settleQueryForm(req, input, rest, out));
      else if (out instanceof FormFailure) failed ??= formForward(req, rest, out);
      else input[rest] = out;
    }
  }
  if (pending === undefined) return failed;
  const first = failed;
  return Promise.all(pending).then((outs) => first ?? outs.find((o) => o !== undefined));
}

function queue<T>(list: T[] | undefined, item: T): T[] {
  if (list === undefined) return [item];
  list.push(item);
  return list;
}

function isStaticPair(statics: readonly (readonly [string, string])[], name: string, value: string): boolean {
  for (let i = 0; i < statics.length; i++) {
    const s = statics[i]!;
    if (s[0] === name && s[1] === value) return true;
  }
  return false;
}

function isTaken(params: readonly { readonly key: string }[], key: string): boolean {
  for (let i = 0; i < params.length; i++) if (params[i]!.key === key) return true;
  return false;
}

// An absent `<name>`: the param type's default (bool's `false`, optional's `undefined`), or a forwarding error.
function missingQuery(p: Param<unknown> | undefined): unknown {
  return p?.missing !== undefined
    ? p.missing()
    : new ParamError(p?.name ?? "str", undefined, "missing query parameter");
}

async function settleQueryForm(
  req: Request,
  input: Record<string, unknown>,
  key: string,
  pending: Promise<unknown>,
): Promise<Forward | undefined> {
  const out = await pending;
  if (out instanceof FormFailure) return formForward(req, key, out);
  input[key] = out;
  return undefined;
}

function formForward(req: Request, key: string, failure: FormFailure): Forward {
  if (req.log.enabled("normal")) {
    const why = failure.errors
      .map((e) => (e.name === null ? e.message : `${e.name}: ${e.message}`))
      .join("; ");
    req.log.detail(`Query parameter \`${key}\` is forwarding: ${why}.`);
  }
  return FORWARD_422;
}

/** The first key of a form field name: `a` in `a.b`, `a[0]` and `a`. */
function firstKey(name: string): string {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c === 46 || c === 91) return name.slice(0, i);
  }
  return name;
}

async function runData(
  m: MountedRoute,
  req: Request,
  input: Record<string, unknown>,
  data: { readonly key: string; readonly guard: DataGuard<unknown> },
): Promise<RouteOutcome> {
  const out = await settleGuard(req, data.guard.name, callGuard(req, data.guard));
  if (out.outcome !== "success") return guardStopped(req, data.guard.name, out);
  input[data.key] = out.value;
  return callHandler(m, req, input);
}

function callHandler(
  m: MountedRoute,
  req: Request,
  input: Record<string, unknown>,
): RouteOutcome | Promise<RouteOutcome> {
  let responded: Responded | PromiseLike<Responded>;
  try {
    responded = toResponse(m.route.handler(input), req);
  } catch (e) {
    return thrownInHandler(m, req, e);
  }
  if (isPromiseLike<Responded>(responded)) {
    return Promise.resolve(responded).then(fromResponded, (e) => thrownInHandler(m, req, e));
  }
  return fromResponded(responded);
}

function fromResponded(r: Responded): RouteOutcome {
  return r instanceof Status ? failure(r) : r;
}

// A thrown responder is the response; anything else thrown is a bug: logged, answered with 500.
function thrownInHandler(m: MountedRoute, req: Request, e: unknown): RouteOutcome | Promise<RouteOutcome> {
  if (isThrownResponder(e)) {
    try {
      const r = toResponse(e, req);
      return isPromiseLike<Responded>(r)
        ? Promise.resolve(r).then(fromResponded, () => FAIL_500)
        : fromResponded(r);
    } catch (inner) {
      e = inner;
    }
  }
  req.log.error(`Handler ${m.name} threw. Failing with 500.`, e);
  return FAIL_500;
}
