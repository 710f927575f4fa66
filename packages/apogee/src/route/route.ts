import type { FormType } from "../data/form-type.ts";
import { MediaType } from "../http/media-type.ts";
import type { Method } from "../http/method.ts";
import type { DataGuard, RequestGuard, Sentinel } from "../request/guard.ts";
import type { Param } from "../request/param.ts";
import type { HandlerReturn } from "../response/responder.ts";
import { defaultRank, parseRouteUri, type RouteUri } from "../router/route-uri.ts";
import { bindingName, type DefinitionSite, definitionSite, formatSite } from "./definition-site.ts";
import { type RouteDoc, routeDoc } from "./route-doc.ts";
import type { CheckSignature, HandlerInput } from "./types.ts";

/** The options form of a route declaration: `get({ uri, rank, format, data, name, responds }, …)`. */
export interface RouteOptions<U extends string = string, D extends string | undefined = string | undefined>
  extends RouteDoc {
  readonly uri: U;
  /** The route's rank; lower is tried first. Defaults to Rocket's colour rank (−12 … −1). */
  readonly rank?: number;
  /** The media type (or shorthand: `"json"`, `"html"`, …) the route accepts (payload methods) or produces. */
  readonly format?: string;
  /** The signature key that receives the body: `"<name>"`. */
  readonly data?: D;
  /** The name shown in logs; defaults to the variable the route is assigned to. */
  readonly name?: string;
  /**
   * The responder types the handler returns that carry a launch check (Rocket's sentinels on the return type),
   * e.g. `responds: Template`: launch aborts when the Templating fairing is missing, instead of a 500 later.
   */
  readonly responds?: SentinelType | readonly SentinelType[];
}

/**
 * A type with a launch check (Rocket's `impl Sentinel`) that a route names in its `responds` option, such as
 * `Template`: `sentinel(app)` says why launch must abort, or returns `undefined`.
 */
export interface SentinelType {
  readonly name: string;
  readonly sentinel: Sentinel;
}

interface GuardStep {
  readonly key: string;
  readonly guard: RequestGuard<unknown>;
}
interface PathStep {
  readonly key: string;
  /** Index among the route's own path segments (the mount point adds its length). */
  readonly index: number;
  readonly trailing: boolean;
  readonly param: Param<unknown> | undefined;
}
interface QueryStep {
  readonly key: string;
  /** A param type (the first matching field's value) or a form type (every field under `key`). */
  readonly param: Param<unknown> | FormType<unknown> | undefined;
}

/**
 * A route: method, URI, rank, format, and the compiled plan that turns a request into the handler's input.
 * Built by `get`, `post`, … and `route(method, …)`; mount it with `app.mount(base, [route])`.
 */
export class Route<M extends Method = Method, U extends string = string, D = unknown, S = unknown> {
  readonly method: M;
  readonly uri: RouteUri;
  readonly rank: number;
  /** Whether `rank` was given explicitly (the banner shows explicit ranks above 1). */
  readonly format: MediaType | undefined;
  readonly dataKey: string | undefined;
  readonly handler: (input: any) => unknown;
  readonly site: DefinitionSite | undefined;
  /** Problems worth a warning at ignite (e.g. `data` on a GET route, an unknown format). */
  readonly warnings: readonly string[];
  readonly guards: readonly GuardStep[];
  readonly pathParams: readonly PathStep[];
  readonly queryParams: readonly QueryStep[];
  readonly queryRest: string | undefined;
  /** The form type `<rest..>` parses its fields into; `undefined`: the `[name, value]` pairs themselves. */
  readonly queryRestType: FormType<unknown> | undefined;
  /** The route's static query pairs, which a request must carry to match. */
  readonly staticQuery: readonly (readonly [string, string])[];
  readonly data: { readonly key: string; readonly guard: DataGuard<unknown> } | undefined;
  /** The responder types from the `responds` option, whose sentinels are checked at ignite. */
  readonly responds: readonly SentinelType[];
  /** What the route's options say for API documents: responses, tags, summary (see `RouteDoc`). */
  readonly doc: RouteDoc;
  #name: string | undefined;
  /** Carries the declaration's types for `uri()` and friends; never set at runtime. */
  declare readonly types?: { readonly uri: U; readonly data: D; readonly signature: S };

  constructor(
    method: M,
    options: RouteOptions,
    signature: Record<string, unknown>,
    handler: (input: any) => unknown,
  ) {
    this.site = definitionSite();
    const where = () => ` (declared at ${formatSite(this.site)})`;
    if (typeof handler !== "function") throw new TypeError(`the route handler must be a function${where()}`);
    this.method = method;
    this.handler = handler;
    this.uri = parseRouteUri(options.uri);
    this.#name =
      options.name ?? (handler.name !== "" && handler.name !== "anonymous" ? handler.name : undefined);
    const warnings: string[] = [];

    const rank = options.rank;
    if (rank !== undefined && !Number.isSafeInteger(rank)) {
      throw new TypeError(`rank must be an integer, got ${String(rank)}${where()}`);
    }
    this.rank = rank ?? defaultRank(this.uri);

    if (options.format !== undefined) {
      const format = MediaType.parseFormat(options.format);
      if (format === undefined) {
        throw new TypeError(
          `format ${JSON.stringify(options.format)} is not a media type or a known shorthand${where()}`,
        );
      }
      if (!MediaType.isKnown(format)) warnings.push(`the format ${format} is not a known media type`);
      this.format = format;
    } else this.format = undefined;

    // Which names the URI declares, and where.
    const kinds = new Map<string, "path" | "trailing" | "query" | "rest">();
    for (const s of this.uri.path)
      if (s.kind !== "static" && s.name !== "_")
        kinds.set(s.name, s.kind === "trailing" ? "trailing" : "path");
    for (const s of this.uri.query ?? [])
      if (s.kind !== "static") kinds.set(s.name, s.kind === "trailing" ? "rest" : "query");

    let dataKey: string | undefined;
    if (options.data !== undefined) {
      const m = /^<([A-Za-z_$][\w$]*)>$/.exec(options.data);
      if (!m || m[1] === "_") {
        throw new TypeError(
          `data must name a signature key as "<name>", got ${JSON.stringify(options.data)}${where()}`,
        );
      }
      dataKey = m[1]!;
      if (kinds.has(dataKey))
        throw new TypeError(`the data key <${dataKey}> is also a URI parameter${where()}`);
      const g = signature[dataKey] as { kind?: string } | undefined;
      if (g === undefined) {
        throw new TypeError(
          `data names <${dataKey}>, but the signature has no "${dataKey}" key: add its data guard${where()}`,
        );
      }
      if (g.kind !== "data")
        throw new TypeError(`"${dataKey}" is the data key, so it must hold a data guard${where()}`);
      if (method === "GET" || method === "HEAD" || method === "OPTIONS") {
        warnings.push(`${method} requests usually have no body, but this route takes data into <${dataKey}>`);
      }
    }
    this.dataKey = dataKey;
    this.data =
      dataKey === undefined ? undefined : { key: dataKey, guard: signature[dataKey] as DataGuard<unknown> };

    const guards: GuardStep[] = [];
    for (const [key, value] of Object.entries(signature)) {
      const kind = (value as { kind?: unknown } | null)?.kind;
      const where_ = kinds.get(key);
      if (where_ === "path") {
        if (kind !== "param")
          throw new TypeError(
            `"${key}" is a URI parameter, so its signature entry must be a param type (u8, bool, …)${where()}`,
          );
      } else if (where_ === "query") {
        if (kind !== "param" && kind !== "form")
          throw new TypeError(
            `"${key}" is a query parameter, so its signature entry must be a param type (u8, bool, …) or a form type (form({…}), array(…), …)${where()}`,
          );
      } else if (where_ === "trailing") {
        if (kind !== "param" || typeof (value as Param<unknown>).fromSegments !== "function") {
          throw new TypeError(
            `"${key}" is a trailing <${key}..> parameter, so its entry must accept segments (PathBuf, segments)${where()}`,
          );
        }
      } else if (where_ === "rest") {
        if (kind !== "form")
          throw new TypeError(
            `"${key}" is a trailing query parameter <${key}..>: its signature entry must be a form type (form({…}), map(…), …), or leave it out for the [name, value] pairs${where()}`,
          );
      } else if (key !== dataKey) {
        if (kind === "param") {
          throw new TypeError(
            `"${key}" is a param type, but the URI ${JSON.stringify(this.uri.source)} has no <${key}> parameter${where()}`,
          );
        }
        if (kind !== "guard")
          throw new TypeError(`"${key}" is neither a URI parameter nor a request guard${where()}`);
        guards.push({ key, guard: value as RequestGuard<unknown> });
      }
    }
    this.guards = guards;

    const pathParams: PathStep[] = [];
    this.uri.path.forEach((s, index) => {
      if (s.kind === "static" || s.name === "_") return;
      pathParams.push({
        key: s.name,
        index,
        trailing: s.kind === "trailing",
        param: signature[s.name] as Param<unknown> | undefined,
      });
    });
    this.pathParams = pathParams;

    const queryParams: QueryStep[] = [];
    const staticQuery: [string, string][] = [];
    let queryRest: string | undefined;
    for (const s of this.uri.query ?? []) {
      if (s.kind === "static") staticQuery.push([s.name, s.value]);
      else if (s.kind === "dynamic")
        queryParams.push({
          key: s.name,
          param: signature[s.name] as Param<unknown> | FormType<unknown> | undefined,
        });
      else queryRest = s.name;
    }
    this.queryParams = queryParams;
    this.staticQuery = staticQuery;
    this.queryRest = queryRest;
    this.queryRestType =
      queryRest === undefined ? undefined : (signature[queryRest] as FormType<unknown> | undefined);
    this.warnings = warnings;
    this.responds = respondsOption(options.responds, where);
    this.doc = routeDoc(options, where);
  }

  /** The route's name: the `name` option, the handler function's name, or the variable it was assigned to. */
  get name(): string {
    this.#name ??= bindingName(this.site) ?? formatSite(this.site);
    return this.#name;
  }

  /** Where the route was declared, as `file:line`. */
  get declaredAt(): string {
    return formatSite(this.site);
  }

  toString(): string {
    return `(${this.name}) ${this.method} ${this.uri.source}`;
  }
}

// `responds` is one sentinel type or a list of them; anything else is a mistake worth a throw at definition.
function respondsOption(value: RouteOptions["responds"], where: () => string): readonly SentinelType[] {
  if (value === undefined) return [];
  const list: readonly unknown[] = Array.isArray(value) ? value : [value];
  for (const t of list) {
    const s = t as Partial<SentinelType> | null | undefined;
    if (typeof s?.sentinel !== "function" || typeof s.name !== "string") {
      const what = typeof t === "function" ? t.name || "an anonymous class" : typeof t;
      throw new TypeError(`responds: ${what} has no launch check (a static \`sentinel\`)${where()}`);
    }
  }
  return list as readonly SentinelType[];
}

/**
 * A route handler: takes the input object the URI and signature describe, returns a responder. The return type is
 * inferred (`R`) so that a handler returning nothing (`void`) is refused rather than read as `undefined` (404).
 */
type Handler<I, R extends HandlerReturn = HandlerReturn> = (input: I) => R;

/**
 * The `data` option of the forms without a signature: there is no data guard to name, so any value is refused
 * with this sentence.
 */
type DataNeedsSignature =
  "a route with `data` needs a signature holding its data guard: get(options, { name: guard }, handler)";

/**
 * A method's route builder: `get(uri, handler)`, `get(uri, signature, handler)`, and the same with options
 * `{ uri, rank, format, data, name }` in place of the URI. One signature per arity, so a mistake is reported
 * against the form the call uses (never as "no overload matches").
 */
export interface RouteBuilder<M extends Method> {
  <const U extends string, R extends HandlerReturn>(
    uri: U | RouteOptions<U, DataNeedsSignature>,
    handler: Handler<HandlerInput<U, undefined, {}>, R>,
  ): Route<M, U, undefined, {}>;
  <
    const U extends string,
    S extends CheckSignature<U, D, S>,
    R extends HandlerReturn,
    const D extends `<${string}>` | undefined = undefined,
  >(
    uri: U | RouteOptions<U, D>,
    signature: S,
    handler: Handler<HandlerInput<U, D, S>, R>,
  ): Route<M, U, NoInfer<D>, S>;
}

function builder<M extends Method>(method: M): RouteBuilder<M> {
  return ((first: string | RouteOptions, second: unknown, third?: unknown) => {
    const options: RouteOptions = typeof first === "string" ? { uri: first } : first;
    if (options === null || typeof options !== "object" || typeof options.uri !== "string") {
      throw new TypeError(
        `${method.toLowerCase()}(): the first argument must be a URI string or { uri, … } options`,
      );
    }
    const [signature, handler] = third === undefined ? [{}, second] : [second, third];
    if (signature === null || typeof signature !== "object") {
      throw new TypeError(
        `${method.toLowerCase()}(): the signature must be an object of param types and guards`,
      );
    }
    return new Route(
      method,
      options,
      signature as Record<string, unknown>,
      handler as (input: any) => unknown,
    );
  }) as RouteBuilder<M>;
}

/**
 * Declares a GET route. The URI is parsed now (a malformed one throws with the position and a hint); the
 * signature names param types for URI parameters and guards for everything else; the handler's return value
 * is the response.
 *
 * @example
 * export const hello = get("/hello/<name>/<age>", { age: u8 }, ({ name, age }) => `Hello, ${age} year old ${name}!`);
 */
export const get: RouteBuilder<"GET"> = builder("GET");
/** Declares a PUT route (see `get`). */
export const put: RouteBuilder<"PUT"> = builder("PUT");
/** Declares a POST route (see `get`). */
export const post: RouteBuilder<"POST"> = builder("POST");
/** Declares a DELETE route (see `get`). */
export const del: RouteBuilder<"DELETE"> = builder("DELETE");
/** Declares a HEAD route (see `get`); without one, HEAD requests are answered by GET routes, body stripped. */
export const head: RouteBuilder<"HEAD"> = builder("HEAD");
/** Declares a PATCH route (see `get`). */
export const patch: RouteBuilder<"PATCH"> = builder("PATCH");
/** Declares an OPTIONS route (see `get`). */
export const options: RouteBuilder<"OPTIONS"> = builder("OPTIONS");

/** `route(method, …)`: the route builders' forms with the method first. */
export interface MethodRouteBuilder {
  <M extends Method, const U extends string, R extends HandlerReturn>(
    method: M,
    uri: U | RouteOptions<U, DataNeedsSignature>,
    handler: Handler<HandlerInput<U, undefined, {}>, R>,
  ): Route<M, U, undefined, {}>;
  <
    M extends Method,
    const U extends string,
    S extends CheckSignature<U, D, S>,
    R extends HandlerReturn,
    const D extends `<${string}>` | undefined = undefined,
  >(
    method: M,
    uri: U | RouteOptions<U, D>,
    signature: S,
    handler: Handler<HandlerInput<U, D, S>, R>,
  ): Route<M, U, NoInfer<D>, S>;
}

const builders = new Map<Method, RouteBuilder<Method>>();

/**
 * Declares a route for any method (Rocket's `#[route(METHOD, uri = …)]`), TRACE and CONNECT included.
 *
 * @example
 * route("PATCH", "/todo/<id>", { id: usize }, ({ id }) => `patched ${id}`);
 */
export const route: MethodRouteBuilder = ((method: Method, ...args: unknown[]) => {
  let b = builders.get(method);
  if (b === undefined) {
    b = builder(method);
    builders.set(method, b);
  }
  return (b as (...a: unknown[]) => unknown)(...args);
}) as MethodRouteBuilder;
