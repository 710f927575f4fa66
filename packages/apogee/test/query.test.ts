// Query strings (ROCKET.md §1.2, §1.3, §5): static pairs must be present; dynamic params parse leniently and
// forward with 422 when a required one fails; <rest..> takes what is left.
import { describe, test } from "node:test";
import { bool, get, optional, u8 } from "../src/index.ts";
import { clientFor, expectDefaultCatcher, expectResponse, JSON_TYPE, TEXT } from "./support/local.ts";

describe("static query pairs are required for a match", () => {
  const client = clientFor(get("/s?mode=fast&verbose", () => "matched"));

  test("present in order", async () => {
    await expectResponse(await (await client).get("/s?mode=fast&verbose").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "matched",
    });
  });

  test("present in any order, among other fields", async () => {
    await expectResponse(await (await client).get("/s?x=1&verbose&y=2&mode=fast").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "matched",
    });
  });

  test("compared after decoding (percent-escapes and '+')", async () => {
    await expectResponse(await (await client).get("/s?mod%65=f%61st&verbos%65").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "matched",
    });
  });

  test("a bare name matches 'name' and 'name=' (value '')", async () => {
    await expectResponse(await (await client).get("/s?mode=fast&verbose=").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "matched",
    });
  });

  test("a missing or different pair does not match: 404", async () => {
    await expectDefaultCatcher(await (await client).get("/s?mode=fast").dispatch(), 404);
    await expectDefaultCatcher(await (await client).get("/s?mode=slow&verbose").dispatch(), 404);
    await expectDefaultCatcher(await (await client).get("/s?verbose=1&mode=fast").dispatch(), 404);
    await expectDefaultCatcher(await (await client).get("/s").dispatch(), 404);
  });

  test("'+' in a request query is a space", async () => {
    const c = await clientFor(get("/q?who=a b", () => "spaced"));
    await expectResponse(await c.get("/q?who=a+b").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "spaced",
    });
    await expectResponse(await c.get("/q?who=a%20b").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "spaced",
    });
  });

  test("a route without a query matches requests with any query", async () => {
    const c = await clientFor(get("/plain", () => "plain"));
    await expectResponse(await c.get("/plain?x=1&y").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "plain",
    });
  });
});

describe("dynamic query parameters", () => {
  test("?<q> is a decoded string by default", async () => {
    const c = await clientFor(get("/?<q>", ({ q }) => `[${q}]`));
    await expectResponse(await c.get("/?q=a%20b+c").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "[a b c]",
    });
    await expectResponse(await c.get("/?q=").dispatch(), { status: 200, contentType: TEXT, body: "[]" });
    await expectResponse(await c.get("/?q").dispatch(), { status: 200, contentType: TEXT, body: "[]" });
  });

  test("a missing required parameter forwards with 422", async () => {
    const c = await clientFor(get("/?<q>", ({ q }) => `[${q}]`));
    await expectDefaultCatcher(await c.get("/").dispatch(), 422);
    await expectDefaultCatcher(await c.get("/?other=1").dispatch(), 422);
  });

  test("a typed parameter parses, and one that does not forwards with 422", async () => {
    const c = await clientFor(get("/?<n>", { n: u8 }, ({ n }) => `n=${n + 1}`));
    await expectResponse(await c.get("/?n=41").dispatch(), { status: 200, contentType: TEXT, body: "n=42" });
    await expectDefaultCatcher(await c.get("/?n=300").dispatch(), 422);
  });

  test("a failing query parameter forwards to the next route", async () => {
    const c = await clientFor(
      get("/?<n>", { n: u8 }, ({ n }) => `number ${n}`),
      get({ uri: "/?<n>", rank: 2 }, ({ n }) => `text ${n}`),
    );
    await expectResponse(await c.get("/?n=abc").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "text abc",
    });
  });

  test("bool: absent is false; '', on, yes, true are true; off, no, false are false; anything else forwards", async () => {
    const c = await clientFor(get("/?<flag>", { flag: bool }, ({ flag }) => `flag=${flag}`));
    const cases: [string, string][] = [
      ["/", "flag=false"],
      ["/?flag", "flag=true"],
      ["/?flag=", "flag=true"],
      ["/?flag=on", "flag=true"],
      ["/?flag=YES", "flag=true"],
      ["/?flag=true", "flag=true"],
      ["/?flag=off", "flag=false"],
      ["/?flag=no", "flag=false"],
      ["/?flag=False", "flag=false"],
    ];
    for (const [uri, body] of cases) {
      await expectResponse(await c.get(uri).dispatch(), { status: 200, contentType: TEXT, body });
    }
    await expectDefaultCatcher(await c.get("/?flag=maybe").dispatch(), 422);
  });

  test("optional: absent or unparsable is undefined, never a forward", async () => {
    const c = await clientFor(get("/?<n>", { n: optional(u8) }, ({ n }) => `n=${n}`));
    await expectResponse(await c.get("/").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "n=undefined",
    });
    await expectResponse(await c.get("/?n=x").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "n=undefined",
    });
    await expectResponse(await c.get("/?n=7").dispatch(), { status: 200, contentType: TEXT, body: "n=7" });
  });

  test("a scalar keeps the first of repeated fields", async () => {
    const c = await clientFor(get("/?<q>", ({ q }) => q));
    await expectResponse(await c.get("/?q=1&q=2").dispatch(), { status: 200, contentType: TEXT, body: "1" });
  });

  test("a field equal to a static pair is not fed to the dynamic parameter of the same name", async () => {
    const c = await clientFor(get("/?a=1&<a>", ({ a }) => `a=${a}`));
    await expectResponse(await c.get("/?a=1&a=2").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "a=2",
    });
    await expectDefaultCatcher(await c.get("/?a=1").dispatch(), 422);
  });

  test("path and query parameters together", async () => {
    const c = await clientFor(
      get("/hello/<name>?<greeting>", ({ name, greeting }) => `${greeting}, ${name}!`),
    );
    await expectResponse(await c.get("/hello/Ann?greeting=Hi").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "Hi, Ann!",
    });
  });
});

describe("<rest..> takes the remaining fields", () => {
  test("every field not taken by a static pair or another parameter, unshifted, decoded, in order", async () => {
    const c = await clientFor(get("/?x=1&<q>&<rest..>", ({ q, rest }) => ({ q, rest })));
    await expectResponse(await c.get("/?a=1&x=1&q=hi&b.c=2&q.sub=3&d&e=f%20g").dispatch(), {
      status: 200,
      contentType: JSON_TYPE,
      body: '{"q":"hi","rest":[["a","1"],["b.c","2"],["d",""],["e","f g"]]}',
    });
  });

  test("with no query, <rest..> is empty", async () => {
    const c = await clientFor(get("/?<rest..>", ({ rest }) => rest));
    await expectResponse(await c.get("/").dispatch(), { status: 200, contentType: JSON_TYPE, body: "[]" });
  });

  test("a static pair's field is excluded, but another value of the same name is kept", async () => {
    const c = await clientFor(get("/?mode=x&<rest..>", ({ rest }) => rest));
    await expectResponse(await c.get("/?mode=x&mode=y").dispatch(), {
      status: 200,
      contentType: JSON_TYPE,
      body: '[["mode","y"]]',
    });
  });
});
