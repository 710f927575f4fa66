import assert from "node:assert/strict";
import { test } from "node:test";
import type { Measurement } from "../src/http/run-http.ts";
import { markdown } from "../src/report/markdown.ts";
import type { RunResults } from "../src/report/results.ts";
import { rows, targets } from "../src/report/summary.ts";
import { svg } from "../src/report/svg.ts";
import { SERVERS } from "../src/servers/registry.ts";

const RPS: Record<string, number> = { node: 100, fastify: 60, hono: 80, express: 20, apogee: 90 };

function run(): RunResults {
  const measurements: Measurement[] = [];
  for (const round of [1, 2, 3]) {
    for (const s of SERVERS) {
      const rps = RPS[s.id]! * (round === 2 ? 1.1 : 1);
      measurements.push({
        server: s.id,
        scenario: "plaintext",
        round,
        rps,
        p50: 1,
        p99: 100 / rps,
        cpu: 1,
        requests: 1,
      });
    }
  }
  return {
    meta: {
      date: "2026-01-01 00:00",
      commit: "abc",
      node: "20",
      cpu: "CPU",
      cores: 2,
      pinning: "pinned",
      loadGenerator: "autocannon 9",
      connections: 50,
      rounds: 3,
      warmup: 1,
      duration: 5,
      loadBefore: "0",
      loadAfter: "0",
      quick: false,
      minutes: 1,
    },
    scenarios: [{ id: "plaintext", measures: "m" }],
    servers: SERVERS,
    http: {
      measurements,
      memory: [
        { server: "apogee", round: 1, rssKiB: 90_000, endKiB: 95_000, requests: 200_000 },
        { server: "fastify", round: 1, rssKiB: 100_000, endKiB: 99_000, requests: 150_000 },
      ],
      problems: [],
    },
    ignite: { routes: 1000, defineMs: 100, coldMs: 60, warmMs: 10 },
  };
}

test("the best peer is the fastest of Fastify, Hono and Express, never node:http", () => {
  const [row] = rows(run());
  assert.equal(row!.bestPeer, "hono");
  assert.equal(row!.apogeeVsBestPeer, 90 / 80);
  assert.equal(row!.apogeeVsNode, 0.9);
  assert.equal(row!.cells.get("apogee")!.rpsSpread.toFixed(3), "0.100");
});

test("targets say which were met", () => {
  const byName = new Map(targets(run()).map((t) => [t.target, t]));
  assert.equal(byName.get("Apogee ≥ 1.05× the best peer in every HTTP scenario")!.met, true);
  assert.equal(byName.get("Apogee ≥ 0.95× node:http (geometric mean over the scenarios)")!.met, false);
  assert.equal(byName.get("Apogee's p99 latency no worse than the best peer's")!.met, true);
  assert.equal(byName.get("Apogee's RSS after 100k requests no more than Fastify's")!.met, true);
  assert.equal(byName.get("ignite of 1,000 routes under 50 ms")!.met, false);
});

test("the report has the throughput table and the chart, and the chart one bar per server", () => {
  const md = markdown(run(), "chart.svg");
  assert.match(md, /!\[Requests per second relative to node:http\]\(chart\.svg\)/);
  assert.match(
    md,
    /\| plaintext \| 100 ±10% \| 60 ±10% \| 80 ±10% \| 20 ±10% \| 90 ±10% \| 0\.90× \| 1\.13× \(Hono\) \|/,
  );
  const chart = svg(run());
  assert.ok(chart.startsWith("<svg"));
  assert.equal(chart.match(/ rx="2"/g)?.length, 5);
});
