import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { collides, exactEquals, MediaType } from "../src/http/media-type.ts";

function parsed(text: string): MediaType {
  const mt = MediaType.parse(text);
  assert.ok(mt, `${JSON.stringify(text)} should parse`);
  return mt;
}

describe("MediaType.parseFormat: shorthands", () => {
  const cases: [string, string][] = [
    ["any", "*/*"],
    ["binary", "application/octet-stream"],
    ["bytes", "application/octet-stream"],
    ["html", "text/html; charset=utf-8"],
    ["plain", "text/plain; charset=utf-8"],
    ["text", "text/plain; charset=utf-8"],
    ["json", "application/json"],
    ["msgpack", "application/msgpack"],
    ["form", "application/x-www-form-urlencoded"],
    ["js", "text/javascript"],
    ["css", "text/css; charset=utf-8"],
    ["multipart", "multipart/form-data"],
    ["xml", "text/xml; charset=utf-8"],
    ["pdf", "application/pdf"],
    ["markdown", "text/markdown; charset=utf-8"],
    ["md", "text/markdown; charset=utf-8"],
  ];
  for (const [short, full] of cases) {
    test(`${short} → ${full}`, () => {
      assert.equal(MediaType.parseFormat(short)?.toString(), full);
      assert.equal(MediaType.parseFormat(short.toUpperCase())?.toString(), full);
      const mixed = short.charAt(0).toUpperCase() + short.slice(1);
      assert.equal(MediaType.parseFormat(mixed)?.toString(), full);
      assert.ok(MediaType.isKnown(MediaType.parseFormat(short)!));
    });
  }

  test("falls back to a full media type", () => {
    assert.equal(MediaType.parseFormat("application/x-person")?.toString(), "application/x-person");
    assert.equal(MediaType.parseFormat("Text/HTML; charset=utf-8")?.toString(), "text/html; charset=utf-8");
    assert.equal(MediaType.parseFormat("image/svg+xml")?.toString(), "image/svg+xml");
  });

  test("neither a shorthand nor a media type → undefined", () => {
    assert.equal(MediaType.parseFormat("foo"), undefined);
    assert.equal(MediaType.parseFormat("foo/bar/baz"), undefined);
    assert.equal(MediaType.parseFormat(""), undefined);
    assert.equal(MediaType.parseFormat("jsonn"), undefined);
  });
});

describe("MediaType.parse", () => {
  test("basic types, lower-cased", () => {
    const mt = parsed("Text/HTML");
    assert.equal(mt.top, "text");
    assert.equal(mt.sub, "html");
    assert.deepEqual(mt.params, []);
    assert.equal(parsed("a/b").toString(), "a/b");
    assert.equal(parsed("*/*").toString(), "*/*");
    assert.equal(parsed("*/json").toString(), "*/json");
    assert.equal(parsed("application/*; param=1").toString(), "application/*; param=1");
  });

  test("parameters in order, names lower-cased, values kept", () => {
    assert.deepEqual(parsed("text/html; a=b; b=c; c=d").params, [
      ["a", "b"],
      ["b", "c"],
      ["c", "d"],
    ]);
    assert.deepEqual(parsed("text/html;a=b;b=c;     c=d; d=e").params, [
      ["a", "b"],
      ["b", "c"],
      ["c", "d"],
      ["d", "e"],
    ]);
    assert.deepEqual(parsed("text/html; Charset=UTF-8").params, [["charset", "UTF-8"]]);
    assert.deepEqual(parsed("*/*; q=1; q=2; a=b;c=d;    e=f; a=s;a=e").params.length, 7);
    assert.deepEqual(parsed("multipart/form-data; boundary=----WebKitFormBoundarypRshfItmvaC3aEuq").params, [
      ["boundary", "----WebKitFormBoundarypRshfItmvaC3aEuq"],
    ]);
  });

  test("quoted values", () => {
    assert.deepEqual(parsed('*/*; a="hello, world!@#$%^&*();;hi"').params, [
      ["a", "hello, world!@#$%^&*();;hi"],
    ]);
    assert.deepEqual(parsed('application/json; a=";,;"; b=c').params, [
      ["a", ";,;"],
      ["b", "c"],
    ]);
    assert.deepEqual(parsed('*/*; hello="world !"').params, [["hello", "world !"]]);
    assert.deepEqual(parsed('a/b; x=""').params, [["x", ""]]);
    assert.deepEqual(parsed('a/b; x="say \\"hi\\" \\\\ bye"').params, [["x", 'say "hi" \\ bye']]);
    assert.equal(parsed('a/b; x="say \\"hi\\""').toString(), 'a/b; x="say \\"hi\\""');
    assert.equal(parsed('a/b; x="tok"').toString(), "a/b; x=tok");
  });

  test("whitespace tolerance", () => {
    assert.equal(parsed("  text/html  ").toString(), "text/html");
    assert.equal(parsed("\ttext/html;charset=utf-8\t").toString(), "text/html; charset=utf-8");
    assert.equal(parsed("text/html ; a=b ;c=d").toString(), "text/html; a=b; c=d");
  });

  test("invalid inputs → undefined", () => {
    const bad = [
      "",
      "   ",
      "text",
      "*&_/*)()",
      "/json",
      "text/",
      "text//",
      "/",
      "*/",
      "/*",
      "///",
      "application//json",
      "a/b/c",
      "a/b;",
      "*/*; a=b;;",
      "*/*; a=b;a",
      "*/*; a=b; ",
      "*/*; a=b;",
      "*/*; a = b",
      "*/*; a= b",
      "*/*; a =b",
      '*/*; a="b',
      '*/*; a="b; c=d',
      '*/*; a="b\\"',
      "*/*;a=@#$%^&*()",
      "*/*;;",
      "*/*;=;",
      "*/*=;",
      "*/*=;=",
      "text/html x",
      "tëxt/html",
      "text/html; a=b c",
    ];
    for (const text of bad) assert.equal(MediaType.parse(text), undefined, JSON.stringify(text));
  });
});

describe("MediaType properties", () => {
  test("specificity", () => {
    assert.equal(MediaType.Any.specificity, 0);
    assert.equal(parsed("text/*").specificity, 1);
    assert.equal(parsed("*/json").specificity, 1);
    assert.equal(MediaType.JSON.specificity, 2);
  });

  test("q: a leading q parameter, as Rocket reads weights", () => {
    assert.equal(parsed("text/html; q=0.5").q, 0.5);
    assert.equal(parsed("text/html;Q=0.3").q, 0.3);
    assert.equal(parsed("text/html; q=1").q, 1);
    assert.equal(parsed("text/html; q=0").q, 0);
    assert.equal(parsed("text/html; q=.5").q, 0.5);
    assert.equal(parsed('text/html; q="0.7"').q, 0.7);
    assert.equal(parsed("text/html").q, undefined);
    assert.equal(parsed("text/html; level=1; q=0.5").q, undefined, "only the first parameter counts");
    assert.equal(parsed("text/html; q=0.12345").q, undefined, "over 5 characters: no weight");
    assert.equal(parsed("text/html; q=0.12345").hasInvalidQ, false);
  });

  test("q: invalid weights", () => {
    for (const v of ["2", "1.01", "-0.5", "abc", "0.5x", "inf", "-inf", "1e"]) {
      const mt = parsed(`text/html; q=${v}`);
      assert.equal(mt.q, undefined, v);
      assert.equal(mt.hasInvalidQ, true, v);
    }
    assert.ok(Number.isNaN(parsed("text/html; q=NaN").q), "Rust parses nan");
  });

  test("param lookup", () => {
    const mt = parsed("text/html; charset=utf-8; a=1; a=2");
    assert.equal(mt.param("charset"), "utf-8");
    assert.equal(mt.param("CHARSET"), "utf-8");
    assert.equal(mt.param("a"), "1");
    assert.equal(mt.param("b"), undefined);
  });

  test("immutability", () => {
    const mt = parsed("text/html; a=b");
    assert.ok(Object.isFrozen(mt.params));
    assert.ok(Object.isFrozen(mt.params[0]));
  });

  test("constructor lower-cases parts and quotes as needed", () => {
    const mt = new MediaType("Application", "X-Person", [["Version", "1 2"]]);
    assert.equal(mt.toString(), 'application/x-person; version="1 2"');
  });
});

describe("known types", () => {
  test("constants render canonically", () => {
    assert.equal(MediaType.Any.toString(), "*/*");
    assert.equal(MediaType.JSON.toString(), "application/json");
    assert.equal(MediaType.HTML.toString(), "text/html; charset=utf-8");
    assert.equal(MediaType.Plain.toString(), "text/plain; charset=utf-8");
    assert.equal(MediaType.Form.toString(), "application/x-www-form-urlencoded");
    assert.equal(MediaType.FormData.toString(), "multipart/form-data");
    assert.equal(MediaType.JavaScript.toString(), "text/javascript");
    assert.equal(MediaType.SVG.toString(), "image/svg+xml");
    assert.equal(MediaType.Markdown.toString(), "text/markdown; charset=utf-8");
  });

  test("isKnown ignores params and case", () => {
    assert.ok(MediaType.isKnown(parsed("text/html")));
    assert.ok(MediaType.isKnown(parsed("TEXT/HTML; charset=latin1")));
    assert.ok(MediaType.isKnown(parsed("image/png")));
    assert.ok(MediaType.isKnown(parsed("text/event-stream")));
    assert.ok(MediaType.isKnown(MediaType.Any));
    assert.equal(MediaType.isKnown(parsed("application/x-person")), false);
    assert.equal(MediaType.isKnown(parsed("text/*")), false);
  });

  test("fromExtension", () => {
    assert.equal(MediaType.fromExtension("html"), MediaType.HTML);
    assert.equal(MediaType.fromExtension("HTM"), MediaType.HTML);
    assert.equal(MediaType.fromExtension("jpg"), MediaType.JPEG);
    assert.equal(MediaType.fromExtension("md"), MediaType.Markdown);
    assert.equal(MediaType.fromExtension("exe"), undefined);
  });
});

describe("collides / exactEquals", () => {
  test("collides with wildcards on either side, params ignored", () => {
    const yes: [string, string][] = [
      ["application/json", "application/json"],
      ["application/json; a=b", "Application/JSON; charset=x"],
      ["*/*", "text/html"],
      ["text/html", "*/*"],
      ["text/*", "text/html"],
      ["text/html", "text/*"],
      ["*/html", "text/html"],
      ["*/html", "text/*"],
      ["*/*", "*/*"],
    ];
    for (const [a, b] of yes) {
      assert.ok(collides(parsed(a), parsed(b)), `${a} vs ${b}`);
      assert.ok(parsed(a).collides(parsed(b)), `${a} vs ${b}`);
    }
    const no: [string, string][] = [
      ["application/json", "text/html"],
      ["application/json", "application/xml"],
      ["text/*", "application/json"],
      ["*/html", "text/plain"],
    ];
    for (const [a, b] of no) assert.equal(collides(parsed(a), parsed(b)), false, `${a} vs ${b}`);
  });

  test("exactEquals compares top/sub only", () => {
    assert.ok(exactEquals(parsed("text/html"), MediaType.HTML));
    assert.ok(parsed("TEXT/html; a=b").exactEquals(parsed("text/HTML")));
    assert.equal(exactEquals(parsed("text/*"), MediaType.HTML), false);
    assert.ok(exactEquals(MediaType.Binary, MediaType.Bytes));
  });
});
