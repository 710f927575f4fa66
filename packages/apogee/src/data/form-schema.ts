// A Standard Schema as a whole form: the fields are gathered into a tree of strings, arrays and objects, which the
// schema validates; its issues become form errors named by path.

import type { FormDoc } from "../request/api-doc.ts";
import {
  type DataField,
  type FormContext,
  FormFailure,
  type FormMode,
  type FormType,
  type ValueField,
} from "./form-type.ts";
import { readPartText } from "./part-reader.ts";
import { type SchemaOutput, type StandardSchema, validateWith } from "./standard-schema.ts";

/** A form type whose value is checked asynchronously after `finalize` (a schema); only at the top of a form. */
export interface CheckedFormType<T> extends FormType<T> {
  /** Turns the finalized raw value into the form's value, or its errors. */
  check(raw: unknown): Promise<T | FormFailure>;
}

/** Whether a form type needs the asynchronous `check` step. */
export function isChecked<T>(type: FormType<T>): type is CheckedFormType<T> {
  return typeof (type as Partial<CheckedFormType<T>>).check === "function";
}

interface Node {
  values: string[];
  children: Map<string, Node> | undefined;
}

function node(): Node {
  return { values: [], children: undefined };
}

function insert(root: Node, keys: readonly string[], from: number, value: string): void {
  let n = root;
  for (let i = from; i < keys.length; i++) {
    const key = keys[i]!;
    n.children ??= new Map();
    let child = n.children.get(key);
    if (child === undefined) {
      child = node();
      n.children.set(key, child);
    }
    n = child;
  }
  n.values.push(value);
}

const INDEX = /^(?:0|[1-9][0-9]{0,8})$/;

/**
 * The plain value of a node: one string, several strings as an array, `[]`-keyed values as an array, keys
 * `0…n-1` as an array in index order, other keys as an object.
 */
function toValue(n: Node): unknown {
  const children = n.children;
  if (children === undefined) return n.values.length === 1 ? n.values[0] : n.values;
  if (children.size === 1 && children.has("")) {
    const only = toValue(children.get("")!);
    return Array.isArray(only) ? only : [only];
  }
  const keys = [...children.keys()];
  if (keys.every((k) => INDEX.test(k))) {
    const indices = keys.map(Number).sort((a, b) => a - b);
    if (indices.every((k, i) => k === i)) return indices.map((i) => toValue(children.get(String(i))!));
  }
  const out: Record<string, unknown> = {};
  for (const [key, child] of children) {
    Object.defineProperty(out, key, {
      value: toValue(child),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

class TreeContext implements FormContext<unknown> {
  readonly #root = node();
  readonly #top: boolean;

  constructor(top: boolean) {
    this.#top = top;
  }

  pushValue(field: ValueField): void {
    if (this.#top && field.at === 0 && field.name.raw === "_method") return;
    insert(this.#root, field.name.keys, field.at, field.value);
  }

  async pushData(field: DataField): Promise<void> {
    const text = await readPartText(field);
    if (typeof text === "string") insert(this.#root, field.name.keys, field.at, text);
  }

  finalize(): unknown {
    return this.#root.children === undefined && this.#root.values.length === 0 ? {} : toValue(this.#root);
  }
}

class SchemaForm<S extends StandardSchema<any, any>> implements CheckedFormType<SchemaOutput<S>> {
  readonly kind = "form";
  readonly name: string;
  readonly #schema: S;

  constructor(schema: S) {
    this.#schema = schema;
    this.name = `Schema(${schema["~standard"].vendor})`;
  }

  /** The schema, for API documents. */
  get doc(): FormDoc {
    return { kind: "schema", schema: this.#schema };
  }

  init(_mode: FormMode, name: string): FormContext<SchemaOutput<S>> {
    return new TreeContext(name === "") as FormContext<SchemaOutput<S>>;
  }

  async check(raw: unknown): Promise<SchemaOutput<S> | FormFailure> {
    const out = await validateWith(this.#schema, raw, "schema");
    return out.ok ? out.value : new FormFailure(out.errors);
  }
}

/** A Standard Schema as a form type (the implementation of `form(schema)`). */
export function schemaForm<S extends StandardSchema<any, any>>(schema: S): CheckedFormType<SchemaOutput<S>> {
  return new SchemaForm(schema);
}
