import { type DataGuard, optionalData, optionalGuard, type RequestGuard, resultData, resultGuard } from "./guard.ts";
import { optionalParam, type Param, type ParamError, resultParam, type SegmentsParam } from "./param.ts";
import type { Result } from "./result.ts";

/**
 * Rocket's `Option<T>`: catches the failure of a param type or guard and hands the handler `undefined`.
 *
 * - Params: `undefined` when the value does not parse (or the query field is absent); never forwards.
 * - Request and data guards: `undefined` on a forward or an error; never fails.
 *
 * @example
 * get("/user/<id>", { id: optional(usize) }, ({ id }) => (id === undefined ? "not a number" : `user ${id}`));
 */
export function optional<T>(inner: SegmentsParam<T>): SegmentsParam<T | undefined>;
export function optional<T>(inner: Param<T>): Param<T | undefined>;
export function optional<T>(inner: RequestGuard<T, any>): RequestGuard<T | undefined, never>;
export function optional<T>(inner: DataGuard<T, any>): DataGuard<T | undefined, never>;
export function optional(inner: Param<unknown> | RequestGuard<unknown> | DataGuard<unknown>): unknown {
  switch (inner?.kind) {
    case "param":
      return optionalParam(inner);
    case "guard":
      return optionalGuard(inner);
    case "data":
      return optionalData(inner);
    default:
      throw new TypeError("optional() takes a param type, a request guard or a data guard");
  }
}

/**
 * Rocket's `Result<T, E>`: hands the handler `{ ok: true, value }` or `{ ok: false, error }` instead of failing.
 *
 * - Params: the error is the `ParamError`; never forwards.
 * - Request and data guards: an error becomes `{ ok: false, error: reason }`; a forward still forwards.
 *
 * @example
 * get("/user/<id>", { id: result(usize) }, ({ id }) => (id.ok ? `user ${id.value}` : `bad id ${id.error.value}`));
 */
export function result<T>(inner: SegmentsParam<T>): SegmentsParam<Result<T, ParamError>>;
export function result<T>(inner: Param<T>): Param<Result<T, ParamError>>;
export function result<T, E>(inner: RequestGuard<T, E>): RequestGuard<Result<T, E>, E>;
export function result<T, E>(inner: DataGuard<T, E>): DataGuard<Result<T, E>, E>;
export function result(inner: Param<unknown> | RequestGuard<unknown> | DataGuard<unknown>): unknown {
  switch (inner?.kind) {
    case "param":
      return resultParam(inner);
    case "guard":
      return resultGuard(inner);
    case "data":
      return resultData(inner);
    default:
      throw new TypeError("result() takes a param type, a request guard or a data guard");
  }
}
