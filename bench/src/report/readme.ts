// Puts the latest full run's report into bench/README.md, between two marker comments.
import { readFileSync, writeFileSync } from "node:fs";

const START = "<!-- bench:results:start -->";
const END = "<!-- bench:results:end -->";

/** Replaces what lies between the markers in `file` with `report`; throws when the markers are missing. */
export function updateReadme(file: string, report: string): void {
  const text = readFileSync(file, "utf8");
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a === -1 || b < a) throw new Error(`${file} has no ${START} … ${END} section to update`);
  writeFileSync(file, `${text.slice(0, a + START.length)}\n\n${report.trim()}\n\n${text.slice(b)}`);
}
