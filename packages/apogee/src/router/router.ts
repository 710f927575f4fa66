import { preferredMediaType } from "../http/accept.ts";
import { FAST_PATHS } from "../http/fast-paths.ts";
import { type Method, supportsPayload } from "../http/method.ts";
import type { Request } from "../request/request.ts";
import type { MountedRoute } from "./mounted-route.ts";

const NONE: readonly MountedRoute[] = Object.freeze([]);

/** Up to this many static children, a node finds the next one by comparing names rather than by a map. */
const FEW = 16;

/** A node of the dynamic-route tree: one level per path segment. */
class Node {
  readonly statics = new Map<string, Node>();
  /** The static children's names and nodes as arrays while there are few: comparing beats hashing a new string. */
  readonly staticNames: string[] = [];
  readonly staticNodes: Node[] = [];
  dynamic: Node | undefined = undefined;
  /** Routes whose path ends exactly at this node. */
  readonly terminal: MountedRoute[] = [];
  /** Routes with a trailing `<x..>` at this depth: they match here and at every depth below. */
  readonly trailing: MountedRoute[] = [];

  insert(route: MountedRoute): void {
    let node: Node = this;
    for (const seg of route.segments) {
      if (seg.kind === "trailing") {
        node.trailing.push(route);
        return;
      }
      if (seg.kind === "static") {
        let next = node.statics.get(seg.value);
        if (next === undefined) {
          next = new Node();
          node.statics.set(seg.value, next);
          node.staticNames.push(seg.value);
          node.staticNodes.push(next);
        }
        node = next;
      } else node = node.dynamic ??= new Node();
    }
    node.terminal.push(route);
  }

  /** The routes under this node matching `segments` from `i`, in rank order; allocates only to merge lists. */
  collect(segments: readonly string[], i: number): readonly MountedRoute[] {
    if (i === segments.length) return merge(this.trailing, this.terminal);
    let found: readonly MountedRoute[] = this.trailing;
    const next = this.#static(segments[i]!);
    if (next !== undefined) found = merge(found, next.collect(segments, i + 1));
    if (this.dynamic !== undefined) found = merge(found, this.dynamic.collect(segments, i + 1));
    return found;
  }

  #static(segment: string): Node | undefined {
    const names = this.staticNames;
    if (names.length > FEW || !FAST_PATHS.enabled) return this.statics.get(segment);
    for (let k = 0; k < names.length; k++) if (names[k] === segment) return this.staticNodes[k];
    return undefined;
  }
}

/** Two lists in rank order as one, in rank order; either list itself when the other is empty. */
function merge(a: readonly MountedRoute[], b: readonly MountedRoute[]): readonly MountedRoute[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const out: MountedRoute[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(a[i]!.order < b[j]!.order ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

/** Size of the static-path filter; a power of two. */
const FILTER_SIZE = 4096;

/** A path's slot in the static-path filter: its length and last character, so a probe costs no hashing. */
function filterSlot(path: string): number {
  return ((path.length << 7) | (path.charCodeAt(path.length - 1) & 127)) & (FILTER_SIZE - 1);
}

/** The routes of one method: static paths in a map, in front of a tree for the dynamic ones. */
class MethodTable {
  /** Full candidate lists (static route plus every dynamic route matching that path), in rank order. */
  readonly #static = new Map<string, readonly MountedRoute[]>();
  readonly #tree = new Node();
  /** 1 at the filter slot of every key of `#static`: a 0 means the path is surely not a static route. */
  readonly #filter = new Uint8Array(FILTER_SIZE);
  #hasDynamic = false;

  constructor(routes: readonly MountedRoute[]) {
    // A static segment declared with `%2F` holds a '/', which would make its map key ambiguous: it goes in the tree.
    const inMap = (r: MountedRoute) =>
      r.isStatic && r.segments.every((s) => s.kind !== "static" || !s.value.includes("/"));
    for (const r of routes) {
      if (!inMap(r)) {
        this.#tree.insert(r);
        this.#hasDynamic = true;
      }
    }
    const statics = new Map<string, MountedRoute[]>();
    for (const r of routes) {
      if (!inMap(r)) continue;
      const key = `/${r.segments.map((s) => (s.kind === "static" ? s.value : "")).join("/")}`;
      const list = statics.get(key);
      if (list) list.push(r);
      else statics.set(key, [r]);
    }
    for (const [key, list] of statics) {
      const segments = key === "/" ? [] : key.slice(1).split("/");
      this.#static.set(key, merge(list, this.#tree.collect(segments, 0)));
      this.#filter[filterSlot(key)] = 1;
    }
  }

  /** The routes whose path matches, in rank order. */
  candidates(req: Request): readonly MountedRoute[] {
    const path = req.path;
    // Fast path: a path that needs no normalising is its own key; the filter skips hashing most dynamic paths.
    if (
      path.indexOf("%") === -1 &&
      path.indexOf("//") === -1 &&
      (path.length === 1 || path.charCodeAt(path.length - 1) !== 47)
    ) {
      if (this.#filter[filterSlot(path)] === 1 || !FAST_PATHS.enabled) {
        const hit = this.#static.get(path);
        if (hit !== undefined) return hit;
      }
    } else {
      const segments = req.segments;
      if (!segments.some((s) => s.includes("/"))) {
        const hit = this.#static.get(`/${segments.join("/")}`);
        if (hit !== undefined) return hit;
      }
    }
    if (!this.#hasDynamic) return NONE;
    return this.#tree.collect(req.segments, 0);
  }
}

/**
 * The router: every mounted route, ordered by (rank, mount order), looked up per method without scanning
 * every route. Static paths resolve through a map; dynamic ones through a segment tree.
 */
export class Router {
  readonly routes: readonly MountedRoute[];
  readonly #tables = new Map<Method, MethodTable>();

  constructor(routes: readonly MountedRoute[]) {
    // Stable sort: equal ranks keep mount order.
    const ordered = [...routes].sort((a, b) => a.rank - b.rank);
    ordered.forEach((r, i) => {
      r.order = i;
    });
    this.routes = ordered;
    const byMethod = new Map<Method, MountedRoute[]>();
    for (const r of ordered) {
      const list = byMethod.get(r.method);
      if (list) list.push(r);
      else byMethod.set(r.method, [r]);
    }
    for (const [method, list] of byMethod) this.#tables.set(method, new MethodTable(list));
  }

  /** The routes of `method` whose path matches the request, in the order they must be tried. */
  candidates(method: Method, req: Request): readonly MountedRoute[] {
    return this.#tables.get(method)?.candidates(req) ?? NONE;
  }
}

/** Whether the request carries every static query pair of the route (ROCKET.md §1.3). */
export function queryMatches(route: MountedRoute, req: Request): boolean {
  const wanted = route.route.staticQuery;
  if (wanted.length === 0) return true;
  const pairs = req.queryPairs;
  for (const [name, value] of wanted) {
    let found = false;
    for (const [n, v] of pairs) {
      if (n === name && v === value) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

/**
 * Whether the request's format suits the route's (ROCKET.md §1.4): payload methods need a fully specific
 * `Content-Type` that collides with it; others compare the preferred `Accept` type, and no `Accept` matches.
 */
export function formatMatches(route: MountedRoute, req: Request): boolean {
  const format = route.format;
  if (format === undefined) return true;
  if (supportsPayload(req.method)) {
    const ct = req.contentType;
    return ct !== undefined && ct.specificity === 2 && ct.collides(format);
  }
  const accept = req.headers.accept;
  if (accept === undefined) return true;
  return preferredMediaType(accept).collides(format);
}
