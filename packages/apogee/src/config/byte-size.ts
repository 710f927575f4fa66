// Byte sizes as configuration writes them (Rocket's `ByteUnit`): `8192`, `"64 kB"`, `"64 KiB"`, `"1.5 MiB"`.

const UNITS: Readonly<Record<string, number>> = {
  b: 1,
  kb: 1e3,
  kib: 1024,
  mb: 1e6,
  mib: 1024 ** 2,
  gb: 1e9,
  gib: 1024 ** 3,
  tb: 1e12,
  tib: 1024 ** 4,
  pb: 1e15,
  pib: 1024 ** 5,
};

// Whole part, optional fraction (digits on both sides of the dot), optional spaces, optional unit.
const SIZE = /^(\d+)(?:\.(\d+))?(?: *([A-Za-z]+))?$/;

/**
 * Parses a configured byte size, or returns `undefined` when it is not one.
 *
 * - A non-negative integer is a count of bytes.
 * - A string is a number and an optional unit: `B`, `kB` (1000), `KiB` (1024), `MB`, `MiB`, `GB`, `GiB`, `TB`,
 *   `TiB`, `PB`, `PiB`, in any case, with or without spaces between: `"64 KiB"`, `"2mib"`, `"1.5 MiB"`.
 * - A fraction needs a unit above bytes (`"1.5 B"` is not a size) and is rounded down to whole bytes.
 * - Sizes beyond `Number.MAX_SAFE_INTEGER` bytes are refused.
 *
 * @example
 * parseByteSize("1.5 MiB"); // 1572864
 */
export function parseByteSize(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  if (typeof value !== "string") return undefined;
  const m = SIZE.exec(value);
  if (m === null) return undefined;
  const unit = m[3] === undefined ? 1 : UNITS[m[3].toLowerCase()];
  if (unit === undefined) return undefined;
  const fraction = m[2];
  if (fraction !== undefined && unit === 1) return undefined;
  const bytes =
    Number(m[1]) * unit + (fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * unit));
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}
