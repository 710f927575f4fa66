// The type-check benchmark: runs scripts/typecheck-bench.mjs (a generated app of N routes, checked by tsc with
// the repository's options) and reads its table. Any error fails it, "excessively deep" (TS2589) included.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../../..");

/** What checking the generated app cost, or why it failed. */
export interface TypecheckResult {
  readonly routes: number;
  readonly ok: boolean;
  /** The first lines of the failure, when it failed. */
  readonly failure?: string;
  /** Whether tsc reported TS2589 ("Type instantiation is excessively deep and possibly infinite"). */
  readonly excessivelyDeep: boolean;
  /** The app with N routes: wall time (ms), memory (KiB), instantiations; and the same for the baseline. */
  readonly wallMs?: number;
  readonly memoryKiB?: number;
  readonly instantiations?: number;
  readonly baselineWallMs?: number;
  readonly tsc?: string;
}

/** Checks a generated app of `routes` routes. */
export function benchTypecheck(routes: number): TypecheckResult {
  const r = spawnSync(
    process.execPath,
    [join(ROOT, "scripts/typecheck-bench.mjs"), "--routes", String(routes)],
    {
      cwd: ROOT,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const output = `${r.stdout}\n${r.stderr}`;
  const excessivelyDeep = /TS2589|excessively deep/.test(output);
  if (r.status !== 0) {
    const errors = output
      .split("\n")
      .filter((l) => /error TS\d+/.test(l))
      .slice(0, 5);
    return {
      routes,
      ok: false,
      excessivelyDeep,
      failure: (errors.length > 0 ? errors : output.trim().split("\n").slice(-5)).join("\n"),
    };
  }
  // Rows look like "Wall time          812ms        9421ms        8609ms": baseline, app, difference.
  const row = (name: string) => {
    const m = new RegExp(`^${name}\\s+(\\S+)\\s+(\\S+)`, "m").exec(r.stdout);
    return m === null ? undefined : ([Number.parseFloat(m[1]!), Number.parseFloat(m[2]!)] as const);
  };
  const wall = row("Wall time");
  const memory = row("Memory used");
  const inst = row("Instantiations");
  const tsc = /^tsc (.+?)(;|$)/m.exec(r.stdout)?.[1];
  return {
    routes,
    ok: !excessivelyDeep,
    excessivelyDeep,
    ...(wall === undefined ? {} : { wallMs: wall[1], baselineWallMs: wall[0] }),
    ...(memory === undefined ? {} : { memoryKiB: memory[1] }),
    ...(inst === undefined ? {} : { instantiations: inst[1] }),
    ...(tsc === undefined ? {} : { tsc }),
  };
}
