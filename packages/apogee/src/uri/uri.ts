import type { Route } from "../route/route.ts";
import { encodeUriComponent } from "./encoding.ts";
import type { UriArgs } from "./types.ts";

/** Where `uri()` puts the route's URI: after `prefix` (a mount point or an origin), before `suffix`. */
export interface UriOptions {
  /** A path (`/api`) or absolute URI (`https://example.com/`) placed before the route's path. */
  readonly prefix?: string;
  /** A query (`?page=2`, used only when the route renders none) and/or fragment (`#top`) appended. */
  readonly suffix?: string;
}

/** A route accepted by `uri()` (any method, URI, data key and signature). */
export type AnyRoute = Route<any, any, any, any>;

/** The signature of `uri` and of the builders `uri.at(…)` returns. */
export type UriBuilder = <R extends AnyRoute>(route: R, ...args: UriArgs<R>) => string;

/**
 * Builds a URI to `route` from typed arguments (Rocket's `uri!`): positional (path parameters in order, then
 * query parameters) or one object naming every parameter. A missing, extra or mistyped argument is a compile
 * error. The mount point is not added: use `uri.at("/base")(…)`, or `app.uri(…)`, which knows it.
 *
 * - Values are percent-encoded with Rocket's set (`hello there` → `hello%20there`, `a+b` → `a%2Bb`).
 * - Query values: `undefined` omits an ignorable parameter; arrays repeat the name; objects render
 *   `name.field=value`; a trailing `<rest..>` renders its fields without a prefix; an empty query is omitted.
 * - A trailing path parameter renders its components joined by `/`, each encoded, empty ones dropped.
 *
 * @example
 * const person = get("/person/<name>?<age>", { age: optional(u8) }, ({ name, age }) => `${name} ${age}`);
 * uri(person, "Mike Smith", 28); // "/person/Mike%20Smith?age=28"
 * uri.at({ prefix: "/api", suffix: "#top" })(person, { name: "Bob" }); // "/api/person/Bob#top"
 */
export const uri: UriBuilder & {
  /** A `uri` that puts its URIs after `prefix` (a mount point or an origin) and before `suffix`. */
  at(options: UriOptions | string): UriBuilder;
} = Object.assign(builderFor({}), {
  at: (options: UriOptions | string): UriBuilder =>
    builderFor(typeof options === "string" ? { prefix: options } : options),
});

function builderFor(options: UriOptions): UriBuilder {
  return ((route: unknown, ...args: unknown[]) => {
    if (!isRoute(route)) throw new TypeError("uri(): expected a route declared with get, post, …");
    return render(route, args, options);
  }) as UriBuilder;
}

function isRoute(value: unknown): value is AnyRoute {
  return (
    typeof value === "object" &&
    value !== null &&
    "uri" in value &&
    "method" in value &&
    "pathParams" in value
  );
}

interface Slot {
  readonly name: string;
  readonly where: "path" | "trailing" | "query" | "rest";
}

/** Renders `route`'s URI from positional or named `args`, then applies the prefix and suffix. */
export function render(route: AnyRoute, args: readonly unknown[], options: UriOptions = {}): string {
  const slots: Slot[] = [];
  for (const s of route.uri.path) {
    if (s.kind !== "static") slots.push({ name: s.name, where: s.kind === "trailing" ? "trailing" : "path" });
  }
  for (const s of route.uri.query ?? []) {
    if (s.kind !== "static") slots.push({ name: s.name, where: s.kind === "trailing" ? "rest" : "query" });
  }
  const values = valuesFor(route, slots, args);

  let k = 0;
  const segments: string[] = [];
  for (const s of route.uri.path) {
    if (s.kind === "static") segments.push(encodeUriComponent(s.value));
    else {
      const v = values[k++];
      if (s.kind === "trailing") {
        const parts = Array.isArray(v) ? v.map(String) : String(v ?? "").split("/");
        for (const p of parts) if (p !== "") segments.push(encodeUriComponent(p));
      } else {
        if (v === undefined || v === null)
          throw new TypeError(`uri(): the path parameter <${s.name}> needs a value`);
        segments.push(encodeUriComponent(String(v)));
      }
    }
  }
  const pairs: string[] = [];
  for (const s of route.uri.query ?? []) {
    if (s.kind === "static") pairs.push(s.source);
    else {
      const v = values[k++];
      if (s.kind === "trailing") renderFields(v, "", pairs);
      else renderValue(s.name, v, pairs);
    }
  }

  const path = `/${segments.join("/")}`;
  const query = pairs.length > 0 ? `?${pairs.join("&")}` : "";
  return withPrefixAndSuffix(path, query, options);
}

function valuesFor(route: AnyRoute, slots: readonly Slot[], args: readonly unknown[]): unknown[] {
  const named = args.length === 1 && slots.length > 0 && isNamedArgs(args[0], slots);
  if (named) {
    const given = args[0] as Record<string, unknown>;
    const known = new Set(slots.map((s) => s.name));
    for (const key of Object.keys(given)) {
      if (!known.has(key)) throw new TypeError(`uri(): ${route.uri.source} has no parameter <${key}>`);
    }
    return slots.map((s) => given[s.name]);
  }
  if (args.length !== slots.length) {
    throw new TypeError(`uri(): ${route.uri.source} takes ${slots.length} argument(s), got ${args.length}`);
  }
  return [...args];
}

// A lone plain object is the named form, unless the route's only parameter is a query parameter that may
// itself take an object (a form): then only an object keyed by that parameter's name is the named form.
function isNamedArgs(value: unknown, slots: readonly Slot[]): boolean {
  if (value === null || typeof value !== "object" || Array.isArray(value) || value instanceof Date)
    return false;
  if (slots.length === 1 && (slots[0]!.where === "query" || slots[0]!.where === "rest")) {
    const keys = Object.keys(value);
    return keys.length === 1 && keys[0] === slots[0]!.name;
  }
  return true;
}

function renderValue(name: string, value: unknown, pairs: string[]): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) renderValue(name, item, pairs);
  } else if (typeof value === "object" && !(value instanceof Date)) {
    renderFields(value, `${name}.`, pairs);
  } else {
    pairs.push(`${encodeUriComponent(name)}=${encodeUriComponent(scalar(value))}`);
  }
}

function renderFields(value: unknown, prefix: string, pairs: string[]): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    // `[name, value]` pairs, as a trailing query parameter receives them.
    for (const pair of value) {
      if (Array.isArray(pair) && pair.length === 2) renderValue(`${prefix}${pair[0]}`, pair[1], pairs);
    }
    return;
  }
  for (const [field, v] of Object.entries(value as Record<string, unknown>))
    renderValue(`${prefix}${field}`, v, pairs);
}

function scalar(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

function withPrefixAndSuffix(path: string, query: string, options: UriOptions): string {
  let out = path + query;
  const prefix = options.prefix;
  if (prefix !== undefined && prefix !== "" && prefix !== "/") {
    const base = prefix.endsWith("/") ? prefix.slice(0, -1) : prefix;
    out = path === "/" ? base + query : base + out;
  }
  const suffix = options.suffix;
  if (suffix !== undefined && suffix !== "") {
    const hash = suffix.indexOf("#");
    const suffixQuery = hash === -1 ? suffix : suffix.slice(0, hash);
    const fragment = hash === -1 ? "" : suffix.slice(hash);
    if (suffixQuery.startsWith("?") && query === "") out += suffixQuery;
    out += fragment;
  }
  return out;
}
