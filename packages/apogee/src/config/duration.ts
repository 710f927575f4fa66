const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DURATION = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*$/;

/**
 * A duration in whole milliseconds: `"500ms"`, `"10s"`, `"1.5m"`, `"2h"`, `"7d"`; a number is `unit`s (default
 * milliseconds). `undefined` when the value is not a positive whole number of milliseconds.
 *
 * @example
 * parseDuration("2h"); // 7200000
 * parseDuration(30, "s"); // 30000
 */
export function parseDuration(value: number | string, unit: "ms" | "s" = "ms"): number | undefined {
  let ms: number | undefined;
  if (typeof value === "number") ms = value * UNITS[unit]!;
  else {
    const m = DURATION.exec(value);
    if (m) ms = Number(m[1]) * UNITS[m[2]!]!;
  }
  return ms !== undefined && Number.isSafeInteger(ms) && ms >= 1 ? ms : undefined;
}
