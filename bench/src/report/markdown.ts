// The Markdown report: environment, the chart, throughput, latency, CPU efficiency, memory, the router, ignite
// and type-check benchmarks, and the targets.
import type { RunResults } from "./results.ts";
import { type Cell, memory, mib, rows, targets } from "./summary.ts";

const int = (v: number) => Math.round(v).toLocaleString("en-US");
const pct = (v: number) => `${Math.round(v * 100)}%`;
const times = (v: number | undefined) => (v === undefined ? "—" : `${v.toFixed(2)}×`);

/** A Markdown table; the first column is left-aligned, the others right-aligned unless `left` says so. */
export function table(head: readonly string[], body: readonly (readonly string[])[], left = 1): string {
  const align = head.map((_, i) => (i < left ? "---" : "---:"));
  return [head, align, ...body].map((r) => `| ${r.join(" | ")} |`).join("\n");
}

/** The report; `chart` is the chart's path relative to where the Markdown will live. */
export function markdown(run: RunResults, chart: string): string {
  const m = run.meta;
  const out: string[] = [];
  out.push(
    `Run of ${m.date} (${m.quick ? "quick smoke run" : "full run"}, ${m.minutes.toFixed(1)} min) at commit \`${m.commit}\`: ` +
      `Node.js ${m.node} on ${m.cores} × ${m.cpu}; ${m.pinning}; ${m.loadGenerator}, ${m.connections} connections, ` +
      `${m.rounds} round${m.rounds === 1 ? "" : "s"} of ${m.warmup} s warm-up + ${m.duration} s per scenario and server, ` +
      `server order rotating each round. Load average ${m.loadBefore} before, ${m.loadAfter} after` +
      " (anything above ~0 means other work shared the cores: compare ratios, and the CPU-second table, not absolute numbers).",
  );
  const ms = run.http?.measurements.filter((x) => x.cpu !== undefined) ?? [];
  const contended = ms.filter((x) => x.cpu! < 0.9).length;
  if (contended > ms.length / 4) {
    out.push(
      `**This run was contended:** in ${contended} of ${ms.length} measured runs the server's core was less than 90% busy, so other work was taking CPU from the server or the load generator. Its req/s and latency ratios mostly measure that noise; the requests per CPU-second table is the one to read, and a rerun on a quiet machine is the one to quote.`,
    );
  }
  const rs = rows(run);
  const servers = run.servers;
  if (rs.length > 0) {
    out.push(`![Requests per second relative to node:http](${chart})`);
    const cell = (c: Cell | undefined, f: (c: Cell) => string) => (c === undefined ? "—" : f(c));
    out.push(
      `### Throughput\n\n${m.rounds > 1 ? "Median requests per second over the rounds; ± is the spread between rounds ((max − min) ÷ median)." : "Requests per second (one round)."}\n\n${table(
        ["scenario", ...servers.map((s) => s.title), "Apogee ÷ node:http", "Apogee ÷ best peer"],
        rs.map((r) => [
          r.scenario,
          ...servers.map((s) =>
            cell(r.cells.get(s.id), (c) =>
              m.rounds > 1 ? `${int(c.rps)} ±${pct(c.rpsSpread)}` : int(c.rps),
            ),
          ),
          times(r.apogeeVsNode),
          r.apogeeVsBestPeer === undefined
            ? "—"
            : `${times(r.apogeeVsBestPeer)} (${servers.find((s) => s.id === r.bestPeer)?.title})`,
        ]),
      )}`,
    );
    out.push(
      `### Latency\n\nMedian over the rounds of the 99th-percentile latency, in milliseconds (10 µs resolution).\n\n${table(
        ["scenario", ...servers.map((s) => s.title), "Apogee ÷ best peer"],
        rs.map((r) => [
          r.scenario,
          ...servers.map((s) => cell(r.cells.get(s.id), (c) => c.p99.toFixed(2))),
          r.p99VsBestPeer === undefined
            ? "—"
            : `${times(r.p99VsBestPeer)} (${servers.find((s) => s.id === r.bestPeerP99)?.title})`,
        ]),
      )}`,
    );
    if (rs.some((r) => [...r.cells.values()].some((c) => c.perCpuSecond !== undefined))) {
      out.push(
        `### Requests per CPU-second\n\nRequests served per second of the server process's own CPU time (read from /proc), with its median CPU use in brackets. When other work shares the core, req/s falls but this barely moves: it is the fairer comparison on a busy machine.\n\n${table(
          ["scenario", ...servers.map((s) => s.title), "Apogee ÷ node:http", "Apogee ÷ best peer"],
          rs.map((r) => [
            r.scenario,
            ...servers.map((s) =>
              cell(r.cells.get(s.id), (c) =>
                c.perCpuSecond === undefined ? "—" : `${int(c.perCpuSecond)} (${pct(c.cpu ?? 0)})`,
              ),
            ),
            times(r.cpuVsNode),
            times(r.cpuVsBestPeer),
          ]),
        )}`,
      );
    }
    const mem = memory(run);
    if (mem.size > 0) {
      out.push(
        `### Memory\n\nResident set size of each server process (median over rounds): fresh each round, after its first 100,000 requests (an equal share of every scenario), and at the end of the round.\n\n${table(
          ["server", "RSS after 100k requests", "RSS at the end of a round", "requests in a round"],
          servers
            .filter((s) => mem.has(s.id))
            .map((s) => {
              const x = mem.get(s.id)!;
              return [s.title, mib(x.rssKiB), mib(x.endKiB), int(x.requests)];
            }),
        )}`,
      );
    }
  }
  if (run.router !== undefined) {
    const apogee = run.router.results.find((r) => r.id === "apogee");
    out.push(
      `### Router micro-benchmark\n\nMatching only, no sockets: ${run.router.routes} routes of a public REST API, ${run.router.lookups} lookups (every route once with sample parameters, plus misses) per pass, a fresh path string per lookup; median lookups per second over the rounds.\n\n${table(
        ["router", "lookups/s", "spread", "Apogee ÷"],
        run.router.results.map((r) => [
          r.title,
          int(r.opsPerSec),
          m.rounds > 1 ? `±${pct(r.spread)}` : "—",
          apogee === undefined ? "—" : times(apogee.opsPerSec / r.opsPerSec),
        ]),
      )}`,
    );
  }
  if (run.ignite !== undefined) {
    const i = run.ignite;
    out.push(
      `### Ignite\n\n${i.routes} routes: declaring them took ${i.defineMs.toFixed(1)} ms; mount + ignite took ${i.coldMs.toFixed(1)} ms the first time in a fresh process and ${i.warmMs.toFixed(1)} ms warm (median).`,
    );
  }
  if (run.typecheck !== undefined) {
    const t = run.typecheck;
    out.push(
      t.ok
        ? `### Type check\n\n\`tsc --noEmit\` (${t.tsc ?? "tsc"}) of a generated app of ${t.routes} routes: ${((t.wallMs ?? 0) / 1000).toFixed(2)} s wall (the imports alone: ${((t.baselineWallMs ?? 0) / 1000).toFixed(2)} s), ${mib(t.memoryKiB ?? 0)}, ${int(t.instantiations ?? 0)} instantiations, no "excessively deep" errors.`
        : `### Type check\n\nThe generated app of ${t.routes} routes did not type-check:\n\n\`\`\`\n${t.failure ?? ""}\n\`\`\``,
    );
  }
  const ts = targets(run);
  if (ts.length > 0) {
    out.push(
      `### Targets\n\n${table(
        ["target", "this run", "met"],
        ts.map((t) => [t.target, t.result, t.met === undefined ? "n/a" : t.met ? "yes" : "**no**"]),
        3,
      )}`,
    );
  }
  return `${out.join("\n\n")}\n`;
}
