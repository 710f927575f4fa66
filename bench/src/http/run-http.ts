// The HTTP phase: every round starts every server, checks it answers every scenario exactly, then loads each
// scenario on each server in turn (the server order rotating from round to round, so drift in the machine is
// spread over everyone), and reads each server's memory when the round is over.
import type { Scenario } from "../scenarios.ts";
import type { ServerInfo } from "../servers/registry.ts";
import { type LoadRun, runLoad, runProblems } from "./load.ts";
import { preflight } from "./preflight.ts";
import { ServerProcess } from "./server-process.ts";

/** One measured load run. */
export interface Measurement {
  readonly server: ServerInfo["id"];
  readonly scenario: string;
  readonly round: number;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  /** The server's CPU use during the run, in cores (1 = one core busy); undefined without /proc. */
  readonly cpu: number | undefined;
  /** Responses received in the warm-up and the measured run together. */
  readonly requests: number;
}

/**
 * A server's resident memory in a round: fresh, after the first 100k requests (every scenario in turn), and at
 * the end of the round, after `requests` requests.
 */
export interface MemorySample {
  readonly server: ServerInfo["id"];
  readonly round: number;
  readonly rssKiB: number;
  readonly endKiB: number;
  readonly requests: number;
}

/** The requests every fresh server serves, spread over the scenarios, before its memory is read. */
export const MEMORY_REQUESTS = 100_000;

/** Everything the HTTP phase measured, and everything that went wrong. */
export interface HttpResults {
  readonly measurements: Measurement[];
  readonly memory: MemorySample[];
  readonly problems: string[];
}

/** What the HTTP phase runs. */
export interface HttpPlan {
  readonly servers: readonly ServerInfo[];
  readonly scenarios: readonly Scenario[];
  readonly rounds: number;
  /** Seconds of unmeasured load before each measured run. */
  readonly warmup: number;
  /** Seconds of each measured run. */
  readonly duration: number;
  readonly connections: number;
  /** The core the servers are pinned to, or undefined to run unpinned. */
  readonly serverCpu: number | undefined;
}

/** Runs the plan; stops at the end of the first round with problems (a run with problems is never reported). */
export async function runHttp(plan: HttpPlan, log: (line: string) => void): Promise<HttpResults> {
  const results: HttpResults = { measurements: [], memory: [], problems: [] };
  for (let round = 1; round <= plan.rounds && results.problems.length === 0; round++) {
    const servers: ServerProcess[] = [];
    try {
      for (const info of plan.servers) servers.push(await ServerProcess.start(info, plan.serverCpu));
      const served = new Map<ServerProcess, number>();
      for (const s of servers) {
        for (const scenario of plan.scenarios) {
          for (const p of await preflight(s.url, scenario)) results.problems.push(`${s.info.title}: ${p}`);
        }
        served.set(s, 0);
      }
      if (results.problems.length > 0) break;
      const order = servers.map((_, i) => servers[(i + round - 1) % servers.length]!);
      // The first 100k requests, every scenario in turn: the memory target's measure, and a warm-up of every path.
      const rss = new Map<ServerProcess, number>();
      for (const s of order) {
        served.set(s, await hundredThousand(s, plan, round, results.problems));
        const kib = s.rssKiB();
        if (kib !== undefined) rss.set(s, kib);
      }
      log(
        `[round ${round}/${plan.rounds}] every server has served ${MEMORY_REQUESTS.toLocaleString("en-US")} requests`,
      );
      for (const scenario of plan.scenarios) {
        for (const s of order) {
          const m = await measure(s, scenario, plan, round, results.problems);
          served.set(s, served.get(s)! + m.requests);
          results.measurements.push(m);
          log(
            `[round ${round}/${plan.rounds}] ${scenario.id.padEnd(13)} ${s.info.title.padEnd(9)} ` +
              `${Math.round(m.rps).toLocaleString("en-US").padStart(8)} req/s  p99 ${m.p99.toFixed(2).padStart(6)} ms` +
              (m.cpu === undefined ? "" : `  server cpu ${(m.cpu * 100).toFixed(0)}%`),
          );
        }
      }
      for (const s of servers) {
        const end = s.rssKiB();
        const first = rss.get(s);
        if (end !== undefined && first !== undefined)
          results.memory.push({
            server: s.info.id,
            round,
            rssKiB: first,
            endKiB: end,
            requests: served.get(s)!,
          });
      }
    } catch (e) {
      results.problems.push(e instanceof Error ? e.message : String(e));
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
    }
  }
  return results;
}

/** Sends `MEMORY_REQUESTS` requests, an equal share per scenario; returns how many were answered. */
async function hundredThousand(s: ServerProcess, plan: HttpPlan, round: number, problems: string[]) {
  let answered = 0;
  const share = Math.ceil(MEMORY_REQUESTS / plan.scenarios.length);
  for (const scenario of plan.scenarios) {
    const run = await runLoad(s.url, scenario, { connections: plan.connections, amount: share });
    for (const p of runProblems(run, scenario))
      problems.push(`${s.info.title}: ${scenario.id} (round ${round}, first 100k requests): ${p}`);
    answered += run.requests;
  }
  return answered;
}

/** A warm-up run, then the measured run; the server's CPU time is read around the measured one. */
async function measure(
  s: ServerProcess,
  scenario: Scenario,
  plan: HttpPlan,
  round: number,
  problems: string[],
): Promise<Measurement> {
  const check = (run: LoadRun, what: string) => {
    for (const p of runProblems(run, scenario))
      problems.push(`${s.info.title}: ${scenario.id} (${what}): ${p}`);
  };
  const warm = await runLoad(s.url, scenario, { connections: plan.connections, duration: plan.warmup });
  check(warm, `round ${round}, warm-up`);
  const before = s.cpuSeconds();
  const run = await runLoad(s.url, scenario, { connections: plan.connections, duration: plan.duration });
  const after = s.cpuSeconds();
  check(run, `round ${round}`);
  return {
    server: s.info.id,
    scenario: scenario.id,
    round,
    rps: run.rps,
    p50: run.p50,
    p99: run.p99,
    cpu: before === undefined || after === undefined ? undefined : (after - before) / run.seconds,
    requests: run.requests + warm.requests,
  };
}
