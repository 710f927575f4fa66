// The Standard Schema v1 protocol (https://standardschema.dev), which zod 4, valibot and arktype implement: the
// part Apogee uses, declared here so the core needs no schema library.

import { type DataError, type DataErrorCode, dataError } from "./data-error.ts";

/** One problem a schema found: a message, and where in the value (`path`). */
export interface StandardIssue {
  readonly message: string;
  readonly path?: readonly (PropertyKey | { readonly key: PropertyKey })[] | undefined;
}

/** What a schema's `validate` returns: the output value, or the issues. */
export type StandardResult<Output> =
  | { readonly value: Output; readonly issues?: undefined }
  | { readonly issues: readonly StandardIssue[] };

/** Any Standard Schema (zod 4, valibot, arktype, …): validates an unknown value into `Output`. */
export interface StandardSchema<Input = unknown, Output = Input> {
  readonly "~standard": {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => StandardResult<Output> | Promise<StandardResult<Output>>;
    readonly types?: { readonly input: Input; readonly output: Output } | undefined;
  };
}

/** The type a Standard Schema validates into. */
export type SchemaOutput<S> = S extends StandardSchema<any, infer O> ? O : never;

/** Whether `value` is a Standard Schema. */
export function isStandardSchema(value: unknown): value is StandardSchema {
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return false;
  const std = (value as { "~standard"?: { validate?: unknown } })["~standard"];
  return typeof std === "object" && std !== null && typeof std.validate === "function";
}

/** Validates `value` with `schema`: the output, or the issues as `DataError`s with `code` (422). */
export async function validateWith<O>(
  schema: StandardSchema<unknown, O>,
  value: unknown,
  code: DataErrorCode,
): Promise<{ ok: true; value: O } | { ok: false; errors: DataError[] }> {
  const out = await schema["~standard"].validate(value);
  if (out.issues === undefined) return { ok: true, value: out.value };
  return { ok: false, errors: out.issues.map((issue) => issueError(issue, code)) };
}

function issueError(issue: StandardIssue, code: DataErrorCode): DataError {
  const path = (issue.path ?? []).map((p) => {
    const key = typeof p === "object" && p !== null ? p.key : p;
    return typeof key === "number" ? key : String(key);
  });
  return { ...dataError(path.length === 0 ? null : pathName(path), code, issue.message), path };
}

/** A path as a field name: `items[0].name` (numbers in brackets, names after dots). */
export function pathName(path: readonly (string | number)[]): string {
  let name = "";
  for (const key of path) {
    if (typeof key === "number") name += `[${key}]`;
    else name += name === "" ? key : `.${key}`;
  }
  return name;
}
