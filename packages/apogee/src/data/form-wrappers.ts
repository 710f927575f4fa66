// Wrappers that change how a form type parses: `strict`/`lenient` (Rocket's `Strict<T>`/`Lenient<T>`) and the form
// side of `optional`/`result` (`Option<T>`, `form::Result<T>`).

import type { Result } from "../request/result.ts";
import { DataErrors } from "./data-error.ts";
import { isChecked } from "./form-schema.ts";
import { type FieldInput, type FieldValue, toFormType } from "./form-struct.ts";
import {
  type DataField,
  type FormContext,
  FormFailure,
  type FormMode,
  type FormType,
  type ValueField,
} from "./form-type.ts";

const WRAPPED_SCHEMA =
  "optional()/result() cannot wrap a Standard Schema form: make the schema itself optional, or use result(Form(schema)) for a body";

const STRICT: FormMode = { strict: true };
const LENIENT: FormMode = { strict: false };

function withMode<F extends FieldInput>(input: F, mode: FormMode, label: string): FormType<FieldValue<F>> {
  const type = toFormType(input) as FormType<FieldValue<F>>;
  return {
    kind: "form",
    name: `${label}<${type.name}>`,
    init: (_mode, name) => type.init(mode, name),
    doc: { kind: mode.strict ? "strict" : "lenient", inner: type },
  };
}

/**
 * Parses a form type strictly whatever its parent does (Rocket's `Strict<T>`): unknown fields, duplicates
 * and missing fields are errors (`_method` is always accepted).
 *
 * @example
 * get("/search?<q>", { q: strict(Query) }, ({ q }) => q.term);
 */
export function strict<F extends FieldInput>(input: F): FormType<FieldValue<F>> {
  return withMode(input, STRICT, "Strict");
}

/** Parses a form type leniently whatever its parent does (Rocket's `Lenient<T>`): extra fields are ignored. */
export function lenient<F extends FieldInput>(input: F): FormType<FieldValue<F>> {
  return withMode(input, LENIENT, "Lenient");
}

// `Option<T>`: counts pushes so an untouched value is `undefined` without asking the inner type.
class OptionalContext<T> implements FormContext<T | undefined> {
  readonly #inner: FormContext<T>;
  #pushes = 0;
  constructor(inner: FormContext<T>) {
    this.#inner = inner;
  }
  pushValue(field: ValueField): void {
    this.#pushes++;
    this.#inner.pushValue(field);
  }
  pushData(field: DataField): void | Promise<void> {
    this.#pushes++;
    return this.#inner.pushData(field);
  }
  finalize(): T | undefined {
    if (this.#pushes === 0) return undefined;
    const out = this.#inner.finalize();
    return out instanceof FormFailure ? undefined : out;
  }
}

/**
 * `optional(T)` for form types (Rocket's `Option<T>` field): `T` parsed strictly; absent or failing →
 * `undefined`. Never fails, strict or not.
 */
export function optionalForm<T>(type: FormType<T>): FormType<T | undefined> {
  if (isChecked(type)) throw new TypeError(WRAPPED_SCHEMA);
  return {
    kind: "form",
    name: `Option<${type.name}>`,
    init: (_mode, name) => new OptionalContext(type.init(STRICT, name)),
    doc: { kind: "optional", inner: type },
  };
}

class ResultContext<T> implements FormContext<Result<T, DataErrors>> {
  readonly #inner: FormContext<T>;
  constructor(inner: FormContext<T>) {
    this.#inner = inner;
  }
  pushValue(field: ValueField): void {
    this.#inner.pushValue(field);
  }
  pushData(field: DataField): void | Promise<void> {
    return this.#inner.pushData(field);
  }
  finalize(): Result<T, DataErrors> {
    const out = this.#inner.finalize();
    return out instanceof FormFailure
      ? { ok: false, error: new DataErrors(out.errors) }
      : { ok: true, value: out };
  }
}

/** `result(T)` for form types (Rocket's `form::Result<T>`): `{ ok: true, value }` or `{ ok: false, error }`. */
export function resultForm<T>(type: FormType<T>): FormType<Result<T, DataErrors>> {
  if (isChecked(type)) throw new TypeError(WRAPPED_SCHEMA);
  return {
    kind: "form",
    name: `Result<${type.name}>`,
    init: (mode, name) => new ResultContext(type.init(mode, name)),
    doc: { kind: "result", inner: type },
  };
}
