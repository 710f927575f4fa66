import type { Result } from "../request/result.ts";
import type { Route } from "../route/route.ts";
import type { InputValue } from "../route/types.ts";

// Type-level argument lists for `uri(route, …)`: the URI's parameters in order (path, then query), each typed by
// what the route's signature parses it into.

type PathOf<U extends string> = U extends `${infer P}?${string}` ? P : U;
type QueryOf<U extends string> = U extends `${string}?${infer Q}` ? Q : "";
type Ordered<S extends string> = S extends `${string}<${infer Inner}>${infer Rest}`
  ? [Inner, ...Ordered<Rest>]
  : [];

/** A value that renders as one path segment or one query value. */
export type UriScalar = string | number | bigint | boolean;

/** The fields a trailing query parameter renders, unprefixed: pairs, or an object of values. */
export type UriFields =
  | readonly (readonly [string, UriScalar])[]
  | { readonly [field: string]: UriQueryValue };

/** A value that renders in the query: a scalar, a list (repeated pairs), or an object (`parent.field=value`). */
export type UriQueryValue =
  | UriScalar
  | undefined
  | readonly UriQueryValue[]
  | { readonly [field: string]: UriQueryValue };

type Unwrap<V> = V extends Result<infer T, any> ? T : V;

type PathArg<N extends string, S> = N extends "_"
  ? UriScalar
  : N extends `${infer T}..`
    ? T extends "_"
      ? string
      : T extends keyof S
        ? Exclude<Unwrap<InputValue<S[T]>>, undefined>
        : string | readonly string[]
    : N extends keyof S
      ? Exclude<Unwrap<InputValue<S[N]>>, undefined>
      : string;

// Query parameters whose type can be absent (`optional`, `result`, a bool's default) may be `undefined`: ignored.
type QueryArg<N extends string, S> = N extends `${infer T}..`
  ? T extends keyof S
    ? InputValue<S[T]>
    : UriFields
  : N extends keyof S
    ? Unwrap<InputValue<S[N]>> | (InputValue<S[N]> extends Result<any, any> ? undefined : never)
    : string;

type NameOf<N> = N extends `${infer T}..` ? T : N;

type PathEntries<U extends string, S, Names = Ordered<PathOf<U>>> = Names extends [
  infer N extends string,
  ...infer Rest,
]
  ? [[NameOf<N>, PathArg<N, S>], ...PathEntries<U, S, Rest>]
  : [];

type QueryEntries<U extends string, S, Names = Ordered<QueryOf<U>>> = Names extends [
  infer N extends string,
  ...infer Rest,
]
  ? [[NameOf<N>, QueryArg<N, S>], ...QueryEntries<U, S, Rest>]
  : [];

type Values<E> = { [I in keyof E]: E[I] extends readonly [string, infer V] ? V : never };

type Entries<U extends string, S> = [...PathEntries<U, S>, ...QueryEntries<U, S>];

/** `uri(route, …)`'s positional arguments: path parameters in order, then query parameters in order. */
export type PositionalArgs<R> = R extends Route<any, infer U, any, infer S> ? Values<Entries<U, S>> : never;

type Optionalish<V> = undefined extends V ? true : false;
type NamedFrom<E extends readonly (readonly [string, unknown])[]> = {
  readonly [P in E[number] as P[0] extends "_" ? never : Optionalish<P[1]> extends true ? never : P[0]]: P[1];
} & {
  readonly [P in E[number] as P[0] extends "_"
    ? never
    : Optionalish<P[1]> extends true
      ? P[0]
      : never]?: P[1];
};

/** `uri(route, { … })`'s named argument: every parameter by name; ignorable query parameters may be left out. */
export type NamedArgs<R> = R extends Route<any, infer U, any, infer S> ? NamedFrom<Entries<U, S>> : never;

/** Either form of `uri(route, …)`'s arguments. */
export type UriArgs<R> = PositionalArgs<R> | (PositionalArgs<R> extends [] ? never : [NamedArgs<R>]);
