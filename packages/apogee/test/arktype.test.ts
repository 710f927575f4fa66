// arktype as a Standard Schema (DESIGN.md §4: zod 4, valibot and arktype): `Json(schema)`, `Form(schema)` /
// `form(schema)` for a body, and a query form, each typed by the schema's output, with its issues as errors.
import { describe, test } from "node:test";
import { type } from "arktype";
import { Client, Form, form, get, Json, LenientForm, post, type Route } from "../src/index.ts";
import { expectErrors, expectText, postForm } from "./support/data.ts";
import { expectDefaultCatcher, quietApp } from "./support/local.ts";

function clientFor(...routes: Route<any, any, any, any>[]) {
  return Client.untracked(quietApp(routes));
}

describe("Json(arktype schema)", () => {
  const Task = type({ description: "string > 0", complete: "boolean" });
  const task = post(
    { uri: "/todo", data: "<t>" },
    { t: Json(Task) },
    ({ t }) => `${t.complete ? "done" : "todo"}: ${t.description}`,
  );

  test("a valid body reaches the handler as the schema's output", async () => {
    const c = await clientFor(task);
    await expectText(
      await c.post("/todo").json({ description: "buy milk", complete: true }).dispatch(),
      "done: buy milk",
    );
  });

  test("every issue is a 422 error named by its path", async () => {
    const c = await clientFor(task);
    await expectErrors(await c.post("/todo").json({ description: 5 }).dispatch(), 422, [
      { name: "complete", code: "schema", message: "complete must be boolean (was missing)" },
      { name: "description", code: "schema", message: "description must be a string (was a number)" },
    ]);
  });

  test("a morph runs: the handler gets the parsed output", async () => {
    const Sum = type({ a: "string.numeric.parse", b: "string.numeric.parse" });
    const c = await clientFor(
      post({ uri: "/sum", data: "<s>" }, { s: Json(Sum) }, ({ s }) => `${s.a + s.b}`),
    );
    await expectText(await c.post("/sum").json({ a: "2", b: "40" }).dispatch(), "42");
  });
});

describe("form(arktype schema) as a body", () => {
  const Signup = type({
    name: "string > 0",
    age: "string.integer.parse",
    "tags?": "string[]",
    dims: { w: "string.numeric.parse", h: "string.numeric.parse" },
  });
  const signup = post({ uri: "/signup", data: "<s>" }, { s: Form(Signup) }, ({ s }) => JSON.stringify(s));

  test("the field tree is validated and morphed by the schema", async () => {
    const c = await clientFor(signup);
    await expectText(
      await postForm(c, "/signup", "name=Ada&age=36&tags[]=a&tags[]=b&dims.w=2&dims[h]=3.5"),
      '{"name":"Ada","age":36,"tags":["a","b"],"dims":{"w":2,"h":3.5}}',
    );
  });

  test("issues become 422 form errors named by field", async () => {
    const c = await clientFor(signup);
    await expectErrors(await postForm(c, "/signup", "name=&age=x&dims.w=1"), 422, [
      { name: "age", code: "schema", message: 'age must be a well-formed integer string (was "x")' },
      { name: "dims.h", code: "schema", message: "dims.h must be a string (was missing)" },
      { name: "name", code: "schema", message: "name must be non-empty" },
    ]);
  });

  test("form(schema) works in LenientForm too", async () => {
    const S = form(type({ q: "string" }));
    const c = await clientFor(post({ uri: "/s", data: "<s>" }, { s: LenientForm(S) }, ({ s }) => s.q));
    await expectText(await postForm(c, "/s", "q=rocket"), "rocket");
  });
});

describe("a query form with an arktype schema", () => {
  const Search = form(type({ q: "string > 0", "page?": "string.integer.parse" }));
  const search = get("/search?<s>", { s: Search }, ({ s }) => `${s.q}@${s.page ?? 1}`);

  test("parsed from the fields under `s`; an issue forwards with 422", async () => {
    const c = await clientFor(search);
    await expectText(await c.get("/search?s.q=rust&s.page=2").dispatch(), "rust@2");
    await expectText(await c.get("/search?s.q=ts").dispatch(), "ts@1");
    await expectDefaultCatcher(await c.get("/search?s.q=").dispatch(), 422);
    await expectDefaultCatcher(await c.get("/search?s.q=x&s.page=two").dispatch(), 422);
  });
});
