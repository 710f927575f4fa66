// apogee/templates: what `Template.render` accepts and returns, the `responds` option, the engines a
// customisation sees, and what the `TemplateMetadata` guard hands the handler.

import { get, type SentinelType } from "apogee";
import { type Engines, type Rendered, Template, type TemplateInfo, TemplateMetadata } from "apogee/templates";
import { type Equal, type Expect, expectType, type InputOf } from "./expect.ts";

// A route returns a Template; `responds: Template` (one or a list) is a sentinel type.
export const page = get({ uri: "/", responds: Template }, () => Template.render("index", { title: "Hi" }));
export const listed = get({ uri: "/a", responds: [Template] }, async () => Template.render("index"));
expectType<SentinelType>(Template);

// @ts-expect-error the context is an object, never a number
Template.render("index", 42);
// @ts-expect-error a template is named by a string
Template.render(["index"]);
// @ts-expect-error `responds` takes types with a launch check, not any class
get({ uri: "/b", responds: Date }, () => "x");

// The customisation sees both engines, typed for what customising needs.
Template.custom((engines) => {
  type _ = Expect<Equal<typeof engines, Engines>>;
  engines.handlebars.registerHelper("upper", (s: string) => s.toUpperCase());
  engines.handlebars.registerPartial("footer", "(c)");
  engines.nunjucks.addFilter("shout", (s: string) => `${s}!`);
  engines.nunjucks.opts.trimBlocks = true;
});
// @ts-expect-error the customisation is a function of the engines
Template.custom({ handlebars: {} });

// The metadata guard gives a TemplateInfo; rendering may be asynchronous.
export const meta = get("/m", { t: TemplateMetadata }, async ({ t }) => {
  const out = await t.render("index");
  expectType<Rendered | undefined>(out);
  return t.contains("index") ? (out?.body ?? "") : "none";
});
export type MetaInput = Expect<Equal<InputOf<typeof meta>["t"], TemplateInfo>>;

// `Template.show` renders to a string outside a request.
export async function email(app: Parameters<typeof Template.show>[0]): Promise<string | undefined> {
  return Template.show(app, "mail/welcome", { name: "x" });
}
