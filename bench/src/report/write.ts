// Writes one run's report files: `<name>.json` (everything measured), `<name>.md`, `<name>.svg`, and for the
// standard full run the results section of bench/README.md.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { markdown } from "./markdown.ts";
import { updateReadme } from "./readme.ts";
import type { RunResults } from "./results.ts";
import { svg } from "./svg.ts";

/** Writes `results` as `dir/name.{json,md,svg}`; `readme`, when given, gets the report between its markers. */
export function writeReports(results: RunResults, dir: string, name: string, readme?: string): string {
  mkdirSync(dir, { recursive: true });
  const report = markdown(results, `${name}.svg`);
  const title = results.meta.quick ? "quick run" : "latest run";
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(dir, `${name}.md`), `# Apogee benchmark: ${title}\n\n${report}`);
  if (results.http !== undefined) writeFileSync(join(dir, `${name}.svg`), svg(results));
  if (readme !== undefined) updateReadme(readme, markdown(results, "results/latest.svg"));
  return report;
}
