// Rendering templates (ROCKET.md §7.7, seed page Responders › Templates): names without extensions, engines by
// extension, Content-Type from the inner extension, partials and layouts, escaping, and the 500s that name the
// template.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { get, PathBuf } from "../../src/index.ts";
import { Template } from "../../src/templates/index.ts";
import { expectDefaultCatcher, expectResponse, HTML, TEXT } from "../support/local.ts";
import { capture, tempDir, templatedClient } from "./support.ts";

const FILES = {
  "index.html.hbs": "<h1>Hello, {{name}}!</h1>\n<ul>{{#each items}}<li>{{this}}</li>{{/each}}</ul>\n",
  "users/index.html.hbs": "{{#each users}}{{> users/card}}{{/each}}",
  "users/card.html.hbs": "<div>{{name}}</div>",
  "layout.html.hbs": "<main>{{> @partial-block}}</main>",
  "with-layout.html.hbs": "{{#> layout}}<p>{{text}}</p>{{/layout}}",
  "plain.hbs": "plain {{x}}",
  "notes.txt.hbs": "note: {{x}}",
  "data.json.hbs": '{"x": {{x}} }',
  "feed.xml.njk": "<x>{{ x }}</x>",
  "odd.weird.hbs": "odd",
  "base.html.njk": "<title>{% block title %}Apogee{% endblock %}</title>{% block body %}{% endblock %}",
  "page.html.njk":
    '{% extends "base" %}{% block title %}{{ title }}{% endblock %}{% block body %}{% include "parts/nav" %}<p>{{ body }}</p>{% endblock %}',
  "parts/nav.html.njk": "<nav>{{ title | upper }}</nav>",
  "macros.html.njk": "{% macro badge(t) %}<b>{{ t }}</b>{% endmacro %}",
  "badges.html.j2": '{% import "macros" as m %}{{ m.badge(label) }}',
  "raw.html.hbs": "{{{html}}}|{{html}}",
  ".hidden.html.hbs": "hidden",
  "README.md": "not a template",
  "broken-call.html.njk": "{{ nothere() }}",
  "missing-helper.html.hbs": "{{shout name}}",
};

describe("Template.render", () => {
  const dir = tempDir(FILES);

  it("renders the seed's index by name, without its extensions, as HTML", async () => {
    const index = get("/", () => Template.render("index", { name: "Sergio", items: ["a", "b"] }));
    const res = await (await templatedClient(dir, [index])).get("/").dispatch();
    await expectResponse(res, {
      status: 200,
      contentType: HTML,
      body: "<h1>Hello, Sergio!</h1>\n<ul><li>a</li><li>b</li></ul>\n",
    });
  });

  it("names nested templates by their path: users/index.html.hbs is users/index", async () => {
    const users = get("/users", () =>
      Template.render("users/index", { users: [{ name: "A" }, { name: "B" }] }),
    );
    const res = await (await templatedClient(dir, [users])).get("/users").dispatch();
    await expectResponse(res, { status: 200, contentType: HTML, body: "<div>A</div><div>B</div>" });
  });

  it("takes the Content-Type from the extension before the engine's; none or unknown is text/plain", async () => {
    const show = get("/<name..>", { name: PathBuf }, ({ name }) => Template.render(name, { x: 1 }));
    const client = await templatedClient(dir, [show]);
    const cases: [string, string, string][] = [
      ["/plain", TEXT, "plain 1"],
      ["/notes", TEXT, "note: 1"],
      ["/data", "application/json", '{"x": 1 }'],
      ["/feed", "text/xml; charset=utf-8", "<x>1</x>"],
      ["/odd", TEXT, "odd"],
    ];
    for (const [path, contentType, body] of cases) {
      await expectResponse(await client.get(path).dispatch(), { status: 200, contentType, body });
    }
  });

  it("registers every Handlebars template as a partial, so layouts wrap a partial block", async () => {
    const page = get("/", () => Template.render("with-layout", { text: "hi" }));
    const res = await (await templatedClient(dir, [page])).get("/").dispatch();
    await expectResponse(res, { status: 200, contentType: HTML, body: "<main><p>hi</p></main>" });
  });

  it("finds Nunjucks templates by name in extends, include and import (.njk and .j2)", async () => {
    const page = get("/page", () => Template.render("page", { title: "Home", body: "text" }));
    const badges = get("/badges", () => Template.render("badges", { label: "new" }));
    const client = await templatedClient(dir, [page, badges]);
    await expectResponse(await client.get("/page").dispatch(), {
      status: 200,
      contentType: HTML,
      body: "<title>Home</title><nav>HOME</nav><p>text</p>",
    });
    await expectResponse(await client.get("/badges").dispatch(), {
      status: 200,
      contentType: HTML,
      body: "<b>new</b>",
    });
  });

  it("escapes HTML in both engines unless the template asks for raw output", async () => {
    const raw = get("/hbs", () => Template.render("raw", { html: "<i>&</i>" }));
    const njk = get("/njk", () => Template.render("page", { title: "<t>", body: "<b>&</b>" }));
    const client = await templatedClient(dir, [raw, njk]);
    await expectResponse(await client.get("/hbs").dispatch(), {
      status: 200,
      contentType: HTML,
      body: "<i>&</i>|&lt;i&gt;&amp;&lt;/i&gt;",
    });
    await expectResponse(await client.get("/njk").dispatch(), {
      status: 200,
      contentType: HTML,
      body: "<title>&lt;t&gt;</title><nav>&lt;T&gt;</nav><p>&lt;b&gt;&amp;&lt;/b&gt;</p>",
    });
  });

  it("keeps the body's length on HEAD and drops the body", async () => {
    const page = get("/", () => Template.render("plain", { x: 12 }));
    const res = await (await templatedClient(dir, [page])).head("/").dispatch();
    await expectResponse(res, {
      status: 200,
      contentType: TEXT,
      body: "",
      headers: { "content-length": "8" },
    });
  });

  it("answers an unknown template with 500 and logs its name and the known ones", async () => {
    const log = capture();
    const nope = get("/", () => Template.render("nope"));
    const res = await (await templatedClient(dir, [nope], { log })).get("/").dispatch();
    await expectDefaultCatcher(res, 500);
    assert.deepEqual(log.err, [
      'Error: Template "nope" does not exist.',
      "   >> known templates: badges, base, broken-call, data, feed, index, layout, macros, missing-helper, notes, odd, page, parts/nav, plain, raw, users/card, users/index, with-layout",
      `   >> searched in: ${dir}`,
    ]);
  });

  it("skips dot files and files of no engine", async () => {
    const show = get("/<name>", ({ name }) => Template.render(name));
    const client = await templatedClient(dir, [show]);
    await expectDefaultCatcher(await client.get("/.hidden").dispatch(), 500);
    await expectDefaultCatcher(await client.get("/README").dispatch(), 500);
  });

  it("answers a Nunjucks render error with 500 and logs the template and the error", async () => {
    const log = capture();
    const broken = get("/", () => Template.render("broken-call"));
    const res = await (await templatedClient(dir, [broken], { log })).get("/").dispatch();
    await expectDefaultCatcher(res, 500);
    assert.equal(log.err[0], 'Error: Error rendering template "broken-call" (broken-call.html.njk).');
    assert.match(log.err.slice(1).join("\n"), /Unable to call `nothere`, which is undefined/);
  });

  it("answers a Handlebars render error (a missing helper) with 500 and logs the template", async () => {
    const log = capture();
    const broken = get("/", () => Template.render("missing-helper", { name: "x" }));
    const res = await (await templatedClient(dir, [broken], { log })).get("/").dispatch();
    await expectDefaultCatcher(res, 500);
    assert.deepEqual(log.err, [
      'Error: Error rendering template "missing-helper" (missing-helper.html.hbs).',
      '   >> Missing helper: "shout"',
    ]);
  });

  it("answers a context that is not an object with 500 naming the template", async () => {
    const log = capture();
    const bad = get("/", () => Template.render("plain", [1, 2]));
    const res = await (await templatedClient(dir, [bad], { log })).get("/").dispatch();
    await expectDefaultCatcher(res, 500);
    assert.deepEqual(log.err, [
      'Error: Template "plain" (plain.hbs): the context must be an object, got an array.',
    ]);
  });

  it("renders with an empty context when none is given", async () => {
    const page = get("/", () => Template.render("plain"));
    const res = await (await templatedClient(dir, [page])).get("/").dispatch();
    await expectResponse(res, { status: 200, contentType: TEXT, body: "plain " });
  });

  it("Template.show renders to a string outside a request, undefined for an unknown one", async () => {
    const log = capture();
    const client = await templatedClient(dir, [], { log });
    assert.equal(await Template.show(client.app, "notes", { x: "hi" }), "note: hi");
    assert.equal(await Template.show(client.app, "nope"), undefined);
    assert.equal(log.err[0], 'Error: Template "nope" does not exist.');
  });
});

describe("template names", () => {
  it("keeps the first of two templates with one name, by path, and warns at liftoff", async () => {
    const dir = tempDir({ "a.html.hbs": "from hbs", "a.txt.njk": "from njk" });
    const log = capture();
    const a = get("/", () => Template.render("a"));
    const res = await (await templatedClient(dir, [a], { log })).get("/").dispatch();
    await expectResponse(res, { status: 200, contentType: HTML, body: "from hbs" });
    assert.deepEqual(log.err, [
      'Warning: template name "a" does not have a unique source: keeping a.html.hbs, ignoring a.txt.njk',
    ]);
  });
});
