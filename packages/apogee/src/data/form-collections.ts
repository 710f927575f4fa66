// Lists in forms: `array(T)` (Rocket's `Vec<T>`, with grouping keys). Maps are in `form-map.ts`.

import type { DataError } from "./data-error.ts";
import { indexName } from "./form-name.ts";
import { type FieldInput, type FieldValue, toFormType } from "./form-struct.ts";
import {
  type DataField,
  type FormContext,
  FormFailure,
  type FormMode,
  type FormType,
  missing,
  type ValueField,
} from "./form-type.ts";

interface Element {
  readonly key: string | undefined;
  readonly ctx: FormContext<unknown>;
}

// A field's first key after the array's name groups it: the same non-empty key as the previous field continues
// the current element, anything else (another key, an empty key, no key) starts a new one.
class ArrayContext<T> implements FormContext<T[]> {
  readonly #type: FormType<T>;
  readonly #mode: FormMode;
  readonly #name: string;
  readonly #elements: Element[] = [];

  constructor(type: FormType<T>, mode: FormMode, name: string) {
    this.#type = type;
    this.#mode = mode;
    this.#name = name;
  }

  #element(field: ValueField | DataField): FormContext<unknown> {
    const key = field.name.keys[field.at];
    const last = this.#elements[this.#elements.length - 1];
    if (key !== undefined && key !== "" && last !== undefined && last.key === key) return last.ctx;
    const label = key === undefined || key === "" ? this.#elements.length : key;
    const ctx = this.#type.init(this.#mode, indexName(this.#name, label));
    this.#elements.push({ key, ctx });
    return ctx;
  }

  pushValue(field: ValueField): void {
    const at = field.at < field.name.keys.length ? field.at + 1 : field.at;
    this.#element(field).pushValue({ name: field.name, at, value: field.value });
  }

  pushData(field: DataField): void | Promise<void> {
    const at = field.at < field.name.keys.length ? field.at + 1 : field.at;
    return this.#element(field).pushData({ ...field, at });
  }

  finalize(): T[] | FormFailure {
    if (this.#elements.length === 0) return this.#mode.strict ? missing(this.#name) : [];
    const values: T[] = [];
    const errors: DataError[] = [];
    for (const { ctx } of this.#elements) {
      const out = ctx.finalize();
      if (out instanceof FormFailure) errors.push(...out.errors);
      else values.push(out as T);
    }
    return errors.length > 0 ? new FormFailure(errors) : values;
  }
}

/**
 * A list of values (Rocket's `Vec<T>`). `tags=a&tags=b` gives `["a", "b"]`; with structs, a field's first key
 * after the name groups it into an element: `cats[0].name=A&cats[0].age=1&cats[1].name=B` is two cats (the same
 * key as the previous field continues the element; an empty or different key starts a new one).
 *
 * - Lenient: no fields → `[]`; strict: no fields → `missing`.
 *
 * @example
 * form({ cats: array({ name: str, age: u8 }), tags: array(str) });
 */
export function array<F extends FieldInput>(element: F): FormType<FieldValue<F>[]> {
  const type = toFormType(element) as FormType<FieldValue<F>>;
  return {
    kind: "form",
    name: `Vec<${type.name}>`,
    init: (mode, name) => new ArrayContext(type, mode, name),
    doc: { kind: "array", element: type },
  };
}
