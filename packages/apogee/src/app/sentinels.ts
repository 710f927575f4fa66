import type { DataGuard, RequestGuard } from "../request/guard.ts";
import type { SentinelType } from "../route/route.ts";
import type { MountedRoute } from "../router/mounted-route.ts";
import type { Ignited } from "./ignited.ts";

/**
 * Queries the sentinels of every mounted route's guards (request guards, then the data guard) and of the
 * responder types its `responds` option names, against the ignited app (ROCKET.md §10). Returns one line per
 * abort: the guard or type, the route, where it was declared, and why. A route mounted at several bases is
 * reported once.
 */
export function sentinelAborts(mounts: readonly MountedRoute[], app: Ignited): string[] {
  const aborts: string[] = [];
  const seen = new Set<unknown>();
  for (const m of mounts) {
    const route = m.route;
    if (seen.has(route)) continue;
    seen.add(route);
    const guards: (RequestGuard<unknown> | DataGuard<unknown> | SentinelType)[] = route.guards.map(
      (g) => g.guard,
    );
    if (route.data !== undefined) guards.push(route.data.guard);
    // Then the responder types the route says it returns (`responds: Template`).
    guards.push(...route.responds);
    for (const g of guards) {
      let why: string | undefined;
      try {
        why = g.sentinel?.(app);
      } catch (e) {
        why = `its sentinel threw: ${e instanceof Error ? e.message : String(e)}`;
      }
      if (why !== undefined) aborts.push(`${g.name} in ${m} (${route.declaredAt}): ${why}`);
    }
  }
  return aborts;
}
