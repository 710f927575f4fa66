// One load run with autocannon: a fixed number of connections sending one scenario's request for a while.
import autocannon from "autocannon";
import type { Scenario } from "../scenarios.ts";
import { LatencyHistogram } from "../stats.ts";

/** What one load run measured. */
export interface LoadRun {
  /** Responses received. */
  readonly requests: number;
  readonly seconds: number;
  readonly rps: number;
  /** Latency percentiles in milliseconds, 10 µs resolution. */
  readonly p50: number;
  readonly p99: number;
  /** Responses by status code. */
  readonly statuses: Readonly<Record<string, number>>;
  /** Connection errors and timeouts. */
  readonly errors: number;
  readonly timeouts: number;
}

/** How hard to push, and for how long: `duration` seconds, or until `amount` responses. */
export type LoadSettings = { readonly connections: number } & (
  | { readonly duration: number }
  | { readonly amount: number }
);

const histogram = new LatencyHistogram();

/** Sends `scenario`'s request to `baseUrl` over `settings.connections` keep-alive connections. */
export async function runLoad(baseUrl: string, scenario: Scenario, settings: LoadSettings): Promise<LoadRun> {
  histogram.reset();
  const started = process.hrtime.bigint();
  const instance = autocannon({
    url: baseUrl + scenario.path,
    method: scenario.method,
    connections: settings.connections,
    pipelining: 1,
    ...("amount" in settings ? { amount: settings.amount } : { duration: settings.duration }),
    timeout: 10,
    ...(scenario.headers === undefined ? {} : { headers: { ...scenario.headers } }),
    ...(scenario.body === undefined ? {} : { body: scenario.body }),
  });
  instance.on("response", (_client, _status, _bytes, ms) => histogram.record(ms));
  const result = await instance;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const statuses: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(result.statusCodeStats)) statuses[code] = count;
  const requests = histogram.count;
  return {
    requests,
    seconds,
    rps: requests / seconds,
    p50: histogram.percentile(50),
    p99: histogram.percentile(99),
    statuses,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/** What is wrong with a run of `scenario`: statuses other than the expected one, errors, timeouts. */
export function runProblems(run: LoadRun, scenario: Scenario): string[] {
  const problems: string[] = [];
  const expected = String(scenario.expect.status);
  for (const [code, count] of Object.entries(run.statuses)) {
    if (code !== expected) problems.push(`${count} responses with status ${code} (expected ${expected})`);
  }
  if (run.errors > 0) problems.push(`${run.errors} connection errors`);
  if (run.timeouts > 0) problems.push(`${run.timeouts} timeouts`);
  if (run.requests === 0) problems.push("no responses at all");
  return problems;
}
