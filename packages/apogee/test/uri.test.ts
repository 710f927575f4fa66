import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { FAST_PATHS } from "../src/http/fast-paths.ts";
import {
  decodePathSegment,
  decodeQueryComponent,
  isValidOriginTarget,
  normalizeBase,
  normalizeMountBase,
  parseQueryPairs,
  splitPath,
} from "../src/http/uri.ts";

describe("decodePathSegment", () => {
  test("no % → the input itself", () => {
    assert.equal(decodePathSegment("hello"), "hello");
    assert.equal(decodePathSegment(""), "");
    assert.equal(decodePathSegment("a+b"), "a+b");
  });

  test("%XX decoded, UTF-8", () => {
    assert.equal(decodePathSegment("a%20b"), "a b");
    assert.equal(decodePathSegment("%E2%82%AC"), "€");
    assert.equal(decodePathSegment("%e2%82%ac"), "€");
    assert.equal(decodePathSegment("%F0%9F%9A%80"), "🚀");
    assert.equal(decodePathSegment("%2F"), "/");
    assert.equal(decodePathSegment("%25"), "%");
    assert.equal(decodePathSegment("%EF%BB%BFx"), "\uFEFFx", "a leading BOM is kept");
  });

  test("lossy: invalid UTF-8 → U+FFFD", () => {
    assert.equal(decodePathSegment("%FF"), "\uFFFD");
    assert.equal(decodePathSegment("a%FFb"), "a\uFFFDb");
    assert.equal(decodePathSegment("%E2%82"), "\uFFFD");
    assert.equal(decodePathSegment("%C3%28"), "\uFFFD(");
    assert.equal(decodePathSegment("%C0%AF"), "\uFFFD\uFFFD");
  });

  test("% without two hex digits stays literal", () => {
    assert.equal(decodePathSegment("%zz"), "%zz");
    assert.equal(decodePathSegment("%"), "%");
    assert.equal(decodePathSegment("a%"), "a%");
    assert.equal(decodePathSegment("%4"), "%4");
    assert.equal(decodePathSegment("%4g"), "%4g");
    assert.equal(decodePathSegment("%%41"), "%A");
    assert.equal(decodePathSegment("100%%20"), "100% ");
  });

  test("+ is kept in paths", () => {
    assert.equal(decodePathSegment("a+b%20c"), "a+b c");
    assert.equal(decodePathSegment("%2B"), "+");
  });

  test("non-ASCII input is carried through", () => {
    assert.equal(decodePathSegment("süper%20x"), "süper x");
    assert.equal(decodePathSegment("🚀%21"), "🚀!");
    assert.equal(decodePathSegment("\uD800%21"), "\uFFFD!", "a lone surrogate becomes U+FFFD");
  });
});

describe("decodeQueryComponent", () => {
  test("+ → space, then percent-decoding", () => {
    assert.equal(decodeQueryComponent("a+b"), "a b");
    assert.equal(decodeQueryComponent("a+b%20c"), "a b c");
    assert.equal(decodeQueryComponent("%2B"), "+");
    assert.equal(decodeQueryComponent("1%2B1+%3D+2"), "1+1 = 2");
    assert.equal(decodeQueryComponent("%FF+"), "\uFFFD ");
    assert.equal(decodeQueryComponent("%zz+"), "%zz ");
    assert.equal(decodeQueryComponent("plain"), "plain");
  });
});

describe("splitPath", () => {
  test("empty segments are dropped", () => {
    assert.deepEqual(splitPath("/hello"), { raw: ["hello"], decoded: ["hello"] });
    assert.deepEqual(splitPath("/hello/"), { raw: ["hello"], decoded: ["hello"] });
    assert.deepEqual(splitPath("//hello//"), { raw: ["hello"], decoded: ["hello"] });
    assert.deepEqual(splitPath("/"), { raw: [], decoded: [] });
    assert.deepEqual(splitPath(""), { raw: [], decoded: [] });
    assert.deepEqual(splitPath("/a//b/c"), { raw: ["a", "b", "c"], decoded: ["a", "b", "c"] });
  });

  test("raw and decoded at the same indices", () => {
    assert.deepEqual(splitPath("/a%20b//c+d/%FF/%2F"), {
      raw: ["a%20b", "c+d", "%FF", "%2F"],
      decoded: ["a b", "c+d", "\uFFFD", "/"],
    });
  });
});

describe("parseQueryPairs", () => {
  test("split on &, empties dropped, first = splits", () => {
    assert.deepEqual(parseQueryPairs("a=1&&b&c=x=y"), [
      ["a", "1"],
      ["b", ""],
      ["c", "x=y"],
    ]);
    assert.deepEqual(parseQueryPairs(""), []);
    assert.deepEqual(parseQueryPairs("&&&"), []);
    assert.deepEqual(parseQueryPairs("="), [["", ""]]);
    assert.deepEqual(parseQueryPairs("=v&k="), [
      ["", "v"],
      ["k", ""],
    ]);
  });

  test("names and values URL-decoded", () => {
    assert.deepEqual(parseQueryPairs("na+me=va+l%21&q=%E2%82%AC&x=%FF&a%3Db=c%26d"), [
      ["na me", "va l!"],
      ["q", "€"],
      ["x", "\uFFFD"],
      ["a=b", "c&d"],
    ]);
  });
});

describe("isValidOriginTarget", () => {
  test("valid targets", () => {
    const valid = [
      "/",
      "/a/b",
      "/hello?name=x&y=2",
      "/?",
      "/a?b?c",
      "/a?b/c",
      "/a%20b",
      "/%zz",
      "/%",
      "//a//",
      "/a-b_c.d~e!$&'()*+,;=:@",
      "/a/[x]",
      "/a?[x]",
      "/a?x={y}|z^w`v\\u",
    ];
    for (const t of valid) assert.equal(isValidOriginTarget(t), true, JSON.stringify(t));
  });

  test("invalid targets", () => {
    const invalid = [
      "",
      "a/b",
      "*",
      "http://example.com/",
      "/a b",
      "/a\tb",
      "/a\u0000",
      "/a\u007f",
      "/ü",
      "/a?ü",
      "/a#frag",
      "/a?b#frag",
      "/<a>",
      "/a?<b>",
      '/a"b',
      '/a?"b"',
      "/a{b}",
      "/a|b",
      "/a^b",
      "/a`b",
      "/a\\b",
    ];
    for (const t of invalid) assert.equal(isValidOriginTarget(t), false, JSON.stringify(t));
  });
});

describe("normalizeBase", () => {
  test("normalizes", () => {
    assert.equal(normalizeBase("/"), "/");
    assert.equal(normalizeBase("//"), "/");
    assert.equal(normalizeBase("/api"), "/api");
    assert.equal(normalizeBase("/api/"), "/api");
    assert.equal(normalizeBase("//a//b///"), "/a/b");
    assert.equal(normalizeBase("/a%20b/"), "/a%20b");
  });

  test("the query is split off", () => {
    assert.equal(normalizeBase("/a/?x=1"), "/a");
    assert.deepEqual(normalizeMountBase("/a/?x=1"), { path: "/a", query: "x=1" });
    assert.deepEqual(normalizeMountBase("/?"), { path: "/", query: "" });
    assert.deepEqual(normalizeMountBase("/a"), { path: "/a", query: undefined });
  });

  test("rejects bases not starting with /, dynamic or invalid", () => {
    assert.throws(() => normalizeBase(""), { name: "TypeError", message: /must start with '\/'/ });
    assert.throws(() => normalizeBase("api"), { name: "TypeError", message: /must start with '\/'/ });
    assert.throws(() => normalizeBase("/<id>"), { name: "TypeError", message: /dynamic/ });
    assert.throws(() => normalizeBase("/a/<b..>"), TypeError);
    assert.throws(() => normalizeBase("/a b"), { name: "TypeError", message: /not a valid origin URI/ });
    assert.throws(() => normalizeBase("/süper"), TypeError);
  });
});

describe("properties", () => {
  const anyText = fc.string({ unit: "binary" }); // any code points, no lone surrogates
  const anyUnits = fc.string({
    unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  });
  const pathish = fc.string({ unit: fc.constantFrom("/", "/", "a", "b", "%", "2", "F", "f", "+", "é", " ") });

  test("decodeQueryComponent(encodeURIComponent(s)) === s", () => {
    fc.assert(
      fc.property(anyText, (s) => {
        assert.equal(decodeQueryComponent(encodeURIComponent(s)), s);
        assert.equal(decodePathSegment(encodeURIComponent(s)), s);
      }),
    );
  });

  test("the decodeURIComponent fast path decodes exactly as the lossy byte decoder does", () => {
    const escapes = fc.string({
      unit: fc.constantFrom(..."%20FfEeC8AaD+/xé", "\ud800"),
    });
    fc.assert(
      fc.property(fc.oneof(escapes, anyUnits, anyText.map(encodeURIComponent)), (s) => {
        const was = FAST_PATHS.enabled;
        FAST_PATHS.enabled = true;
        const fast = [decodePathSegment(s), decodeQueryComponent(s)];
        FAST_PATHS.enabled = false;
        try {
          assert.deepEqual(fast, [decodePathSegment(s), decodeQueryComponent(s)]);
        } finally {
          FAST_PATHS.enabled = was;
        }
      }),
      { numRuns: 3000 },
    );
  });

  test("decoding never throws, even on lone surrogates", () => {
    fc.assert(
      fc.property(fc.oneof(anyUnits, pathish), (s) => {
        decodePathSegment(s);
        decodeQueryComponent(s);
      }),
    );
  });

  test("splitPath never yields empty segments; raw and decoded line up", () => {
    fc.assert(
      fc.property(fc.oneof(pathish, anyUnits), (path) => {
        const { raw, decoded } = splitPath(path);
        assert.equal(raw.length, decoded.length);
        for (const seg of raw) {
          assert.ok(seg.length > 0);
          assert.ok(!seg.includes("/"));
        }
        assert.deepEqual(
          raw,
          path.split("/").filter((s) => s !== ""),
        );
        raw.forEach((seg, i) => {
          assert.equal(decoded[i], decodePathSegment(seg));
        });
      }),
    );
  });

  test("parseQueryPairs never throws and drops only empty pieces", () => {
    const queryish = fc.string({ unit: fc.constantFrom("&", "=", "a", "%", "2", "0", "+", "ü") });
    fc.assert(
      fc.property(fc.oneof(queryish, anyUnits), (query) => {
        const pairs = parseQueryPairs(query);
        assert.equal(pairs.length, query.split("&").filter((s) => s !== "").length);
      }),
    );
  });

  test("isValidOriginTarget agrees with a reference model", () => {
    const pathChar = /[A-Za-z0-9\-._~%!$&'()*+,;=:@/[\]]/;
    const queryChar = /[A-Za-z0-9\-._~%!$&'()*+,;=:@/?[\]{}\\^`|]/;
    const model = (t: string): boolean => {
      if (!t.startsWith("/")) return false;
      const q = t.indexOf("?");
      const path = q === -1 ? t : t.slice(0, q);
      const query = q === -1 ? "" : t.slice(q + 1);
      return [...path].every((c) => pathChar.test(c)) && [...query].every((c) => queryChar.test(c));
    };
    const ascii = fc.string({ unit: fc.integer({ min: 0, max: 0x80 }).map((c) => String.fromCharCode(c)) });
    fc.assert(
      fc.property(
        fc.oneof(
          ascii,
          ascii.map((s) => "/" + s),
        ),
        (t) => {
          assert.equal(isValidOriginTarget(t), model(t), JSON.stringify(t));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
