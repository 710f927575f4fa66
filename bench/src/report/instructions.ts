// The Markdown report of the instruction count (`src/instructions.ts`).
import { SERVERS } from "../servers/registry.ts";
import { table } from "./markdown.ts";

/** One server's count in one scenario. */
export interface InstructionRow {
  readonly server: string;
  readonly scenario: string;
  /** Instructions per request: the lower of the measures. */
  readonly instructions: number;
  /** Every measure, per request. */
  readonly measures: readonly number[];
}

/** What the report says of the run. */
export interface InstructionMeta {
  readonly date: string;
  readonly commit: string;
  readonly node: string;
  readonly requests: number;
  readonly warmup: number;
  readonly minutes: number;
}

const TITLES: Record<string, string> = {
  ...Object.fromEntries(SERVERS.map((s) => [s.id, s.title])),
  "node-headers": "node:http + Apogee's headers",
};
const PEERS = new Set<string>(SERVERS.filter((s) => s.peer).map((s) => s.id));

const k = (n: number | undefined) => (n === undefined ? "—" : `${(n / 1000).toFixed(1)}k`);
const signed = (n: number | undefined) =>
  n === undefined ? "—" : `${n < 0 ? "−" : "+"}${(Math.abs(n) / 1000).toFixed(1)}k`;

/** The report: a table of instructions per request, the ratio to the best peer, and where Apogee's cost goes. */
export function instructionsMarkdown(
  meta: InstructionMeta,
  rows: readonly InstructionRow[],
  servers: readonly string[],
  scenarios: readonly { readonly id: string }[],
): string {
  const at = (server: string, scenario: string) =>
    rows.find((r) => r.server === server && r.scenario === scenario)?.instructions;
  const peers = servers.filter((s) => PEERS.has(s));
  const body = scenarios.map(({ id }) => {
    const apogee = at("apogee", id);
    const node = at("node", id);
    const withHeaders = at("node-headers", id);
    const best = peers
      .map((p) => ({ p, n: at(p, id) }))
      .filter((x): x is { p: string; n: number } => x.n !== undefined)
      .sort((a, b) => a.n - b.n)[0];
    return [
      id,
      ...servers.map((s) => k(at(s, id))),
      apogee === undefined || best === undefined
        ? "—"
        : `${(apogee / best.n).toFixed(2)}× (${TITLES[best.p]})`,
      signed(withHeaders !== undefined && node !== undefined ? withHeaders - node : undefined),
      signed(apogee !== undefined && withHeaders !== undefined ? apogee - withHeaders : undefined),
      signed(best !== undefined && node !== undefined ? best.n - node : undefined),
    ];
  });
  return [
    "# Apogee benchmark: instructions per request",
    "",
    `Run of ${meta.date.slice(0, 16).replace("T", " ")} at commit \`${meta.commit}\`, Node.js ${meta.node.slice(1)}: ` +
      `each server under valgrind's callgrind, every scenario warmed up with ${meta.warmup.toLocaleString("en-US")} requests, then two ` +
      `measures of ${meta.requests.toLocaleString("en-US")} requests (20 connections); the lower is kept. ` +
      `User-space instructions only: the kernel's socket work, the same for every server, is not counted. ` +
      `Fewer is better; unlike req/s, the count does not move when other work shares the machine.`,
    "",
    table(
      [
        "scenario",
        ...servers.map((s) => TITLES[s] ?? s),
        "Apogee ÷ best peer",
        "Apogee's headers in node:http",
        "Apogee above node:http + its headers",
        "best peer above node:http",
      ],
      body,
    ),
    "",
    "*Apogee's headers in node:http* is what node:http itself spends to send the four headers Apogee sends by " +
      "default (`Server` and Shield's three) that the other servers do not send (except in `shield`, where every " +
      "server sends Shield's three); *Apogee above node:http + its headers* is then Apogee's own work, to compare " +
      "with the best peer's. In `shield` the control passes all four headers to `writeHead` at once, while " +
      "node:http sets Shield's three with `setHeader` first, which costs it more: compare Apogee with Fastify there.",
    "",
  ].join("\n");
}
