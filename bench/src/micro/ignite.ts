// Ignite time for 1,000 routes: the API table declared again under /v1, /v2, … until there are 1,000 routes, then
// mounted and ignited with the default log level into a discarding sink (so the launch banner is formatted, as at a
// real launch, but not printed). The first ignite in a fresh process is the cold number that matters at launch;
// the warm median shows the steady cost. Run by main.ts in a pinned child process, printing JSON.
import { build, type LogSink, type Route } from "apogee";
import { apogeeApiRoute } from "../servers/apogee-api.ts";
import { API_ROUTES } from "../shared/api-routes.ts";
import { median } from "../stats.ts";

const SILENT: LogSink = { out() {}, err() {} };

/** What the ignite benchmark measured, in milliseconds. */
export interface IgniteResult {
  readonly routes: number;
  /** Declaring the routes (`route(…)` for each: URI parsing, signature checks). */
  readonly defineMs: number;
  /** The first `mount` + `ignite` in the process. */
  readonly coldMs: number;
  /** The median of later `mount` + `ignite` runs. */
  readonly warmMs: number;
}

/** `count` distinct routes: the API table under `/v1`, `/v2`, …. */
function declare(count: number): Route<any, any, any, any>[] {
  const routes: Route<any, any, any, any>[] = [];
  for (let v = 1; routes.length < count; v++) {
    for (const r of API_ROUTES) {
      if (routes.length === count) break;
      routes.push(apogeeApiRoute(r, `/v${v}`));
    }
  }
  return routes;
}

async function ignite(routes: readonly Route<any, any, any, any>[]): Promise<number> {
  const started = process.hrtime.bigint();
  await build().logTo(SILENT).mount("/", routes).ignite();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Declares `count` routes, then ignites them once cold and `repeats` times warm. */
export async function benchIgnite(count: number, repeats: number): Promise<IgniteResult> {
  const started = process.hrtime.bigint();
  const routes = declare(count);
  const defineMs = Number(process.hrtime.bigint() - started) / 1e6;
  const coldMs = await ignite(routes);
  const warm: number[] = [];
  for (let i = 0; i < repeats; i++) warm.push(await ignite(routes));
  return { routes: routes.length, defineMs, coldMs, warmMs: median(warm) };
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const count = Number(process.argv[2] ?? 1000);
  const repeats = Number(process.argv[3] ?? 10);
  process.stdout.write(`${JSON.stringify(await benchIgnite(count, repeats))}\n`);
}
