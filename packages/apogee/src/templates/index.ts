// The public API of `apogee/templates` (ROCKET.md §7.7): the Template responder, its fairing, and the engines'
// customisation types. The core never imports this folder.

export type { Rendered } from "./context.ts";
export type { EngineName } from "./discover.ts";
export type { EngineFunction, Engines, HandlebarsEngine, NunjucksEngine } from "./engines.ts";
export { TemplateInfo, TemplateMetadata } from "./metadata.ts";
export { Template } from "./template.ts";
export type { Customize } from "./template-set.ts";
