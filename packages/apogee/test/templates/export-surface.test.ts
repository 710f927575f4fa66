import assert from "node:assert/strict";
import { test } from "node:test";
import * as templates from "../../src/templates/index.ts";

// apogee/templates is a curated list too: changing it is a decision.
test("apogee/templates exports exactly Template, TemplateInfo and TemplateMetadata", () => {
  assert.deepEqual(Object.keys(templates).sort(), ["Template", "TemplateInfo", "TemplateMetadata"]);
});
