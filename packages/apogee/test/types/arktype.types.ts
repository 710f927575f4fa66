// arktype schemas type the handler's input like zod and valibot: `Json(schema)`, `Form(schema)`, a query form.

import { Form, form, get, Json, LenientForm, post } from "apogee";
import { type } from "arktype";
import { type Equal, type Expect, expectEqual, type InputOf } from "./expect.ts";

const Task = type({ description: "string", complete: "boolean", "tags?": "string[]" });
type TaskValue = { description: string; complete: boolean; tags?: string[] };

/** `Json(arktype)` gives the schema's output. */
export const json = post({ uri: "/j", data: "<t>" }, { t: Json(Task) }, ({ t }) => {
  expectEqual<typeof t, TaskValue>(true);
  return t.description;
});
export type JsonInput = Expect<Equal<InputOf<typeof json>, { readonly t: TaskValue }>>;

/** A morph's output, not its input: `string.numeric.parse` is a number to the handler. */
const Sum = type({ a: "string.numeric.parse" });
export const morph = post({ uri: "/m", data: "<s>" }, { s: Json(Sum) }, ({ s }) => {
  expectEqual<typeof s, { a: number }>(true);
  return `${s.a}`;
});

/** `Form(arktype)` and `LenientForm(form(arktype))`. */
const Signup = type({ name: "string", age: "string.integer.parse" });
export const body = post({ uri: "/f", data: "<s>" }, { s: Form(Signup) }, ({ s }) => {
  expectEqual<typeof s, { name: string; age: number }>(true);
  return s.name;
});
export const lenientBody = post({ uri: "/l", data: "<s>" }, { s: LenientForm(form(Signup)) }, ({ s }) => {
  expectEqual<typeof s, { name: string; age: number }>(true);
  return s.name;
});

/** A query form. */
export const query = get("/s?<s>", { s: form(Signup) }, ({ s }) => {
  expectEqual<typeof s, { name: string; age: number }>(true);
  return s.name;
});

// @ts-expect-error: the output's `age` is a number
post({ uri: "/x", data: "<s>" }, { s: Form(Signup) }, ({ s }) => s.age.toUpperCase());
