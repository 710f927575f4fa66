import type { DataGuard, RequestGuard } from "../request/guard.ts";
import type { Param, SegmentsParam } from "../request/param.ts";

// Type-level reading of a route URI literal: which names are path, trailing, query and rest parameters.

type PathOf<U extends string> = U extends `${infer P}?${string}` ? P : U;
type QueryOf<U extends string> = U extends `${string}?${infer Q}` ? Q : "";
type Brackets<S extends string> = S extends `${string}<${infer Inner}>${infer Rest}` ? Inner | Brackets<Rest> : never;
type Singles<B> = B extends `${string}..` ? never : B extends "_" ? never : B;
type Trailings<B> = B extends `${infer N}..` ? (N extends "_" ? never : N) : never;

/** The names of a URI's single-segment path parameters (`<name>`). */
export type PathParams<U extends string> = Singles<Brackets<PathOf<U>>>;
/** The name of a URI's trailing path parameter (`<name..>`). */
export type TrailingParam<U extends string> = Trailings<Brackets<PathOf<U>>>;
/** The names of a URI's query parameters (`?<name>`). */
export type QueryParams<U extends string> = Singles<Brackets<QueryOf<U>>>;
/** The name of a URI's trailing query parameter (`?<rest..>`). */
export type QueryRest<U extends string> = Trailings<Brackets<QueryOf<U>>>;
/** The key a `data: "<name>"` option names. */
export type DataKey<D> = D extends `<${infer N}>` ? N : never;
/** Every name a URI declares. */
export type UriNames<U extends string> = PathParams<U> | TrailingParam<U> | QueryParams<U> | QueryRest<U>;

/** The decoded `(name, value)` fields a trailing query parameter receives by default. */
export type QueryFields = readonly (readonly [name: string, value: string])[];

/** What a signature key must hold, by where its name appears. */
type InputKind<U extends string, D, K> = K extends PathParams<U>
  ? Param<any>
  : K extends TrailingParam<U>
    ? SegmentsParam<any>
    : K extends QueryParams<U>
      ? Param<any>
      : K extends QueryRest<U>
        ? never
        : K extends DataKey<D>
          ? DataGuard<any, any>
          : RequestGuard<any, any>;

/**
 * The constraint on a route's signature: URI parameters hold param types, the data key holds a data guard,
 * every other key a request guard; and the data key must be present.
 */
export type CheckSignature<U extends string, D, S> = { [K in keyof S]: InputKind<U, D, K> } & {
  [K in DataKey<D>]: DataGuard<any, any>;
};

/** The value a signature entry gives the handler. */
export type InputValue<G> = G extends Param<infer T>
  ? T
  : G extends RequestGuard<infer T, any>
    ? T
    : G extends DataGuard<infer T, any>
      ? T
      : never;

type DefaultValue<U extends string, K> = K extends TrailingParam<U>
  ? readonly string[]
  : K extends QueryRest<U>
    ? QueryFields
    : string;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/**
 * The object a handler receives: every URI parameter (typed by the signature, or a decoded `string` —
 * `readonly string[]` for trailing segments — when the signature does not name it), then every guard's value.
 */
export type HandlerInput<U extends string, D, S> = Simplify<
  {
    readonly [K in UriNames<U>]: K extends keyof S ? InputValue<S[K]> : DefaultValue<U, K>;
  } & {
    readonly [K in Exclude<keyof S, UriNames<U>>]: InputValue<S[K]>;
  }
>;
