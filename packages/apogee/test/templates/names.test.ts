// Rocket's template naming (ROCKET.md §7.7): the path without the engine extension and the one before it.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { templateName } from "../../src/templates/discover.ts";

describe("template names", () => {
  it("drop the engine extension and the type extension before it", () => {
    assert.deepEqual(templateName("users/index.html.hbs"), {
      name: "users/index",
      engine: "handlebars",
      type: "html",
    });
    assert.deepEqual(templateName("index.hbs"), { name: "index", engine: "handlebars", type: undefined });
    assert.deepEqual(templateName("a.b.txt.njk"), { name: "a.b", engine: "nunjucks", type: "txt" });
    assert.deepEqual(templateName("mail/welcome.j2"), {
      name: "mail/welcome",
      engine: "nunjucks",
      type: undefined,
    });
  });

  it("look for the type in the file name only, never in a directory's", () => {
    assert.deepEqual(templateName("v1.2/index.hbs"), {
      name: "v1.2/index",
      engine: "handlebars",
      type: undefined,
    });
  });

  it("are not given to files of no engine, or to a bare extension", () => {
    assert.equal(templateName("index.html"), undefined);
    assert.equal(templateName("index.HBS"), undefined);
    assert.equal(templateName("index.tera"), undefined);
    assert.equal(templateName(".hbs"), undefined);
    assert.equal(templateName("dir/.hbs"), undefined);
  });

  it("keep a leading-dot inner part as part of the name", () => {
    assert.deepEqual(templateName(".x.hbs"), { name: ".x", engine: "handlebars", type: undefined });
  });
});
