// Helpers for cookie tests: exact `Set-Cookie` strings whose `Expires` depends on the clock.
import assert from "node:assert/strict";
import type { LocalResponse } from "../../src/index.ts";

/** Every IMF-fixdate a time in `[from + offset, to + offset]` (ms) can format to, one per second. */
export function datesBetween(from: number, to: number, offsetMs: number): string[] {
  const out: string[] = [];
  for (let t = Math.floor((from + offsetMs) / 1000) * 1000; t <= to + offsetMs; t += 1000) {
    out.push(new Date(t).toUTCString());
  }
  return out;
}

/**
 * Asserts `actual` is exactly `${prefix}; Expires=<date>` for a date `offsetMs` after some moment in
 * `[from, to]` (the clock moves while a request runs).
 */
export function assertExpiring(
  actual: string | undefined,
  prefix: string,
  from: number,
  to: number,
  offsetMs: number,
) {
  const candidates = datesBetween(from, to, offsetMs).map((d) => `${prefix}; Expires=${d}`);
  assert.ok(
    actual !== undefined && candidates.includes(actual),
    `expected one of\n  ${candidates.join("\n  ")}\ngot\n  ${actual}`,
  );
}

/** The `Set-Cookie` headers of a response, in order. */
export function setCookies(res: LocalResponse): string[] {
  return res.headers.getAll("set-cookie");
}

/** A year, in milliseconds (removal cookies expire a year in the past). */
export const YEAR_MS = 365 * 24 * 60 * 60 * 1000;
/** A week, in milliseconds (private cookies expire a week out by default). */
export const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
