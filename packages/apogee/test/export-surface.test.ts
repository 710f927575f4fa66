import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import * as apogee from "../src/index.ts";

// The public API is a curated list. Changing it is a decision: update export-surface.txt in the same commit.
test("the package exports exactly the names in export-surface.txt", () => {
  const expected = readFileSync(new URL("./export-surface.txt", import.meta.url), "utf8")
    .trim()
    .split("\n");
  assert.deepEqual(Object.keys(apogee).sort(), expected);
});
