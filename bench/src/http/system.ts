// What the benchmark asks of the machine: CPU pinning with `taskset`, and a process's CPU time and memory from
// /proc (Linux). Everything degrades to "unknown" elsewhere rather than failing.
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";

/** Whether `taskset` (util-linux) can be run. */
export function hasTaskset(): boolean {
  return spawnSync("taskset", ["--version"], { stdio: "ignore" }).status === 0;
}

/** Pins every thread of process `pid` (and threads it starts later) to `cpu`. */
export function pinProcess(pid: number, cpu: number): void {
  execFileSync("taskset", ["-a", "-p", "-c", String(cpu), String(pid)], { stdio: "ignore" });
}

/** The command that runs `argv` pinned to `cpu`, or unpinned when `cpu` is undefined. */
export function pinned(cpu: number | undefined, argv: readonly string[]): [string, string[]] {
  return cpu === undefined ? [argv[0]!, argv.slice(1)] : ["taskset", ["-c", String(cpu), ...argv]];
}

const CLOCK_TICKS = (() => {
  const r = spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" });
  const n = Number(r.stdout?.trim());
  return Number.isInteger(n) && n > 0 ? n : 100;
})();

/** CPU seconds (user + system) process `pid` has used, or undefined without /proc. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces) start at field 3; utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/** Resident memory of process `pid` in KiB (`VmRSS`), or undefined without /proc. */
export function rssKiB(pid: number): number | undefined {
  try {
    const m = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** The machine, for the report's environment line. */
export function machine(): { cpu: string; cores: number; load: string } {
  return {
    cpu: cpus()[0]?.model.trim() ?? "unknown CPU",
    cores: availableParallelism(),
    load: loadavg()
      .map((l) => l.toFixed(2))
      .join(" "),
  };
}

/** The checked-out commit of the repository holding `dir` (short hash), noting uncommitted changes; "unknown" without git. */
export function commitOf(dir: string): string {
  try {
    const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], {
      cwd: dir,
      encoding: "utf8",
    }).trim();
    const dirty =
      execFileSync("git", ["status", "--porcelain"], { cwd: dir, encoding: "utf8" }).trim() !== "";
    return dirty ? `${commit} + uncommitted changes` : commit;
  } catch {
    return "unknown";
  }
}
