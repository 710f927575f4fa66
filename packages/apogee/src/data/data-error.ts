// The catalogue of body and form errors: stable codes, each with its status and what it means. Data guards
// fail with a `DataErrors` list built from these; catchers read it from `req.error`.

/**
 * Every code a `DataError` may carry, with the status it maps to (ROCKET.md §4.3, §4.5) and its meaning.
 *
 * - `tooLarge` (413, or 400 for the raw `Text`/`Bytes`/`TempFile` guards): the body or a field went past its limit.
 * - `io` (400): the connection failed while the body was read.
 * - `utf8` (400): text was not valid UTF-8.
 * - `syntax` (400): the body is not valid JSON / MessagePack / multipart.
 * - `forbiddenKey` (400): a JSON object has a `__proto__` or `constructor.prototype` key.
 * - `schema` (422): a value does not match the schema (a Standard Schema issue).
 * - `missing` (422): a required field is absent.
 * - `unexpected` (422): a strict form got a field it does not declare.
 * - `duplicate` (422): a strict form got a second value for a single-value field.
 * - `invalid` (422): a field's value does not parse as its type.
 * - `range` (422): a value is outside the allowed range.
 * - `length` (422, or 413 for a length with only a maximum): a value is too short or too long.
 * - `validation` (422): a validator refused the value.
 * - `custom` (any): a user validator's own status.
 */
export const DATA_ERROR_CODES = {
  tooLarge: 413,
  io: 400,
  utf8: 400,
  syntax: 400,
  forbiddenKey: 400,
  schema: 422,
  missing: 422,
  unexpected: 422,
  duplicate: 422,
  invalid: 422,
  range: 422,
  length: 422,
  validation: 422,
  custom: 422,
} as const;

/** A stable error code (see `DATA_ERROR_CODES`). */
export type DataErrorCode = keyof typeof DATA_ERROR_CODES;

/**
 * One problem with a request body: which field (`name`, `null` for the body as a whole), a stable `code`, a
 * human `message`, and the HTTP `status` it maps to.
 */
export interface DataError {
  /** The full field name as the client spelled it (`cats[0].nick`), or `null` for the whole body. */
  readonly name: string | null;
  readonly code: DataErrorCode;
  readonly message: string;
  readonly status: number;
  /** For schema issues: the path inside the value (`["items", 0, "name"]`). */
  readonly path?: readonly (string | number)[];
}

/** Builds a `DataError` with the code's default status unless one is given. */
export function dataError(
  name: string | null,
  code: DataErrorCode,
  message: string,
  status: number = DATA_ERROR_CODES[code],
): DataError {
  return { name, code, message, status };
}

/**
 * Every problem found in a request body (Rocket's `form::Errors`): all of them, never only the first. A failing
 * data guard's `req.error` is one of these; the built-in catcher lists them.
 *
 * - `status` is the highest status code among the errors (so 422 outranks 413 and 400), as Rocket's
 *   `Errors::status`.
 * - Iterable; `toJSON()` gives `[{ name, code, message }]`.
 */
export class DataErrors implements Iterable<DataError> {
  readonly errors: readonly DataError[];

  constructor(errors: readonly DataError[]) {
    this.errors = errors;
  }

  /** One error. */
  static of(name: string | null, code: DataErrorCode, message: string, status?: number): DataErrors {
    return new DataErrors([dataError(name, code, message, status)]);
  }

  /** The number of errors. */
  get length(): number {
    return this.errors.length;
  }

  /** The status of the response: the maximum of the errors' statuses (400 when empty). */
  get status(): number {
    let max = 0;
    for (const e of this.errors) if (e.status > max) max = e.status;
    return max === 0 ? 400 : max;
  }

  /** The errors for field `name` and the fields under it (`a` gives those of `a`, `a.b`, `a[0]`). */
  of(name: string): DataError[] {
    return this.errors.filter((e) => e.name !== null && isUnder(e.name, name));
  }

  [Symbol.iterator](): Iterator<DataError> {
    return this.errors[Symbol.iterator]();
  }

  /** `[{ name, code, message }]`, what the built-in JSON catcher shows. */
  toJSON(): { name: string | null; code: DataErrorCode; message: string }[] {
    return this.errors.map(({ name, code, message }) => ({ name, code, message }));
  }

  toString(): string {
    return this.errors.map((e) => (e.name === null ? e.message : `${e.name}: ${e.message}`)).join("; ");
  }
}

function isUnder(name: string, prefix: string): boolean {
  if (!name.startsWith(prefix)) return false;
  if (name.length === prefix.length) return true;
  const c = name.charCodeAt(prefix.length);
  return c === 0x2e || c === 0x5b; // `.` or `[`
}
