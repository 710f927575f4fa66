// `map(V)` and `map(K, V)` (Rocket's `HashMap<K, V>` in forms): text keys (`m[key]`, `m.key`), and keys that are
// forms themselves, built field by field with `m[k:id]…` beside their values' `m[v:id]…`.

import { str } from "../request/param-types.ts";
import { type DataError, dataError } from "./data-error.ts";
import { FieldName, indexName } from "./form-name.ts";
import { type FieldInput, type FieldValue, toFormType } from "./form-struct.ts";
import {
  type DataField,
  type FormContext,
  FormFailure,
  type FormMode,
  type FormType,
  missing,
  scalarForm,
  type ValueField,
} from "./form-type.ts";

// One entry of the map, under the id its fields share (`a` in `m[a]`, `m[k:a]`, `m[v:a]`). Its key and value
// contexts are made when a field first reaches them; `name` (the first field's `m[…]`) names one nobody reached.
interface Entry {
  readonly name: string;
  key: FormContext<unknown> | undefined;
  value: FormContext<unknown> | undefined;
}

const K = 0x6b;
const V = 0x76;
const LOWER = 0x20;

/** How a map's finalized pairs become its value: a record for `map(V)`, a `Map` for `map(K, V)`. */
type Collect<M> = (keys: readonly unknown[], values: readonly unknown[]) => M;

// Rocket's `MapContext`: the first key after the map's name holds one or two `:`-separated indices. One index is
// a text key: a new one is pushed to the key type as a value, and the field goes to the entry's value. Two
// indices are `kind:id`: a kind starting with `k`/`K` sends the field to the key of entry `id`, `v`/`V` to its
// value, anything else is an error. A field with no key at all is an error too.
class MapContext<M> implements FormContext<M> {
  readonly #keyType: FormType<unknown>;
  readonly #valueType: FormType<unknown>;
  readonly #collect: Collect<M>;
  readonly #mode: FormMode;
  readonly #name: string;
  readonly #entries = new Map<string, Entry>();
  readonly #errors: DataError[] = [];

  constructor(
    keyType: FormType<unknown>,
    valueType: FormType<unknown>,
    collect: Collect<M>,
    mode: FormMode,
    name: string,
  ) {
    this.#keyType = keyType;
    this.#valueType = valueType;
    this.#collect = collect;
    this.#mode = mode;
    this.#name = name;
  }

  #entry(id: string, key: string): Entry {
    let entry = this.#entries.get(id);
    if (entry === undefined) {
      entry = { name: indexName(this.#name, key), key: undefined, value: undefined };
      this.#entries.set(id, entry);
    }
    return entry;
  }

  #target(field: ValueField | DataField): FormContext<unknown> | undefined {
    const key = field.name.keys[field.at];
    if (key === undefined) {
      this.#errors.push(
        dataError(this.#name === "" ? null : this.#name, "missing", "the map key is missing"),
      );
      return undefined;
    }
    const colon = key.indexOf(":");
    if (colon === -1) {
      let entry = this.#entries.get(key);
      if (entry === undefined) {
        entry = this.#entry(key, key);
        const name = new FieldName(entry.name);
        entry.key = this.#keyType.init(this.#mode, entry.name);
        entry.key.pushValue({ name, at: name.keys.length, value: key });
      }
      entry.value ??= this.#valueType.init(this.#mode, indexName(this.#name, key));
      return entry.value;
    }
    const kind = key.charCodeAt(0) | LOWER;
    const end = key.indexOf(":", colon + 1);
    const id = end === -1 ? key.slice(colon + 1) : key.slice(colon + 1, end);
    if (kind === K) {
      const entry = this.#entry(id, key);
      entry.key ??= this.#keyType.init(this.#mode, indexName(this.#name, key));
      return entry.key;
    }
    if (kind === V) {
      const entry = this.#entry(id, key);
      entry.value ??= this.#valueType.init(this.#mode, indexName(this.#name, key));
      return entry.value;
    }
    this.#errors.push(
      dataError(
        indexName(this.#name, key),
        "invalid",
        'the map index must be a key, or start with "k" (the key) or "v" (the value): k:<id>, v:<id>',
      ),
    );
    return undefined;
  }

  pushValue(field: ValueField): void {
    this.#target(field)?.pushValue({ name: field.name, at: field.at + 1, value: field.value });
  }

  pushData(field: DataField): void | Promise<void> {
    return this.#target(field)?.pushData({ ...field, at: field.at + 1 });
  }

  finalize(): M | FormFailure {
    const errors = this.#errors;
    if (this.#entries.size === 0) {
      if (errors.length > 0) return new FormFailure(errors);
      return this.#mode.strict ? missing(this.#name) : this.#collect([], []);
    }
    // Every key, then every value, as Rocket collects them: the errors come in that order.
    const keys: unknown[] = [];
    for (const entry of this.#entries.values()) {
      const out = (entry.key ?? this.#keyType.init(this.#mode, entry.name)).finalize();
      if (out instanceof FormFailure) errors.push(...out.errors);
      else keys.push(out);
    }
    const values: unknown[] = [];
    for (const entry of this.#entries.values()) {
      const out = (entry.value ?? this.#valueType.init(this.#mode, entry.name)).finalize();
      if (out instanceof FormFailure) errors.push(...out.errors);
      else values.push(out);
    }
    return errors.length > 0 ? new FormFailure(errors) : this.#collect(keys, values);
  }
}

// A null-prototype object: a `__proto__` key is an entry like any other. A later equal key replaces the value.
function toRecord(keys: readonly unknown[], values: readonly unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  for (let i = 0; i < keys.length; i++) out[keys[i] as string] = values[i];
  return out;
}

// Keys equal as data are one entry, as Rocket's `Eq + Hash` keys are: `Map` already compares primitives by value;
// plain objects and arrays are compared by their structure; anything else (a `TempFile`) by identity.
function toMap(keys: readonly unknown[], values: readonly unknown[]): Map<unknown, unknown> {
  const out = new Map<unknown, unknown>();
  const seen = new Map<string, unknown>();
  for (let i = 0; i < keys.length; i++) {
    let key = keys[i];
    const shape = typeof key === "object" && key !== null ? structure(key) : undefined;
    if (shape !== undefined) {
      const first = seen.get(shape);
      if (first === undefined) seen.set(shape, key);
      else key = first;
    }
    out.set(key, values[i]);
  }
  return out;
}

/** Plain data as text that two equal values share (object keys sorted); `undefined` for anything else. */
function structure(value: unknown): string | undefined {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
    case "boolean":
      return String(value);
    case "bigint":
      return `${value}n`;
    case "undefined":
      return "undefined";
    case "object": {
      if (value === null) return "null";
      const parts: string[] = [];
      if (Array.isArray(value)) {
        for (const item of value) {
          const part = structure(item);
          if (part === undefined) return undefined;
          parts.push(part);
        }
        return `[${parts.join(",")}]`;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return undefined;
      for (const key of Object.keys(value).sort()) {
        const part = structure((value as Record<string, unknown>)[key]);
        if (part === undefined) return undefined;
        parts.push(`${JSON.stringify(key)}:${part}`);
      }
      return `{${parts.join(",")}}`;
    }
    default:
      return undefined;
  }
}

/**
 * A map in a form (Rocket's `HashMap<K, V>`). `map(V)` has text keys and gives a record with no prototype (any
 * key is safe); `map(K, V)` parses its keys as `K` (a param type, or a form of its own) and gives a `Map`.
 *
 * - `m[id]=…` or `m.id=…`: the value for the text key `id`; deeper keys go to the value (`m[a].x=1&m[a].y=2`).
 * - `m[k:id]…` builds the key of entry `id` and `m[v:id]…` its value (any index starting with `k`/`v`, either
 *   case): `m[k:1].x=3&m[k:1].y=4&m[v:1]=origin`. A text key `id` is the key's value, so `m[k:id]` fields are
 *   only needed for keys that are not text.
 * - `:` separates indices inside a key, so `m[a:b]` is an error (`a` is neither `k` nor `v`), as is a field
 *   with no key after the map's name (`m=1`). Errors are named after the fields (`m[k:1].x`, `m[v:1]`).
 * - Keys equal as data are one entry: a later value replaces an earlier one. Entries keep their first order.
 * - Lenient: no fields → empty; strict: no fields → `missing`.
 *
 * @example
 * form({ scores: map(u8) }); // scores[alice]=3&scores.bob=5 → { alice: 3, bob: 5 }
 * form({ labels: map(form({ x: u8, y: u8 }), str) }); // labels[k:0].x=1&labels[k:0].y=2&labels[v:0]=A
 */
export function map<F extends FieldInput>(value: F): FormType<Record<string, FieldValue<F>>>;
export function map<KF extends FieldInput, VF extends FieldInput>(
  key: KF,
  value: VF,
): FormType<Map<FieldValue<KF>, FieldValue<VF>>>;
export function map(...types: [FieldInput] | [FieldInput, FieldInput]): FormType<unknown> {
  if (types.length === 1) {
    const valueType = toFormType(types[0]);
    const keyType = scalarForm(str);
    return {
      kind: "form",
      name: `Map<${valueType.name}>`,
      init: (mode, name) => new MapContext(keyType, valueType, toRecord, mode, name),
      doc: { kind: "map", value: valueType },
    };
  }
  const keyType = toFormType(types[0]);
  const valueType = toFormType(types[1]);
  return {
    kind: "form",
    name: `Map<${keyType.name}, ${valueType.name}>`,
    init: (mode, name) => new MapContext(keyType, valueType, toMap, mode, name),
    doc: { kind: "map", value: valueType },
  };
}
