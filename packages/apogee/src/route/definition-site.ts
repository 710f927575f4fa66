import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";

// Frames inside Apogee's own sources are skipped when looking for where a route or catcher was declared.
const OWN_SOURCES = fileURLToPath(new URL("..", import.meta.url));

/** Where user code declared something: the file (relative to the working directory), line and column. */
export interface DefinitionSite {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

const FRAME = /\(?((?:file:\/\/)?[^()\s]+?):(\d+):(\d+)\)?$/;

/** The first stack frame outside Apogee: the user's declaration site. */
export function definitionSite(): DefinitionSite | undefined {
  const stack = new Error().stack?.split("\n") ?? [];
  for (let i = 1; i < stack.length; i++) {
    const m = FRAME.exec(stack[i]!.trim());
    if (!m) continue;
    const file = m[1]!.startsWith("file://") ? fileURLToPath(m[1]!) : m[1]!;
    if (file.startsWith(OWN_SOURCES) || file.startsWith("node:")) continue;
    return { file, line: Number(m[2]), column: Number(m[3]) };
  }
  return undefined;
}

/** `file:line` with the file relative to the working directory. */
export function formatSite(site: DefinitionSite | undefined): string {
  if (site === undefined) return "<unknown>";
  return `${relative(process.cwd(), site.file) || site.file}:${site.line}`;
}

const sources = new Map<string, string[] | null>();
const BINDING = /(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]*)?=\s*$/;

/**
 * The variable a declaration was assigned to (`export const hello = get(...)` → `hello`), read from the source
 * line at `site`; `undefined` when it cannot be told.
 */
export function bindingName(site: DefinitionSite | undefined): string | undefined {
  if (site === undefined) return undefined;
  let lines = sources.get(site.file);
  if (lines === undefined) {
    try {
      lines = readFileSync(site.file, "utf8").split("\n");
    } catch {
      lines = null;
    }
    sources.set(site.file, lines);
  }
  const line = lines?.[site.line - 1];
  if (line === undefined) return undefined;
  return BINDING.exec(line.slice(0, Math.max(0, site.column - 1)))?.[1];
}
