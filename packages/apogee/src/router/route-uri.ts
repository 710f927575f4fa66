import { decodePathSegment, decodeQueryComponent } from "../http/uri.ts";

/** A segment of a route's path. The name `_` marks an ignored dynamic segment (`<_>`, `<_..>`). */
export type PathSegment =
  | { readonly kind: "static"; readonly value: string }
  | { readonly kind: "dynamic"; readonly name: string }
  | { readonly kind: "trailing"; readonly name: string };

/** A segment of a route's query: a required `name=value` pair, a `<name>` param, or a trailing `<rest..>`. */
export type QuerySegment =
  | { readonly kind: "static"; readonly name: string; readonly value: string; readonly source: string }
  | { readonly kind: "dynamic"; readonly name: string }
  | { readonly kind: "trailing"; readonly name: string };

/** A route URI parsed once at definition (ROCKET.md §1.1). */
export interface RouteUri {
  /** The text as declared. */
  readonly source: string;
  readonly path: readonly PathSegment[];
  /** `undefined` when the route has no query part. */
  readonly query: readonly QuerySegment[] | undefined;
}

/** A malformed route URI, thrown at definition with the position of the problem and a hint. */
export class RouteUriError extends Error {
  /** The URI as declared. */
  readonly uri: string;
  /** The offset of the problem in `uri`. */
  readonly position: number;
  readonly hint: string;

  constructor(uri: string, position: number, problem: string, hint: string) {
    super(
      `invalid route URI ${JSON.stringify(uri)}: ${problem}\n    ${uri}\n    ${" ".repeat(position)}^\n  hint: ${hint}`,
    );
    this.name = "RouteUriError";
    this.uri = uri;
    this.position = position;
    this.hint = hint;
  }
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Parses a route URI per Rocket's attribute grammar; throws `RouteUriError` when it is malformed. */
export function parseRouteUri(uri: string): RouteUri {
  if (!uri.startsWith("/")) {
    throw new RouteUriError(uri, 0, "route URIs must start with '/'", `write "/${uri}"`);
  }
  const q = uri.indexOf("?");
  const pathText = q === -1 ? uri : uri.slice(0, q);
  const path: PathSegment[] = [];
  const names = new Map<string, number>();
  const claim = (name: string, at: number) => {
    if (name === "_") return;
    if (names.has(name)) {
      throw new RouteUriError(
        uri,
        at,
        `the parameter <${name}> is declared twice`,
        "give each parameter its own name",
      );
    }
    names.set(name, at);
  };

  if (pathText !== "/") {
    let at = 1;
    for (const text of pathText.slice(1).split("/")) {
      if (text === "") {
        // A trailing slash is pointed at itself, not at the end of the text.
        throw new RouteUriError(
          uri,
          at === pathText.length ? at - 1 : at,
          "route URIs cannot contain empty segments",
          at === pathText.length
            ? "remove the trailing '/': trailing slashes are insignificant"
            : "remove the extra '/'",
        );
      }
      const last = path[path.length - 1];
      if (last?.kind === "trailing") {
        throw new RouteUriError(
          uri,
          at,
          `the trailing parameter <${last.name}..> must be the last path segment`,
          "move the segments parameter to the end of the path",
        );
      }
      const seg = parseDynamic(uri, text, at, true);
      // Matched against decoded request segments, so a declared `%20` matches a space.
      if (seg === undefined) path.push({ kind: "static", value: decodePathSegment(text) });
      else {
        claim(seg.name, at);
        path.push(seg);
      }
      at += text.length + 1;
    }
  }

  let query: QuerySegment[] | undefined;
  if (q !== -1) {
    query = [];
    let at = q + 1;
    for (const text of uri.slice(q + 1).split("&")) {
      if (text === "") {
        throw new RouteUriError(
          uri,
          at === uri.length ? at - 1 : at,
          "route URIs cannot contain empty segments",
          "remove the extra '&' (or the empty '?')",
        );
      }
      const last = query[query.length - 1];
      if (last?.kind === "trailing") {
        throw new RouteUriError(
          uri,
          at,
          `the trailing parameter <${last.name}..> must be the last query segment`,
          "move it to the end of the query",
        );
      }
      const seg = parseDynamic(uri, text, at, false);
      if (seg === undefined) {
        const eq = text.indexOf("=");
        const name = eq === -1 ? text : text.slice(0, eq);
        const value = eq === -1 ? "" : text.slice(eq + 1);
        query.push({
          kind: "static",
          name: decodeQueryComponent(name),
          value: decodeQueryComponent(value),
          source: text,
        });
      } else {
        if (seg.name === "_") {
          throw new RouteUriError(
            uri,
            at,
            "<_> is not allowed in the query",
            "name the query parameter, or remove it",
          );
        }
        claim(seg.name, at);
        query.push(seg);
      }
      at += text.length + 1;
    }
  }
  return { source: uri, path, query };
}

function parseDynamic(
  uri: string,
  text: string,
  at: number,
  inPath: boolean,
): { kind: "dynamic" | "trailing"; name: string } | undefined {
  const open = text.indexOf("<");
  const close = text.indexOf(">");
  if (open === -1 && close === -1) return undefined;
  if (open !== 0 || close !== text.length - 1 || text.indexOf("<", 1) !== -1) {
    throw new RouteUriError(
      uri,
      at + Math.max(open, 0),
      "a parameter must span a whole segment",
      inPath
        ? "write the segment as <name> alone, between '/'"
        : "write the query segment as <name> alone, between '&'",
    );
  }
  let name = text.slice(1, -1);
  let kind: "dynamic" | "trailing" = "dynamic";
  if (name.endsWith("..")) {
    kind = "trailing";
    name = name.slice(0, -2);
  }
  if (!IDENT.test(name)) {
    throw new RouteUriError(
      uri,
      at + 1,
      `${JSON.stringify(name)} is not a valid parameter name`,
      "parameter names are identifiers: letters, digits, '_' or '$', not starting with a digit",
    );
  }
  return { kind, name };
}

const WEIGHT = { static: 3, partial: 2, wild: 1, none: 0 } as const;
type Color = keyof typeof WEIGHT;

function color(kinds: readonly string[]): Color {
  if (kinds.every((k) => k === "static")) return "static";
  if (kinds.every((k) => k !== "static")) return "wild";
  return "partial";
}

/**
 * Rocket's default rank from the route's own (unmounted) URI: −12 (static path, static query) … −1 (wild path,
 * no query). `/` counts as static.
 */
export function defaultRank(uri: RouteUri): number {
  const path = color(uri.path.map((s) => s.kind));
  const query = uri.query === undefined ? "none" : color(uri.query.map((s) => s.kind));
  return -(((WEIGHT[path] << 2) | WEIGHT[query]) - 3);
}

/** The dynamic parameter names of a route URI (path then query, `_` excluded). */
export function paramNames(uri: RouteUri): string[] {
  const names: string[] = [];
  for (const s of uri.path) if (s.kind !== "static" && s.name !== "_") names.push(s.name);
  for (const s of uri.query ?? []) if (s.kind !== "static") names.push(s.name);
  return names;
}
