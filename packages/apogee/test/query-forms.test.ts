// Query strings parsed as forms (ROCKET.md §5, the seed's "Query Strings"): `<name>` gets the fields under `name`
// (first key shifted), `<rest..>` the remaining fields unshifted, leniently unless `strict(...)`; any failure
// forwards with 422.
import { describe, test } from "node:test";
import { z } from "zod";
import {
  array,
  bool,
  Client,
  choice,
  form,
  get,
  map,
  optional,
  type Route,
  result,
  str,
  strict,
  u8,
  usize,
} from "../src/index.ts";
import { expectText } from "./support/data.ts";
import { expectDefaultCatcher, quietApp } from "./support/local.ts";

function clientFor(...routes: Route<any, any, any, any>[]) {
  return Client.untracked(quietApp(routes));
}

const Task = form({ complete: bool, description: str });

describe("the seed's query Task", () => {
  const todo = get("/todo?<task>", { task: Task }, ({ task }) => `${task.complete}:${task.description}`);

  test("GET /todo?<task> parses the fields under `task`", async () => {
    const c = await clientFor(todo);
    await expectText(
      await c.get("/todo?task.description=buy+milk&task.complete=on").dispatch(),
      "true:buy milk",
    );
    await expectText(await c.get("/todo?task[description]=x&unrelated=1").dispatch(), "false:x");
  });

  test("a query that does not parse forwards with 422", async () => {
    const c = await clientFor(todo);
    await expectDefaultCatcher(await c.get("/todo?task.complete=on").dispatch(), 422);
    await expectDefaultCatcher(await c.get("/todo?task.description=x&task.complete=maybe").dispatch(), 422);
    await expectDefaultCatcher(await c.get("/todo").dispatch(), 422);
  });

  test("the forward lets the next route answer", async () => {
    const c = await clientFor(
      todo,
      get({ uri: "/todo", rank: 5 }, () => "no task"),
    );
    await expectText(await c.get("/todo?task.complete=on").dispatch(), "no task");
  });

  test("failures caught per field: result and optional fields", async () => {
    const Lax = form({ description: result(str), complete: optional(bool) });
    const c = await clientFor(
      get(
        "/todo?<task>",
        { task: Lax },
        ({ task }) => `${task.description.ok ? task.description.value : "no description"}|${task.complete}`,
      ),
    );
    await expectText(await c.get("/todo?task.complete=nope").dispatch(), "no description|undefined");
    await expectText(await c.get("/todo?task.description=x&task.complete=yes").dispatch(), "x|true");
  });

  test("failures caught per form: optional(Task) (parsed strictly) and result(Task)", async () => {
    const c = await clientFor(
      get("/o?<task>", { task: optional(Task) }, ({ task }) => (task ? task.description : "none")),
      get("/r?<task>", { task: result(Task) }, ({ task }) =>
        task.ok ? task.value.description : `${task.error}`,
      ),
    );
    await expectText(await c.get("/o?task.complete=on").dispatch(), "none");
    await expectText(await c.get("/o?task.description=d&task.complete=off").dispatch(), "d");
    // Option<T> parses T strictly (Rocket): the absent checkbox is missing, not false.
    await expectText(await c.get("/o?task.description=d").dispatch(), "none");
    await expectText(
      await c.get("/r?task.complete=x").dispatch(),
      "task.complete: provided string was not `true` or `false` (bool); task.description: the field is missing",
    );
  });

  test("strict(Task) opts in: an unknown field under `task` fails", async () => {
    const c = await clientFor(get("/s?<task>", { task: strict(Task) }, ({ task }) => task.description));
    await expectText(await c.get("/s?task.description=x&task.complete=no&other=1").dispatch(), "x");
    await expectDefaultCatcher(
      await c.get("/s?task.description=x&task.complete=no&task.extra=1").dispatch(),
      422,
    );
    await expectDefaultCatcher(await c.get("/s?task.description=x").dispatch(), 422);
  });
});

describe("ROCKET.md's ?<name>&<color>&<person>&<other> example", () => {
  const Color = choice("red", "green", "blue");
  const Pet = form({ name: str, age: usize });
  const Person = form({ pet: Pet });
  const hello = get(
    "/?<name>&<color>&<person>&<other>",
    { color: array(Color), person: Person, other: optional(usize) },
    ({ name, color, person, other }) =>
      `${name} ${color.join(",")} ${person.pet.name}/${person.pet.age} ${other}`,
  );

  test("accepts the documented query", async () => {
    const c = await clientFor(hello);
    const q =
      "/?name=George&color=red&color=green&person.pet.name=Fi+Fo+Alex&color=green&person.pet.age=1&color=blue&extra=yes";
    await expectText(await c.get(q).dispatch(), "George red,green,green,blue Fi Fo Alex/1 undefined");
  });

  test("a bad colour forwards with 422; `other` parses when present", async () => {
    const c = await clientFor(hello);
    await expectDefaultCatcher(
      await c.get("/?name=G&color=pink&person.pet.name=F&person.pet.age=1").dispatch(),
      422,
    );
    await expectText(
      await c.get("/?name=G&person.pet.name=F&person.pet.age=1&other=7").dispatch(),
      "G  F/1 7",
    );
  });
});

describe("<rest..> and static pairs", () => {
  test("<rest..> without an entry gets the remaining [name, value] pairs, unshifted", async () => {
    const c = await clientFor(
      get("/r?mode=x&<n>&<rest..>", { n: u8 }, ({ n, rest }) => `${n} ${JSON.stringify(rest)}`),
    );
    await expectText(
      await c.get("/r?mode=x&n=1&a.b=2&mode=y&n=3").dispatch(),
      '1 [["a.b","2"],["mode","y"]]',
    );
  });

  test("<rest..> with a form type parses the remaining fields", async () => {
    const c = await clientFor(
      get(
        "/r?<page>&<rest..>",
        { page: u8, rest: map(str) },
        ({ page, rest }) => `${page} ${JSON.stringify(rest)}`,
      ),
    );
    await expectText(
      await c.get("/r?page=2&filter[color]=red&sort=asc").dispatch(),
      '2 {"filter":"red","sort":"asc"}',
    );
  });

  test("fields equal to a static pair are skipped", async () => {
    const c = await clientFor(get("/s?kind=a&<kind>", ({ kind }) => `kind=${kind}`));
    await expectText(await c.get("/s?kind=a&kind=b").dispatch(), "kind=b");
  });

  test("a <rest..> form that fails forwards with 422", async () => {
    const c = await clientFor(get("/r?<rest..>", { rest: form({ n: u8 }) }, ({ rest }) => `${rest.n}`));
    await expectText(await c.get("/r?n=5").dispatch(), "5");
    await expectDefaultCatcher(await c.get("/r?n=500").dispatch(), 422);
  });
});

describe("a Standard Schema query form", () => {
  const Search = form(z.object({ q: z.string().min(1), page: z.coerce.number().int().default(1) }));
  const search = get("/search?<s>", { s: Search }, ({ s }) => `${s.q}@${s.page}`);

  test("validated asynchronously; issues forward with 422", async () => {
    const c = await clientFor(search);
    await expectText(await c.get("/search?s.q=rust&s.page=2").dispatch(), "rust@2");
    await expectText(await c.get("/search?s.q=ts").dispatch(), "ts@1");
    await expectDefaultCatcher(await c.get("/search?s.q=").dispatch(), 422);
  });
});
