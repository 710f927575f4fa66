/**
 * Splits a form field name into keys as Rocket does (`form/name`): keys are separated by `.` and written
 * in `[...]` (`a[b]c` ≡ `a[b].c` ≡ `a.b.c`); a leading `.` is ignored; `a[]` ends with an empty key; text
 * in brackets is taken as is (`a[b.c]` has the keys `a`, `b.c`).
 *
 * @example
 * splitName("cats[0].nick"); // ["cats", "0", "nick"]
 */
export function splitName(name: string): string[] {
  const keys: string[] = [];
  const n = name.length;
  let i = name.charCodeAt(0) === DOT ? 1 : 0;
  if (i >= n) return n === 0 ? [""] : keys;
  while (i < n) {
    const c = name.charCodeAt(i);
    if (c === OPEN) {
      const close = name.indexOf("]", i + 1);
      const end = close === -1 ? n : close;
      keys.push(name.slice(i + 1, end));
      i = end + 1;
      if (i < n && name.charCodeAt(i) === DOT) i++;
      continue;
    }
    let end = i;
    while (end < n) {
      const d = name.charCodeAt(end);
      if (d === DOT || d === OPEN) break;
      end++;
    }
    keys.push(name.slice(i, end));
    i = end;
    if (i < n && name.charCodeAt(i) === DOT) {
      i++;
      if (i === n) keys.push("");
    }
  }
  return keys;
}

const DOT = 0x2e;
const OPEN = 0x5b;

/** A field's name as sent, split into keys once; contexts read `keys[at]` as they hand the field down. */
export class FieldName {
  /** The name exactly as the client sent it (decoded). */
  readonly raw: string;
  readonly keys: readonly string[];

  constructor(raw: string) {
    this.raw = raw;
    this.keys = splitName(raw);
  }
}

/** A named child of `parent`: `a.b`, or `b` at the top. */
export function childName(parent: string, key: string): string {
  return parent === "" ? key : `${parent}.${key}`;
}

/** An element of `parent`: `a[0]`. */
export function indexName(parent: string, key: string | number): string {
  return `${parent}[${key}]`;
}
