// Everything one run produced, as written to results/*.json and read by the report.
import type { HttpResults } from "../http/run-http.ts";
import type { IgniteResult } from "../micro/ignite.ts";
import type { RouterResult } from "../micro/router.ts";
import type { TypecheckResult } from "../micro/typecheck.ts";
import type { Scenario } from "../scenarios.ts";
import type { ServerInfo } from "../servers/registry.ts";

/** Where and how the run happened. */
export interface RunMeta {
  readonly date: string;
  readonly commit: string;
  readonly node: string;
  readonly cpu: string;
  readonly cores: number;
  /** e.g. "servers on core 0, load generator on core 1 (taskset)", or why unpinned. */
  readonly pinning: string;
  readonly loadGenerator: string;
  readonly connections: number;
  readonly rounds: number;
  readonly warmup: number;
  readonly duration: number;
  /** Load averages (1, 5, 15 min) when the run started and ended: other work on the machine shows here. */
  readonly loadBefore: string;
  readonly loadAfter: string;
  readonly quick: boolean;
  readonly minutes: number;
}

/** One run's results. */
export interface RunResults {
  readonly meta: RunMeta;
  readonly scenarios: readonly Pick<Scenario, "id" | "measures">[];
  readonly servers: readonly ServerInfo[];
  readonly http?: HttpResults;
  readonly router?: { readonly routes: number; readonly lookups: number; readonly results: RouterResult[] };
  readonly ignite?: IgniteResult;
  readonly typecheck?: TypecheckResult;
}
