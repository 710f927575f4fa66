// Template reload in the debug profile (ROCKET.md §7.7): the next request after a change sees it; new and nested
// templates appear; a broken edit keeps the previous templates; no reload outside debug.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { type Client, get } from "../../src/index.ts";
import { Template } from "../../src/templates/index.ts";
import { expectResponse, TEXT } from "../support/local.ts";
import { capture, eventually, tempDir, templatedClient } from "./support.ts";

const show = get("/<name>", ({ name }) => Template.render(name, { n: 1 }));

async function body(client: Client, path: string): Promise<string> {
  return (await client.get(path).dispatch()).text();
}

describe("template reload", () => {
  it("in debug, serves an edited template on the next request after the change", async () => {
    const dir = tempDir({ "page.hbs": "before {{n}}", "sub/other.hbs": "other" });
    const client = await templatedClient(dir, [show]);
    await expectResponse(await client.get("/page").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "before 1",
    });
    writeFileSync(join(dir, "page.hbs"), "after {{n}}");
    await eventually(async () => (await body(client, "/page")) === "after 1");
    await expectResponse(await client.get("/page").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "after 1",
    });
    await client.terminate();
  });

  it("in debug, picks up new templates, in new directories too, and runs the customisation again", async () => {
    const dir = tempDir({ "page.njk": "{{ n | twice }}" });
    let runs = 0;
    const fairing = Template.custom(({ nunjucks }) => {
      runs++;
      nunjucks.addFilter("twice", (n: number) => n * 2);
    });
    const client = await templatedClient(
      dir,
      [show, get("/deep/<name>", ({ name }) => Template.render(`new/${name}`))],
      {
        fairing,
      },
    );
    assert.equal(await body(client, "/page"), "2");
    assert.equal(runs, 1);
    mkdirSync(join(dir, "new"));
    writeFileSync(join(dir, "new/fresh.txt.njk"), "fresh {{ 2 | twice }}");
    await eventually(async () => (await client.get("/deep/fresh").dispatch()).status === 200);
    await expectResponse(await client.get("/deep/fresh").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "fresh 4",
    });
    assert.ok(runs >= 2, `customisation ran ${runs} times`);
    await client.terminate();
  });

  it("in debug, keeps the previous templates and logs why when an edit does not compile", async () => {
    const dir = tempDir({ "page.hbs": "good" });
    const log = capture();
    const client = await templatedClient(dir, [show], { log });
    assert.equal(await body(client, "/page"), "good");
    writeFileSync(join(dir, "page.hbs"), "{{#if}}");
    // The reload is tried by a request: each one still gets the previous template.
    await eventually(async () => (await body(client, "/page")) === "good" && log.err.length > 0);
    assert.equal(
      log.err[0],
      "Error: The templates changed but could not be reloaded; the previous ones stay active.",
    );
    assert.match(log.err[1] ?? "", /^ {3}>> page\.hbs: /);
    await client.terminate();
  });

  it("outside debug, never reloads", async () => {
    const dir = tempDir({ "page.hbs": "before" });
    const client = await templatedClient(dir, [show], { profile: "release" });
    assert.equal(await body(client, "/page"), "before");
    writeFileSync(join(dir, "page.hbs"), "after");
    // Time enough for a debug app to have reloaded (the test above waits for the same watcher event).
    await new Promise((r) => setTimeout(r, 300));
    await expectResponse(await client.get("/page").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "before",
    });
  });
});
