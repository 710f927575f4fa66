import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { formatBytes, Limits } from "../src/config/limits.ts";

describe("limits", () => {
  test("the defaults are Rocket's, shown sorted in binary units", () => {
    assert.equal(
      String(new Limits()),
      "bytes = 8KiB, data-form = 2MiB, file = 1MiB, form = 32KiB, json = 1MiB, msgpack = 1MiB, string = 8KiB",
    );
  });

  test("configured limits merge over the defaults, names case-insensitive", () => {
    const limits = new Limits({ JSON: 2 * 1024 * 1024, "file/jpg": 5 * 1024 * 1024 });
    assert.equal(limits.get("json"), 2 * 1024 * 1024);
    assert.equal(limits.get("Json"), 2 * 1024 * 1024);
    assert.equal(limits.get("form"), 32 * 1024);
  });

  test("a hierarchical name falls back to its parent: file/png → file", () => {
    const limits = new Limits({ "file/jpg": 5 });
    assert.equal(limits.get("file/jpg"), 5);
    assert.equal(limits.get("file/png"), 1024 * 1024);
    assert.equal(limits.get("file/png/x"), 1024 * 1024);
    assert.equal(limits.get("nope"), undefined);
  });

  test("byte counts print in the largest exact binary unit", () => {
    assert.equal(formatBytes(1500), "1500B");
    assert.equal(formatBytes(1536), "1536B");
    assert.equal(formatBytes(2048), "2KiB");
    assert.equal(formatBytes(3 * 1024 * 1024 * 1024), "3GiB");
  });
});
