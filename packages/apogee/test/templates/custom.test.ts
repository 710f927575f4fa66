// Customising the engines with `Template.custom` (Rocket's `Template::custom`): Handlebars helpers and partials,
// Nunjucks filters, globals, tests and compile options, async filters, an async customisation.
import { describe, it } from "node:test";
import { get } from "../../src/index.ts";
import { Template } from "../../src/templates/index.ts";
import { expectResponse, HTML, TEXT } from "../support/local.ts";
import { tempDir, templatedClient } from "./support.ts";

const show = (name: string, context: object = {}) => get(`/${name}`, () => Template.render(name, context));

describe("Template.custom", () => {
  const dir = tempDir({
    "helper.html.hbs": "{{upper name}} {{link url}}",
    "partial.html.hbs": "[{{> footer}}]",
    "overridden.html.hbs": "<{{> shared}}>",
    "shared.html.hbs": "from file",
    "filter.txt.njk": "{{ name | shout }} {{ site }} {% if 4 is even %}even{% endif %}",
    "trim.txt.njk": "{% for i in [1, 2] %}\n{{ i }}\n{% endfor %}\n",
    "later.txt.njk": "{{ name | later }}",
  });

  it("adds Handlebars helpers, SafeString markup included", async () => {
    const fairing = Template.custom(({ handlebars }) => {
      handlebars.registerHelper("upper", (s: string) => s.toUpperCase());
      handlebars.registerHelper(
        "link",
        (url: string) => new handlebars.SafeString(`<a href="${handlebars.escapeExpression(url)}">go</a>`),
      );
    });
    const client = await templatedClient(dir, [show("helper", { name: "ada", url: "/a?b&c" })], { fairing });
    await expectResponse(await client.get("/helper").dispatch(), {
      status: 200,
      contentType: HTML,
      body: 'ADA <a href="/a?b&amp;c">go</a>',
    });
  });

  it("adds Handlebars partials, and may replace a template's partial", async () => {
    const fairing = Template.custom(({ handlebars }) => {
      handlebars.registerPartial("footer", "(c) {{year}}");
      handlebars.registerPartial("shared", "from custom");
    });
    const client = await templatedClient(
      dir,
      [show("partial", { year: 2024 }), show("overridden"), show("shared")],
      { fairing },
    );
    await expectResponse(await client.get("/partial").dispatch(), {
      status: 200,
      contentType: HTML,
      body: "[(c) 2024]",
    });
    await expectResponse(await client.get("/overridden").dispatch(), {
      status: 200,
      contentType: HTML,
      body: "<from custom>",
    });
    // Rendered by its own name, a template is still the file.
    await expectResponse(await client.get("/shared").dispatch(), {
      status: 200,
      contentType: HTML,
      body: "from file",
    });
  });

  it("adds Nunjucks filters, globals and tests", async () => {
    const fairing = Template.custom(({ nunjucks }) => {
      nunjucks.addFilter("shout", (s: string) => `${s}!`);
      nunjucks.addGlobal("site", "Apogee");
      nunjucks.addTest("even", (n: number) => n % 2 === 0);
    });
    const client = await templatedClient(dir, [show("filter", { name: "hey" })], { fairing });
    await expectResponse(await client.get("/filter").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "hey! Apogee even",
    });
  });

  it("applies Nunjucks compile options set in the customisation (templates compile after it)", async () => {
    const plain = await templatedClient(dir, [show("trim")]);
    await expectResponse(await plain.get("/trim").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "\n1\n\n2\n\n",
    });
    const fairing = Template.custom(({ nunjucks }) => {
      nunjucks.opts.trimBlocks = true;
    });
    const trimmed = await templatedClient(dir, [show("trim")], { fairing });
    await expectResponse(await trimmed.get("/trim").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "1\n2\n",
    });
  });

  it("renders with async Nunjucks filters, and awaits an async customisation", async () => {
    const fairing = Template.custom(async ({ nunjucks }) => {
      await new Promise((r) => setTimeout(r, 5));
      nunjucks.addFilter(
        "later",
        (s: string, done: (err: unknown, out: string) => void) =>
          setTimeout(() => done(null, `${s} later`), 5),
        true,
      );
    });
    const client = await templatedClient(dir, [show("later", { name: "now" })], { fairing });
    await expectResponse(await client.get("/later").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "now later",
    });
  });
});
