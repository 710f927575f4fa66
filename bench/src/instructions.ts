// Instructions per request: each server runs under valgrind's callgrind, which counts the instructions the
// process executes in user space (its own JavaScript, V8, Node's HTTP machinery; not the kernel's socket work).
// Unlike req/s, the count barely moves when other work shares the machine, so it tells small changes apart and
// shows where a gap comes from. Each scenario is warmed up, then measured twice; the lower count is kept (a
// major GC or a late JIT compile lands in one measure, rarely in both).
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { runLoad, runProblems } from "./http/load.ts";
import { freePort, serverEnv } from "./http/server-process.ts";
import { commitOf } from "./http/system.ts";
import { type InstructionRow, instructionsMarkdown } from "./report/instructions.ts";
import { SCENARIOS, type Scenario } from "./scenarios.ts";

const BENCH = dirname(dirname(fileURLToPath(import.meta.url)));
/** Fewer connections than the HTTP run's 50: under valgrind a server answers some 50 times slower. */
const CONNECTIONS = 20;
const RESULTS = join(BENCH, "results");
/** node:http, node:http sending Apogee's default headers (a control), the peers Apogee trails closest, Apogee. */
const DEFAULT_SERVERS = ["node", "node-headers", "fastify", "hono", "apogee"];

const USAGE = `Usage: npm run bench:instructions -- [options]

  --servers a,b     servers to count (default ${DEFAULT_SERVERS.join(",")}; also: express)
  --scenarios a,b   scenarios (default: all)
  --requests N      requests per measure (default 10000)
  --warmup N        requests that warm each scenario up first (default 10000)
  --parallel N      servers counted at once (default 1: two under valgrind at once on two cores skew
                    the counts, V8's helper threads doing more or less work as the cores are shared)

Needs valgrind (Debian: apt-get install valgrind). Writes results/instructions.{md,json}; about 30 minutes.`;

interface Options {
  readonly servers: readonly string[];
  readonly scenarios: readonly Scenario[];
  readonly requests: number;
  readonly warmup: number;
  readonly parallel: number;
}

function parseOptions(argv: readonly string[]): Options {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--help" || a === "-h") {
      console.log(USAGE);
      process.exit(0);
    }
    const value = argv[i + 1];
    if (!a.startsWith("--") || value === undefined) throw new Error(`unexpected argument ${a}\n\n${USAGE}`);
    flags.set(a.slice(2), value);
    i++;
  }
  for (const k of flags.keys())
    if (!["servers", "scenarios", "requests", "warmup", "parallel"].includes(k))
      throw new Error(`unknown option --${k}`);
  const list = (k: string) => flags.get(k)?.split(",");
  const scenarioIds = list("scenarios");
  const scenarios =
    scenarioIds === undefined ? SCENARIOS : SCENARIOS.filter((s) => scenarioIds.includes(s.id));
  const unknown = scenarioIds?.filter((id) => !SCENARIOS.some((s) => s.id === id)) ?? [];
  if (unknown.length > 0) throw new Error(`--scenarios: unknown ${unknown.join(", ")}`);
  const count = (k: string, fallback: number) => {
    const n = Number(flags.get(k) ?? fallback);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${k} must be a positive integer`);
    return n;
  };
  return {
    servers: list("servers") ?? DEFAULT_SERVERS,
    scenarios,
    requests: count("requests", 10000),
    warmup: count("warmup", 10000),
    parallel: count("parallel", 1),
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

// The instruction total of the newest callgrind dump in `dir`.
function newestTotal(dir: string): number {
  const files = readdirSync(dir)
    .filter((f) => f.startsWith("callgrind.out"))
    .map((f) => join(dir, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  const m = /^(?:summary|totals): (\d+)/m.exec(readFileSync(files[0]!, "utf8"));
  if (m === null) throw new Error(`no instruction total in ${files[0]}`);
  return Number(m[1]);
}

/** Counts one server's instructions per request in every scenario. */
async function countServer(id: string, o: Options): Promise<InstructionRow[]> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), `apogee-instructions-${id}-`));
  const child = spawn(
    "valgrind",
    [
      "--tool=callgrind",
      `--callgrind-out-file=${join(dir, "callgrind.out")}`,
      "node",
      // No background compiler or GC threads: under valgrind (which runs one thread at a time) when optimised code
      // is installed depends on scheduling, and the same server would count differently from run to run.
      "--single-threaded",
      "--import",
      "tsx",
      "src/servers/launch.ts",
      id,
    ],
    {
      cwd: BENCH,
      env: serverEnv(port),
      stdio: "ignore",
    },
  );
  const base = `http://127.0.0.1:${port}`;
  const rows: InstructionRow[] = [];
  try {
    // Starting under valgrind takes a while (tsx compiles every module on an instrumented CPU).
    for (let waited = 0; ; waited += 500) {
      if (child.exitCode !== null) throw new Error(`${id} exited (${child.exitCode}) before answering`);
      if (waited > 300_000) throw new Error(`${id} did not answer within 5 minutes under valgrind`);
      try {
        await fetch(`${base}/plaintext`);
        break;
      } catch {
        await sleep(500);
      }
    }
    for (const s of o.scenarios) {
      await runLoad(base, s, { connections: CONNECTIONS, amount: o.warmup });
      const counts: number[] = [];
      for (let k = 0; k < 2; k++) {
        await sleep(300);
        execFileSync("callgrind_control", ["--zero", String(child.pid)], { stdio: "ignore" });
        const run = await runLoad(base, s, { connections: CONNECTIONS, amount: o.requests });
        execFileSync("callgrind_control", ["--dump", String(child.pid)], { stdio: "ignore" });
        const problems = runProblems(run, s);
        if (problems.length > 0) throw new Error(`${id} in ${s.id}: ${problems.join("; ")}`);
        await sleep(500);
        counts.push(Math.round(newestTotal(dir) / o.requests));
      }
      rows.push({ server: id, scenario: s.id, instructions: Math.min(...counts), measures: counts });
      console.log(`${id.padEnd(13)} ${s.id.padEnd(13)} ${Math.min(...counts)} (${counts.join(", ")})`);
    }
  } finally {
    child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  try {
    execFileSync("valgrind", ["--version"], { stdio: "ignore" });
  } catch {
    throw new Error("valgrind is not installed (Debian: apt-get install valgrind)");
  }
  const started = Date.now();
  const queue = [...o.servers];
  const rows: InstructionRow[] = [];
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift())
      rows.push(...(await countServer(id, o)));
  };
  await Promise.all(Array.from({ length: Math.min(o.parallel, o.servers.length) }, worker));
  const meta = {
    date: new Date().toISOString(),
    commit: commitOf(BENCH),
    node: process.version,
    requests: o.requests,
    warmup: o.warmup,
    minutes: (Date.now() - started) / 60_000,
  };
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, "instructions.json"), `${JSON.stringify({ meta, rows }, null, 2)}\n`);
  writeFileSync(join(RESULTS, "instructions.md"), instructionsMarkdown(meta, rows, o.servers, o.scenarios));
  console.log(`Wrote results/instructions.{md,json} in ${meta.minutes.toFixed(1)} min.`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
