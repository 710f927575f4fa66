// The router micro-benchmark: matching only, no sockets. Every router holds the same 380-route API table and
// answers the same requests (every route once with sample parameters, plus paths no route matches); each must
// find the expected route for every request before it is timed. Run by main.ts in a pinned child process,
// printing its results as JSON: `node --import tsx router.ts <seconds per router per round> <rounds>`.
import { build, type Route } from "apogee";
import FindMyWay from "find-my-way";
import { LinearRouter } from "hono/router/linear-router";
import { RegExpRouter } from "hono/router/reg-exp-router";
import { SmartRouter } from "hono/router/smart-router";
import { TrieRouter } from "hono/router/trie-router";
// The router takes a Request, which the public API exports as a type only; a lookup builds one, as dispatch does.
import { Request } from "../../../packages/apogee/src/request/request.ts";
import { apogeeApiRoute } from "../servers/apogee-api.ts";
import { API_ROUTES, API_ROUTES_BY_SPECIFICITY, samplePath } from "../shared/api-routes.ts";
import { median, spread } from "../stats.ts";

/** One lookup: the request, and the index of the route it must find (-1: none). */
interface Lookup {
  readonly method: string;
  readonly path: string;
  readonly expected: number;
  /** `path` behind one character, sliced off per lookup so that every lookup gets a fresh string. */
  readonly padded: string;
}

/** A router under test: `find` returns the index of the route it matched, or -1. */
interface Contender {
  readonly id: string;
  readonly title: string;
  readonly find: (method: string, path: string) => number;
}

/** Each route's sample path, plus requests that match nothing (wrong method, unknown path, extra segment). */
export function lookups(): Lookup[] {
  const list: Lookup[] = API_ROUTES.map((r, i) => lookup(r.method, samplePath(r.path), i));
  const misses = [
    ["GET", "/nope"],
    ["GET", "/repos/octocat/hello-world/nope"],
    ["GET", "/users/monalisa/repos/extra/segments"],
    ["DELETE", "/emojis"],
    ["POST", "/repos/octocat/hello-world/issues/1347/nope"],
    ["GET", "/orgs/github/teams/core/nope/x"],
  ] as const;
  for (const [method, path] of misses) list.push(lookup(method, path, -1));
  return list;
}

function lookup(method: string, path: string, expected: number): Lookup {
  return { method, path, expected, padded: ` ${path}` };
}

async function apogee(): Promise<Contender> {
  const routes: Route<any, any, any, any>[] = API_ROUTES.map((r) => apogeeApiRoute(r));
  const index = new Map<unknown, number>(routes.map((r, i) => [r, i]));
  const ignited = await build().configure({ log_level: "off" }).mount("/", routes).ignite();
  const router = ignited.router;
  return {
    id: "apogee",
    title: "Apogee",
    find: (method, path) => {
      const req = new Request(method as "GET", path, {}, null);
      const found = router.candidates(req.method, req)[0];
      return found === undefined ? -1 : index.get(found.route)!;
    },
  };
}

function findMyWay(compiled: boolean): Contender {
  const router = FindMyWay();
  API_ROUTES.forEach((r, i) => {
    router.on(r.method, r.path, () => {}, { i });
  });
  if (compiled) router.compile();
  return {
    id: compiled ? "find-my-way-compiled" : "find-my-way",
    title: compiled ? "find-my-way (compile())" : "find-my-way",
    find: (method, path) => {
      const found = router.find(method as "GET", path);
      return found === null ? -1 : (found.store as { i: number }).i;
    },
  };
}

// Hono's default router is a SmartRouter over RegExpRouter and TrieRouter: it keeps the first that accepts the
// whole table. RegExpRouter refuses this one (a static segment beside a parameter at the same depth, like
// `/pages/builds/latest` and `/pages/builds/:build_id`), so the default settles on TrieRouter, as in the HTTP app.
function hono(kind: "smart" | "linear"): Contender {
  const router =
    kind === "smart"
      ? new SmartRouter<number>({ routers: [new RegExpRouter(), new TrieRouter()] })
      : new LinearRouter<number>();
  // First match wins in Hono, so routes are registered most specific first, as a Hono app must.
  for (const r of API_ROUTES_BY_SPECIFICITY) router.add(r.method, r.path, API_ROUTES.indexOf(r));
  const find = (method: string, path: string) => router.match(method, path)[0][0]?.[0] ?? -1;
  find("GET", "/");
  const active = router instanceof SmartRouter ? router.activeRouter.name : router.name;
  return {
    id: `hono-${kind}`,
    title: kind === "smart" ? `Hono default (SmartRouter → ${active})` : "Hono LinearRouter",
    find,
  };
}

/**
 * Lookups per second of `c` over `list`, timed for about `seconds`. Each lookup gets a fresh path string, as a
 * server gets from its parser: a string seen before carries its hash, which would flatter map-based routers.
 */
function time(c: Contender, list: readonly Lookup[], seconds: number): number {
  let sink = 0;
  let done = 0;
  const budget = BigInt(Math.round(seconds * 1e9));
  const started = process.hrtime.bigint();
  let elapsed = 0n;
  while (elapsed < budget) {
    for (let i = 0; i < list.length; i++) sink += c.find(list[i]!.method, list[i]!.padded.slice(1));
    done += list.length;
    elapsed = process.hrtime.bigint() - started;
  }
  if (sink === Number.MIN_SAFE_INTEGER) console.error("unreachable");
  return done / (Number(elapsed) / 1e9);
}

/** One router's result: median lookups per second over the rounds, and their spread. */
export interface RouterResult {
  readonly id: string;
  readonly title: string;
  readonly opsPerSec: number;
  readonly spread: number;
}

/** Checks every contender finds every expected route, then times them, interleaved over `rounds`. */
export async function benchRouters(seconds: number, rounds: number): Promise<RouterResult[]> {
  const list = lookups();
  const contenders = [await apogee(), findMyWay(false), findMyWay(true), hono("smart"), hono("linear")];
  const wrong: string[] = [];
  for (const c of contenders) {
    for (const l of list) {
      const got = c.find(l.method, l.path);
      if (got !== l.expected)
        wrong.push(`${c.title}: ${l.method} ${l.path} found ${got}, expected ${l.expected}`);
    }
  }
  if (wrong.length > 0) throw new Error(`routers disagree with the table:\n${wrong.join("\n")}`);
  // Warm-up long enough for every router's lookup to reach its optimised code; shorter, the ranking flips.
  for (const c of contenders) time(c, list, 1);
  const samples = new Map<string, number[]>(contenders.map((c) => [c.id, []]));
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < contenders.length; k++) {
      const c = contenders[(k + round) % contenders.length]!;
      samples.get(c.id)!.push(time(c, list, seconds));
    }
  }
  return contenders.map((c) => ({
    id: c.id,
    title: c.title,
    opsPerSec: median(samples.get(c.id)!),
    spread: spread(samples.get(c.id)!),
  }));
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const seconds = Number(process.argv[2] ?? 1);
  const rounds = Number(process.argv[3] ?? 3);
  const results = await benchRouters(seconds, rounds);
  process.stdout.write(
    `${JSON.stringify({ routes: API_ROUTES.length, lookups: lookups().length, results })}\n`,
  );
}
