// `optional(...)` and `result(...)`: the type they return, and what they refuse.

import {
  type DataGuard,
  dataGuard,
  error,
  guard,
  optional,
  type Param,
  type ParamError,
  PathBuf,
  type RequestGuard,
  type Result,
  result,
  type SegmentsParam,
  success,
  u8,
} from "apogee";
import type { Equal, Expect } from "./expect.ts";

const CurrentUser = guard<{ id: number }, "expired">("CurrentUser", () => error(401, "expired"));
const Body = dataGuard("Body", () => success({ size: 0 }));

const optionalU8 = optional(u8);
const optionalPath = optional(PathBuf);
const optionalUser = optional(CurrentUser);
const optionalBody = optional(Body);
const resultU8 = result(u8);
const resultPath = result(PathBuf);
const resultUser = result(CurrentUser);
const resultBody = result(Body);

export type Wrapped = [
  Expect<Equal<typeof optionalU8, Param<number | undefined>>>,
  Expect<Equal<typeof optionalPath, SegmentsParam<string | undefined>>>,
  Expect<Equal<typeof optionalUser, RequestGuard<{ id: number } | undefined, never>>>,
  Expect<Equal<typeof optionalBody, DataGuard<{ size: number } | undefined, never>>>,
  Expect<Equal<typeof resultU8, Param<Result<number, ParamError>>>>,
  Expect<Equal<typeof resultPath, SegmentsParam<Result<string, ParamError>>>>,
  Expect<Equal<typeof resultUser, RequestGuard<Result<{ id: number }, "expired">, "expired">>>,
  Expect<Equal<typeof resultBody, DataGuard<Result<{ size: number }, unknown>, unknown>>>,
];

/** Wrapping twice: `optional(result(u8))`. */
const both = optional(result(u8));
export type Both = Expect<Equal<typeof both, Param<Result<number, ParamError> | undefined>>>;

// @ts-expect-error: a number is not a param type or guard
optional(42);

// @ts-expect-error: a plain object is not a param type or guard
optional({ name: "u8" });

// @ts-expect-error: a parse function must be made a param type first, with param(name, parse)
result((s: string) => Number(s));
