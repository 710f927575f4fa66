import type { JsonSchema } from "./api-doc.ts";
import { err, ok, type Result } from "./result.ts";

/**
 * Why a path or query parameter did not parse. Returned (never thrown) by param types; the route then
 * forwards with 422 unless the parameter is wrapped in `optional(...)` or `result(...)`.
 */
export class ParamError {
  /** The param type that refused the value, e.g. `"u8"`. */
  readonly type: string;
  /** The value as it arrived (decoded for most types; `undefined` when the query field was absent). */
  readonly value: string | undefined;
  /** A one-line explanation, e.g. `"number too large to fit in target type"`. */
  readonly message: string;

  constructor(type: string, value: string | undefined, message: string) {
    this.type = type;
    this.value = value;
    this.message = message;
  }

  toString(): string {
    return this.value === undefined
      ? `${this.type}: ${this.message}`
      : `${this.type}: ${this.message} (in ${JSON.stringify(this.value)})`;
  }
}

/**
 * A param type (Rocket's `FromParam`, `FromSegments` and form-field parsing of query values): turns the text
 * of a path segment, of trailing segments, or of a query value into a typed value, or refuses it.
 *
 * - `fromParam` gets the percent-decoded segment and the raw one (only `RawStr` looks at the raw text).
 * - `fromSegments`, when present, makes the type usable for a trailing `<name..>` parameter.
 * - `fromQuery` parses a query field's decoded value; `missing` gives the value of an absent query field
 *   (bool's `false`), and without it an absent field is an error.
 *
 * Build your own with `param(name, parse)`.
 */
export interface Param<T> {
  readonly kind: "param";
  /** The type's name, shown in logs and errors (`"u8"`, `"uuid"`, …). */
  readonly name: string;
  fromParam(decoded: string, raw: string): T | ParamError;
  fromQuery(value: string): T | ParamError;
  readonly fromSegments?: (segments: readonly string[]) => T | ParamError;
  readonly missing?: () => T;
  /** The JSON Schema of the text it accepts, for API documents (`u8`: an integer from 0 to 255). */
  readonly schema?: JsonSchema;
}

/** A param type that also accepts trailing segments (`<path..>`), such as `PathBuf`. */
export interface SegmentsParam<T> extends Param<T> {
  readonly fromSegments: (segments: readonly string[]) => T | ParamError;
}

/** Builds a param type whose path and query parsers are the same function. */
export function simpleParam<T>(
  name: string,
  parse: (value: string) => T | ParamError,
  schema?: JsonSchema,
): Param<T> {
  return schema === undefined
    ? { kind: "param", name, fromParam: parse, fromQuery: parse }
    : { kind: "param", name, fromParam: parse, fromQuery: parse, schema };
}

/** The value type a param type produces. */
export type ParamValue<P> = P extends Param<infer T> ? T : never;

/**
 * Defines a param type from a parse function; return `fail(message)` (or a `ParamError`) to refuse a value.
 * `options.schema` is the JSON Schema of the text it accepts, for API documents (default: a string).
 *
 * @example
 * const slug = param("slug", (s) => (/^[a-z0-9-]+$/.test(s) ? s : fail("not a slug")), {
 *   schema: { type: "string", pattern: "^[a-z0-9-]+$" },
 * });
 * get("/posts/<slug>", { slug }, ({ slug }) => slug);
 */
export function param<T>(
  name: string,
  parse: (value: string) => T | ParamFailure,
  options?: { readonly schema?: JsonSchema },
): Param<T> {
  const run = (value: string): T | ParamError => {
    const out = parse(value);
    return out instanceof ParamFailure ? new ParamError(name, value, out.message) : out;
  };
  return simpleParam(name, run, options?.schema);
}

/** A refusal returned from a `param(...)` parse function; Apogee adds the type name and value. */
export class ParamFailure {
  readonly message: string;
  constructor(message: string) {
    this.message = message;
  }
}

/** Refuses a value inside a `param(...)` parse function. */
export function fail(message: string): ParamFailure {
  return new ParamFailure(message);
}

/** `optional(P)` for params: never fails; `undefined` when `P` fails or the query field is absent. */
export function optionalParam<T>(inner: Param<T>): Param<T | undefined> {
  const fromSegments = inner.fromSegments;
  return {
    kind: "param",
    name: `Option<${inner.name}>`,
    fromParam: (decoded, raw) => orUndefined(inner.fromParam(decoded, raw)),
    fromQuery: (value) => orUndefined(inner.fromQuery(value)),
    missing: () => undefined,
    ...(fromSegments ? { fromSegments: (s: readonly string[]) => orUndefined(fromSegments(s)) } : {}),
    ...(inner.schema ? { schema: inner.schema } : {}),
  };
}

function orUndefined<T>(v: T | ParamError): T | undefined {
  return v instanceof ParamError ? undefined : v;
}

/** `result(P)` for params: never fails; `{ ok: false, error }` carries the `ParamError`. */
export function resultParam<T>(inner: Param<T>): Param<Result<T, ParamError>> {
  const fromSegments = inner.fromSegments;
  const missing = inner.missing;
  return {
    kind: "param",
    name: `Result<${inner.name}>`,
    fromParam: (decoded, raw) => toResult(inner.fromParam(decoded, raw)),
    fromQuery: (value) => toResult(inner.fromQuery(value)),
    missing: missing
      ? () => ok(missing())
      : () => err(new ParamError(inner.name, undefined, "missing query parameter")),
    ...(fromSegments ? { fromSegments: (s: readonly string[]) => toResult(fromSegments(s)) } : {}),
    ...(inner.schema ? { schema: inner.schema } : {}),
  };
}

function toResult<T>(v: T | ParamError): Result<T, ParamError> {
  return v instanceof ParamError ? err(v) : ok(v);
}
