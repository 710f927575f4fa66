import { readFileSync } from "node:fs";
import { type Discovery, discoverTemplates, type EngineName, type TemplateFile } from "./discover.ts";
import {
  type EngineInstance,
  type Engines,
  errorMessage,
  handlebarsInstance,
  isLoadFailure,
  type LoadFailure,
  loadEngine,
  nunjucksInstance,
  type RenderFunction,
  type TemplateSource,
} from "./engines.ts";

/** The customisation `Template.custom` runs on every load (and reload) of the templates, before they compile. */
export type Customize = (engines: Engines) => void | Promise<void>;

/** A template ready to render. */
export interface LoadedTemplate {
  readonly file: TemplateFile;
  readonly render: RenderFunction;
}

/** What loading the template directory gave: the templates, or every problem that stopped it. */
export type LoadResult =
  | { readonly ok: true; readonly set: TemplateSet; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly problems: readonly string[] };

const FACTORIES: Readonly<Record<EngineName, typeof handlebarsInstance>> = {
  handlebars: handlebarsInstance,
  nunjucks: nunjucksInstance,
};

const ENGINE_ORDER: readonly EngineName[] = ["handlebars", "nunjucks"];

/** Every template of one load of the template directory, by name, with the directories it was found in. */
export class TemplateSet {
  readonly root: string;
  readonly templates: ReadonlyMap<string, LoadedTemplate>;
  readonly directories: readonly string[];
  /** The engines that have templates, for the launch log. */
  readonly engines: readonly EngineName[];

  constructor(
    root: string,
    templates: ReadonlyMap<string, LoadedTemplate>,
    directories: readonly string[],
    engines: readonly EngineName[],
  ) {
    this.root = root;
    this.templates = templates;
    this.directories = directories;
    this.engines = engines;
  }

  /**
   * Loads every template under `root`: finds them, imports the engines they need, runs `customize`, compiles
   * them all. Fails with every problem at once: an unreadable directory, a missing engine package (naming the
   * package to install), a failing customisation, each template that does not compile.
   */
  static async load(root: string, customize: Customize | undefined): Promise<LoadResult> {
    let found: Discovery;
    try {
      found = discoverTemplates(root);
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      const why =
        code === "ENOENT" ? "does not exist" : code === "ENOTDIR" ? "is not a directory" : errorMessage(e);
      return { ok: false, problems: [`template directory ${root} ${why} (set \`template_dir\`)`] };
    }
    const problems: string[] = [];
    const byEngine = new Map<EngineName, TemplateSource[]>(ENGINE_ORDER.map((e) => [e, []]));
    for (const f of found.files) {
      let source: string;
      try {
        source = readFileSync(f.path, "utf8");
      } catch (e) {
        problems.push(`${f.relative}: ${errorMessage(e)}`);
        continue;
      }
      byEngine.get(f.engine)!.push({ name: f.name, relative: f.relative, path: f.path, source });
    }

    const instances = new Map<EngineName, EngineInstance>();
    const failures = new Map<EngineName, LoadFailure>();
    for (const engine of ENGINE_ORDER) {
      const module = await loadEngine(engine);
      const sources = byEngine.get(engine)!;
      if (isLoadFailure(module)) {
        failures.set(engine, module);
        if (sources.length > 0) problems.push(missingEngine(engine, module, sources));
        continue;
      }
      instances.set(engine, FACTORIES[engine](module, sources));
    }

    if (customize !== undefined) {
      try {
        await customize(enginesView(instances, failures));
      } catch (e) {
        problems.push(`the customisation callback failed: ${errorMessage(e)}`);
      }
    }

    const templates = new Map<string, LoadedTemplate>();
    const files = new Map(found.files.map((f) => [f.name, f]));
    for (const [engine, instance] of instances) {
      for (const [name, render] of instance.compile(byEngine.get(engine)!, problems)) {
        templates.set(name, { file: files.get(name)!, render });
      }
    }
    if (problems.length > 0) return { ok: false, problems };
    const engines = ENGINE_ORDER.filter((e) => byEngine.get(e)!.length > 0);
    const set = new TemplateSet(root, templates, found.directories, engines);
    return { ok: true, set, warnings: found.warnings };
  }
}

function missingEngine(engine: EngineName, failure: LoadFailure, sources: readonly TemplateSource[]): string {
  const shown = sources.slice(0, 3).map((s) => s.relative);
  const more = sources.length > 3 ? `, and ${sources.length - 3} more` : "";
  const which = `${sources.length === 1 ? "template" : "templates"} ${shown.join(", ")}${more}`;
  return failure.missing
    ? `the ${which} ${sources.length === 1 ? "needs" : "need"} the "${engine}" package, which is not installed: npm install ${engine}`
    : `the "${engine}" package could not be loaded (for the ${which}): ${failure.message}`;
}

// What the customisation sees: an engine whose package is missing throws, naming the package, when used.
function enginesView(
  instances: ReadonlyMap<EngineName, EngineInstance>,
  failures: ReadonlyMap<EngineName, LoadFailure>,
): Engines {
  const get = (engine: EngineName) => {
    const instance = instances.get(engine);
    if (instance !== undefined) return instance.environment;
    const failure = failures.get(engine);
    throw new Error(
      failure?.missing === false
        ? `engines.${engine}: the "${engine}" package could not be loaded: ${failure.message}`
        : `engines.${engine}: the "${engine}" package is not installed: npm install ${engine}`,
    );
  };
  return {
    get handlebars() {
      return get("handlebars") as Engines["handlebars"];
    },
    get nunjucks() {
      return get("nunjucks") as Engines["nunjucks"];
    },
  };
}
