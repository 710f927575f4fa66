// Path param types: `PathBuf` and `Segments` (Rocket's `FromSegments` rules for safe relative paths).

import { BACKSLASH, COLON, DOT, GT, LT, SLASH, STAR } from "./chars.ts";
import { ParamError, type SegmentsParam } from "./param.ts";

// Paths

const IS_WINDOWS = process.platform === "win32";

/** Why a segment may not enter a `PathBuf` (Rocket's `PathError`, in its Debug spelling), or undefined. */
function badSegment(segment: string, allowDotfiles: boolean): string | undefined {
  const first = segment.charCodeAt(0);
  if (first === DOT && !allowDotfiles) return "BadStart('.')";
  if (first === STAR) return "BadStart('*')";
  const last = segment.charCodeAt(segment.length - 1);
  if (last === COLON) return "BadEnd(':')";
  if (last === GT) return "BadEnd('>')";
  if (last === LT) return "BadEnd('<')";
  for (let i = 0; i < segment.length; i++) {
    const c = segment.charCodeAt(i);
    if (c === SLASH) return "BadChar('/')";
    if (c === BACKSLASH) return "BadChar('\\\\')";
  }
  if (IS_WINDOWS && segment.includes(":")) return "BadChar(':')";
  return undefined;
}

/**
 * Rocket's `Segments::to_path_buf`: joins decoded segments into a relative path with "/". `..` pops the last
 * component (a no-op on an empty path); `.`-leading segments are refused unless `allowDotfiles` (then `.` alone is
 * skipped, as `Path` ignores it); `*`-leading, `:`/`>`/`<`-ending and `/`-containing segments are refused. Apogee
 * also refuses `\` on every platform (a segment must never become a Windows path separator) and, like Rust on
 * Windows, `:` anywhere there. Empty segments are skipped. The error's value is the offending segment.
 */
export function toPathBuf(segments: readonly string[], allowDotfiles: boolean): string | ParamError {
  const n = segments.length;
  // Pass 1: validate in order (the first bad segment is Rocket's error; `..` never errs) and spot anything that
  // makes the result differ from a plain join.
  let plain = true;
  for (let i = 0; i < n; i++) {
    const segment = segments[i]!;
    if (segment === "..") {
      plain = false;
      continue;
    }
    if (segment.length === 0) {
      plain = false;
      continue;
    }
    const bad = badSegment(segment, allowDotfiles);
    if (bad !== undefined) return new ParamError("PathBuf", segment, bad);
    if (segment === ".") plain = false;
  }
  if (plain) return n === 1 ? segments[0]! : segments.join("/");
  // Pass 2: apply `..` pops.
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const segment = segments[i]!;
    if (segment === "..") parts.pop();
    else if (segment.length > 0 && segment !== ".") parts.push(segment);
  }
  return parts.join("/");
}

function pathBufFromOne(segment: string): string | ParamError {
  if (segment === ".." || segment.length === 0) return "";
  const bad = badSegment(segment, false);
  return bad === undefined ? segment : new ParamError("PathBuf", segment, bad);
}

/** `PathBuf`: trailing segments as a safe relative path joined with "/" (see `toPathBuf`; dotfiles refused). */
export const PathBuf: SegmentsParam<string> = {
  kind: "param",
  name: "PathBuf",
  fromParam: pathBufFromOne,
  fromQuery: pathBufFromOne,
  fromSegments: (segments) => toPathBuf(segments, false),
  schema: { type: "string", description: "A relative path; its segments never start with `.`." },
};

/** `Segments`: the decoded trailing segments as given; never fails (the default type of `<name..>`). */
export const segments: SegmentsParam<readonly string[]> = {
  kind: "param",
  name: "Segments",
  fromParam: (value) => [value],
  fromQuery: (value) => [value],
  fromSegments: (value) => value,
  schema: { type: "string" },
};
