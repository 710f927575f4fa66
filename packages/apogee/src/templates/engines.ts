import type { EngineName } from "./discover.ts";

/** A helper, filter or test function as the engines call it. */
export type EngineFunction = (...args: any[]) => unknown;

/**
 * The Handlebars environment templates render with (an isolated `Handlebars.create()`), as `Template.custom`
 * sees it. Every `.hbs` template is registered as a partial under its name, so `{{> header}}` and layouts
 * (`{{#> layout}}…{{/layout}}` with `{{> @partial-block}}`) work out of the box. This lists what customising
 * needs; the object is the real environment (cast it to `typeof import("handlebars")` for the rest).
 */
export interface HandlebarsEngine {
  registerHelper(name: string, fn: EngineFunction): void;
  registerHelper(helpers: Readonly<Record<string, EngineFunction>>): void;
  unregisterHelper(name: string): void;
  /** A partial from source text or a compiled template; registering a template's name replaces it. */
  registerPartial(name: string, partial: string | EngineFunction): void;
  registerPartial(partials: Readonly<Record<string, string | EngineFunction>>): void;
  unregisterPartial(name: string): void;
  registerDecorator(name: string, fn: EngineFunction): void;
  readonly helpers: Readonly<Record<string, unknown>>;
  readonly partials: Readonly<Record<string, unknown>>;
  /** Marks text as safe HTML (not escaped): what a helper returns to emit markup. */
  readonly SafeString: new (
    html: string,
  ) => { toString(): string };
  /** HTML-escapes a string, as `{{value}}` does. */
  escapeExpression(text: string): string;
}

/**
 * The Nunjucks environment `.njk` and `.j2` templates render with, as `Template.custom` sees it. Templates are
 * found by name (`{% extends "base" %}`, `{% include "parts/nav" %}`, `{% import "macros" as m %}`).
 * Autoescaping is on; `opts` may change it and the compile options (`trimBlocks`, `lstripBlocks`), which apply
 * because templates are compiled after the customisation runs. The object is the real `nunjucks.Environment`.
 */
export interface NunjucksEngine {
  /** Adds a filter; an `async` one takes a callback as its last argument (rendering then goes asynchronous). */
  addFilter(name: string, fn: EngineFunction, async?: boolean): unknown;
  getFilter(name: string): EngineFunction;
  addGlobal(name: string, value: unknown): unknown;
  getGlobal(name: string): unknown;
  addTest(name: string, fn: EngineFunction): unknown;
  addExtension(name: string, extension: object): unknown;
  removeExtension(name: string): unknown;
  hasExtension(name: string): boolean;
  readonly opts: {
    autoescape: boolean;
    throwOnUndefined: boolean;
    trimBlocks: boolean;
    lstripBlocks: boolean;
  };
}

/** The engines `Template.custom` customises: helpers, filters, globals, partials, layouts. */
export interface Engines {
  /** Handlebars (`.hbs`); reading it throws, naming the package, when `handlebars` is not installed. */
  readonly handlebars: HandlebarsEngine;
  /** Nunjucks (`.njk`, `.j2`); reading it throws, naming the package, when `nunjucks` is not installed. */
  readonly nunjucks: NunjucksEngine;
}

/** A template compiled by its engine: renders a context to text (asynchronously only with async filters). */
export type RenderFunction = (context: object) => string | Promise<string>;

/** The parts of the `handlebars` package Apogee uses. */
interface HandlebarsModule {
  create(): HandlebarsEngine & {
    compile(source: string): (context: object) => string;
    precompile(source: string): unknown;
  };
}

/** The parts of a compiled Nunjucks template Apogee uses. */
interface NunjucksTemplate {
  render(context: object): string | null;
  render(context: object, callback: (err: Error | null, out: string | null) => void): void;
}

/** A source Apogee's Nunjucks loader serves. */
interface NunjucksSource {
  readonly src: string;
  readonly path: string;
  readonly noCache: boolean;
}

/** The parts of the `nunjucks` package Apogee uses. */
interface NunjucksModule {
  Environment: new (
    loader: { getSource(name: string): NunjucksSource | null },
    options: { autoescape: boolean },
  ) => NunjucksEngine & {
    getTemplate(name: string, eagerCompile: boolean): NunjucksTemplate;
    readonly asyncFilters: readonly string[];
  };
}

/** Why an engine package is missing or broken; `undefined` when it loaded. */
export type LoadFailure = { readonly missing: boolean; readonly message: string };

const loaded = new Map<EngineName, Promise<unknown>>();

/**
 * Imports an engine's package once per process (a failure is remembered too). Resolves with the module, or a
 * `LoadFailure` saying whether it is not installed or failed to load.
 */
export function loadEngine(engine: EngineName): Promise<unknown> {
  let pending = loaded.get(engine);
  if (pending === undefined) {
    pending = importPackage(engine);
    loaded.set(engine, pending);
  }
  return pending;
}

async function importPackage(name: string): Promise<unknown> {
  try {
    const mod = (await import(name)) as { default?: unknown };
    // Both packages are CommonJS: their API is the default export.
    return mod.default ?? mod;
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    const message = e instanceof Error ? e.message : String(e);
    const missing = code === "ERR_MODULE_NOT_FOUND" && message.includes(`'${name}'`);
    return { missing, message } satisfies LoadFailure;
  }
}

/** Whether `loadEngine` failed. */
export function isLoadFailure(value: unknown): value is LoadFailure {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as LoadFailure).missing === "boolean" &&
    typeof (value as LoadFailure).message === "string"
  );
}

/** A template's source, as the engines compile it. */
export interface TemplateSource {
  readonly name: string;
  readonly relative: string;
  readonly path: string;
  readonly source: string;
}

/**
 * One engine for one load of the template directory: created empty, customised, then asked to compile its
 * templates. `compile` reports every template that fails (`relative: message`) and keeps the others.
 */
export interface EngineInstance {
  readonly environment: HandlebarsEngine | NunjucksEngine;
  compile(templates: readonly TemplateSource[], problems: string[]): Map<string, RenderFunction>;
}

/**
 * A Handlebars environment holding `templates` as partials (registered before customisation, so `Template.custom`
 * may replace one). Syntax errors are found by a full precompile, so they abort launch instead of failing the
 * first request.
 */
export function handlebarsInstance(module: unknown, templates: readonly TemplateSource[]): EngineInstance {
  const env = (module as HandlebarsModule).create();
  const compiled = new Map<string, (context: object) => string>();
  for (const t of templates) {
    const fn = env.compile(t.source);
    compiled.set(t.name, fn);
    env.registerPartial(t.name, fn);
  }
  return {
    environment: env,
    compile(list, problems) {
      const out = new Map<string, RenderFunction>();
      for (const t of list) {
        try {
          env.precompile(t.source);
        } catch (e) {
          problems.push(`${t.relative}: ${errorMessage(e)}`);
          continue;
        }
        out.set(t.name, compiled.get(t.name)!);
      }
      return out;
    },
  };
}

/**
 * A Nunjucks environment whose loader serves `templates` by name. Compiling is eager, after customisation (async
 * filters and extensions change how templates compile). With async filters, rendering goes through the callback
 * form and yields a promise; otherwise it is synchronous.
 */
export function nunjucksInstance(module: unknown, templates: readonly TemplateSource[]): EngineInstance {
  const sources = new Map<string, NunjucksSource>();
  for (const t of templates) sources.set(t.name, { src: t.source, path: t.path, noCache: false });
  const loader = { getSource: (name: string) => sources.get(name) ?? null };
  const env = new (module as NunjucksModule).Environment(loader, { autoescape: true });
  return {
    environment: env,
    compile(list, problems) {
      const out = new Map<string, RenderFunction>();
      const async = env.asyncFilters.length > 0;
      for (const t of list) {
        let template: NunjucksTemplate;
        try {
          template = env.getTemplate(t.name, true);
        } catch (e) {
          problems.push(`${t.relative}: ${errorMessage(e)}`);
          continue;
        }
        out.set(t.name, async ? renderAsync(template) : renderSync(template));
      }
      return out;
    },
  };
}

function renderSync(template: NunjucksTemplate): RenderFunction {
  return (context) => {
    const out = template.render(context);
    // Something asynchronous (an async extension) left the synchronous render without a result.
    if (typeof out !== "string") throw new Error("the template rendered nothing synchronously");
    return out;
  };
}

function renderAsync(template: NunjucksTemplate): RenderFunction {
  return (context) =>
    new Promise((resolve, reject) => {
      template.render(context, (err, out) => (err ? reject(err) : resolve(out ?? "")));
    });
}

/** An error's message (the engines' messages carry the file, line and column). */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
