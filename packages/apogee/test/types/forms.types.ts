// The handler's input inferred from forms, schemas and data guards; and the form mistakes that do not compile.

import {
  array,
  bool,
  type Capped,
  capped,
  choice,
  Data,
  type DataErrors,
  date,
  Form,
  field,
  form,
  get,
  Json,
  LenientForm,
  MsgPack,
  map,
  optional,
  post,
  type QueryFields,
  type Result,
  result,
  str,
  strict,
  TempFile,
  Text,
  u8,
  validate,
} from "apogee";
import * as v from "valibot";
import { z } from "zod";
import { type Equal, type Expect, expectEqual, type InputOf } from "./expect.ts";

// ---------------------------------------------------------------------------------------------------------------
// Forms

const Task = form({ complete: bool, description: str });
type TaskValue = { complete: boolean; description: string };

/** The seed's strict `Form<Task>`: the handler gets the struct. */
export const newTask = post({ uri: "/todo", data: "<task>" }, { task: Form(Task) }, ({ task }) => {
  expectEqual<typeof task, TaskValue>(true);
  return task.description;
});
export type NewTask = Expect<Equal<InputOf<typeof newTask>, { readonly task: TaskValue }>>;

/** `LenientForm<Task>` gives the same type. */
export const lenientTask = post(
  { uri: "/todo", data: "<task>" },
  { task: LenientForm(Task) },
  ({ task }) => task.description,
);
export type LenientTask = Expect<Equal<InputOf<typeof lenientTask>, { readonly task: TaskValue }>>;

/** A shape can be given to `Form` directly; fields of every kind have their value types. */
export const kinds = post(
  { uri: "/k", data: "<f>" },
  {
    f: Form({
      apiType: field(str, { name: "type" }),
      page: field(u8, { default: 1, validate: validate.range({ min: 1 }) }),
      color: choice("red", "green"),
      day: date,
      maybe: optional(u8),
      tried: result(u8),
      tags: array(str),
      scores: map(u8),
      pets: array(form({ name: str })),
      inline: { w: u8 },
      file: TempFile,
      tight: strict(Task),
      sub: optional(Task),
    }),
  },
  ({ f }) => f.apiType,
);
export type Kinds = Expect<
  Equal<
    InputOf<typeof kinds>["f"],
    {
      apiType: string;
      page: number;
      color: "red" | "green";
      day: string;
      maybe: number | undefined;
      tried: Result<number, import("apogee").ParamError>;
      tags: string[];
      scores: Record<string, number>;
      pets: { name: string }[];
      inline: { w: number };
      file: TempFile;
      tight: TaskValue;
      sub: TaskValue | undefined;
    }
  >
>;

/** `result(form)` hands over `DataErrors`. */
export const resultForm = post({ uri: "/r", data: "<t>" }, { t: Form({ sub: result(Task) }) }, ({ t }) => {
  expectEqual<typeof t.sub, Result<TaskValue, DataErrors>>(true);
  return "x";
});

/** A Standard Schema stands in for the form's shape: its output type. */
const Signup = z.object({ email: z.string(), age: z.coerce.number() });
export const signup = post({ uri: "/s", data: "<s>" }, { s: Form(Signup) }, ({ s }) => {
  expectEqual<typeof s, { email: string; age: number }>(true);
  return s.email;
});

// ---------------------------------------------------------------------------------------------------------------
// JSON, MsgPack, raw data

/** `Json(schema)` gives the schema's output type (zod and valibot). */
export const json = post(
  { uri: "/j", data: "<t>" },
  { t: Json(z.object({ n: z.number().optional() })) },
  ({ t }) => {
    expectEqual<typeof t, { n?: number | undefined }>(true);
    return "x";
  },
);
export const valibotJson = post(
  { uri: "/v", data: "<p>" },
  { p: Json(v.object({ x: v.number() })) },
  ({ p }) => {
    expectEqual<typeof p, { x: number }>(true);
    return "x";
  },
);

/** `Json()` is unknown; `Json<T>()` asserts a type. */
export const untyped = post({ uri: "/u", data: "<x>" }, { x: Json() }, ({ x }) => {
  expectEqual<typeof x, unknown>(true);
  return "x";
});
export const asserted = post({ uri: "/a", data: "<x>" }, { x: Json<TaskValue>() }, ({ x }) => x.description);

/** `MsgPack(schema)` like `Json`. */
export const msgpack = post({ uri: "/m", data: "<x>" }, { x: MsgPack(z.array(z.string())) }, ({ x }) => {
  expectEqual<typeof x, string[]>(true);
  return "x";
});

/** `Data`, `Text`, `capped(Text)`. */
export const raw = post({ uri: "/d", data: "<d>" }, { d: Data }, ({ d }) => {
  expectEqual<typeof d, Data>(true);
  return "x";
});
export const text = post({ uri: "/t", data: "<t>" }, { t: capped(Text) }, ({ t }) => {
  expectEqual<typeof t, Capped<string>>(true);
  return t.value;
});

// ---------------------------------------------------------------------------------------------------------------
// Query forms

/** The seed's query `Task`. */
export const queryTask = get("/todo?<task>", { task: Task }, ({ task }) => task.description);
export type QueryTask = Expect<Equal<InputOf<typeof queryTask>, { readonly task: TaskValue }>>;

/** `<rest..>` with a form type gets its value; without one, the pairs. */
export const restForm = get("/r?<rest..>", { rest: map(str) }, ({ rest }) => {
  expectEqual<typeof rest, Record<string, string>>(true);
  return "x";
});
export const restPairs = get("/r?<rest..>", ({ rest }) => {
  expectEqual<typeof rest, QueryFields>(true);
  return "x";
});

/** Per-form `optional(Task)` in the query. */
export const maybeTask = get(
  "/todo?<task>",
  { task: optional(Task) },
  ({ task }) => task?.description ?? "none",
);
export type MaybeTask = Expect<Equal<InputOf<typeof maybeTask>, { readonly task: TaskValue | undefined }>>;

// ---------------------------------------------------------------------------------------------------------------
// Mistakes that do not compile

// @ts-expect-error: `data: "<task>"` names a key the signature does not have
post({ uri: "/todo", data: "<task>" }, { body: Form(Task) }, () => "x");

// @ts-expect-error: a default of the wrong type for a string field
form({ name: field(str, { default: 5 }) });

// @ts-expect-error: a text validator on a number field
form({ age: field(u8, { validate: validate.contains("x") }) });

// @ts-expect-error: a range validator on a text field
form({ name: field(str, { validate: validate.range({ min: 1 }) }) });

// @ts-expect-error: the handler uses a boolean field as a string
post({ uri: "/t", data: "<task>" }, { task: Form(Task) }, ({ task }) => task.complete.toUpperCase());

// @ts-expect-error: a form type is not a path parameter's type
get("/todo/<task>", { task: Task }, () => "x");

// @ts-expect-error: a form type under a key that is neither in the query nor the data key
get("/todo", { task: Task }, () => "x");

// @ts-expect-error: `<rest..>` takes a form type, not a param type
get("/r?<rest..>", { rest: u8 }, () => "x");

// @ts-expect-error: a form field must be a param type, a form type or a field
form({ bad: 5 });

// Json of a value that is not a schema is the responder, which a signature refuses as a data guard.
// @ts-expect-error: the data key needs a data guard, and Json({ … }) of a plain object is a responder
post({ uri: "/j", data: "<j>" }, { j: Json({ parse: () => 1 }) }, () => "x");
