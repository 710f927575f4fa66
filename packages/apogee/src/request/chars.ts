// Char codes and tiny char tests shared by the param parsers.

export const BACKSLASH = 0x5c;
export const CLOSE_BRACKET = 0x5d;
export const COLON = 0x3a;
export const DOT = 0x2e;
export const GT = 0x3e;
export const LT = 0x3c;
export const MINUS = 0x2d;
export const OPEN_BRACKET = 0x5b;
export const PERCENT = 0x25;
export const PLUS = 0x2b;
export const SLASH = 0x2f;
export const STAR = 0x2a;
export const ZERO = 0x30;

/** Whether char code `c` is an ASCII hex digit. */
export function isHex(c: number): boolean {
  const lower = c | 0x20;
  return (c >= 0x30 && c <= 0x39) || (lower >= 0x61 && lower <= 0x66);
}
