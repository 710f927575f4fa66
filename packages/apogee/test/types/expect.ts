// Type-test helpers. Files named `*.types.ts` in this folder are only type-checked (`npm run typecheck`, part of
// `npm test`); they never run. A positive is an assertion that compiles; a negative is a line marked
// `// @ts-expect-error`, which fails the type-check if the line stops being an error.

import type { HandlerInput, Route } from "apogee";

/** `true` when `A` and `B` are the same type (not merely assignable either way). */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Compiles only when `T` is `true`: `type _ = Expect<Equal<A, B>>`. */
export type Expect<T extends true> = T;

/** Compiles only when `value` is assignable to `T`. */
export function expectType<T>(value: T): T {
  return value;
}

/** Compiles only when `A` and `B` are the same type: `expectEqual<typeof x, string>(true)`. */
export function expectEqual<A, B>(proof: Equal<A, B>): void {
  void proof;
}

/** The input object a route's handler receives. */
export type InputOf<R> = R extends Route<any, infer U, infer D, infer S> ? HandlerInput<U, D, S> : never;
