import assert from "node:assert/strict";
import { test } from "node:test";
import { type InstructionRow, instructionsMarkdown } from "../src/report/instructions.ts";

const COUNTS: Record<string, number> = {
  node: 50_000,
  "node-headers": 58_000,
  fastify: 56_000,
  hono: 60_000,
  apogee: 63_000,
};
const META = {
  date: "2026-11-21T10:00:00.000Z",
  commit: "abc1234 test",
  node: "v20.0.0",
  requests: 100,
  warmup: 100,
  minutes: 1,
};

test("the instruction report lists every count, the ratio to the cheapest peer, and splits the header cost out", () => {
  const rows: InstructionRow[] = Object.entries(COUNTS).map(([server, n]) => ({
    server,
    scenario: "plaintext",
    instructions: n,
    measures: [n, n + 10],
  }));
  const md = instructionsMarkdown(META, rows, Object.keys(COUNTS), [{ id: "plaintext" }]);
  const line = md.split("\n").find((l) => l.startsWith("| plaintext"));
  assert.equal(
    line,
    "| plaintext | 50.0k | 58.0k | 56.0k | 60.0k | 63.0k | 1.13× (Fastify) | +8.0k | +5.0k | +6.0k |",
  );
  assert.match(
    md,
    /\| scenario \| node:http \| node:http \+ Apogee's headers \| Fastify \| Hono \| Apogee \|/,
  );
  assert.match(md, /commit `abc1234 test`, Node\.js 20\.0\.0/);
});

test("a server missing from a scenario shows a dash, not a made-up number", () => {
  const rows: InstructionRow[] = [
    { server: "apogee", scenario: "json", instructions: 1000, measures: [1000] },
  ];
  const md = instructionsMarkdown(META, rows, ["node", "apogee"], [{ id: "json" }]);
  assert.match(md, /^\| json \| — \| 1\.0k \| — \| — \| — \| — \|$/m);
});
