// The form protocol (Rocket's `FromForm`): a form type makes a context, fields are pushed into it as they arrive
// (each with the key it is at), and `finalize` gives the value or every error found.

import type { Readable } from "node:stream";
import type { MediaType } from "../http/media-type.ts";
import type { FormDoc } from "../request/api-doc.ts";
import { type Param, ParamError } from "../request/param.ts";
import type { Request } from "../request/request.ts";
import { type DataError, dataError } from "./data-error.ts";
import type { FieldName } from "./form-name.ts";
import { readPartText } from "./part-reader.ts";

/** How strictly a form is parsed: strict forms refuse unknown, duplicate and missing fields. */
export interface FormMode {
  readonly strict: boolean;
}

/** A text field (url-encoded pair, query pair, or multipart part without a Content-Type). */
export interface ValueField {
  readonly name: FieldName;
  /** The index of the key this context reads (`name.keys[at]`); earlier keys were consumed by parents. */
  readonly at: number;
  readonly value: string;
}

/** A multipart part with a Content-Type (a file, or data): read it from `stream`, or leave it. */
export interface DataField {
  readonly name: FieldName;
  readonly at: number;
  /** The file name the client gave, unsanitised (`undefined` when none). */
  readonly fileName: string | undefined;
  readonly contentType: MediaType;
  readonly stream: Readable;
  /** The request, for limits, `temp_dir` and cleanup. */
  readonly req: Request;
}

/** The errors a context finalized with (a value, not an exception). */
export class FormFailure {
  readonly errors: DataError[];
  constructor(errors: DataError[]) {
    this.errors = errors;
  }
}

/** Collects fields for one value; `finalize` is called once, after every field was pushed. */
export interface FormContext<T> {
  pushValue(field: ValueField): void;
  pushData(field: DataField): void | Promise<void>;
  /**
   * A problem the body had while it was read (a multipart part over its limit, a broken body), for a context that
   * keeps them (`contextual`); without this method such a problem fails the form (Rocket's `push_error`).
   */
  pushError?(error: DataError): void;
  finalize(): T | FormFailure;
}

/**
 * A form type (Rocket's `FromForm`): structs from `form({...})`, `array(T)`, `map(T)`, `TempFile`, a
 * Standard Schema through `form(schema)`, and every param type (`u8`, `bool`, `str`, …) as a single value.
 */
export interface FormType<T> {
  readonly kind: "form";
  readonly name: string;
  /** A context for a value named `name` (`""` at the top; `cats[0].nick` deeper), parsed in `mode`. */
  init(mode: FormMode, name: string): FormContext<T>;
  /** How the type is built, for API documents (`apogee/openapi`). */
  readonly doc?: FormDoc;
}

/** The value a form type gives. */
export type FormValue<F> = F extends FormType<infer T> ? T : F extends Param<infer T> ? T : never;

/** `Missing` for the field `name`. */
export function missing(name: string): FormFailure {
  return new FormFailure([dataError(name === "" ? null : name, "missing", "the field is missing")]);
}

/** The same field again (strict forms only). */
export function duplicate(name: string): DataError {
  return dataError(name === "" ? null : name, "duplicate", "the field was given more than once");
}

// A param type as a form field: the first value pushed, whatever its name (Rocket's `FromFormField`). Lenient:
// later values are ignored and an absent field takes the type's default (bool's `false`); strict: a second value
// is `Duplicate` and an absent one `Missing`. `optional(...)`/`result(...)` params default even when strict.
class ScalarContext<T> implements FormContext<T> {
  readonly #param: Param<T>;
  readonly #strict: boolean;
  readonly #name: string;
  #pushes = 0;
  #value: T | ParamError | DataError | undefined = undefined;

  constructor(param: Param<T>, mode: FormMode, name: string) {
    this.#param = param;
    this.#strict = mode.strict;
    this.#name = name;
  }

  pushValue(field: ValueField): void {
    if (this.#pushes++ === 0) this.#value = this.#param.fromQuery(field.value);
  }

  async pushData(field: DataField): Promise<void> {
    if (this.#pushes++ !== 0) return;
    const text = await readPartText(field);
    this.#value = typeof text === "string" ? this.#param.fromQuery(text) : text;
  }

  finalize(): T | FormFailure {
    const name = this.#name === "" ? null : this.#name;
    if (this.#pushes === 0) {
      const fallback = this.#param.missing;
      if (fallback !== undefined && (!this.#strict || alwaysDefaults(this.#param))) return fallback();
      return missing(this.#name);
    }
    if (this.#strict && this.#pushes > 1) return new FormFailure([duplicate(this.#name)]);
    const value = this.#value;
    if (value instanceof ParamError) {
      return new FormFailure([dataError(name, "invalid", `${value.message} (${value.type})`)]);
    }
    if (isDataError(value)) return new FormFailure([{ ...value, name }]);
    return value as T;
  }
}

// `optional(P)` and `result(P)` never fail, strict or not (Rocket: `Option<T>` defaults to `None` under `Strict`).
function alwaysDefaults(param: Param<unknown>): boolean {
  return param.name.startsWith("Option<") || param.name.startsWith("Result<");
}

function isDataError(v: unknown): v is DataError {
  return typeof v === "object" && v !== null && typeof (v as DataError).code === "string" && "status" in v;
}

const scalarTypes = new WeakMap<Param<unknown>, FormType<unknown>>();

/** A param type as a single-value form type (made once per param type). */
export function scalarForm<T>(param: Param<T>): FormType<T> {
  let type = scalarTypes.get(param) as FormType<T> | undefined;
  if (type === undefined) {
    type = {
      kind: "form",
      name: param.name,
      init: (mode, name) => new ScalarContext(param, mode, name),
      doc: { kind: "value", param },
    };
    scalarTypes.set(param, type);
  }
  return type;
}
