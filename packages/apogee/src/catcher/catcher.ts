import type { Status } from "../http/status.ts";
import { decodePathSegment } from "../http/uri.ts";
import type { Request } from "../request/request.ts";
import type { HandlerReturn } from "../response/responder.ts";
import { bindingName, type DefinitionSite, definitionSite, formatSite } from "../route/definition-site.ts";

/** A catcher's handler: the status being caught and the request; returns any responder. */
export type CatcherHandler = (status: Status, req: Request) => HandlerReturn;

/** An error catcher (Rocket's `#[catch]`): answers requests that failed with `code`, or any code for `default`. */
export class Catcher {
  /** The status code caught, or `undefined` for a default catcher. */
  readonly code: number | undefined;
  readonly handler: CatcherHandler;
  readonly site: DefinitionSite | undefined;
  #name: string | undefined;

  constructor(code: number | "default", handler: CatcherHandler, name?: string) {
    this.site = definitionSite();
    if (code !== "default" && (!Number.isInteger(code) || code < 400 || code >= 600)) {
      throw new RangeError(
        `a catcher's code must be from 400 to 599 or "default", got ${String(code)} (declared at ${formatSite(this.site)})`,
      );
    }
    if (typeof handler !== "function")
      throw new TypeError(`the catcher handler must be a function (declared at ${formatSite(this.site)})`);
    this.code = code === "default" ? undefined : code;
    this.handler = handler;
    this.#name = name ?? (handler.name !== "" ? handler.name : undefined);
  }

  /** The catcher's name: given, the handler's, or the variable it was assigned to. */
  get name(): string {
    this.#name ??= bindingName(this.site) ?? formatSite(this.site);
    return this.#name;
  }
}

/**
 * Declares an error catcher for `code` (400–599) or `"default"` (every code without its own catcher).
 *
 * - The responder's own status wins (a `Redirect` answers 303); otherwise the response has the caught status.
 * - If the catcher fails, the 500 catcher answers; if that fails too, the built-in 500 page.
 *
 * @example
 * export const notFound = catcher(404, (status, req) => `Sorry, '${req.uri}' is not a valid path.`);
 */
export function catcher(
  code: number | "default",
  handler: CatcherHandler,
  options?: { name?: string },
): Catcher {
  return new Catcher(code, handler, options?.name);
}

/** A catcher registered under a base path; it applies to requests whose path starts with the base's segments. */
export class RegisteredCatcher {
  readonly catcher: Catcher;
  readonly base: string;
  readonly baseSegments: readonly string[];

  constructor(catcher: Catcher, base: string) {
    this.catcher = catcher;
    this.base = base;
    this.baseSegments = base === "/" ? [] : base.slice(1).split("/").map(decodePathSegment);
  }

  /** Whether the base's segments are a segment-wise prefix of the request's decoded path segments. */
  covers(segments: readonly string[]): boolean {
    const base = this.baseSegments;
    if (base.length > segments.length) return false;
    for (let i = 0; i < base.length; i++) if (base[i] !== segments[i]) return false;
    return true;
  }

  /** The banner line: `(name) [base ]code|default`. */
  toString(): string {
    const base = this.base === "/" ? "" : `${this.base} `;
    return `(${this.catcher.name}) ${base}${this.catcher.code ?? "default"}`;
  }
}

/** Registered catchers, chosen per status and request path as ROCKET.md §6 says. */
export class CatcherTable {
  readonly #byCode = new Map<number, RegisteredCatcher[]>();
  readonly #defaults: RegisteredCatcher[] = [];
  readonly all: readonly RegisteredCatcher[];

  constructor(catchers: readonly RegisteredCatcher[]) {
    this.all = catchers;
    const longestFirst = (a: RegisteredCatcher, b: RegisteredCatcher) =>
      b.baseSegments.length - a.baseSegments.length;
    for (const c of catchers) {
      const code = c.catcher.code;
      if (code === undefined) this.#defaults.push(c);
      else {
        const list = this.#byCode.get(code);
        if (list) list.push(c);
        else this.#byCode.set(code, [c]);
      }
    }
    this.#defaults.sort(longestFirst);
    for (const list of this.#byCode.values()) list.sort(longestFirst);
  }

  /**
   * The catcher for `status` on a request with these path segments: the code-specific catcher with the longest
   * covering base, unless a default catcher's covering base is strictly longer. `undefined`: the built-in one.
   */
  find(status: Status, segments: readonly string[]): RegisteredCatcher | undefined {
    const forCode = this.#byCode.get(status.code);
    const specific = forCode === undefined ? undefined : covering(forCode, segments);
    const fallback = covering(this.#defaults, segments);
    if (specific === undefined) return fallback;
    if (fallback !== undefined && fallback.baseSegments.length > specific.baseSegments.length)
      return fallback;
    return specific;
  }

  /** Pairs of catchers with the same code (or both default) and the same base. */
  collisions(): [RegisteredCatcher, RegisteredCatcher][] {
    const pairs: [RegisteredCatcher, RegisteredCatcher][] = [];
    const all = this.all;
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) {
        const a = all[i]!;
        const b = all[j]!;
        if (a.catcher.code === b.catcher.code && a.base === b.base) pairs.push([a, b]);
      }
    }
    return pairs;
  }
}

// The first catcher whose base covers the path (a loop: a 404 is answered without making closures).
function covering(
  list: readonly RegisteredCatcher[],
  segments: readonly string[],
): RegisteredCatcher | undefined {
  for (let i = 0; i < list.length; i++) if (list[i]!.covers(segments)) return list[i];
  return undefined;
}
