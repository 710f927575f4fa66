// Maps in forms (ROCKET.md §4.6, Rocket's `MapContext`): text keys `m[key]`/`m.key`, keys that are forms built
// with `m[k:id]…` beside `m[v:id]…`, `:` splitting indices inside a key, equal keys merged, every error with its
// full field name; the cases of Rocket's own form tests included.
import { describe, test } from "node:test";
import {
  array,
  Client,
  Form,
  form,
  get,
  LenientForm,
  map,
  post,
  type Route,
  str,
  u8,
  usize,
} from "../src/index.ts";
import { expectErrors, expectText, postForm } from "./support/data.ts";
import { expectDefaultCatcher, quietApp } from "./support/local.ts";

function clientFor(...routes: Route<any, any, any, any>[]) {
  return Client.untracked(quietApp(routes));
}

/** A `Map` as `[[key, value], …]` JSON. */
function entries(m: Map<unknown, unknown>): string {
  return JSON.stringify([...m]);
}

describe("text keys", () => {
  test("`[k]`, `.k` and `k` name keys at the top; a later value of a key is ignored (lenient)", async () => {
    const c = await clientFor(
      post({ uri: "/m", data: "<m>" }, { m: LenientForm(map(str)) }, ({ m }) => JSON.stringify(m)),
      post({ uri: "/v", data: "<m>" }, { m: LenientForm(map(array(str))) }, ({ m }) => JSON.stringify(m)),
    );
    const body = "[bob]=Robert&.j=Jack&s=Stan&[s]=Steve";
    await expectText(await postForm(c, "/m", body), '{"bob":"Robert","j":"Jack","s":"Stan"}');
    await expectText(await postForm(c, "/v", body), '{"bob":["Robert"],"j":["Jack"],"s":["Stan","Steve"]}');
  });

  test("a text-keyed map takes its keys from `k:` fields too", async () => {
    const c = await clientFor(
      post({ uri: "/m", data: "<f>" }, { f: Form(form({ m: map(u8) })) }, ({ f }) => JSON.stringify(f.m)),
    );
    await expectText(
      await postForm(c, "/m", "m[k:1]=alice&m[v:1]=3&m[bob]=5&m.K:2=carol&m[value:2]=7"),
      '{"alice":3,"bob":5,"carol":7}',
    );
  });

  test("`:` separates indices, so a text key with a colon is an error naming the field", async () => {
    const c = await clientFor(
      post({ uri: "/m", data: "<f>" }, { f: LenientForm(form({ m: map(str) })) }, ({ f }) =>
        JSON.stringify(f.m),
      ),
    );
    await expectErrors(await postForm(c, "/m", "m[12:30]=noon&m[ok]=1"), 422, [
      {
        name: "m[12:30]",
        code: "invalid",
        message:
          'the map index must be a key, or start with "k" (the key) or "v" (the value): k:<id>, v:<id>',
      },
    ]);
  });

  test("a field with no key after the map's name is a missing key, even when lenient", async () => {
    const c = await clientFor(
      post({ uri: "/m", data: "<f>" }, { f: LenientForm(form({ m: map(str) })) }, ({ f }) =>
        JSON.stringify(f.m),
      ),
    );
    await expectErrors(await postForm(c, "/m", "m=1&m[a]=2"), 422, [
      { name: "m", code: "missing", message: "the map key is missing" },
    ]);
  });

  test("a strict form's map with only bad fields reports them, not `missing`", async () => {
    const c = await clientFor(
      post({ uri: "/m", data: "<f>" }, { f: Form(form({ m: map(str) })) }, ({ f }) => JSON.stringify(f.m)),
    );
    await expectErrors(await postForm(c, "/m", "m=1"), 422, [
      { name: "m", code: "missing", message: "the map key is missing" },
    ]);
    await expectErrors(await postForm(c, "/m", ""), 422, [
      { name: "m", code: "missing", message: "the field is missing" },
    ]);
  });
});

describe("keys that are not text: map(K, V)", () => {
  test("a param-typed key parses each text key: map(u8, str) is a Map<number, string>", async () => {
    const c = await clientFor(
      post({ uri: "/m", data: "<f>" }, { f: Form(form({ m: map(u8, str) })) }, ({ f }) => entries(f.m)),
    );
    await expectText(await postForm(c, "/m", "m[1]=one&m[20]=twenty"), '[[1,"one"],[20,"twenty"]]');
    await expectErrors(await postForm(c, "/m", "m[abc]=x&m[7]=y&m[300]=z"), 422, [
      { name: "m[abc]", code: "invalid", message: "invalid digit found in string (u8)" },
      { name: "m[300]", code: "invalid", message: "number too large to fit in target type (u8)" },
    ]);
  });

  test("Rocket: [k:0]=5&[k:0]=3&[v:0]=20&[56]=2 as HashMap<Vec<&str>, usize>", async () => {
    const c = await clientFor(
      post({ uri: "/m", data: "<m>" }, { m: LenientForm(map(array(str), usize)) }, ({ m }) => entries(m)),
    );
    const expected = '[[["5","3"],20],[["56"],2]]';
    await expectText(await postForm(c, "/m", "[k:0]=5&[k:0]=3&[v:0]=20&[56]=2"), expected);
    // A text key of an entry that exists goes to its value; the key is only taken from the first field.
    await expectText(await postForm(c, "/m", "[k:0]=5&[k:0]=3&[0]=20&[56]=2"), expected);
  });

  test("Rocket: a tuple key built from `k:` fields, values pushed by `v:` and by the text id", async () => {
    const Pair = form({ 0: usize, 1: str });
    const c = await clientFor(
      post({ uri: "/m", data: "<m>" }, { m: LenientForm(map(Pair, array(str))) }, ({ m }) => entries(m)),
    );
    await expectText(
      await postForm(c, "/m", "[k:a]0=5&[a]=hi&[v:b][0]=10&[k:b].0=1&[k:b].1=hi&[a]=hey&[k:a]1=3"),
      '[[{"0":5,"1":"3"},["hi","hey"]],[{"0":1,"1":"hi"},["10"]]]',
    );
  });

  test("Rocket: Vec<HashMap<&str, usize>> groups by the first key", async () => {
    const c = await clientFor(
      post({ uri: "/m", data: "<m>" }, { m: LenientForm(array(map(usize))) }, ({ m }) => JSON.stringify(m)),
    );
    await expectText(
      await postForm(c, "/m", "[0][hi]=10&[0][hey]=12&[1][bob]=0&[1].blam=58&[].0=1&[].whoops=999"),
      '[{"hi":10,"hey":12},{"bob":0,"blam":58},{"0":1},{"whoops":999}]',
    );
  });

  const Point = form({ x: u8, y: u8 });
  const labels = post(
    { uri: "/labels", data: "<f>" },
    { f: Form(form({ labels: map(Point, str) })) },
    ({ f }) => entries(f.labels),
  );

  test("a struct key: `k:` fields build it, `v:` fields the value; any index starting with k/v, either case", async () => {
    const c = await clientFor(labels);
    await expectText(
      await postForm(
        c,
        "/labels",
        "labels[k:1].x=1&labels[k:1].y=2&labels[v:1]=A&labels[K:2][x]=3&labels.key:2.y=4&labels[Value:2]=B",
      ),
      '[[{"x":1,"y":2},"A"],[{"x":3,"y":4},"B"]]',
    );
  });

  test("keys equal as data are one entry: the later value replaces the earlier", async () => {
    const c = await clientFor(labels);
    await expectText(
      await postForm(
        c,
        "/labels",
        "labels[k:a].x=1&labels[k:a].y=2&labels[v:a]=first&labels[k:b].y=2&labels[k:b].x=1&labels[v:b]=second",
      ),
      '[[{"x":1,"y":2},"second"]]',
    );
  });

  test("every error is reported with its full field name: keys' errors, then values'", async () => {
    const c = await clientFor(labels);
    await expectErrors(
      await postForm(
        c,
        "/labels",
        "labels[k:1].x=1&labels[k:1].z=9&labels[v:1]=A&labels[v:1]=B&labels[q:2]=C&labels=D&labels[k:3].x=300&labels[k:3].y=1",
      ),
      422,
      [
        {
          name: "labels[q:2]",
          code: "invalid",
          message:
            'the map index must be a key, or start with "k" (the key) or "v" (the value): k:<id>, v:<id>',
        },
        { name: "labels", code: "missing", message: "the map key is missing" },
        { name: "labels[k:1].z", code: "unexpected", message: "the form has no such field" },
        { name: "labels[k:1].y", code: "missing", message: "the field is missing" },
        { name: "labels[k:3].x", code: "invalid", message: "number too large to fit in target type (u8)" },
        { name: "labels[v:1]", code: "duplicate", message: "the field was given more than once" },
        { name: "labels[k:3]", code: "missing", message: "the field is missing" },
      ],
    );
  });

  test("a struct key given only a text id cannot be built from it: the fields are missing", async () => {
    const c = await clientFor(labels);
    await expectErrors(await postForm(c, "/labels", "labels[p]=A"), 422, [
      { name: "labels[p]", code: "unexpected", message: "the form has no such field" },
      { name: "labels[p].x", code: "missing", message: "the field is missing" },
      { name: "labels[p].y", code: "missing", message: "the field is missing" },
    ]);
  });
});

describe("maps in the query", () => {
  test("?<m> with map(u8, str): text and built keys; a failure forwards with 422", async () => {
    const c = await clientFor(get("/q?<m>", { m: map(u8, str) }, ({ m }) => entries(m)));
    await expectText(await c.get("/q?m[1]=one&m[k:x]=2&m[v:x]=two").dispatch(), '[[1,"one"],[2,"two"]]');
    await expectText(await c.get("/q").dispatch(), "[]");
    await expectDefaultCatcher(await c.get("/q?m[one]=1").dispatch(), 422);
  });
});
