// The command line of `npm run bench`.
import { availableParallelism } from "node:os";
import { SCENARIOS, type Scenario } from "./scenarios.ts";
import { SERVERS, type ServerInfo } from "./servers/registry.ts";

/** The phases a run may include. */
export type Phase = "http" | "router" | "ignite" | "typecheck";
const PHASES: readonly Phase[] = ["http", "router", "ignite", "typecheck"];

/** What one run does. */
export interface Options {
  readonly quick: boolean;
  readonly rounds: number;
  /** Seconds of unmeasured load before each measured run. */
  readonly warmup: number;
  /** Seconds of each measured run. */
  readonly duration: number;
  readonly connections: number;
  readonly scenarios: readonly Scenario[];
  readonly servers: readonly ServerInfo[];
  readonly phases: readonly Phase[];
  /** Seconds each router is timed per round in the router micro-benchmark. */
  readonly routerSeconds: number;
  /** Re-render the reports from the saved results instead of measuring. */
  readonly rerender: boolean;
  /** Whether the run is the standard one (all scenarios, servers and phases), which updates the README. */
  readonly standard: boolean;
}

export const USAGE = `Usage: npm run bench -- [options]

  --quick              a ~2-minute smoke run (1 round, 1.5 s per run); writes results/quick.*
  --rounds N           rounds over every scenario and server (default 3)
  --duration S         seconds of each measured run (default 4)
  --warmup S           seconds of warm-up before each measured run (default 1)
  --connections N      concurrent keep-alive connections (default 50)
  --scenarios a,b      only these scenarios (${SCENARIOS.map((s) => s.id).join(", ")})
  --servers a,b        only these servers (${SERVERS.map((s) => s.id).join(", ")})
  --skip a,b           skip phases (${PHASES.join(", ")})
  --rerender           re-render results/latest.* (and README.md) and results/quick.* from their .json

A full run writes results/latest.{md,svg,json} and the table in README.md; a run of a subset writes
results/tmp/partial.* instead. The servers are pinned to core 0 and the load generator to core 1 with taskset.`;

/** Parses `argv` (without node and the script); throws with a message naming the bad flag. */
export function parseOptions(argv: readonly string[]): Options {
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith("--")) throw new Error(`unexpected argument ${JSON.stringify(a)}\n\n${USAGE}`);
    const name = a.slice(2);
    if (name === "quick" || name === "help" || name === "rerender") flags.set(name, true);
    else {
      const value = argv[++i];
      if (value === undefined) throw new Error(`--${name} needs a value\n\n${USAGE}`);
      flags.set(name, value);
    }
  }
  const known = new Set([
    "quick",
    "help",
    "rerender",
    "rounds",
    "duration",
    "warmup",
    "connections",
    "scenarios",
    "servers",
    "skip",
  ]);
  for (const name of flags.keys())
    if (!known.has(name)) throw new Error(`unknown option --${name}\n\n${USAGE}`);
  if (flags.has("help")) throw new Error(USAGE);
  const quick = flags.get("quick") === true;
  const number = (name: string, fallback: number, integer: boolean) => {
    const raw = flags.get(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n)))
      throw new Error(
        `--${name} takes a positive ${integer ? "integer" : "number"}, got ${JSON.stringify(raw)}`,
      );
    return n;
  };
  const pick = <T extends { readonly id: string }>(name: string, all: readonly T[]): readonly T[] => {
    const raw = flags.get(name);
    if (typeof raw !== "string") return all;
    const ids = raw.split(",");
    const unknown = ids.filter((id) => !all.some((x) => x.id === id));
    if (unknown.length > 0)
      throw new Error(`--${name}: unknown ${unknown.join(", ")} (one of ${all.map((x) => x.id)})`);
    return all.filter((x) => ids.includes(x.id));
  };
  const skipRaw = flags.get("skip");
  const skip = typeof skipRaw === "string" ? skipRaw.split(",") : [];
  const badSkip = skip.filter((p) => !PHASES.includes(p as Phase));
  if (badSkip.length > 0) throw new Error(`--skip: unknown phase ${badSkip.join(", ")} (one of ${PHASES})`);
  const scenarios = pick("scenarios", SCENARIOS);
  const servers = pick("servers", SERVERS);
  const phases = PHASES.filter((p) => !skip.includes(p));
  return {
    quick,
    rounds: number("rounds", quick ? 1 : 3, true),
    warmup: number("warmup", quick ? 0.5 : 1, false),
    duration: number("duration", quick ? 1.5 : 4, false),
    connections: number("connections", 50, true),
    scenarios,
    servers,
    phases,
    routerSeconds: quick ? 0.3 : 1,
    rerender: flags.get("rerender") === true,
    standard: scenarios.length === SCENARIOS.length && servers.length === SERVERS.length && skip.length === 0,
  };
}

/** The cores to pin to: servers on the first, the load generator on the second; none on a single core. */
export function cores(): { server: number; load: number } | undefined {
  return availableParallelism() >= 2 ? { server: 0, load: 1 } : undefined;
}
