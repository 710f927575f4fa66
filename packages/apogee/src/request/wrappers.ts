import type { DataErrors } from "../data/data-error.ts";
import type { FormType } from "../data/form-type.ts";
import { optionalForm, resultForm } from "../data/form-wrappers.ts";
import {
  type DataGuard,
  optionalData,
  optionalGuard,
  type RequestGuard,
  resultData,
  resultGuard,
} from "./guard.ts";
import { optionalParam, type Param, type ParamError, resultParam, type SegmentsParam } from "./param.ts";
import type { Result } from "./result.ts";

/** The type `optional(G)` returns: the same kind of entry, yielding `T | undefined` and never failing. */
export type Optional<G> =
  G extends SegmentsParam<infer T>
    ? SegmentsParam<T | undefined>
    : G extends Param<infer T>
      ? Param<T | undefined>
      : G extends RequestGuard<infer T, any>
        ? RequestGuard<T | undefined, never>
        : G extends DataGuard<infer T, any>
          ? DataGuard<T | undefined, never>
          : G extends FormType<infer T>
            ? FormType<T | undefined>
            : never;

/** The type `result(G)` returns: the same kind of entry, yielding `Result<T, E>`. */
export type ResultOf<G> =
  G extends SegmentsParam<infer T>
    ? SegmentsParam<Result<T, ParamError>>
    : G extends Param<infer T>
      ? Param<Result<T, ParamError>>
      : G extends RequestGuard<infer T, infer E>
        ? RequestGuard<Result<T, E>, E>
        : G extends DataGuard<infer T, infer E>
          ? DataGuard<Result<T, E>, E>
          : G extends FormType<infer T>
            ? FormType<Result<T, DataErrors>>
            : never;

/**
 * Rocket's `Option<T>`: catches the failure of a param type or guard and hands the handler `undefined`.
 *
 * - Params: `undefined` when the value does not parse (or the query field is absent); never forwards.
 * - Request and data guards: `undefined` on a forward or an error; never fails.
 * - Form types (a form field or query form): parsed strictly; `undefined` when absent or failing.
 *
 * @example
 * get("/user/<id>", { id: optional(usize) }, ({ id }) => (id === undefined ? "not a number" : `user ${id}`));
 */
export function optional<G extends Param<any> | RequestGuard<any, any> | DataGuard<any, any> | FormType<any>>(
  inner: G,
): Optional<G>;
export function optional(
  inner: Param<unknown> | RequestGuard<unknown> | DataGuard<unknown> | FormType<unknown>,
): unknown {
  switch (inner?.kind) {
    case "param":
      return optionalParam(inner);
    case "guard":
      return optionalGuard(inner);
    case "data":
      return optionalData(inner);
    case "form":
      return optionalForm(inner);
    default:
      throw new TypeError("optional() takes a param type, a form type, a request guard or a data guard");
  }
}

/**
 * Rocket's `Result<T, E>`: hands the handler `{ ok: true, value }` or `{ ok: false, error }` instead of failing.
 *
 * - Params: the error is the `ParamError`; never forwards.
 * - Request and data guards: an error becomes `{ ok: false, error: reason }`; a forward still forwards.
 * - Form types: `{ ok: false, error }` carries the `DataErrors`; never fails.
 *
 * @example
 * get("/user/<id>", { id: result(usize) }, ({ id }) => (id.ok ? `user ${id.value}` : `bad id ${id.error.value}`));
 */
export function result<G extends Param<any> | RequestGuard<any, any> | DataGuard<any, any> | FormType<any>>(
  inner: G,
): ResultOf<G>;
export function result(
  inner: Param<unknown> | RequestGuard<unknown> | DataGuard<unknown> | FormType<unknown>,
): unknown {
  switch (inner?.kind) {
    case "param":
      return resultParam(inner);
    case "guard":
      return resultGuard(inner);
    case "data":
      return resultData(inner);
    case "form":
      return resultForm(inner);
    default:
      throw new TypeError("result() takes a param type, a form type, a request guard or a data guard");
  }
}
