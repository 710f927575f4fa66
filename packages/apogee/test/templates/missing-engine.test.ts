// An engine package that is not installed: launch aborts naming the package to install. The packages are made
// unresolvable for this test process with a module resolve hook, so the real import path is what fails.
import assert from "node:assert/strict";
import { register } from "node:module";
import { describe, it } from "node:test";

const HIDDEN = ["handlebars", "nunjucks"];
const hook = `export async function resolve(specifier, context, next) {
  if (${JSON.stringify(HIDDEN)}.includes(specifier)) {
    const e = new Error("Cannot find package '" + specifier + "' imported from " + context.parentURL);
    e.code = "ERR_MODULE_NOT_FOUND";
    throw e;
  }
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);

// Imported after the hook, so the engines' packages are already hidden when the template code first asks.
const { get } = await import("../../src/index.ts");
const { Template, TemplateMetadata } = await import("../../src/templates/index.ts");
const { expectResponse, TEXT } = await import("../support/local.ts");
const { launchError, tempDir, templatedApp, templatedClient } = await import("./support.ts");

describe("a missing engine package", () => {
  it("aborts launch naming the package to install and the templates that need it", async () => {
    const dir = tempDir({
      "a.html.hbs": "a",
      "b.html.hbs": "b",
      "c.hbs": "c",
      "d.hbs": "d",
      "page.html.njk": "p",
    });
    const e = await launchError(templatedApp(dir, []), "fairings");
    assert.deepEqual(e.problems, [
      [
        "Templating: template initialization failed:",
        '      the templates a.html.hbs, b.html.hbs, c.hbs, and 1 more need the "handlebars" package, which is not installed: npm install handlebars',
        '      the template page.html.njk needs the "nunjucks" package, which is not installed: npm install nunjucks',
      ].join("\n"),
    ]);
  });

  it("fails a customisation that reaches for it, naming the package", async () => {
    const dir = tempDir({});
    const fairing = Template.custom(({ nunjucks }) => void nunjucks.addGlobal("x", 1));
    const e = await launchError(templatedApp(dir, [], { fairing }), "fairings");
    assert.deepEqual(e.problems, [
      [
        "Templating: template initialization failed:",
        '      the customisation callback failed: engines.nunjucks: the "nunjucks" package is not installed: npm install nunjucks',
      ].join("\n"),
    ]);
  });

  it("is no problem while no template needs it", async () => {
    const dir = tempDir({ "notes.md": "not a template" });
    const names = get("/", { t: TemplateMetadata }, ({ t }) => `templates: ${t.names.length}`);
    const res = await (await templatedClient(dir, [names])).get("/").dispatch();
    await expectResponse(res, { status: 200, contentType: TEXT, body: "templates: 0" });
  });
});
