import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseAccept, parseAcceptStrict, preferredMediaType, preferredOf } from "../src/http/accept.ts";
import { MediaType } from "../src/http/media-type.ts";

function prefers(header: string, expected: string): void {
  assert.equal(preferredMediaType(header).toString(), MediaType.parse(expected)?.toString(), header);
}

describe("parseAccept", () => {
  test("comma-separated entries in order", () => {
    assert.deepEqual(parseAccept("text/html, application/json").map(String), [
      "text/html",
      "application/json",
    ]);
    assert.deepEqual(parseAccept("text/html; charset=utf-8; v=1,application/json").map(String), [
      "text/html; charset=utf-8; v=1",
      "application/json",
    ]);
  });

  test("commas inside quoted values do not split", () => {
    const [mt, next, ...rest] = parseAccept('*/*; a="x, y", text/plain');
    assert.equal(mt?.param("a"), "x, y");
    assert.equal(next?.toString(), "text/plain");
    assert.equal(rest.length, 0);
  });

  test("empty header → []", () => {
    assert.deepEqual(parseAccept(""), []);
    assert.deepEqual(parseAccept("  "), []);
    assert.deepEqual(parseAccept(","), []);
  });

  test("invalid and empty entries are skipped", () => {
    assert.deepEqual(
      parseAccept("text/html,, foo, a/b;, application/json; q=2, image/png;q=0.5 ,").map(String),
      ["text/html", "image/png; q=0.5"],
    );
  });

  test("parseAcceptStrict rejects the whole header on any invalid entry (as Rocket)", () => {
    assert.deepEqual(parseAcceptStrict("text/html, application/json")?.map(String), [
      "text/html",
      "application/json",
    ]);
    assert.deepEqual(parseAcceptStrict(""), []);
    assert.equal(parseAcceptStrict("text/html, foo"), undefined);
    assert.equal(parseAcceptStrict("text/html,,application/json"), undefined);
    assert.equal(parseAcceptStrict("text/html; q=1.5"), undefined);
    assert.deepEqual(parseAcceptStrict("text/html; q=0.12345")?.length, 1);
    assert.ok(
      parseAcceptStrict(
        "text/*;q=0.3, text/html;q=0.7, text/html;level=1, text/html;level=2;q=0.4, */*;q=0.5",
      ),
    );
  });
});

describe("preferredMediaType", () => {
  test("missing or empty header → */*", () => {
    assert.equal(preferredMediaType(undefined), MediaType.Any);
    assert.equal(preferredMediaType(""), MediaType.Any);
    assert.equal(preferredMediaType("garbage"), MediaType.Any);
    assert.equal(preferredOf([]), MediaType.Any);
  });

  test("the quirk: specificity wins even with a lower q", () => {
    prefers("*/*, text/html;q=0.1", "text/html;q=0.1");
    assert.ok(preferredMediaType("*/*, text/html;q=0.1").exactEquals(MediaType.HTML));
    prefers("*/*;q=1, text/html;q=0.1", "text/html;q=0.1");
    prefers("text/*;q=0.9, text/html;q=0.1", "text/html;q=0.1");
    prefers("text/html;q=0.1, */*", "*/*");
    prefers("text/html;q=0.1, */*;q=1", "*/*;q=1"); // rule 2 (greater q) precedes rule 3
  });

  test("rule 1: an entry without q beats one with q", () => {
    prefers("text/html;q=0.5, application/json", "application/json");
    prefers("text/html;q=1, application/json", "application/json");
    prefers("text/html; q=1, text/html", "text/html");
  });

  test("rule 2: greater q wins", () => {
    prefers("a/b; q=0.1, a/b; q=0.2", "a/b; q=0.2");
    prefers("a/b; q=0.1, b/c; q=0.2", "b/c; q=0.2");
    prefers("a/b; q=0.5, b/c; q=0.2", "a/b; q=0.5");
    prefers("application/json;q=0.3, text/html;q=0.9", "text/html;q=0.9");
    // An entry with q is never preferred over an earlier one without q by weight (default 1.0).
    prefers("text/html, application/json; q=1", "text/html");
  });

  test("rule 4: same type with more params wins", () => {
    prefers("a/b; v=1, a/b; v=1; c=2", "a/b; v=1; c=2");
    prefers("a/b; v=1; c=2, a/b; v=1", "a/b; v=1; c=2");
    prefers("a/b; q=0.5; v=1, a/b; q=0.5; v=1; c=2", "a/b; q=0.5; v=1; c=2");
    prefers("a/b; q=0.6; v=1, a/b; q=0.5; v=1; c=2", "a/b; q=0.6; v=1");
    prefers("a/b, c/d; x=1", "a/b");
    // Rocket compares weights too (`QMediaType ==`): different weights never tie-break on params.
    prefers("a/b; q=0.6; v=1, a/b; q=0.5; v=1; c=2", "a/b; q=0.6; v=1");
    prefers("a/b; q=0.5, a/b; q=0.5; v=1", "a/b; q=0.5; v=1");
  });

  test("Rocket's own test_preferred table", () => {
    const table: [string, string][] = [
      ["text/*", "text/*"],
      ["text/*, text/html", "text/html"],
      ["text/*; q=0.1, text/html", "text/html"],
      ["text/*; q=1, text/html", "text/html"],
      ["text/html, text/*", "text/html"],
      ["text/html, text/*; q=1", "text/html"],
      ["text/html; q=1, text/html", "text/html"],
      ["text/html, text/*; q=0.1", "text/html"],
      ["text/html, application/json", "text/html"],
      ["text/html, application/json; q=1", "text/html"],
      ["application/json; q=1, text/html", "text/html"],
      ["text/*, application/json", "application/json"],
      ["*/*, text/*", "text/*"],
      ["*/*, text/*, text/plain", "text/plain"],
      ["a/b; q=0.5, b/c; q=0.2, c/d", "c/d"],
      ["a/b; q=0.5; v=1, a/b", "a/b"],
    ];
    for (const [header, expected] of table) prefers(header, expected);
  });

  test("a weight only counts as the first parameter", () => {
    // `level=1; q=0.1` has no weight, so it is not beaten by rule 1 and q=0.1 does not apply.
    prefers("text/html; level=1; q=0.1, text/plain; q=0.9", "text/html; level=1; q=0.1");
  });

  test("typical browser header", () => {
    prefers(
      "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8",
      "text/html",
    );
    prefers("application/json, text/plain, */*", "application/json");
  });
});
