// `form({...})`: a struct of fields (Rocket's `#[derive(FromForm)]`), with `field(...)` for renaming, defaults and
// validators, and a form-level validator for checks across fields.

import type { FormDoc } from "../request/api-doc.ts";
import type { Param } from "../request/param.ts";
import { DATA_ERROR_CODES, type DataError, type DataErrorCode, dataError } from "./data-error.ts";
import { childName } from "./form-name.ts";
import { isChecked } from "./form-schema.ts";
import {
  type DataField,
  type FormContext,
  FormFailure,
  type FormMode,
  type FormType,
  scalarForm,
  type ValueField,
} from "./form-type.ts";
import { isStandardSchema } from "./standard-schema.ts";
import type { Invalid, Validator } from "./validate.ts";

/** Options of one struct field: its name(s) on the wire, a default, validators. */
export interface FieldOptions<T> {
  /** The form field name(s) to match instead of the property name (`"type"`, or several). */
  readonly name?: string | readonly string[];
  /** Match the name(s) case-insensitively (Rocket's `uncased("…")`). */
  readonly uncased?: boolean;
  /** The value when the field is absent from a lenient form (Rocket's `#[field(default = …)]`). */
  readonly default?: T;
  /** Checks run on the parsed value, in order; every failure is reported. */
  readonly validate?: Validator<T> | readonly Validator<T>[];
}

/** A struct field with options, made by `field(type, options)`. */
export interface FieldSpec<T> {
  readonly kind: "field";
  readonly type: FormType<T>;
  readonly options: FieldOptions<T>;
}

/** What a struct field may be: a param type, a form type, a `field(...)`, or a nested shape. */
export type FieldInput = Param<any> | FormType<any> | FieldSpec<any> | Shape;

/** The fields of a struct form, by property name. */
export interface Shape {
  readonly [key: string]: FieldInput;
}

/** The value of a struct field. */
export type FieldValue<F> =
  F extends Param<infer T>
    ? T
    : F extends FormType<infer T>
      ? T
      : F extends FieldSpec<infer T>
        ? T
        : F extends Shape
          ? ShapeValue<F>
          : never;

/** The value of a struct form with fields `S`. */
export type ShapeValue<S> = { -readonly [K in keyof S]: FieldValue<S[K]> };

/** A problem a form-level validator found, named relative to the form (`"confirm"`, `"dates.end"`). */
export interface FieldProblem {
  readonly name?: string;
  readonly message: string;
  readonly code?: DataErrorCode;
  readonly status?: number;
}

/** Options of a struct form. */
export interface StructOptions<T> {
  /** Checks across fields, run once every field parsed: a message, a problem, or several. */
  readonly validate?: (value: T) => string | FieldProblem | readonly FieldProblem[] | undefined;
}

/**
 * A struct field with options: wire name(s), case-insensitive matching, a default, validators. The default and
 * validators are checked against the field's type.
 *
 * @example
 * form({ apiType: field(str, { name: "type" }), age: field(u8, { default: 18, validate: validate.range({ min: 18 }) }) });
 */
export function field<F extends Param<any> | FormType<any> | Shape>(
  type: F,
  options: FieldOptions<FieldValue<F>>,
): FieldSpec<FieldValue<F>> {
  return { kind: "field", type: toFormType(type) as FormType<FieldValue<F>>, options };
}

const WHOLE_SCHEMA =
  "a Standard Schema form can only be a whole form (Form(schema), a query parameter): validate the part inside the schema instead";

/** Any struct-field input as a form type: params become single values, shapes become structs. */
export function toFormType(input: FieldInput): FormType<unknown> {
  const kind = (input as { kind?: unknown }).kind;
  if (kind === "form") {
    if (isChecked(input as FormType<unknown>)) throw new TypeError(WHOLE_SCHEMA);
    return input as FormType<unknown>;
  }
  if (kind === "param") return scalarForm(input as Param<unknown>);
  if (kind === "field") return (input as FieldSpec<unknown>).type;
  if (input !== null && typeof input === "object" && typeof kind !== "string" && !isStandardSchema(input)) {
    return struct(input as Shape, {});
  }
  throw new TypeError(
    "a form field must be a param type (str, u8, bool, …), a form type (form({...}), array(…), TempFile) or field(…)",
  );
}

interface CompiledField {
  readonly key: string;
  readonly wireName: string;
  readonly type: FormType<unknown>;
  readonly hasDefault: boolean;
  readonly fallback: unknown;
  readonly validators: readonly Validator<unknown>[];
}

class StructType<T> implements FormType<T> {
  readonly kind = "form";
  readonly name: string;
  readonly fields: readonly CompiledField[];
  readonly #exact = new Map<string, number>();
  readonly #uncased = new Map<string, number>();
  // Not named `check`: that name marks a schema form's asynchronous step (`isChecked`).
  readonly crossCheck: StructOptions<T>["validate"];

  constructor(shape: Shape, options: StructOptions<T>) {
    this.crossCheck = options.validate;
    const fields: CompiledField[] = [];
    const claimed = new Map<string, string>();
    for (const [key, input] of Object.entries(shape)) {
      const spec = (input as { kind?: unknown }).kind === "field" ? (input as FieldSpec<unknown>) : undefined;
      const o: FieldOptions<unknown> = spec?.options ?? {};
      const names = o.name === undefined ? [key] : typeof o.name === "string" ? [o.name] : [...o.name];
      if (names.length === 0) throw new TypeError(`form field "${key}": name must list at least one name`);
      const index = fields.length;
      for (const n of names) {
        const id = o.uncased ? `~${n.toLowerCase()}` : n;
        const clash = claimed.get(id) ?? claimed.get(`~${n.toLowerCase()}`);
        if (clash !== undefined && clash !== key) {
          throw new TypeError(`form fields "${clash}" and "${key}" both claim the name "${n}"`);
        }
        claimed.set(id, key);
        if (o.uncased) this.#uncased.set(n.toLowerCase(), index);
        else this.#exact.set(n, index);
      }
      const v = o.validate;
      fields.push({
        key,
        wireName: names[0]!,
        type: toFormType(input),
        hasDefault: "default" in o,
        fallback: o.default,
        validators: v === undefined ? [] : typeof v === "function" ? [v] : [...v],
      });
    }
    this.fields = fields;
    this.name = `{ ${fields.map((f) => f.key).join(", ")} }`;
  }

  /** The fields by wire name, for API documents. */
  get doc(): FormDoc {
    return {
      kind: "struct",
      fields: this.fields.map((f) => ({
        name: f.wireName,
        type: f.type,
        hasDefault: f.hasDefault,
        ...(f.hasDefault ? { default: f.fallback } : {}),
      })),
    };
  }

  /** The index of the field a key names, or -1. */
  find(key: string): number {
    const exact = this.#exact.get(key);
    if (exact !== undefined) return exact;
    if (this.#uncased.size === 0) return -1;
    return this.#uncased.get(key.toLowerCase()) ?? -1;
  }

  init(mode: FormMode, name: string): FormContext<T> {
    return new StructContext(this, mode, name);
  }
}

class StructContext<T> implements FormContext<T> {
  readonly #type: StructType<T>;
  readonly #mode: FormMode;
  readonly #name: string;
  readonly #contexts: (FormContext<unknown> | undefined)[];
  readonly #errors: DataError[] = [];

  constructor(type: StructType<T>, mode: FormMode, name: string) {
    this.#type = type;
    this.#mode = mode;
    this.#name = name;
    this.#contexts = new Array(type.fields.length);
  }

  #context(i: number): FormContext<unknown> {
    let ctx = this.#contexts[i];
    if (ctx === undefined) {
      const f = this.#type.fields[i]!;
      ctx = f.type.init(this.#mode, childName(this.#name, f.wireName));
      this.#contexts[i] = ctx;
    }
    return ctx;
  }

  // The field's key at this level picks the struct field; unknown keys are refused only when strict, and
  // `_method` never is.
  #route(field: ValueField | DataField): FormContext<unknown> | undefined {
    const key = field.name.keys[field.at] ?? "";
    const i = this.#type.find(key);
    if (i !== -1) return this.#context(i);
    if (this.#mode.strict && !(key === "_method" && field.at === 0)) {
      this.#errors.push(dataError(field.name.raw, "unexpected", "the form has no such field"));
    }
    return undefined;
  }

  pushValue(field: ValueField): void {
    this.#route(field)?.pushValue({ name: field.name, at: field.at + 1, value: field.value });
  }

  pushData(field: DataField): void | Promise<void> {
    return this.#route(field)?.pushData({ ...field, at: field.at + 1 });
  }

  finalize(): T | FormFailure {
    const errors = this.#errors;
    const value: Record<string, unknown> = {};
    const fields = this.#type.fields;
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i]!;
      const ctx = this.#contexts[i];
      if (ctx === undefined && f.hasDefault && !this.#mode.strict) {
        value[f.key] = f.fallback;
        continue;
      }
      const out = (ctx ?? this.#context(i)).finalize();
      if (out instanceof FormFailure) {
        errors.push(...out.errors);
        continue;
      }
      value[f.key] = out;
      const name = childName(this.#name, f.wireName);
      for (const check of f.validators) {
        const bad = check(out);
        if (bad !== undefined) errors.push(invalidError(name, bad));
      }
    }
    if (errors.length > 0) return new FormFailure(errors);
    const check = this.#type.crossCheck;
    if (check !== undefined) {
      const problems = check(value as T);
      if (problems !== undefined) {
        const list =
          typeof problems === "string"
            ? [{ message: problems }]
            : "message" in problems
              ? [problems]
              : problems;
        if ((list as readonly FieldProblem[]).length > 0) {
          return new FormFailure((list as readonly FieldProblem[]).map((p) => this.#problem(p)));
        }
      }
    }
    return value as T;
  }

  #problem(p: FieldProblem): DataError {
    const name = p.name === undefined ? this.#name : childName(this.#name, p.name);
    const code = p.code ?? "validation";
    return dataError(name === "" ? null : name, code, p.message, p.status ?? DATA_ERROR_CODES[code]);
  }
}

/** A validator's refusal as the field's error. */
export function invalidError(name: string, bad: Invalid | string): DataError {
  const n = name === "" ? null : name;
  if (typeof bad === "string") return dataError(n, "validation", bad);
  return dataError(n, bad.code, bad.message, bad.status ?? DATA_ERROR_CODES[bad.code]);
}

/** A struct form type from a shape (the implementation of `form(shape)`). */
export function struct<S extends Shape>(
  shape: S,
  options: StructOptions<ShapeValue<S>>,
): FormType<ShapeValue<S>> {
  if (shape === null || typeof shape !== "object") throw new TypeError("form() takes an object of fields");
  return new StructType(shape, options);
}
