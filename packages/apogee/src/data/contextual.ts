// `contextual(T)` (Rocket's `Contextual<T>`): a form that never fails. It hands over the value when it parsed, and
// a `FormState` with every submitted value and every error by field name, so a page can show the form again.

import { DATA_ERROR_CODES, type DataError, type DataErrorCode, dataError } from "./data-error.ts";
import { type FormInput, type FormOf, toForm } from "./form-guard.ts";
import { splitName } from "./form-name.ts";
import { type CheckedFormType, isChecked } from "./form-schema.ts";
import {
  type DataField,
  type FormContext,
  FormFailure,
  type FormType,
  type ValueField,
} from "./form-type.ts";

/** What `contextual(T)` gives: the value (`undefined` when the form failed) and the form's `FormState`. */
export interface Contextual<T> {
  readonly value: T | undefined;
  readonly context: FormState;
}

/** An error a handler adds to a `FormState` (`code` defaults to `validation`, `status` to the code's). */
export interface FormProblem {
  readonly name: string | null;
  readonly message: string;
  readonly code?: DataErrorCode;
  readonly status?: number;
}

interface Submitted {
  readonly name: string;
  readonly values: string[];
}

interface Named {
  readonly keys: readonly string[];
  readonly errors: DataError[];
}

// Names are compared by their keys, so `a.b`, `a[b]` and `.a.b` are one field (Rocket: separator-insensitive).
function idOf(keys: readonly string[]): string {
  return JSON.stringify(keys);
}

/**
 * The fields a form was sent and the errors it had (Rocket's `form::Context`), for showing a form again.
 *
 * - `value(name)` / `values(name)`: what was submitted for a value field (url-encoded, a query, a multipart part
 *   without a Content-Type); data fields (uploads) keep only their name, in `fields()`.
 * - `errors(name)`: the errors of `name` and of every field it is part of (`a.b` also gets those of `a`, not
 *   those of `a.b.c`); `errors()`: every error, those of named fields first, grouped by field.
 * - Names match whatever separators they use: `pet.name` finds `pet[name]`.
 * - `status`: the highest status among the errors, 200 when there are none.
 * - `toJSON()` is Rocket's serialization, for templates: `{ values, errors, data_fields, form_errors }`.
 *
 * @example
 * post({ uri: "/signup", data: "<f>" }, { f: LenientForm(contextual(Signup)) }, ({ f }) =>
 *   f.value ? Redirect.to("/welcome") : `name: ${f.context.value("name") ?? ""} (${f.context.errors("name").length} errors)`);
 */
export class FormState {
  readonly #values: ReadonlyMap<string, Submitted>;
  readonly #dataFields: ReadonlyMap<string, string>;
  readonly #errors = new Map<string, Named>();
  readonly #formErrors: DataError[] = [];
  #status = 200;

  /** A state holding `values` (by field name, as submitted) and the names of `dataFields`; no errors yet. */
  constructor(
    values: Iterable<readonly [string, readonly string[]]> = [],
    dataFields: Iterable<string> = [],
  ) {
    const byId = new Map<string, Submitted>();
    for (const [name, list] of values) {
      const id = idOf(splitName(name));
      const seen = byId.get(id);
      if (seen === undefined) byId.set(id, { name, values: [...list] });
      else seen.values.push(...list);
    }
    const data = new Map<string, string>();
    for (const name of dataFields) {
      const id = idOf(splitName(name));
      if (!data.has(id)) data.set(id, name);
    }
    this.#values = byId;
    this.#dataFields = data;
  }

  /** Every field name submitted, value fields then data fields, each once, as first spelled. */
  fields(): string[] {
    const names: string[] = [];
    for (const { name } of this.#values.values()) names.push(name);
    for (const name of this.#dataFields.values()) names.push(name);
    return names;
  }

  /** The first value submitted for the value field `name`. */
  value(name: string): string | undefined {
    return this.#values.get(idOf(splitName(name)))?.values[0];
  }

  /** Every value submitted for the value field `name`, in order. */
  values(name: string): readonly string[] {
    return this.#values.get(idOf(splitName(name)))?.values ?? [];
  }

  /** The errors of field `name` and of the fields it is part of; every error when `name` is not given. */
  errors(name?: string): DataError[] {
    const out: DataError[] = [];
    if (name === undefined) {
      for (const named of this.#errors.values()) out.push(...named.errors);
      out.push(...this.#formErrors);
      return out;
    }
    if (name === "") return out;
    const keys = splitName(name);
    for (const named of this.#errors.values()) if (isPrefix(named.keys, keys)) out.push(...named.errors);
    return out;
  }

  /** The highest status among the errors; 200 when there are none. */
  get status(): number {
    return this.#status;
  }

  /**
   * Adds an error, as the form's own are kept (Rocket's `push_error`): a handler's check, like a name already
   * taken, shows beside the field like any other.
   */
  pushError(problem: FormProblem): void {
    const code = problem.code ?? "validation";
    const error = dataError(problem.name, code, problem.message, problem.status ?? DATA_ERROR_CODES[code]);
    if (error.status > this.#status) this.#status = error.status;
    if (error.name === null) {
      this.#formErrors.push(error);
      return;
    }
    const keys = splitName(error.name);
    const id = idOf(keys);
    const named = this.#errors.get(id);
    if (named === undefined) this.#errors.set(id, { keys, errors: [error] });
    else named.errors.push(error);
  }

  /** Rocket's serialization of a form context: values and errors by field name, data field names, form errors. */
  toJSON(): {
    values: Record<string, string[]>;
    errors: Record<string, { name: string | null; code: DataErrorCode; message: string }[]>;
    data_fields: string[];
    form_errors: { name: string | null; code: DataErrorCode; message: string }[];
  } {
    const values: Record<string, string[]> = Object.create(null);
    for (const { name, values: list } of this.#values.values()) values[name] = [...list];
    const errors: Record<string, { name: string | null; code: DataErrorCode; message: string }[]> =
      Object.create(null);
    for (const named of this.#errors.values()) {
      const name = named.errors[0]!.name!;
      errors[name] = named.errors.map(brief);
    }
    return {
      values,
      errors,
      data_fields: [...this.#dataFields.values()],
      form_errors: this.#formErrors.map(brief),
    };
  }
}

function brief(e: DataError): { name: string | null; code: DataErrorCode; message: string } {
  return { name: e.name, code: e.code, message: e.message };
}

// Rocket's `Error::is_for`: the error's keys are a prefix of the name's.
function isPrefix(errorKeys: readonly string[], keys: readonly string[]): boolean {
  if (errorKeys.length > keys.length) return false;
  for (let i = 0; i < errorKeys.length; i++) if (errorKeys[i] !== keys[i]) return false;
  return true;
}

// A schema form's tree, waiting for the schema's asynchronous check.
class Pending {
  readonly raw: unknown;
  readonly state: FormState;
  constructor(raw: unknown, state: FormState) {
    this.raw = raw;
    this.state = state;
  }
}

// Records each field (its name and text, or only the name of a data field) before the inner form sees it.
class ContextualContext<T> implements FormContext<Contextual<T>> {
  readonly #inner: FormContext<T>;
  readonly #pending: boolean;
  readonly #values = new Map<string, string[]>();
  readonly #dataFields: string[] = [];
  readonly #problems: DataError[] = [];

  constructor(inner: FormContext<T>, pending: boolean) {
    this.#inner = inner;
    this.#pending = pending;
  }

  pushValue(field: ValueField): void {
    const name = field.name.raw;
    const list = this.#values.get(name);
    if (list === undefined) this.#values.set(name, [field.value]);
    else list.push(field.value);
    this.#inner.pushValue(field);
  }

  pushData(field: DataField): void | Promise<void> {
    this.#dataFields.push(field.name.raw);
    return this.#inner.pushData(field);
  }

  pushError(error: DataError): void {
    this.#problems.push(error);
  }

  finalize(): Contextual<T> {
    const state = new FormState(this.#values, this.#dataFields);
    for (const e of this.#problems) state.pushError(e);
    const out = this.#inner.finalize();
    if (this.#pending && !(out instanceof FormFailure)) return new Pending(out, state) as never;
    return settle(out, state);
  }
}

function settle<T>(out: T | FormFailure, state: FormState): Contextual<T> {
  if (!(out instanceof FormFailure)) return { value: out, context: state };
  for (const e of out.errors) state.pushError(e);
  return { value: undefined, context: state };
}

/**
 * Wraps a form so it never fails (Rocket's `Contextual<T>`): the handler gets `{ value, context }`, where `value`
 * is the form's value or `undefined`, and `context` (a `FormState`) has every submitted value and every error by
 * field name: what a server-rendered page needs to show the form again with its errors.
 *
 * - Takes anything `Form` does (a form type, a shape, a param type, a Standard Schema); parses it in the mode of
 *   where it is used (`Form` strict, `LenientForm` and queries lenient).
 * - The body's own failures still fail the request: a wrong Content-Type forwards (415), a url-encoded body over
 *   the `form` limit is 413, a multipart body without a boundary is 400. Problems found while a multipart body is
 *   read (a part or the body over its limit, a broken part) become errors in the context, as Rocket's.
 * - In a query (`?<f>`) it never forwards.
 *
 * @example
 * const Signup = form({ name: field(str, { validate: validate.len({ min: 1 }) }), age: u8 });
 * post({ uri: "/signup", data: "<f>" }, { f: LenientForm(contextual(Signup)) }, ({ f }) =>
 *   f.value ? `welcome ${f.value.name}` : `${f.context.errors("age").length} problem(s) with the age`);
 */
export function contextual<const F extends FormInput>(input: F): FormType<Contextual<FormOf<F>>> {
  const inner = toForm(input);
  const name = `Contextual<${inner.name}>`;
  // Documented as the form it wraps: the body it reads is the same; only the outcome differs.
  const doc = { kind: "result", inner } as const;
  if (!isChecked(inner)) {
    return {
      kind: "form",
      name,
      init: (mode, at) => new ContextualContext(inner.init(mode, at), false),
      doc,
    } as FormType<Contextual<FormOf<F>>>;
  }
  // A schema form is checked after the fields are in; so is its contextual form, and only at the top of a form.
  const checked: CheckedFormType<Contextual<unknown>> = {
    kind: "form",
    name,
    init: (mode, at) => new ContextualContext(inner.init(mode, at), true),
    doc,
    check: async (pending) => {
      const { raw, state } = pending as Pending;
      return settle(await inner.check(raw), state);
    },
  };
  return checked as FormType<Contextual<FormOf<F>>>;
}
