// Url-encoded forms (ROCKET.md §4.4–4.6, the seed's Requests page): strict `Form`, `LenientForm`, field types with
// Rocket's parse rules, renaming, defaults, validators, optional/result fields, nesting, collections, every error
// collected with its full name, and the status of §4.5.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { z } from "zod";
import {
  array,
  bool,
  Client,
  choice,
  date,
  datetime,
  Form,
  f64,
  fail,
  field,
  form,
  IpAddr,
  i32,
  LenientForm,
  lenient,
  map,
  optional,
  param,
  post,
  put,
  type Route,
  result,
  str,
  strict,
  time,
  u8,
  usize,
  validate,
} from "../src/index.ts";
import { expectErrors, expectText, FORM, postForm } from "./support/data.ts";
import { expectDefaultCatcher, quietApp } from "./support/local.ts";

function clientFor(...routes: Route<any, any, any, any>[]) {
  return Client.untracked(quietApp(routes));
}

// The seed's `Task`.
const Task = form({ complete: bool, description: str });
const show = (task: { complete: boolean; description: string }) => `${task.complete}:${task.description}`;

describe("the seed's Task form", () => {
  const strictNew = post({ uri: "/todo", data: "<task>" }, { task: Form(Task) }, ({ task }) => show(task));
  const lenientNew = post({ uri: "/lenient", data: "<task>" }, { task: LenientForm(Task) }, ({ task }) =>
    show(task),
  );

  test("Form<Task> parses a complete form", async () => {
    const c = await clientFor(strictNew);
    await expectText(await postForm(c, "/todo", "complete=on&description=buy+milk"), "true:buy milk");
    await expectText(await postForm(c, "/todo", "description=a%26b&complete=false"), "false:a&b");
  });

  test("Form<Task> is strict: an extra field and a missing one are 422, both reported", async () => {
    const c = await clientFor(strictNew);
    await expectErrors(await postForm(c, "/todo", "description=x&extra=1"), 422, [
      { name: "extra", code: "unexpected", message: "the form has no such field" },
      { name: "complete", code: "missing", message: "the field is missing" },
    ]);
  });

  test("Form<Task> is strict: a duplicate field is 422", async () => {
    const c = await clientFor(strictNew);
    await expectErrors(await postForm(c, "/todo", "complete=on&description=a&description=b"), 422, [
      { name: "description", code: "duplicate", message: "the field was given more than once" },
    ]);
  });

  test("LenientForm<Task> ignores extra fields and defaults an absent checkbox to false", async () => {
    const c = await clientFor(lenientNew);
    await expectText(await postForm(c, "/lenient", "description=x&extra=1"), "false:x");
    await expectText(await postForm(c, "/lenient", "description=a&description=b&complete"), "true:a");
  });

  test("LenientForm<Task> still needs fields without a default", async () => {
    const c = await clientFor(lenientNew);
    await expectErrors(await postForm(c, "/lenient", "complete=on"), 422, [
      { name: "description", code: "missing", message: "the field is missing" },
    ]);
  });

  test("a wrong or missing Content-Type forwards with 415", async () => {
    const c = await clientFor(strictNew);
    const json = await c.post("/todo").header("content-type", "application/json").body("{}").dispatch();
    await expectDefaultCatcher(json, 415);
    await expectDefaultCatcher(await c.post("/todo").body("complete=on&description=x").dispatch(), 415);
  });

  test("the 415 forward lets a lower-ranked route answer", async () => {
    const fallback = post({ uri: "/todo", rank: 5, data: "<t>" }, { t: optional(Form(Task)) }, ({ t }) =>
      t === undefined ? "not a form" : show(t),
    );
    const c = await clientFor(strictNew, fallback);
    await expectText(await c.post("/todo").body("x").dispatch(), "not a form");
  });

  test("optional(Form(Task)) catches a failure: undefined", async () => {
    const c = await clientFor(
      post({ uri: "/maybe", data: "<t>" }, { t: optional(Form(Task)) }, ({ t }) => (t ? show(t) : "none")),
    );
    await expectText(await postForm(c, "/maybe", "complete=maybe&description=x"), "none");
    await expectText(await postForm(c, "/maybe", "complete=yes&description=x"), "true:x");
  });

  test("result(Form(Task)) hands over the errors", async () => {
    const c = await clientFor(
      post({ uri: "/r", data: "<t>" }, { t: result(Form(Task)) }, ({ t }) =>
        t.ok ? show(t.value) : `${t.error.status} ${t.error}`,
      ),
    );
    await expectText(
      await postForm(c, "/r", "complete=maybe"),
      "422 complete: provided string was not `true` or `false` (bool); description: the field is missing",
    );
  });

  test("`_method` is always accepted by a strict form", async () => {
    const c = await clientFor(
      put({ uri: "/todo", data: "<task>" }, { task: Form(Task) }, ({ task }) => show(task)),
    );
    await expectText(await postForm(c, "/todo", "_method=PUT&complete=on&description=x"), "true:x");
  });

  test("a form body over the `form` limit is 413; exactly at it passes", async () => {
    const body = "complete=on&description=x";
    const c = await Client.untracked(quietApp([strictNew]).configure({ limits: { form: body.length } }));
    await expectText(await postForm(c, "/todo", body), "true:x");
    await expectErrors(await postForm(c, "/todo", `${body}y`), 413, [
      {
        name: null,
        code: "tooLarge",
        message: `the body is larger than the \`form\` limit of ${body.length} bytes`,
      },
    ]);
  });

  test("a body that is not UTF-8 is 400", async () => {
    const c = await clientFor(strictNew);
    const res = await c
      .post("/todo")
      .header("content-type", FORM)
      .body(new Uint8Array([0x61, 0x3d, 0xff]))
      .dispatch();
    await expectErrors(res, 400, [{ name: null, code: "utf8", message: "the form is not valid UTF-8" }]);
  });
});

describe("field renaming, the seed's External", () => {
  test('#[form(field = "type")]: the wire name `type` fills apiType', async () => {
    const External = form({ apiType: field(str, { name: "type" }) });
    const c = await clientFor(
      post({ uri: "/ext", data: "<e>" }, { e: Form(External) }, ({ e }) => e.apiType),
    );
    await expectText(await postForm(c, "/ext", "type=webhook"), "webhook");
    await expectErrors(await postForm(c, "/ext", "apiType=webhook"), 422, [
      { name: "apiType", code: "unexpected", message: "the form has no such field" },
      { name: "type", code: "missing", message: "the field is missing" },
    ]);
  });

  test("several names, and case-insensitive names", async () => {
    const F = form({
      kind: field(str, { name: ["kind", "type"] }),
      id: field(u8, { name: "ID", uncased: true }),
    });
    const c = await clientFor(
      post({ uri: "/f", data: "<f>" }, { f: Form(F) }, ({ f }) => `${f.kind} ${f.id}`),
    );
    await expectText(await postForm(c, "/f", "type=a&id=3"), "a 3");
    await expectText(await postForm(c, "/f", "kind=b&Id=4"), "b 4");
  });

  test("two fields claiming one name is an error at definition", () => {
    assert.throws(
      () => form({ a: field(str, { name: "x" }), b: field(str, { name: "x" }) }),
      /both claim the name "x"/,
    );
    assert.throws(
      () => form({ a: field(str, { name: "X", uncased: true }), x: str }),
      /both claim the name "x"/,
    );
  });
});

describe("the seed's AdultAge: a user-defined field type", () => {
  const AdultAge = param("AdultAge", (s) => {
    const age = usize.fromQuery(s);
    return typeof age === "number" && age >= 21 ? age : fail("must be a number of at least 21");
  });
  const Person = form({ age: AdultAge });
  const MaybePerson = form({ age: optional(AdultAge) });

  test("a valid age passes, a bad one fails the form with 422", async () => {
    const c = await clientFor(post({ uri: "/p", data: "<p>" }, { p: Form(Person) }, ({ p }) => `${p.age}`));
    await expectText(await postForm(c, "/p", "age=30"), "30");
    await expectErrors(await postForm(c, "/p", "age=12"), 422, [
      { name: "age", code: "invalid", message: "must be a number of at least 21 (AdultAge)" },
    ]);
  });

  test("Option<AdultAge> catches the failure", async () => {
    const c = await clientFor(
      post({ uri: "/p", data: "<p>" }, { p: Form(MaybePerson) }, ({ p }) => `${p.age}`),
    );
    await expectText(await postForm(c, "/p", "age=12"), "undefined");
    await expectText(await postForm(c, "/p", "age=22"), "22");
    await expectText(await postForm(c, "/p", ""), "undefined");
  });
});

describe("field value parsers (Rocket's FromFormField)", () => {
  const Fields = form({
    flag: bool,
    n: i32,
    x: f64,
    day: date,
    at: time,
    when: datetime,
    ip: IpAddr,
    color: choice("Red", "Green"),
  });
  const route = post({ uri: "/f", data: "<f>" }, { f: LenientForm(Fields) }, ({ f }) => JSON.stringify(f));
  const all = "n=-5&x=1.5e3&day=2024-02-29&at=9:05&when=2024-02-29T09:05:07&ip=%3A%3A1&color=green";

  test("every type parses its text", async () => {
    const c = await clientFor(route);
    await expectText(
      await postForm(c, "/f", `flag=YES&${all}`),
      '{"flag":true,"n":-5,"x":1500,"day":"2024-02-29","at":"09:05:00","when":"2024-02-29T09:05:07","ip":"::1","color":"Green"}',
    );
  });

  for (const [text, value] of [
    ["on", true],
    ["Yes", true],
    ["TRUE", true],
    ["", true],
    ["off", false],
    ["NO", false],
    ["false", false],
  ] as const) {
    test(`bool: ${JSON.stringify(text)} is ${value}`, async () => {
      const c = await clientFor(route);
      const res = await postForm(c, "/f", `flag=${text}&${all}`);
      assert.equal(JSON.parse(await res.text()).flag, value);
    });
  }

  test("bool: an absent checkbox is false (lenient)", async () => {
    const c = await clientFor(route);
    assert.equal(JSON.parse(await (await postForm(c, "/f", all)).text()).flag, false);
  });

  test("every bad value is reported at once, with Rocket's messages", async () => {
    const c = await clientFor(route);
    const bad =
      "flag=maybe&n=99999999999&x=1.2.3&day=2023-02-29&at=24:00&when=2024-01-01&ip=1.2.3&color=blue";
    await expectErrors(await postForm(c, "/f", bad), 422, [
      { name: "flag", code: "invalid", message: "provided string was not `true` or `false` (bool)" },
      { name: "n", code: "invalid", message: "number too large to fit in target type (i32)" },
      { name: "x", code: "invalid", message: "invalid float literal (f64)" },
      { name: "day", code: "invalid", message: "the day does not exist in that month (Date)" },
      { name: "at", code: "invalid", message: "the time is out of range (Time)" },
      { name: "when", code: "invalid", message: "expected YYYY-MM-DDTHH:MM[:SS] (DateTime)" },
      { name: "ip", code: "invalid", message: "invalid IP address syntax (IpAddr)" },
      { name: "color", code: "invalid", message: 'expected one of "Red", "Green" (choice)' },
    ]);
  });

  test("a single-value form takes the first field, whatever its name", async () => {
    const c = await clientFor(
      post({ uri: "/one", data: "<s>" }, { s: LenientForm(str) }, ({ s }) => s),
      post({ uri: "/strict-one", data: "<s>" }, { s: Form(str) }, ({ s }) => s),
    );
    await expectText(await postForm(c, "/one", "anything=Hello+world&other=x"), "Hello world");
    await expectText(await postForm(c, "/strict-one", "anything=Hello+world"), "Hello world");
    await expectErrors(await postForm(c, "/strict-one", "a=1&b=2"), 422, [
      { name: null, code: "duplicate", message: "the field was given more than once" },
    ]);
  });
});

describe("defaults and validators", () => {
  test("field(…, { default }) fills an absent field of a lenient form only", async () => {
    const F = form({ page: field(u8, { default: 1 }), q: str });
    const c = await clientFor(
      post({ uri: "/l", data: "<f>" }, { f: LenientForm(F) }, ({ f }) => `${f.q}@${f.page}`),
      post({ uri: "/s", data: "<f>" }, { f: Form(F) }, ({ f }) => `${f.q}@${f.page}`),
    );
    await expectText(await postForm(c, "/l", "q=x"), "x@1");
    await expectText(await postForm(c, "/l", "q=x&page=3"), "x@3");
    await expectErrors(await postForm(c, "/s", "q=x"), 422, [
      { name: "page", code: "missing", message: "the field is missing" },
    ]);
  });

  const Signup = form({
    name: field(str, { validate: validate.len({ min: 1, max: 8 }) }),
    bio: field(str, { validate: validate.len({ max: 5 }) }),
    age: field(u8, { validate: validate.range({ min: 18, max: 99 }) }),
    role: field(str, { validate: validate.oneOf(["admin", "user"]) }),
    email: field(str, { validate: [validate.contains("@"), validate.omits(" ")] }),
    code: field(str, { validate: validate.eq("XYZ") }),
    nick: field(str, { validate: validate.neq("root") }),
    even: field(u8, { validate: validate.with((n: number) => n % 2 === 0, "must be even") }),
  });
  const signup = post({ uri: "/signup", data: "<s>" }, { s: Form(Signup) }, ({ s }) => `welcome ${s.name}`);
  const good = "name=ada&bio=hi&age=36&role=admin&email=a%40b&code=XYZ&nick=ada&even=2";

  test("values that pass every validator reach the handler", async () => {
    const c = await clientFor(signup);
    await expectText(await postForm(c, "/signup", good), "welcome ada");
  });

  test("every failing validator is reported, named after its field", async () => {
    const c = await clientFor(signup);
    const bad = "name=&bio=hi&age=17&role=guest&email=a+b&code=ABC&nick=root&even=3";
    await expectErrors(await postForm(c, "/signup", bad), 422, [
      { name: "name", code: "length", message: "length must be from 1 to 8, got 0" },
      { name: "age", code: "range", message: "must be at least 18" },
      { name: "role", code: "validation", message: 'must be one of "admin", "user"' },
      { name: "email", code: "validation", message: 'must contain "@"' },
      { name: "email", code: "validation", message: 'must not contain " "' },
      { name: "code", code: "validation", message: 'must be "XYZ"' },
      { name: "nick", code: "validation", message: 'must not be "root"' },
      { name: "even", code: "validation", message: "must be even" },
    ]);
  });

  test("len with only a maximum fails with 413; with other errors the status is the highest code", async () => {
    const c = await clientFor(signup);
    await expectErrors(await postForm(c, "/signup", good.replace("bio=hi", "bio=toolong")), 413, [
      { name: "bio", code: "length", message: "length must be at most 5, got 7" },
    ]);
    await expectErrors(
      await postForm(c, "/signup", good.replace("bio=hi", "bio=toolong").replace("age=36", "age=5")),
      422,
      [
        { name: "bio", code: "length", message: "length must be at most 5, got 7" },
        { name: "age", code: "range", message: "must be at least 18" },
      ],
    );
  });

  test("len counts UTF-8 bytes, as Rocket's str::len", async () => {
    const F = form({ s: field(str, { validate: validate.len({ min: 1, max: 2 }) }) });
    const c = await clientFor(post({ uri: "/l", data: "<f>" }, { f: Form(F) }, ({ f }) => f.s));
    await expectText(await postForm(c, "/l", "s=%C3%A9"), "é");
    await expectErrors(await postForm(c, "/l", "s=%C3%A9e"), 422, [
      { name: "s", code: "length", message: "length must be from 1 to 2, got 3" },
    ]);
  });

  test("a form-level validator checks across fields once every field parsed", async () => {
    const Password = form(
      { password: str, confirm: str },
      {
        validate: (v) =>
          v.password === v.confirm ? undefined : { name: "confirm", message: "does not match" },
      },
    );
    const c = await clientFor(post({ uri: "/pw", data: "<p>" }, { p: Form(Password) }, () => "ok"));
    await expectText(await postForm(c, "/pw", "password=a&confirm=a"), "ok");
    await expectErrors(await postForm(c, "/pw", "password=a&confirm=b"), 422, [
      { name: "confirm", code: "validation", message: "does not match" },
    ]);
    await expectErrors(await postForm(c, "/pw", "password=a"), 422, [
      { name: "confirm", code: "missing", message: "the field is missing" },
    ]);
  });
});

describe("optional and result fields", () => {
  const F = form({ n: optional(u8), m: result(u8), flag: optional(bool) });
  const route = post(
    { uri: "/o", data: "<f>" },
    { f: Form(F) },
    ({ f }) => `${f.n} ${f.m.ok ? f.m.value : f.m.error.message} ${f.flag}`,
  );

  test("optional: undefined when absent or failing, even in a strict form", async () => {
    const c = await clientFor(route);
    await expectText(await postForm(c, "/o", "m=1"), "undefined 1 undefined");
    await expectText(await postForm(c, "/o", "n=300&m=2&flag=x"), "undefined 2 undefined");
    await expectText(await postForm(c, "/o", "n=3&m=2&flag=on"), "3 2 true");
  });

  test("result: the parse error is handed over", async () => {
    const c = await clientFor(route);
    await expectText(await postForm(c, "/o", "m=abc"), "undefined invalid digit found in string undefined");
    await expectText(await postForm(c, "/o", ""), "undefined missing query parameter undefined");
  });

  test("optional and result of a nested form", async () => {
    const Pet = form({ name: str, age: u8 });
    const Owner = form({ pet: optional(Pet), other: result(Pet) });
    const c = await clientFor(
      post(
        { uri: "/n", data: "<o>" },
        { o: LenientForm(Owner) },
        ({ o }) => `${o.pet?.name} ${o.other.ok ? o.other.value.name : o.other.error.toString()}`,
      ),
    );
    await expectText(
      await postForm(c, "/n", "pet.name=Fi&pet.age=1&other.name=Bo"),
      "Fi other.age: the field is missing",
    );
    await expectText(await postForm(c, "/n", "pet.name=Fi&other.name=Bo&other.age=2"), "undefined Bo");
  });
});

describe("nested forms, arrays and maps", () => {
  const Pet = form({ name: str, age: u8 });
  const Person = form({ name: str, pet: Pet, tags: array(str) });

  test("nested fields by `.` and by `[]`, with `a[b]c` ≡ `a[b].c`", async () => {
    const c = await clientFor(
      post({ uri: "/p", data: "<p>" }, { p: Form(Person) }, ({ p }) => JSON.stringify(p)),
    );
    await expectText(
      await postForm(c, "/p", "name=Ada&pet.name=Fi&pet%5Bage%5D=3&tags=a&tags=b"),
      '{"name":"Ada","pet":{"name":"Fi","age":3},"tags":["a","b"]}',
    );
    await expectText(
      await postForm(
        c,
        "/p",
        ".name=Ada&pet[name]=Fi&pet[age]3=&tags[]=x".replace("pet[age]3=", "pet[age]=3"),
      ),
      '{"name":"Ada","pet":{"name":"Fi","age":3},"tags":["x"]}',
    );
  });

  test("nested shapes may be written inline", async () => {
    const F = form({ dims: { w: u8, h: u8 } });
    const c = await clientFor(
      post({ uri: "/d", data: "<f>" }, { f: Form(F) }, ({ f }) => `${f.dims.w * f.dims.h}`),
    );
    await expectText(await postForm(c, "/d", "dims.w=3&dims.h=4"), "12");
  });

  test("every error is collected with its full name", async () => {
    const Cat = form({ name: str, nick: str });
    const Cats = form({ cats: array(Cat) });
    const c = await clientFor(
      post({ uri: "/c", data: "<c>" }, { c: Form(Cats) }, ({ c }) => `${c.cats.length}`),
    );
    await expectText(
      await postForm(c, "/c", "cats[0].name=A&cats[0].nick=a&cats[1].name=B&cats[1].nick=b"),
      "2",
    );
    await expectErrors(
      await postForm(c, "/c", "cats[0].name=A&cats[1].nick=b&cats[2].name=C&cats[2].x=1"),
      422,
      [
        { name: "cats[0].nick", code: "missing", message: "the field is missing" },
        { name: "cats[1].name", code: "missing", message: "the field is missing" },
        { name: "cats[2].x", code: "unexpected", message: "the form has no such field" },
        { name: "cats[2].nick", code: "missing", message: "the field is missing" },
      ],
    );
  });

  test("array grouping keys: the same key continues an element, `[]` always starts one", async () => {
    const F = form({ v: array(u8) });
    const c = await clientFor(post({ uri: "/v", data: "<f>" }, { f: LenientForm(F) }, ({ f }) => `${f.v}`));
    await expectText(await postForm(c, "/v", "v=1&v=2"), "1,2");
    await expectText(await postForm(c, "/v", "v[0]=1&v[0]=2&v[]=3"), "1,3");
    await expectText(await postForm(c, "/v", "v[a]=1&v[b]=2&v[a]=3"), "1,2,3");
    await expectText(await postForm(c, "/v", ""), "");
  });

  test("a strict form's empty array is missing", async () => {
    const F = form({ v: array(u8) });
    const c = await clientFor(post({ uri: "/v", data: "<f>" }, { f: Form(F) }, ({ f }) => `${f.v}`));
    await expectErrors(await postForm(c, "/v", ""), 422, [
      { name: "v", code: "missing", message: "the field is missing" },
    ]);
  });

  test("maps take `m[key]` and `m.key`; a `__proto__` key is only a key", async () => {
    const F = form({ m: map(u8), deep: map(form({ x: u8 })) });
    const c = await clientFor(
      post(
        { uri: "/m", data: "<f>" },
        { f: LenientForm(F) },
        ({ f }) => `${JSON.stringify(f.m)} ${JSON.stringify(f.deep)} ${Object.getPrototypeOf(f.m)}`,
      ),
    );
    await expectText(
      await postForm(c, "/m", "m[a]=1&m.b=2&deep[k].x=3&m[__proto__]=4"),
      '{"a":1,"b":2,"__proto__":4} {"k":{"x":3}} null',
    );
  });

  test("strict(...) and lenient(...) force the mode of a sub-form", async () => {
    const Inner = form({ a: u8 });
    const F = form({ loose: lenient(Inner), tight: strict(Inner) });
    const c = await clientFor(
      post({ uri: "/s", data: "<f>" }, { f: Form(F) }, ({ f }) => `${f.loose.a} ${f.tight.a}`),
      post({ uri: "/l", data: "<f>" }, { f: LenientForm(F) }, ({ f }) => `${f.loose.a} ${f.tight.a}`),
    );
    await expectText(await postForm(c, "/s", "loose.a=1&loose.z=9&tight.a=2"), "1 2");
    await expectErrors(await postForm(c, "/l", "loose.a=1&tight.a=2&tight.z=9"), 422, [
      { name: "tight.z", code: "unexpected", message: "the form has no such field" },
    ]);
  });
});

describe("a Standard Schema as the form's shape", () => {
  const Task = z.object({
    description: z.string().min(1),
    complete: z.stringbool().default(false),
    tags: z.array(z.string()).default([]),
    dims: z.object({ w: z.coerce.number(), h: z.coerce.number() }).optional(),
  });
  const route = post({ uri: "/z", data: "<t>" }, { t: Form(Task) }, ({ t }) => JSON.stringify(t));

  test("the field tree (strings, arrays, objects) is validated by the schema", async () => {
    const c = await clientFor(route);
    await expectText(
      await postForm(c, "/z", "description=x&complete=yes&tags=a&tags=b&dims.w=2&dims.h=3&_method=POST"),
      '{"description":"x","complete":true,"tags":["a","b"],"dims":{"w":2,"h":3}}',
    );
    await expectText(
      await postForm(c, "/z", "description=x&tags[]=only"),
      '{"description":"x","complete":false,"tags":["only"]}',
    );
  });

  test("indexed names become arrays in index order", async () => {
    const List = z.object({ items: z.array(z.object({ n: z.string() })) });
    const c = await clientFor(
      post({ uri: "/i", data: "<l>" }, { l: Form(List) }, ({ l }) => JSON.stringify(l)),
    );
    await expectText(await postForm(c, "/i", "items[1].n=b&items[0].n=a"), '{"items":[{"n":"a"},{"n":"b"}]}');
  });

  test("a schema form is a whole form: nesting or wrapping it is refused at definition", () => {
    const S = form(z.object({ a: z.string() }));
    assert.throws(() => form({ inner: S }), /a Standard Schema form can only be a whole form/);
    assert.throws(() => array(S), /a Standard Schema form can only be a whole form/);
    assert.throws(() => optional(S), /optional\(\)\/result\(\) cannot wrap a Standard Schema form/);
  });

  test("form(schema) may be given to Form like the schema itself", async () => {
    const S = form(z.object({ a: z.string() }));
    const c = await clientFor(post({ uri: "/s", data: "<s>" }, { s: Form(S) }, ({ s }) => s.a));
    await expectText(await postForm(c, "/s", "a=x"), "x");
  });

  test("the schema's issues become form errors named by path", async () => {
    const c = await clientFor(route);
    await expectErrors(await postForm(c, "/z", "description=&dims.w=x"), 422, [
      { name: "description", code: "schema", message: "Too small: expected string to have >=1 characters" },
      { name: "dims.w", code: "schema", message: "Invalid input: expected number, received NaN" },
      { name: "dims.h", code: "schema", message: "Invalid input: expected number, received NaN" },
    ]);
  });
});

describe("regression: a struct with a form-level validator was taken for a schema form", () => {
  const Range = form(
    { min: u8, max: u8 },
    { validate: (r) => (r.min <= r.max ? undefined : "min is above max") },
  );

  test("its value reaches the handler (the validator's result did)", async () => {
    const c = await clientFor(
      post({ uri: "/r", data: "<r>" }, { r: Form(Range) }, ({ r }) => JSON.stringify(r)),
    );
    await expectText(await postForm(c, "/r", "min=1&max=2"), '{"min":1,"max":2}');
  });

  test("it can be nested, and its error is named after it", async () => {
    const c = await clientFor(
      post({ uri: "/n", data: "<f>" }, { f: Form(form({ range: Range })) }, ({ f }) => JSON.stringify(f)),
    );
    await expectText(await postForm(c, "/n", "range.min=1&range.max=2"), '{"range":{"min":1,"max":2}}');
    await expectErrors(await postForm(c, "/n", "range.min=3&range.max=2"), 422, [
      { name: "range", code: "validation", message: "min is above max" },
    ]);
  });
});
