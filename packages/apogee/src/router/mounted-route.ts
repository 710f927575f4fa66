import type { MediaType } from "../http/media-type.ts";
import type { Method } from "../http/method.ts";
import { decodePathSegment } from "../http/uri.ts";
import type { MatchedRoute } from "../request/request.ts";
import type { Route } from "../route/route.ts";
import type { PathSegment } from "./route-uri.ts";

/**
 * A route at a mount point: its full path (base segments, then the route's own), used for matching,
 * collisions and logs. The same route mounted twice gives two mounted routes.
 */
export class MountedRoute implements MatchedRoute {
  readonly route: Route;
  readonly base: string;
  /** How many segments the mount point adds before the route's own. */
  readonly baseLength: number;
  readonly segments: readonly PathSegment[];
  /** The full URI pattern, e.g. `/api/user/<id>?<q>`. */
  readonly uri: string;
  /** Whether every path segment is static (the route lives in the router's static map). */
  readonly isStatic: boolean;
  /** Position in (rank, mount order); set by the router when the app ignites. */
  order = 0;

  constructor(route: Route, base: string) {
    this.route = route;
    this.base = base;
    const baseSegments: PathSegment[] =
      base === "/"
        ? []
        : base
            .slice(1)
            .split("/")
            .map((raw) => ({ kind: "static", value: decodePathSegment(raw) }));
    this.baseLength = baseSegments.length;
    this.segments = [...baseSegments, ...route.uri.path];
    this.isStatic = this.segments.every((s) => s.kind === "static");
    const src = route.uri.source;
    this.uri = base === "/" ? src : src.startsWith("/?") || src === "/" ? base + src.slice(1) : base + src;
  }

  get name(): string {
    return this.route.name;
  }
  get method(): Method {
    return this.route.method;
  }
  get rank(): number {
    return this.route.rank;
  }
  get format(): MediaType | undefined {
    return this.route.format;
  }

  /** The banner line: `(name) METHOD /uri [rank] format` (rank shown only above 1, as Rocket). */
  toString(): string {
    const rank = this.rank > 1 ? ` [${this.rank}]` : "";
    const format = this.format === undefined ? "" : ` ${this.format}`;
    return `(${this.name}) ${this.method} ${this.uri}${rank}${format}`;
  }
}
