import { supportsPayload } from "../http/method.ts";
import type { MountedRoute } from "./mounted-route.ts";
import type { PathSegment } from "./route-uri.ts";

/**
 * Whether two paths could match the same request (ROCKET.md §1.6): walk the shorter; a trailing segment on
 * either side collides; dynamic matches anything; statics must be equal. Then equal lengths collide, or the
 * longer one's next segment is trailing (`/a/<p..>` collides with `/a`).
 */
export function pathsCollide(a: readonly PathSegment[], b: readonly PathSegment[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.kind === "trailing" || y.kind === "trailing") return true;
    if (x.kind === "dynamic" || y.kind === "dynamic") continue;
    if (x.value !== y.value) return false;
  }
  if (a.length === b.length) return true;
  const next = (a.length > b.length ? a : b)[n]!;
  return next.kind === "trailing";
}

/** Whether two routes' formats overlap: always for non-payload methods; for payload ones unless both differ. */
export function formatsCollide(a: MountedRoute, b: MountedRoute): boolean {
  if (!supportsPayload(a.method)) return true;
  const fa = a.format;
  const fb = b.format;
  if (fa === undefined || fb === undefined) return true;
  return fa.collides(fb);
}

/** Two routes collide when method and rank are equal and both paths and formats collide (queries ignored). */
export function routesCollide(a: MountedRoute, b: MountedRoute): boolean {
  return (
    a.method === b.method && a.rank === b.rank && pathsCollide(a.segments, b.segments) && formatsCollide(a, b)
  );
}

/** Every colliding pair among `routes`, each pair once, in mount order. */
export function findCollisions(routes: readonly MountedRoute[]): [MountedRoute, MountedRoute][] {
  const groups = new Map<string, MountedRoute[]>();
  for (const r of routes) {
    const key = `${r.method} ${r.rank}`;
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  const pairs: [MountedRoute, MountedRoute][] = [];
  for (const group of groups.values()) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        if (routesCollide(group[i]!, group[j]!)) pairs.push([group[i]!, group[j]!]);
      }
    }
  }
  return pairs;
}
