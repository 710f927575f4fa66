import type { FormType } from "../data/form-type.ts";
import type { DataGuard, RequestGuard } from "../request/guard.ts";
import type { Param, SegmentsParam } from "../request/param.ts";

// Type-level reading of a route URI literal: which names are path, trailing, query and rest parameters.

type PathOf<U extends string> = U extends `${infer P}?${string}` ? P : U;
type QueryOf<U extends string> = U extends `${string}?${infer Q}` ? Q : "";
type Brackets<S extends string> = S extends `${string}<${infer Inner}>${infer Rest}`
  ? Inner | Brackets<Rest>
  : never;
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

// What a signature key must hold, by where its name appears. A value of the wrong kind meets a sentence instead
// of a structural type, so the error reads "Type 'Param<number>' is not assignable to type '"…"'".

type Is<V, Kind> = [V] extends [{ readonly kind: Kind }] ? true : false;

type UriParamEntry<K extends string, V> =
  Is<V, "param"> extends true
    ? Param<any>
    : `<${K}> is a URI parameter: give it a param type (u8, bool, uuid, …), or leave it out for a string`;

type TrailingEntry<K extends string, V> = [V] extends [SegmentsParam<any>]
  ? SegmentsParam<any>
  : `<${K}..> takes the trailing segments: give it a segments param type (PathBuf, segments, …)`;

type QueryParamEntry<K extends string, V> =
  Is<V, "param"> extends true
    ? Param<any>
    : Is<V, "form"> extends true
      ? FormType<any>
      : `<${K}> is a query parameter: give it a param type (u8, bool, …) or a form type (form({…}), array(…), …), or leave it out for a string`;

type QueryRestEntry<K extends string, V> =
  Is<V, "form"> extends true
    ? FormType<any>
    : `<${K}..> receives the remaining query fields: give it a form type (form({…}), map(…), …), or leave it out for [name, value] pairs`;

type DataEntry<K extends string, V> =
  Is<V, "data"> extends true
    ? DataGuard<any, any>
    : `\`${K}\` is the route's data key: give it a data guard (Json, Form, Data, dataGuard(…), …)`;

type GuardEntry<K extends string, V> =
  Is<V, "guard"> extends true
    ? RequestGuard<any, any>
    : Is<V, "param"> extends true
      ? `the URI has no <${K}> parameter: add it to the URI, or make \`${K}\` a request guard`
      : Is<V, "data"> extends true
        ? `\`${K}\` holds a data guard, so the route's options need \`data: '<${K}>'\``
        : Is<V, "form"> extends true
          ? `\`${K}\` is a form type: name it in the URI's query (?<${K}>), or take the body with Form(…) as the data guard`
          : `\`${K}\` is not a URI parameter nor the data key, so it must be a request guard (guard(…), Cookies, …)`;

type Entry<U extends string, D, K, V> = K extends string
  ? K extends PathParams<U>
    ? UriParamEntry<K, V>
    : K extends QueryParams<U>
      ? QueryParamEntry<K, V>
      : K extends TrailingParam<U>
        ? TrailingEntry<K, V>
        : K extends QueryRest<U>
          ? QueryRestEntry<K, V>
          : K extends DataKey<D>
            ? DataEntry<K, V>
            : GuardEntry<K, V>
  : never;

/**
 * The constraint on a route's signature: path parameters hold param types (segments param types for `<name..>`),
 * query parameters param types or form types (`<rest..>` a form type, if anything), the data key holds a data
 * guard, every other key a request guard; and the data key must be present.
 */
export type CheckSignature<U extends string, D, S> = { [K in keyof S]: Entry<U, D, K, S[K]> } & {
  [K in Exclude<DataKey<D>, keyof S>]: DataGuard<any, any>;
};

/** The value a signature entry gives the handler. */
export type InputValue<G> =
  G extends Param<infer T>
    ? T
    : G extends RequestGuard<infer T, any>
      ? T
      : G extends DataGuard<infer T, any>
        ? T
        : G extends FormType<infer T>
          ? T
          : any; // not an entry: the signature is already an error, so spare the handler a second one

type DefaultValue<U extends string, K> =
  K extends TrailingParam<U> ? readonly string[] : K extends QueryRest<U> ? QueryFields : string;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/**
 * The object a handler receives: every URI parameter (typed by the signature, or a decoded `string` —
 * `readonly string[]` for trailing segments — when the signature does not name it), then every guard's value.
 */
export type HandlerInput<U extends string, _D, S> = Simplify<
  {
    readonly [K in UriNames<U>]: K extends keyof S ? InputValue<S[K]> : DefaultValue<U, K>;
  } & {
    readonly [K in Exclude<keyof S, UriNames<U>>]: InputValue<S[K]>;
  }
>;
