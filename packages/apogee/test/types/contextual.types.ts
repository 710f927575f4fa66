// `contextual(T)` gives `{ value: T | undefined, context: FormState }`, as a body and as a query form.

import {
  bool,
  type Contextual,
  contextual,
  Form,
  type FormState,
  form,
  get,
  LenientForm,
  post,
  str,
} from "apogee";
import { z } from "zod";
import { type Equal, type Expect, expectEqual, type InputOf } from "./expect.ts";

const Task = form({ complete: bool, description: str });
type TaskValue = { complete: boolean; description: string };

/** A struct form. */
export const body = post({ uri: "/t", data: "<t>" }, { t: LenientForm(contextual(Task)) }, ({ t }) => {
  expectEqual<typeof t.value, TaskValue | undefined>(true);
  expectEqual<typeof t.context, FormState>(true);
  return t.value?.description ?? t.context.values("description").join(",");
});
export type Body = Expect<Equal<InputOf<typeof body>, { readonly t: Contextual<TaskValue> }>>;

/** A shape and a Standard Schema are taken as `Form` takes them. */
export const shape = post({ uri: "/s", data: "<s>" }, { s: Form(contextual({ n: str })) }, ({ s }) => {
  expectEqual<typeof s.value, { n: string } | undefined>(true);
  return "x";
});
export const schema = post(
  { uri: "/z", data: "<s>" },
  { s: Form(contextual(z.object({ q: z.string() }))) },
  ({ s }) => {
    expectEqual<typeof s.value, { q: string } | undefined>(true);
    return "x";
  },
);

/** A query form. */
export const query = get("/q?<t>", { t: contextual(Task) }, ({ t }) => {
  expectEqual<typeof t, Contextual<TaskValue>>(true);
  return "x";
});

// @ts-expect-error: the value may be undefined
post({ uri: "/u", data: "<t>" }, { t: Form(contextual(Task)) }, ({ t }) => t.value.description);
