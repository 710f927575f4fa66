// Runs every test file (packages/*/test, examples/*/test, bench/test) with Node's test runner through tsx.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const roots = ["packages", "examples"];
const files = [];
function walk(dir) {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules") continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith(".test.ts")) files.push(path);
  }
}
for (const root of roots) {
  for (const pkg of readdirSync(root)) {
    const test = join(root, pkg, "test");
    try {
      if (statSync(test).isDirectory()) walk(test);
    } catch {}
  }
}
try {
  if (statSync("bench/test").isDirectory()) walk("bench/test");
} catch {}
files.sort();
const only = process.argv.slice(2);
const selected = only.length ? files.filter((f) => only.some((o) => f.includes(o))) : files;
const result = spawnSync(process.execPath, ["--import", "tsx", "--test", ...selected], { stdio: "inherit" });
if (result.status !== 0) process.exit(result.status ?? 1);
// The suites the hot-path shortcuts touch run again with them off (APOGEE_NO_FAST_PATHS, src/http/fast-paths.ts),
// so the readable paths they duplicate stay tested too.
const SLOW_PATH_SUITES = ["routing", "ranks", "forwarding", "router-properties", "query", "uri", "cookie"];
const slow = selected.filter((f) => SLOW_PATH_SUITES.some((s) => f.split("/").pop().startsWith(s)));
if (slow.length === 0) process.exit(0);
console.log(`# again with APOGEE_NO_FAST_PATHS=1: ${slow.length} files`);
const again = spawnSync(process.execPath, ["--import", "tsx", "--test", ...slow], {
  stdio: "inherit",
  env: { ...process.env, APOGEE_NO_FAST_PATHS: "1" },
});
process.exit(again.status ?? 1);
