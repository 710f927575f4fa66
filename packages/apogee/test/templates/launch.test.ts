// The Templating fairing at ignite and liftoff (ROCKET.md §7.7, §10): `template_dir`, every initialization
// problem reported at once, the `Template` sentinel behind `responds: Template`, and the launch log.
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { build, Client, get } from "../../src/index.ts";
import { Template, TemplateMetadata } from "../../src/templates/index.ts";
import { appWith, SECRET } from "../support/config.ts";
import { expectDefaultCatcher, expectResponse, HTML, TEXT } from "../support/local.ts";
import { capture, launchError, tempDir, templatedApp, templatedClient } from "./support.ts";

const index = get("/", () => Template.render("index", { name: "x" }));

describe("template_dir", () => {
  it("defaults to templates in the working directory", async () => {
    const root = tempDir({ "templates/index.txt.hbs": "default dir {{name}}" });
    const before = process.cwd();
    process.chdir(root);
    try {
      const app = appWith({}, root).configure({ log_level: "off" }).mount("/", [index]);
      const res = await (await Client.untracked(app.attach(Template.fairing()))).get("/").dispatch();
      await expectResponse(res, { status: 200, contentType: TEXT, body: "default dir x" });
    } finally {
      process.chdir(before);
    }
  });

  it("is relative to Apogee.toml's directory when set there", async () => {
    const root = tempDir({
      "Apogee.toml": '[default]\ntemplate_dir = "views"\nlog_level = "off"\n',
      "views/index.html.njk": "<p>{{ name }} from views</p>",
      "app/src/.keep": "",
    });
    const app = appWith({}, join(root, "app/src")).mount("/", [index]).attach(Template.fairing());
    const res = await (await Client.untracked(app)).get("/").dispatch();
    await expectResponse(res, { status: 200, contentType: HTML, body: "<p>x from views</p>" });
  });

  it("is read from APOGEE_TEMPLATE_DIR", async () => {
    const root = tempDir({ "elsewhere/index.hbs": "env {{name}}" });
    const env = { APOGEE_TEMPLATE_DIR: join(root, "elsewhere"), APOGEE_LOG_LEVEL: "off" };
    const app = appWith(env, root).mount("/", [index]).attach(Template.fairing());
    const res = await (await Client.untracked(app)).get("/").dispatch();
    await expectResponse(res, { status: 200, contentType: TEXT, body: "env x" });
  });

  it("that is not a path aborts launch, naming the key, the value and its source", async () => {
    const root = tempDir();
    const app = appWith({ APOGEE_TEMPLATE_DIR: "42" }, root).attach(Template.fairing());
    const e = await launchError(app, "fairings");
    assert.deepEqual(e.problems, [
      "Templating: `template_dir` must be a directory path, got 42 (from APOGEE_TEMPLATE_DIR)",
    ]);
  });

  it("that does not exist aborts launch", async () => {
    const dir = join(tempDir(), "missing");
    const e = await launchError(templatedApp(dir, [index]), "fairings");
    assert.deepEqual(e.problems, [
      `Templating: template initialization failed:\n      template directory ${dir} does not exist (set \`template_dir\`)`,
    ]);
  });
});

describe("template initialization", () => {
  it("reports every template that fails to compile at once, in both engines, and aborts launch", async () => {
    const dir = tempDir({
      "a.html.hbs": "{{#if x}}unclosed",
      "b.html.njk": "{% if x %}unclosed",
      "c.html.njk": "{% nope %}",
      "fine.html.hbs": "fine",
    });
    const e = await launchError(templatedApp(dir, [index]), "fairings");
    assert.deepEqual(e.problems, [
      [
        "Templating: template initialization failed:",
        "      a.html.hbs: Parse error on line 1:",
        "        {{#if x}}unclosed",
        "        -----------------^",
        "        Expecting 'OPEN_INVERSE_CHAIN', 'INVERSE', 'OPEN_ENDBLOCK', got 'EOF'",
        `      b.html.njk: (${dir}/b.html.njk)`,
        "          parseIf: expected elif, else, or endif, got end of file",
        `      c.html.njk: (${dir}/c.html.njk) [Line 1, Column 4]`,
        "          unknown block tag: nope",
      ].join("\n"),
    ]);
  });

  it("aborts launch when the customisation throws, naming the failure", async () => {
    const dir = tempDir({ "index.hbs": "x" });
    const fairing = Template.custom(() => {
      throw new Error("no helpers today");
    });
    const e = await launchError(templatedApp(dir, [index], { fairing }), "fairings");
    assert.deepEqual(e.problems, [
      "Templating: template initialization failed:\n      the customisation callback failed: no helpers today",
    ]);
  });

  it("refuses a second Templating fairing", async () => {
    const dir = tempDir({ "index.hbs": "x" });
    const app = templatedApp(dir, [index]).attach(Template.fairing());
    const e = await launchError(app, "fairings");
    assert.deepEqual(e.problems, [
      "Templating: templates are already managed by another Templating fairing: attach only one",
    ]);
  });

  it("loads the templates again when the same app ignites again", async () => {
    const dir = tempDir({ "index.hbs": "one" });
    const app = templatedApp(dir, [index], { profile: "release" });
    await expectResponse(await (await Client.untracked(app)).get("/").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "one",
    });
    const { writeFileSync } = await import("node:fs");
    writeFileSync(join(dir, "index.hbs"), "two");
    await expectResponse(await (await Client.untracked(app)).get("/").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "two",
    });
  });
});

describe("the Template sentinel", () => {
  it("aborts launch for every route declaring responds: Template without the fairing", async () => {
    const home = get({ uri: "/", responds: Template }, () => Template.render("index"));
    const about = get({ uri: "/about", responds: [Template] }, () => Template.render("about"));
    const meta = get("/meta", { t: TemplateMetadata }, ({ t }) => String(t.reloading));
    const app = build().configure({ log_level: "off" }).mount("/", [home, about, meta]);
    const e = await launchError(app, "sentinels");
    assert.deepEqual(e.problems, [
      `Template in (home) GET / (${home.declaredAt}): the Templating fairing is not attached: attach Template.fairing()`,
      `Template in (about) GET /about (${about.declaredAt}): the Templating fairing is not attached: attach Template.fairing()`,
      `TemplateMetadata in (meta) GET /meta (${meta.declaredAt}): the Templating fairing is not attached: attach Template.fairing()`,
    ]);
  });

  it("lets the app launch once the fairing is attached", async () => {
    const dir = tempDir({ "index.hbs": "hi" });
    const home = get({ uri: "/", responds: Template }, () => Template.render("index"));
    const res = await (await templatedClient(dir, [home])).get("/").dispatch();
    await expectResponse(res, { status: 200, contentType: TEXT, body: "hi" });
  });

  it("answers 500 with a precise log when a route returns a Template without declaring it or the fairing", async () => {
    const log = capture();
    const app = build().configure({ log_level: "critical", secret_key: SECRET }).logTo(log.sink);
    const client = await Client.untracked(app.mount("/", [index]));
    await expectDefaultCatcher(await client.get("/").dispatch(), 500);
    assert.deepEqual(log.err, [
      'Error: Template "index" cannot be rendered: the Templating fairing is not attached: attach Template.fairing().',
    ]);
  });

  it("refuses a responds option without a launch check at definition", () => {
    assert.throws(
      () => get({ uri: "/", responds: String as never }, () => "x"),
      /^TypeError: responds: String has no launch check \(a static `sentinel`\) \(declared at .*launch\.test\.ts:\d+\)$/,
    );
  });
});

describe("the launch log", () => {
  it("shows the fairing's kinds (request and shutdown in debug only) and the directory and engines", async () => {
    const dir = tempDir({ "index.hbs": "x", "page.html.j2": "y" });
    const debug = capture();
    await Client.untracked(templatedApp(dir, [], { log: debug, logLevel: "normal" }));
    assert.ok(
      debug.out.includes("   >> Templating (ignite, liftoff, request, shutdown)"),
      debug.out.join("\n"),
    );
    const at = debug.out.indexOf("Templating:");
    assert.deepEqual(debug.out.slice(at, at + 4), [
      "Templating:",
      `   >> directory: ${dir}`,
      "   >> engines: handlebars, nunjucks",
      "   >> reloading: on the next request after a change",
    ]);

    const release = capture();
    await Client.untracked(templatedApp(dir, [], { log: release, logLevel: "normal", profile: "release" }));
    assert.ok(release.out.includes("   >> Templating (ignite, liftoff)"), release.out.join("\n"));
    const r = release.out.indexOf("Templating:");
    assert.deepEqual(release.out.slice(r, r + 4), [
      "Templating:",
      `   >> directory: ${dir}`,
      "   >> engines: handlebars, nunjucks",
      "Apogee has launched locally",
    ]);
  });
});

describe("TemplateMetadata", () => {
  it("tells whether a template exists, whether they reload, and renders to a string", async () => {
    const dir = tempDir({ "index.html.hbs": "<b>{{name}}</b>" });
    const meta = get("/", { t: TemplateMetadata }, async ({ t }) => {
      const out = await t.render("index", { name: "n" });
      return `${t.contains("index")} ${t.contains("nope")} ${t.reloading} ${t.names.join(",")} ${out?.contentType} ${out?.body}`;
    });
    const res = await (await templatedClient(dir, [meta], { profile: "release" })).get("/").dispatch();
    await expectResponse(res, {
      status: 200,
      contentType: TEXT,
      body: "true false false index text/html; charset=utf-8 <b>n</b>",
    });
  });
});
