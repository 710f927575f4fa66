import type { DataGuard } from "../request/guard.ts";
import { error, forward, type Outcome, success } from "../request/outcome.ts";
import type { Request } from "../request/request.ts";
import type { Data } from "./data.ts";
import { type DataError, DataErrors } from "./data-error.ts";
import { decodeUtf8 } from "./data-stream.ts";
import { FieldName } from "./form-name.ts";
import { isChecked, schemaForm } from "./form-schema.ts";
import { type FieldInput, type FieldValue, toFormType } from "./form-struct.ts";
import { FormFailure, type FormMode, type FormType } from "./form-type.ts";
import { readLimited } from "./json.ts";
import { parseMultipart } from "./multipart.ts";
import { isStandardSchema, type StandardSchema } from "./standard-schema.ts";
import { parseUrlEncoded } from "./urlencoded.ts";

/** What a form may be declared with: a form type, a param type (one value), a shape, a field, or a schema. */
export type FormInput = FieldInput | StandardSchema<any, any>;

/** The value a form input gives the handler. */
export type FormOf<F> = F extends StandardSchema<any, infer O> ? O : FieldValue<F>;

/** Any form input as a form type. */
export function toForm(input: FormInput): FormType<unknown> {
  if (isStandardSchema(input)) return schemaForm(input);
  const type = input as FormType<unknown>;
  return type.kind === "form" && isChecked(type) ? type : toFormType(input as FieldInput);
}

const STRICT: FormMode = { strict: true };
const LENIENT: FormMode = { strict: false };

/** Finalizes a context's value, running a schema's asynchronous check when the form has one. */
export function finish<T>(
  type: FormType<T>,
  out: T | FormFailure,
): T | FormFailure | Promise<T | FormFailure> {
  return out instanceof FormFailure || !isChecked(type) ? out : type.check(out);
}

async function readForm(
  req: Request,
  data: Data,
  type: FormType<unknown>,
  mode: FormMode,
): Promise<Outcome<unknown, DataErrors>> {
  const ct = req.contentType;
  const urlencoded = ct !== undefined && ct.top === "application" && ct.sub === "x-www-form-urlencoded";
  const multipart = ct !== undefined && ct.top === "multipart" && ct.sub === "form-data";
  if (!urlencoded && !multipart) return forward(415);
  const ctx = type.init(mode, "");
  if (urlencoded) {
    const bytes = await readLimited(req, data, "form");
    if (bytes.outcome !== "success") return bytes;
    let text: string;
    try {
      text = decodeUtf8(bytes.value, true);
    } catch {
      return error(400, DataErrors.of(null, "utf8", "the form is not valid UTF-8"));
    }
    for (const [name, value] of parseUrlEncoded(text))
      ctx.pushValue({ name: new FieldName(name), at: 0, value });
  } else {
    const problems = await parseMultipart(req, req.header("content-type")!, ctx);
    if (problems.length > 0) return failed(problems);
  }
  const out = await finish(type, ctx.finalize());
  return out instanceof FormFailure ? failed(out.errors) : success(out);
}

function failed(errors: DataError[]): Outcome<never, DataErrors> {
  const all = new DataErrors(errors);
  return error(all.status, all);
}

const FORM_RESPONSES: Readonly<Record<number, string>> = {
  400: "The body is malformed.",
  413: "The body or a field is larger than its limit.",
  415: "The body is neither `application/x-www-form-urlencoded` nor `multipart/form-data`.",
  422: "A field is missing, unexpected or invalid.",
};

function formGuard(input: FormInput, mode: FormMode, label: string): DataGuard<any, DataErrors> {
  const type = toForm(input);
  // The form's mode, as the document sees it: the type wrapped in `strict(…)` or `lenient(…)`.
  const documented: FormType<unknown> = {
    kind: "form",
    name: type.name,
    init: (m, name) => type.init(m, name),
    doc: { kind: mode.strict ? "strict" : "lenient", inner: type },
  };
  return {
    kind: "data",
    name: `${label}<${type.name}>`,
    fromData: (req, data) => readForm(req, data, type, mode),
    doc: {
      mediaTypes: ["application/x-www-form-urlencoded", "multipart/form-data"],
      form: documented,
      responses: FORM_RESPONSES,
    },
  };
}

/**
 * A strict form body (Rocket 0.4's `Form<T>`, as the seed's Requests page has it; 0.5's `Form<Strict<T>>`):
 * every declared field must be present once and no other field may appear (`_method` always may).
 *
 * - `application/x-www-form-urlencoded` (read with the `form` limit, 32 KiB) or `multipart/form-data` (the
 *   `data-form` limit, 2 MiB); any other or no Content-Type forwards with 415.
 * - Errors (all of them, with full field names) fail the request with the highest of their statuses: 413 for
 *   anything too long, 400 for a malformed body, else 422. They are in `req.error` (`DataErrors`).
 * - A single-value form (`Form(str)`) takes the first field, whatever its name.
 *
 * @example
 * const Task = form({ complete: bool, description: str });
 * post({ uri: "/todo", data: "<task>" }, { task: Form(Task) }, ({ task }) => task.description);
 */
export function Form<const F extends FormInput>(input: F): DataGuard<FormOf<F>, DataErrors> {
  return formGuard(input, STRICT, "Form");
}

/**
 * A lenient form body (Rocket's `LenientForm<T>`; 0.5's default `Form<T>`): extra fields are ignored and
 * absent fields take their default (bool → `false`, `array` → `[]`, `optional` → `undefined`, `field(…, {
 * default })`). Otherwise as `Form`.
 *
 * @example
 * post({ uri: "/todo", data: "<task>" }, { task: LenientForm(Task) }, ({ task }) => task.description);
 */
export function LenientForm<const F extends FormInput>(input: F): DataGuard<FormOf<F>, DataErrors> {
  return formGuard(input, LENIENT, "LenientForm");
}
