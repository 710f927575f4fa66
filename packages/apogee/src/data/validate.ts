// Field validators (Rocket's `form::validate`): each checks a parsed value and returns nothing or a refusal.

import { MediaType } from "../http/media-type.ts";
import type { DataErrorCode } from "./data-error.ts";

/** Why a validator refused a value; the form names it after the field. */
export interface Invalid {
  readonly code: DataErrorCode;
  readonly message: string;
  /** Defaults to the code's status (422; 413 for a length with only a maximum). */
  readonly status?: number;
}

/** A validator: `undefined` when `value` is fine, an `Invalid` (or a message) when not. */
export type Validator<T> = (value: T) => Invalid | string | undefined;

/** Anything with a length: text (UTF-8 bytes, as Rocket's `str::len`), arrays, bytes, a `TempFile`'s `len`. */
export type HasLength = string | readonly unknown[] | Uint8Array | { readonly len: number };

function lengthOf(value: HasLength): number {
  if (typeof value === "string") return Buffer.byteLength(value);
  if (Array.isArray(value) || value instanceof Uint8Array) return value.length;
  return (value as { readonly len: number }).len;
}

function describe(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

/** Anything `contains`/`omits` can look into: text (substring) or an array (element). */
export type Container<I> = string | readonly I[];

function has<I>(container: Container<I>, item: I): boolean {
  return typeof container === "string" ? container.includes(item as string) : container.includes(item);
}

/** Something with a media type (a `TempFile`). */
export interface Typed {
  readonly contentType: MediaType | undefined;
}

/**
 * The built-in validators, for `field(type, { validate })` (Rocket's `form::validate::*`).
 *
 * - `len({ min, max })`: length within bounds (text in UTF-8 bytes). A length with only a `max` fails with
 *   413, as Rocket's `len(..N)` does; with a `min`, 422.
 * - `range({ min, max })`: a number or bigint within bounds (inclusive), code `range`.
 * - `eq(x)`, `neq(x)`, `contains(x)`, `omits(x)`, `oneOf([…])`: comparisons with `===`, code `validation`.
 * - `ext(type)`: a file's Content-Type is the media type (or the one a known extension names).
 * - `with(predicate, message)`: any test of your own.
 *
 * @example
 * form({ name: field(str, { validate: validate.len({ min: 1, max: 32 }) }), age: field(u8, { validate: validate.range({ min: 18 }) }) });
 */
export const validate = {
  /** The value equals `expected` (`===`). */
  eq<T>(expected: T): Validator<T> {
    return (v) =>
      v === expected ? undefined : { code: "validation", message: `must be ${describe(expected)}` };
  },
  /** The value does not equal `unexpected` (`===`). */
  neq<T>(unexpected: T): Validator<T> {
    return (v) =>
      v !== unexpected ? undefined : { code: "validation", message: `must not be ${describe(unexpected)}` };
  },
  /** The length is within `min..=max` (text in UTF-8 bytes). Only a `max` → 413 when too long, as Rocket. */
  len(bounds: { readonly min?: number; readonly max?: number }): Validator<HasLength> {
    const { min, max } = bounds;
    const status = min === undefined ? 413 : 422;
    const expected =
      min === undefined
        ? `at most ${max}`
        : max === undefined
          ? `at least ${min}`
          : min === max
            ? `exactly ${min}`
            : `from ${min} to ${max}`;
    return (v) => {
      const n = lengthOf(v);
      if ((min !== undefined && n < min) || (max !== undefined && n > max)) {
        return { code: "length", message: `length must be ${expected}, got ${n}`, status };
      }
      return undefined;
    };
  },
  /** The number (or bigint) is within `min..=max`. */
  range<N extends number | bigint>(bounds: { readonly min?: N; readonly max?: N }): Validator<N> {
    const { min, max } = bounds;
    return (v) => {
      if (min !== undefined && v < min) return { code: "range", message: `must be at least ${min}` };
      if (max !== undefined && v > max) return { code: "range", message: `must be at most ${max}` };
      return undefined;
    };
  },
  /** The text contains `item`, or the array has it. */
  contains<I>(item: I): Validator<Container<I>> {
    return (v) =>
      has(v, item) ? undefined : { code: "validation", message: `must contain ${describe(item)}` };
  },
  /** The text does not contain `item`, or the array does not have it. */
  omits<I>(item: I): Validator<Container<I>> {
    return (v) =>
      has(v, item) ? { code: "validation", message: `must not contain ${describe(item)}` } : undefined;
  },
  /** The value is one of `items` (`===`). */
  oneOf<T>(items: readonly T[]): Validator<T> {
    return (v) =>
      items.includes(v)
        ? undefined
        : { code: "validation", message: `must be one of ${items.map(describe).join(", ")}` };
  },
  /** The file's Content-Type is `type`: a media type, or the one an extension names (`"png"` → `image/png`). */
  ext(type: string | MediaType): Validator<Typed> {
    const wanted = typeof type === "string" ? MediaType.fromExtension(type) : type;
    if (wanted === undefined)
      throw new TypeError(`validate.ext(): unknown file extension ${JSON.stringify(type)}`);
    return (v) => {
      const ct = v.contentType;
      return ct !== undefined && ct.top === wanted.top && ct.sub === wanted.sub
        ? undefined
        : { code: "validation", message: `the file must be ${wanted.top}/${wanted.sub}` };
    };
  },
  /** `predicate(value)` holds; otherwise the field fails with `message`. */
  with<T>(predicate: (value: T) => boolean, message: string): Validator<T> {
    return (v) => (predicate(v) ? undefined : { code: "validation", message });
  },
};
