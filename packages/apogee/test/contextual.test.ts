// `contextual(T)` (ROCKET.md §4.6, Rocket's `Contextual<T>`): never fails; `value` when the form parsed, and a
// `FormState` with every submitted value and every error by field name (errors for `a.b` include those of `a`),
// Rocket's `push_error` for multipart problems, and the body's own failures still failing the request.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { z } from "zod";
import {
  bool,
  Client,
  type Contextual,
  contextual,
  Form,
  FormState,
  field,
  form,
  get,
  LenientForm,
  post,
  type Route,
  str,
  TempFile,
  u8,
  validate,
} from "../src/index.ts";
import { expectErrors, expectText, postForm, postMultipart } from "./support/data.ts";
import { expectDefaultCatcher, quietApp } from "./support/local.ts";

function clientFor(...routes: Route<any, any, any, any>[]) {
  return Client.untracked(quietApp(routes));
}

/** The value, the status and the whole state, as JSON. */
function show(f: Contextual<unknown>): string {
  return JSON.stringify({ value: f.value ?? null, status: f.context.status, context: f.context });
}

const Pet = form(
  { name: field(str, { validate: validate.len({ min: 1 }) }), age: u8 },
  { validate: (p) => (p.age > 30 ? "no pet is that old" : undefined) },
);
const Owner = form({ owner: str, subscribe: bool, pet: Pet });
const signup = post({ uri: "/signup", data: "<f>" }, { f: LenientForm(contextual(Owner)) }, ({ f }) =>
  show(f),
);

describe("contextual(T) in a body", () => {
  test("a form that parses: the value, every submitted value, no errors, status 200", async () => {
    const c = await clientFor(signup);
    await expectText(
      await postForm(c, "/signup", "owner=Ada&pet.name=Rex&pet[age]=3&extra=1&extra=2"),
      JSON.stringify({
        value: { owner: "Ada", subscribe: false, pet: { name: "Rex", age: 3 } },
        status: 200,
        context: {
          values: { owner: ["Ada"], "pet.name": ["Rex"], "pet[age]": ["3"], extra: ["1", "2"] },
          errors: {},
          data_fields: [],
          form_errors: [],
        },
      }),
    );
  });

  test("a form that fails is still handed over: no value, the raw values and every error by field", async () => {
    const c = await clientFor(signup);
    await expectText(
      await postForm(c, "/signup", "pet.name=&pet.age=old&subscribe=maybe"),
      JSON.stringify({
        value: null,
        status: 422,
        context: {
          values: { "pet.name": [""], "pet.age": ["old"], subscribe: ["maybe"] },
          errors: {
            owner: [{ name: "owner", code: "missing", message: "the field is missing" }],
            subscribe: [
              {
                name: "subscribe",
                code: "invalid",
                message: "provided string was not `true` or `false` (bool)",
              },
            ],
            "pet.name": [{ name: "pet.name", code: "length", message: "length must be at least 1, got 0" }],
            "pet.age": [{ name: "pet.age", code: "invalid", message: "invalid digit found in string (u8)" }],
          },
          data_fields: [],
          form_errors: [],
        },
      }),
    );
  });

  test("errors(name) has the field's errors and its parents', not its children's; names ignore separators", async () => {
    const c = await clientFor(
      post({ uri: "/p", data: "<f>" }, { f: LenientForm(contextual(Owner)) }, ({ f }) =>
        [
          f.context.errors("pet.age").map((e) => `${e.name}:${e.message}`),
          f.context.errors("pet[age]").length,
          f.context.errors("pet").map((e) => e.name),
          f.context.errors("owner").length,
          f.context.errors("").length,
          f.context.errors().map((e) => e.name),
          f.context.value("pet[name]"),
          f.context.values(".pet.name"),
          f.context.value("nothing"),
          f.context.fields(),
        ].join(" | "),
      ),
    );
    await expectText(
      await postForm(c, "/p", "owner=Ada&pet.name=Rex&pet.age=99&pet.name=Max"),
      "pet:no pet is that old | 1 | pet | 0 | 0 | pet | Rex | Rex,Max |  | owner,pet.name,pet.age",
    );
  });

  test("a strict form's unexpected and duplicate fields are errors in the context", async () => {
    const c = await clientFor(
      post({ uri: "/s", data: "<f>" }, { f: Form(contextual(form({ q: str }))) }, ({ f }) =>
        f.context
          .errors()
          .map((e) => `${e.name}=${e.code}`)
          .join(","),
      ),
    );
    await expectText(await postForm(c, "/s", "q=a&q=b&z=1&_method=POST"), "z=unexpected,q=duplicate");
  });

  test("a single-value form's unnamed errors are form errors", async () => {
    const c = await clientFor(
      post({ uri: "/one", data: "<f>" }, { f: Form(contextual(u8)) }, ({ f }) =>
        JSON.stringify(f.context.toJSON().form_errors),
      ),
    );
    await expectText(
      await postForm(c, "/one", "a=1&b=2"),
      '[{"name":null,"code":"duplicate","message":"the field was given more than once"}]',
    );
  });

  test("the handler adds its own errors (Rocket's push_error), which raise the status", async () => {
    const c = await clientFor(
      post({ uri: "/taken", data: "<f>" }, { f: LenientForm(contextual(Owner)) }, ({ f }) => {
        if (f.value?.owner === "root") f.context.pushError({ name: "owner", message: "that name is taken" });
        f.context.pushError({ name: null, message: "try again later", code: "custom", status: 503 });
        return `${f.context.status} ${f.context
          .errors("owner")
          .map((e) => `${e.code}:${e.message}`)
          .join()} ${f.context.errors().length}`;
      }),
    );
    await expectText(
      await postForm(c, "/taken", "owner=root&pet.name=R&pet.age=1"),
      "503 validation:that name is taken 2",
    );
  });

  test("a Standard Schema form: its issues are in the context", async () => {
    const S = z.object({ email: z.string().includes("@"), age: z.coerce.number().int() });
    const c = await clientFor(
      post({ uri: "/z", data: "<f>" }, { f: Form(contextual(S)) }, ({ f }) => show(f)),
    );
    await expectText(
      await postForm(c, "/z", "email=a%40b&age=36"),
      JSON.stringify({
        value: { email: "a@b", age: 36 },
        status: 200,
        context: { values: { email: ["a@b"], age: ["36"] }, errors: {}, data_fields: [], form_errors: [] },
      }),
    );
    const res = await postForm(c, "/z", "email=ab&age=x");
    const body = JSON.parse(await res.text());
    assert.equal(body.value, null);
    assert.equal(body.status, 422);
    assert.deepEqual(Object.keys(body.context.errors), ["email", "age"]);
    assert.equal(body.context.errors.age[0].message, "Invalid input: expected number, received NaN");
  });

  test("the body's own failures still fail: a wrong Content-Type forwards 415, an oversized body is 413", async () => {
    const c = await Client.untracked(quietApp([signup]).configure({ limits: { form: 8 } }));
    await expectDefaultCatcher(await c.post("/signup").body("owner=Ada").dispatch(), 415);
    await expectErrors(await postForm(c, "/signup", "owner=Ada"), 413, [
      { name: null, code: "tooLarge", message: "the body is larger than the `form` limit of 8 bytes" },
    ]);
  });
});

describe("contextual(T) in a multipart body", () => {
  const Upload = form({ title: str, file: TempFile });
  const upload = post({ uri: "/up", data: "<f>" }, { f: Form(contextual(Upload)) }, ({ f }) =>
    JSON.stringify({
      ok: f.value !== undefined,
      status: f.context.status,
      fields: f.context.fields(),
      errors: f.context.errors().map((e) => `${e.name}:${e.code}`),
      title: f.context.value("title"),
      file: f.context.values("file"),
    }),
  );

  test("data fields are listed by name, their content is not a value", async () => {
    const c = await clientFor(upload);
    const res = await postMultipart(c, "/up", [
      { name: "title", value: "T" },
      { name: "file", value: "data", fileName: "f.txt", contentType: "text/plain" },
    ]);
    await expectText(
      res,
      '{"ok":true,"status":200,"fields":["title","file"],"errors":[],"title":"T","file":[]}',
    );
  });

  test("problems found while reading the parts are errors in the context, not a failed request", async () => {
    const c = await Client.untracked(quietApp([upload]).configure({ limits: { "data-form": 120 } }));
    const res = await postMultipart(c, "/up", [
      { name: "title", value: "x".repeat(200) },
      { name: "file", value: "data", fileName: "f.txt", contentType: "text/plain" },
    ]);
    await expectText(
      res,
      '{"ok":false,"status":422,"fields":[],"errors":["title:missing","file:missing","null:tooLarge"],"file":[]}',
    );
  });
});

describe("contextual(T) in a query", () => {
  test("never forwards: the value or the errors", async () => {
    const c = await clientFor(
      get("/q?<t>", { t: contextual(form({ n: u8 })) }, ({ t }) =>
        t.value === undefined
          ? `bad ${t.context.values("t.n")} ${t.context.errors("t.n")[0]?.code}`
          : `n=${t.value.n}`,
      ),
    );
    await expectText(await c.get("/q?t.n=7").dispatch(), "n=7");
    await expectText(await c.get("/q?t.n=x").dispatch(), "bad x invalid");
    await expectText(await c.get("/q").dispatch(), "bad  missing");
  });
});

describe("FormState", () => {
  test("an empty state: no fields, no errors, status 200", () => {
    const s = new FormState();
    assert.deepEqual(s.fields(), []);
    assert.deepEqual(s.errors(), []);
    assert.equal(s.status, 200);
    assert.equal(JSON.stringify(s), '{"values":{},"errors":{},"data_fields":[],"form_errors":[]}');
  });

  test("values given under two spellings of one name are one field", () => {
    const s = new FormState([
      ["a.b", ["1"]],
      ["a[b]", ["2"]],
    ]);
    assert.deepEqual(s.values("a[b]"), ["1", "2"]);
    assert.deepEqual(s.fields(), ["a.b"]);
  });
});
