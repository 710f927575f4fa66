// A route's doc comment (the `/** … */` right above its declaration), read from its source file at ignite: the
// summary, description, tags and deprecation the OpenAPI document shows when the route's options do not say.

import { readFileSync } from "node:fs";
import type { DefinitionSite } from "../route/definition-site.ts";

/** What a doc comment says about an operation. */
export interface DocComment {
  /** The first paragraph (line breaks joined with spaces). */
  readonly summary?: string;
  /** The paragraphs after the first, as written. */
  readonly description?: string;
  /** `@tag name` lines (several per line with commas). */
  readonly tags?: readonly string[];
  /** An `@deprecated` line. */
  readonly deprecated?: boolean;
  /** `@operationId name`. */
  readonly operationId?: string;
}

const files = new Map<string, readonly string[] | null>();

function linesOf(file: string): readonly string[] | null {
  let lines = files.get(file);
  if (lines === undefined) {
    try {
      lines = readFileSync(file, "utf8").split(/\r?\n/);
    } catch {
      lines = null;
    }
    files.set(file, lines);
  }
  return lines;
}

/**
 * The doc comment ending on the line right above `site` (decorators and blank lines are not skipped: the
 * comment must touch the declaration), or `undefined` when there is none or the source cannot be read.
 */
export function docComment(site: DefinitionSite | undefined): DocComment | undefined {
  if (site === undefined) return undefined;
  const lines = linesOf(site.file);
  if (lines === null) return undefined;
  const end = site.line - 2;
  if (end < 0 || !lines[end]!.trimEnd().endsWith("*/")) return undefined;
  let start = end;
  while (start >= 0 && !lines[start]!.includes("/**")) start--;
  if (start < 0) return undefined;
  const body = lines.slice(start, end + 1).map((l, i, all) => {
    let t = l;
    if (i === 0) t = t.slice(t.indexOf("/**") + 3);
    if (i === all.length - 1) t = t.slice(0, t.lastIndexOf("*/"));
    return t.replace(/^\s*\* ?/, "").trimEnd();
  });
  return parse(body);
}

function parse(lines: readonly string[]): DocComment | undefined {
  const text: string[] = [];
  const tags: string[] = [];
  let deprecated = false;
  let operationId: string | undefined;
  let inTag = false;
  // A block tag starts a line, or follows whitespace on a one-line comment (`/** One book. @tag books */`).
  const pieces = lines.length === 1 ? lines[0]!.split(/\s+(?=@\w)/) : lines;
  for (const line of pieces) {
    const t = line.trim();
    const m = /^@(\w+)\s*(.*)$/.exec(t);
    if (m) {
      inTag = true;
      const [, name, rest = ""] = m;
      if (name === "tag" || name === "tags")
        tags.push(
          ...rest
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean),
        );
      else if (name === "deprecated") deprecated = true;
      else if (name === "operationId" && rest !== "") operationId = rest.trim();
      continue;
    }
    // Lines after a block tag belong to it (an `@example`'s code), not to the description.
    if (!inTag) text.push(line);
  }
  const paragraphs = text
    .join("\n")
    .trim()
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
  const summary = paragraphs[0]?.replace(/\s*\n\s*/g, " ");
  const description = paragraphs.slice(1).join("\n\n");
  const out: DocComment = {
    ...(summary === undefined ? {} : { summary }),
    ...(description === "" ? {} : { description }),
    ...(tags.length > 0 ? { tags } : {}),
    ...(deprecated ? { deprecated } : {}),
    ...(operationId === undefined ? {} : { operationId }),
  };
  return Object.keys(out).length === 0 ? undefined : out;
}
