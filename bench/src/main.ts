// `npm run bench`: the HTTP scenarios on node:http, Fastify, Hono, Express and Apogee, then the router, ignite and
// type-check benchmarks; a report in bench/results/. See bench/README.md and `npm run bench -- --help`.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type HttpResults, runHttp } from "./http/run-http.ts";
import { ServerProcess } from "./http/server-process.ts";
import { commitOf, hasTaskset, machine, pinned, pinProcess } from "./http/system.ts";
import type { IgniteResult } from "./micro/ignite.ts";
import type { RouterResult } from "./micro/router.ts";
import { benchTypecheck, type TypecheckResult } from "./micro/typecheck.ts";
import { cores, type Options, parseOptions } from "./options.ts";
import type { RunResults } from "./report/results.ts";
import { writeReports } from "./report/write.ts";

const BENCH = join(dirname(fileURLToPath(import.meta.url)), "..");
const RESULTS = join(BENCH, "results");
const log = (line: string) => process.stderr.write(`${line}\n`);

let options: Options;
try {
  options = parseOptions(process.argv.slice(2));
} catch (e) {
  log((e as Error).message);
  process.exit(2);
}

// `--rerender`: the reports again from the saved results, measuring nothing (after a change to the report).
if (options.rerender) {
  for (const name of ["latest", "quick"]) {
    const file = join(RESULTS, `${name}.json`);
    if (!existsSync(file)) continue;
    const saved = JSON.parse(readFileSync(file, "utf8")) as RunResults;
    writeReports(saved, RESULTS, name, name === "latest" ? join(BENCH, "README.md") : undefined);
    log(`Re-rendered ${join(RESULTS, name)}.{md,svg}${name === "latest" ? " and README.md" : ""}.`);
  }
  process.exit(0);
}

// Interrupted, the run takes its servers down with it rather than leaving them listening.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    ServerProcess.killAll();
    log(`\nInterrupted (${signal}): nothing written.`);
    process.exit(130);
  });
}

const started = Date.now();
// Read before pinning: once pinned, the process sees one core.
const before = machine();
const pin = hasTaskset() ? cores() : undefined;
const pinning =
  pin === undefined
    ? hasTaskset()
      ? "unpinned (a single core)"
      : "unpinned (taskset not found)"
    : `servers pinned to core ${pin.server}, load generator to core ${pin.load} (taskset)`;
if (pin !== undefined) pinProcess(process.pid, pin.load);
log(`Apogee bench: ${pinning}.`);
// Per round: about 10 s to start the servers and 8 s each for their first 100k requests, then the runs.
const perRound =
  10 +
  8 * options.servers.length +
  options.scenarios.length * options.servers.length * (options.warmup + options.duration);
const httpSeconds = options.phases.includes("http") ? options.rounds * perRound : 0;
log(
  `HTTP phase: about ${Math.ceil(httpSeconds / 60)} min; then the router, ignite and type-check benchmarks.`,
);

/** Runs a micro-benchmark script in a child process pinned to the server core, and parses its JSON. */
function child<T>(script: string, args: readonly string[]): T {
  const [cmd, argv] = pinned(pin?.server, [
    process.execPath,
    "--import",
    "tsx",
    join(BENCH, script),
    ...args,
  ]);
  const r = spawnSync(cmd, argv, { cwd: BENCH, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${script} failed:\n${r.stderr.trim()}`);
  return JSON.parse(r.stdout.trim().split("\n").at(-1)!) as T;
}

const problems: string[] = [];
let http: HttpResults | undefined;
let router: RunResults["router"];
let ignite: IgniteResult | undefined;
let typecheck: TypecheckResult | undefined;

if (options.phases.includes("http")) {
  http = await runHttp(
    {
      servers: options.servers,
      scenarios: options.scenarios,
      rounds: options.rounds,
      warmup: options.warmup,
      duration: options.duration,
      connections: options.connections,
      serverCpu: pin?.server,
    },
    log,
  );
  problems.push(...http.problems);
}
if (problems.length === 0 && options.phases.includes("router")) {
  log("Router micro-benchmark…");
  try {
    router = child<{ routes: number; lookups: number; results: RouterResult[] }>("src/micro/router.ts", [
      String(options.routerSeconds),
      String(options.rounds),
    ]);
  } catch (e) {
    problems.push((e as Error).message);
  }
}
if (problems.length === 0 && options.phases.includes("ignite")) {
  log("Ignite benchmark…");
  try {
    ignite = child<IgniteResult>("src/micro/ignite.ts", ["1000", "10"]);
  } catch (e) {
    problems.push((e as Error).message);
  }
}
if (problems.length === 0 && options.phases.includes("typecheck")) {
  log("Type-check benchmark…");
  typecheck = benchTypecheck(500);
}

if (problems.length > 0) {
  log(`\nThis run is not reported: ${problems.length} problem${problems.length === 1 ? "" : "s"}.`);
  for (const p of problems) log(`  - ${p.replace(/\n/g, "\n    ")}`);
  process.exit(1);
}

const commit = commitOf(BENCH);
const m = machine();
const results: RunResults = {
  meta: {
    date: new Date(started).toISOString().slice(0, 16).replace("T", " "),
    commit,
    node: process.versions.node,
    cpu: before.cpu,
    cores: before.cores,
    pinning,
    loadGenerator: "autocannon 9",
    connections: options.connections,
    rounds: options.rounds,
    warmup: options.warmup,
    duration: options.duration,
    loadBefore: before.load,
    loadAfter: m.load,
    quick: options.quick,
    minutes: (Date.now() - started) / 60000,
  },
  scenarios: options.scenarios.map(({ id, measures }) => ({ id, measures })),
  servers: options.servers,
  ...(http === undefined ? {} : { http }),
  ...(router === undefined ? {} : { router }),
  ...(ignite === undefined ? {} : { ignite }),
  ...(typecheck === undefined ? {} : { typecheck }),
};

const [dir, name] = options.standard
  ? [RESULTS, options.quick ? "quick" : "latest"]
  : [join(RESULTS, "tmp"), "partial"];
const readme = options.standard && !options.quick ? join(BENCH, "README.md") : undefined;
process.stdout.write(`\n${writeReports(results, dir, name, readme)}`);
log(
  `\nWrote ${join(dir, name)}.{md,json${results.http === undefined ? "" : ",svg"}} in ${results.meta.minutes.toFixed(1)} min.`,
);
