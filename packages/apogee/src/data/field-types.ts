// Form field types beyond the param types: dates and times (Rocket's `time` impls) and choices (a derived
// C-like enum). They are param types, so they also work as query and path parameters.

import { type Param, ParamError, simpleParam } from "../request/param.ts";

// Parses `count` digits at `at` (or 1…`count` when `loose`), returning [value, next index] or undefined.
function digits(s: string, at: number, count: number, loose: boolean): [number, number] | undefined {
  let i = at;
  let value = 0;
  while (i < s.length && i - at < count) {
    const d = s.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) break;
    value = value * 10 + d;
    i++;
  }
  const n = i - at;
  if (n === 0 || (!loose && n !== count)) return undefined;
  return [value, i];
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// `YYYY-MM-DD` (year 1–4 digits) from `at`: [canonical text, next index] or an error message.
function readDate(s: string, at: number): [string, number] | string {
  const y = digits(s, at, 4, true);
  if (y === undefined || s.charCodeAt(y[1]) !== 0x2d) return "expected a date as YYYY-MM-DD";
  const m = digits(s, y[1] + 1, 2, false);
  if (m === undefined || s.charCodeAt(m[1]) !== 0x2d) return "expected a date as YYYY-MM-DD";
  const d = digits(s, m[1] + 1, 2, false);
  if (d === undefined) return "expected a date as YYYY-MM-DD";
  if (m[0] < 1 || m[0] > 12) return "the month must be from 01 to 12";
  if (d[0] < 1 || d[0] > daysIn(y[0], m[0])) return "the day does not exist in that month";
  return [`${pad(y[0], 4)}-${pad(m[0], 2)}-${pad(d[0], 2)}`, d[1]];
}

// `HH:MM[:SS]` (hour 1–2 digits) from `at`: [canonical `HH:MM:SS`, next index] or an error message.
function readTime(s: string, at: number): [string, number] | string {
  const h = digits(s, at, 2, true);
  if (h === undefined || s.charCodeAt(h[1]) !== 0x3a) return "expected a time as HH:MM or HH:MM:SS";
  const m = digits(s, h[1] + 1, 2, false);
  if (m === undefined) return "expected a time as HH:MM or HH:MM:SS";
  let sec = 0;
  let end = m[1];
  if (s.charCodeAt(end) === 0x3a) {
    const x = digits(s, end + 1, 2, false);
    if (x === undefined) return "expected a time as HH:MM or HH:MM:SS";
    [sec, end] = x;
  }
  if (h[0] > 23 || m[0] > 59 || sec > 59) return "the time is out of range";
  return [`${pad(h[0], 2)}:${pad(m[0], 2)}:${pad(sec, 2)}`, end];
}

function whole(name: string, s: string, out: [string, number] | string): string | ParamError {
  if (typeof out === "string") return new ParamError(name, s, out);
  return out[1] === s.length ? out[0] : new ParamError(name, s, "unexpected trailing characters");
}

/** A calendar date `YYYY-MM-DD` (Rocket's `time::Date`); the value is the canonical `"2024-02-29"` text. */
export const date: Param<string> = simpleParam("Date", (s) => whole("Date", s, readDate(s, 0)), {
  type: "string",
  format: "date",
});

/** A time of day `HH:MM` or `HH:MM:SS` (Rocket's `time::Time`); the value is the canonical `"09:30:00"`. */
export const time: Param<string> = simpleParam("Time", (s) => whole("Time", s, readTime(s, 0)), {
  type: "string",
  pattern: "^[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?$",
});

/**
 * A date and time `YYYY-MM-DDTHH:MM[:SS]`, as `<input type="datetime-local">` sends it (Rocket's
 * `PrimitiveDateTime`); the value is the canonical `"2024-02-29T09:30:00"` (no time zone).
 */
export const datetime: Param<string> = simpleParam(
  "DateTime",
  (s) => {
    const d = readDate(s, 0);
    if (typeof d === "string") return new ParamError("DateTime", s, d);
    if (s.charCodeAt(d[1]) !== 0x54) return new ParamError("DateTime", s, "expected YYYY-MM-DDTHH:MM[:SS]");
    const t = readTime(s, d[1] + 1);
    if (typeof t === "string") return new ParamError("DateTime", s, t);
    return t[1] === s.length
      ? `${d[0]}T${t[0]}`
      : new ParamError("DateTime", s, "unexpected trailing characters");
  },
  { type: "string", pattern: "^[0-9]{1,4}-[0-9]{2}-[0-9]{2}T[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?$" },
);

/**
 * One of a fixed set of values (Rocket's `#[derive(FromFormField)]` enum): matched case-insensitively, the value
 * is the choice as declared.
 *
 * @example
 * const Color = choice("red", "green", "blue");
 * get("/paint?<color>", { color: Color }, ({ color }) => color); // "red" | "green" | "blue"
 */
export function choice<const C extends readonly [string, ...string[]]>(...choices: C): Param<C[number]> {
  const byLower = new Map<string, C[number]>();
  for (const c of choices) byLower.set(c.toLowerCase(), c);
  const expected = `expected one of ${choices.map((c) => JSON.stringify(c)).join(", ")}`;
  return simpleParam("choice", (s) => byLower.get(s.toLowerCase()) ?? new ParamError("choice", s, expected), {
    type: "string",
    enum: [...choices],
  });
}
