// Enforces the import rules of DESIGN.md §3 on packages/apogee/src: no import cycles, and each folder imports
// (at run time; `import type` is free) only the folders below it. Exits non-zero with every violation listed.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../packages/apogee/src");

// Everything below the app layer, which app/, server/ and local/ may use.
const CORE = [
  "http",
  "log",
  "router",
  "data",
  "request",
  "response",
  "route",
  "catcher",
  "fairing",
  "config",
  "uri",
];

// Which folders each folder may import at run time (itself always allowed).
const ALLOWED = {
  http: [],
  log: [],
  router: ["http"],
  // data/ builds on request/'s outcomes and param types (request.ts holds a Data: the cycle check keeps files apart).
  data: ["http", "config", "request", "response"],
  request: ["http", "log", "data"],
  response: ["http", "log", "request"],
  route: ["http", "request", "response", "router", "data"],
  catcher: ["http", "request", "response", "route"],
  uri: ["http", "request", "route"],
  // The built-in fairings that answer requests (CORS preflights) mount a route of their own.
  fairing: ["http", "log", "request", "response", "config", "route"],
  config: ["http", "log"],
  app: [...CORE, "server"],
  server: [...CORE, "app"],
  local: [...CORE, "app"],
  // Subpath exports (apogee/auth, apogee/openapi): they build on the core; the core never imports them.
  auth: [...CORE],
  openapi: [...CORE],
  // apogee/db: pools, guards and migrations over the request, config and fairing layers.
  db: ["http", "log", "request", "config", "fairing"],
  // apogee/templates: the Template responder, its fairing and guard.
  templates: ["http", "log", "request", "response", "fairing", "config"],
};

const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith(".ts")) files.push(path);
  }
})(root);

const IMPORT = /^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+["'](\.[^"']+)["']/gm;
const graph = new Map();
const problems = [];
for (const file of files) {
  const text = readFileSync(file, "utf8");
  const from = relative(root, file);
  const folder = from.includes("/") ? from.split("/")[0] : "";
  const deps = [];
  for (const m of text.matchAll(IMPORT)) {
    if (m[2]) continue; // type-only imports do not load anything
    const target = relative(root, resolve(dirname(file), m[3]));
    deps.push(target);
    const targetFolder = target.includes("/") ? target.split("/")[0] : "";
    if (folder === "" || targetFolder === folder) continue;
    const allowed = ALLOWED[folder];
    if (!allowed)
      problems.push(`${from}: folder "${folder}" has no import rule in scripts/check-imports.mjs`);
    else if (!allowed.includes(targetFolder))
      problems.push(`${from} imports ${target}: ${folder}/ may not import ${targetFolder}/`);
  }
  graph.set(from, deps);
}

// Cycles, by depth-first search over run-time imports.
const state = new Map();
const stack = [];
function visit(node) {
  state.set(node, "open");
  stack.push(node);
  for (const dep of graph.get(node) ?? []) {
    if (state.get(dep) === "open")
      problems.push(`import cycle: ${[...stack.slice(stack.indexOf(dep)), dep].join(" → ")}`);
    else if (!state.has(dep)) visit(dep);
  }
  stack.pop();
  state.set(node, "done");
}
for (const node of graph.keys()) if (!state.has(node)) visit(node);

if (problems.length > 0) {
  console.error(`Import rules broken (${problems.length}):`);
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
console.log(`imports ok: ${files.length} files, no cycles, folder rules kept`);
