import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { MediaType } from "../http/media-type.ts";

/** The template engines Apogee knows, by the package that provides each. */
export type EngineName = "handlebars" | "nunjucks";

/** Which engine renders a file, by its last extension (case-sensitive, as Rocket's `*.hbs` globs are). */
export const ENGINE_EXTENSIONS: ReadonlyMap<string, EngineName> = new Map<string, EngineName>([
  ["hbs", "handlebars"],
  ["njk", "nunjucks"],
  ["j2", "nunjucks"],
]);

/** A template file found in the template directory. */
export interface TemplateFile {
  /** The name it is rendered by: its path in the directory without the engine and type extensions. */
  readonly name: string;
  /** Its path relative to the template directory, with `/` separators (`users/index.html.hbs`). */
  readonly relative: string;
  /** Its absolute path. */
  readonly path: string;
  readonly engine: EngineName;
  /** The response's `Content-Type`, from the extension before the engine's (`text/plain` when none or unknown). */
  readonly contentType: string;
}

/** What a walk of the template directory found. */
export interface Discovery {
  /** Every template, sorted by relative path; each name once. */
  readonly files: readonly TemplateFile[];
  /** Every directory walked (the root included), for the debug-profile watchers. */
  readonly directories: readonly string[];
  /** Templates skipped because an earlier one has the same name. */
  readonly warnings: readonly string[];
}

/**
 * Rocket's template naming: `users/index.html.hbs` is `users/index` with type `html`; `index.hbs` is `index`
 * with no type. `undefined` when the file is not a template (no engine extension).
 */
export function templateName(
  relative: string,
): { name: string; engine: EngineName; type: string | undefined } | undefined {
  const slash = relative.lastIndexOf("/");
  const dir = relative.slice(0, slash + 1);
  let base = relative.slice(slash + 1);
  const dot = base.lastIndexOf(".");
  if (dot <= 0) return undefined;
  const engine = ENGINE_EXTENSIONS.get(base.slice(dot + 1));
  if (engine === undefined) return undefined;
  base = base.slice(0, dot);
  const inner = base.lastIndexOf(".");
  if (inner <= 0) return { name: dir + base, engine, type: undefined };
  return { name: dir + base.slice(0, inner), engine, type: base.slice(inner + 1) };
}

/**
 * Walks `root` for templates (entries starting with `.` are skipped). Two files with one name keep the first by
 * path, as Rocket keeps the existing one, and the other is reported in `warnings`. Throws when `root` cannot be
 * read.
 */
export function discoverTemplates(root: string): Discovery {
  const files: TemplateFile[] = [];
  const directories: string[] = [];
  const warnings: string[] = [];
  const byName = new Map<string, TemplateFile>();
  walk(root, "");
  return { files, directories, warnings };

  function walk(dir: string, prefix: string): void {
    directories.push(dir);
    const names = readdirSync(dir).sort();
    for (const entry of names) {
      if (entry.startsWith(".")) continue;
      const path = join(dir, entry);
      const relative = prefix + entry;
      let isDirectory: boolean;
      try {
        isDirectory = statSync(path).isDirectory();
      } catch {
        continue; // a dangling link or a file removed meanwhile
      }
      if (isDirectory) {
        walk(path, `${relative}/`);
        continue;
      }
      const named = templateName(relative);
      if (named === undefined) continue;
      const existing = byName.get(named.name);
      if (existing !== undefined) {
        warnings.push(
          `template name "${named.name}" does not have a unique source: keeping ${existing.relative}, ignoring ${relative}`,
        );
        continue;
      }
      const type = named.type === undefined ? undefined : MediaType.fromExtension(named.type);
      const file: TemplateFile = {
        name: named.name,
        relative,
        path,
        engine: named.engine,
        contentType: (type ?? MediaType.Plain).toString(),
      };
      byName.set(named.name, file);
      files.push(file);
    }
  }
}
