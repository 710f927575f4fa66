// Every example app's OpenAPI document, built from its routes alone, validates as OpenAPI 3.1.
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { describe, it } from "node:test";
import { validate } from "@readme/openapi-parser";
import type { Apogee } from "apogee";
import { openApiDocument } from "apogee/openapi";

const examples = new URL("../../", import.meta.url);
const names = readdirSync(examples).filter((name) => existsSync(new URL(`${name}/src/app.ts`, examples)));

describe("the OpenAPI documents of the examples", () => {
  it("finds the examples", () => {
    assert.ok(names.includes("api") && names.includes("hello") && names.length >= 6, names.join(", "));
  });

  for (const name of names) {
    it(`examples/${name}: the document validates`, async () => {
      const mod = (await import(new URL(`${name}/src/app.ts`, examples).href)) as { app: () => Apogee };
      const doc = await openApiDocument(mod.app());
      assert.ok(Object.keys(doc.paths).length > 0);
      assert.deepEqual(await validate(structuredClone(doc) as never), {
        valid: true,
        warnings: [],
        specification: "OpenAPI",
      });
    });
  }
});
