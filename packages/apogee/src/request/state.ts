import type { Ignited } from "../app/ignited.ts";
import { Status } from "../http/status.ts";
import type { RequestGuard } from "./guard.ts";
import { isStateKey, type StateKeyLike, type StateValue, stateKeyName } from "./managed-state.ts";
import { error, type Failure, type Outcome, success } from "./outcome.ts";
import type { Request } from "./request.ts";

/** The guard `State(key)` returns: a request guard with a sentinel that aborts launch when `key` is unmanaged. */
export interface StateGuard<T> extends RequestGuard<T, string> {
  /** The key the guard reads. */
  readonly key: StateKeyLike;
  sentinel(app: Ignited): string | undefined;
}

const guards = new WeakMap<object, StateGuard<unknown>>();

/**
 * Rocket's `&State<T>`: the value the app manages under `key` (a class, or a `stateKey(...)`).
 *
 * - At ignite, every mounted route asking for unmanaged state (also inside `optional`/`result`) aborts launch,
 *   all of them reported at once with their definition sites.
 * - At request time (a custom guard calling `req.guard(State(K))`), unmanaged state fails the request with 500.
 *
 * @example
 * class HitCount { count = 0 }
 * const count = get("/count", { hits: State(HitCount) }, ({ hits }) => `${++hits.count}`);
 * build().manage(new HitCount()).mount("/", [count]);
 */
export function State<K extends StateKeyLike>(key: K): StateGuard<StateValue<K>> {
  if (!isStateKey(key)) {
    throw new TypeError("State(): the key must be a class or a stateKey(name)");
  }
  let g = guards.get(key);
  if (g === undefined) {
    g = {
      kind: "guard",
      name: `State<${stateKeyName(key)}>`,
      key,
      fromRequest: (req) => fromRequest(req, key),
      sentinel: (app) =>
        app.managed.has(key)
          ? undefined
          : `${stateKeyName(key)} is not managed: call app.manage(…) for it before launch`,
    };
    guards.set(key, g);
  }
  return g as StateGuard<StateValue<K>>;
}

function fromRequest(req: Request, key: StateKeyLike): Outcome<unknown, string> {
  const managed = req.app.managed;
  const value = managed.get(key);
  if (value !== undefined || managed.has(key)) return success(value);
  return unmanaged(req, key);
}

function unmanaged(req: Request, key: StateKeyLike): Failure<string> {
  const reason = `state for ${stateKeyName(key)} is not managed`;
  req.log.error(`Attempted to retrieve unmanaged state: ${reason}. Failing with 500.`);
  return error(Status.InternalServerError, reason);
}
