// From raw measurements to what the report shows: per scenario and server, the medians over rounds, their spread,
// Apogee's ratios to node:http and to the best peer, and each of the issue's targets, met or not.
import { geomean, median, spread } from "../stats.ts";
import type { RunResults } from "./results.ts";

/** One server in one scenario, over all rounds. */
export interface Cell {
  readonly rps: number;
  readonly rpsSpread: number;
  readonly p99: number;
  /** Median server CPU use (cores) during the measured runs, when known. */
  readonly cpu: number | undefined;
  /** Requests per server CPU-second: throughput with the machine's other load factored out. */
  readonly perCpuSecond: number | undefined;
}

/** One scenario's row. */
export interface Row {
  readonly scenario: string;
  readonly cells: ReadonlyMap<string, Cell>;
  /** The peer (Fastify, Hono, Express) with the most req/s, and the one with the lowest p99. */
  readonly bestPeer: string | undefined;
  readonly bestPeerP99: string | undefined;
  readonly apogeeVsNode: number | undefined;
  readonly apogeeVsBestPeer: number | undefined;
  /** Apogee's p99 ÷ the lowest peer p99 (≤ 1 is as good or better). */
  readonly p99VsBestPeer: number | undefined;
  readonly cpuVsNode: number | undefined;
  readonly cpuVsBestPeer: number | undefined;
}

/** A target of the issue and how the run fared. */
export interface Target {
  readonly target: string;
  readonly result: string;
  readonly met: boolean | undefined;
}

/** The rows of the HTTP tables. */
export function rows(run: RunResults): Row[] {
  const http = run.http;
  if (http === undefined) return [];
  const peers = run.servers.filter((s) => s.peer).map((s) => s.id);
  return run.scenarios.map(({ id }) => {
    const cells = new Map<string, Cell>();
    for (const s of run.servers) {
      const ms = http.measurements.filter((m) => m.scenario === id && m.server === s.id);
      if (ms.length === 0) continue;
      const cpus = ms.map((m) => m.cpu).filter((c): c is number => c !== undefined);
      const perCpu = ms.filter((m) => m.cpu !== undefined && m.cpu > 0).map((m) => m.rps / m.cpu!);
      cells.set(s.id, {
        rps: median(ms.map((m) => m.rps)),
        rpsSpread: spread(ms.map((m) => m.rps)),
        p99: median(ms.map((m) => m.p99)),
        cpu: cpus.length > 0 ? median(cpus) : undefined,
        perCpuSecond: perCpu.length > 0 ? median(perCpu) : undefined,
      });
    }
    const best = (score: (c: Cell) => number | undefined, lowest: boolean) => {
      let found: string | undefined;
      for (const p of peers) {
        const v = cells.get(p) && score(cells.get(p)!);
        if (v === undefined) continue;
        const current = found === undefined ? undefined : score(cells.get(found)!);
        if (current === undefined || (lowest ? v < current : v > current)) found = p;
      }
      return found;
    };
    const bestPeer = best((c) => c.rps, false);
    const bestPeerP99 = best((c) => c.p99, true);
    const bestPeerCpu = best((c) => c.perCpuSecond, false);
    const a = cells.get("apogee");
    const n = cells.get("node");
    const ratio = (x: number | undefined, y: number | undefined) =>
      x === undefined || y === undefined ? undefined : x / y;
    return {
      scenario: id,
      cells,
      bestPeer,
      bestPeerP99,
      apogeeVsNode: ratio(a?.rps, n?.rps),
      apogeeVsBestPeer: ratio(a?.rps, bestPeer === undefined ? undefined : cells.get(bestPeer)!.rps),
      p99VsBestPeer: ratio(a?.p99, bestPeerP99 === undefined ? undefined : cells.get(bestPeerP99)!.p99),
      cpuVsNode: ratio(a?.perCpuSecond, n?.perCpuSecond),
      cpuVsBestPeer: ratio(
        a?.perCpuSecond,
        bestPeerCpu === undefined ? undefined : cells.get(bestPeerCpu)!.perCpuSecond,
      ),
    };
  });
}

/** A server's memory over the rounds: median RSS (KiB) after the first 100k requests and at the end of a round. */
export interface Memory {
  readonly rssKiB: number;
  readonly endKiB: number;
  /** The fewest requests it served in a round. */
  readonly requests: number;
}

/** Each server's memory, medians over the rounds. */
export function memory(run: RunResults): Map<string, Memory> {
  const out = new Map<string, Memory>();
  for (const s of run.servers) {
    const samples = run.http?.memory.filter((m) => m.server === s.id) ?? [];
    if (samples.length === 0) continue;
    out.set(s.id, {
      rssKiB: median(samples.map((m) => m.rssKiB)),
      endKiB: median(samples.map((m) => m.endKiB)),
      requests: Math.min(...samples.map((m) => m.requests)),
    });
  }
  return out;
}

const x = (v: number) => `${v.toFixed(2)}×`;

/** The issue's targets, checked against the run (undefined when the run did not measure it). */
export function targets(run: RunResults): Target[] {
  const list: Target[] = [];
  const rs = rows(run);
  const vsPeer = rs.filter((r) => r.apogeeVsBestPeer !== undefined);
  if (vsPeer.length > 0) {
    const misses = vsPeer.filter((r) => r.apogeeVsBestPeer! < 1.05);
    list.push({
      target: "Apogee ≥ 1.05× the best peer in every HTTP scenario",
      result:
        misses.length === 0
          ? `all ${vsPeer.length} (lowest ${x(Math.min(...vsPeer.map((r) => r.apogeeVsBestPeer!)))})`
          : `${vsPeer.length - misses.length} of ${vsPeer.length}; below: ${misses.map((r) => `${r.scenario} ${x(r.apogeeVsBestPeer!)}`).join(", ")}`,
      met: misses.length === 0,
    });
  }
  const vsNode = rs.filter((r) => r.apogeeVsNode !== undefined).map((r) => r.apogeeVsNode!);
  if (vsNode.length > 0) {
    const g = geomean(vsNode);
    list.push({
      target: "Apogee ≥ 0.95× node:http (geometric mean over the scenarios)",
      result: x(g),
      met: g >= 0.95,
    });
  }
  const p99 = rs.filter((r) => r.p99VsBestPeer !== undefined);
  if (p99.length > 0) {
    const worse = p99.filter((r) => r.p99VsBestPeer! > 1);
    list.push({
      target: "Apogee's p99 latency no worse than the best peer's",
      result:
        worse.length === 0
          ? `all ${p99.length}`
          : `${p99.length - worse.length} of ${p99.length}; worse: ${worse.map((r) => `${r.scenario} ${x(r.p99VsBestPeer!)}`).join(", ")}`,
      met: worse.length === 0,
    });
  }
  const mem = memory(run);
  const a = mem.get("apogee");
  const f = mem.get("fastify");
  if (a !== undefined && f !== undefined) {
    list.push({
      target: "Apogee's RSS after 100k requests no more than Fastify's",
      result: `${mib(a.rssKiB)} vs ${mib(f.rssKiB)}`,
      met: a.rssKiB <= f.rssKiB,
    });
  }
  if (run.ignite !== undefined) {
    list.push({
      target: `ignite of 1,000 routes under 50 ms`,
      result: `${run.ignite.coldMs.toFixed(1)} ms cold, ${run.ignite.warmMs.toFixed(1)} ms warm (${run.ignite.routes} routes)`,
      met: run.ignite.coldMs < 50,
    });
  }
  const router = run.router?.results;
  const ra = router?.find((r) => r.id === "apogee");
  const rf = router?.find((r) => r.id === "find-my-way");
  if (ra !== undefined && rf !== undefined) {
    list.push({
      target: "router micro-benchmark ahead of find-my-way",
      result: x(ra.opsPerSec / rf.opsPerSec),
      met: ra.opsPerSec > rf.opsPerSec,
    });
  }
  const tc = run.typecheck;
  if (tc !== undefined) {
    list.push({
      target: `type check of ${tc.routes} routes under 20 s, no "excessively deep" errors`,
      result: tc.ok
        ? `${((tc.wallMs ?? 0) / 1000).toFixed(1)} s, ${mib(tc.memoryKiB ?? 0)}`
        : `failed: ${tc.excessivelyDeep ? "excessively deep" : (tc.failure?.split("\n")[0] ?? "")}`,
      met: tc.ok && (tc.wallMs ?? Number.POSITIVE_INFINITY) < 20_000,
    });
  }
  return list;
}

/** KiB as MiB, one decimal. */
export function mib(kib: number): string {
  return `${(kib / 1024).toFixed(1)} MiB`;
}
