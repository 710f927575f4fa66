// The seed's Requests page, "Forms" to "JSON": the `Task` form strict and lenient, `Option`, the renamed `type`
// field, the `AdultAge` field type, and `Json<Task>`.
import { bool, Form, fail, field, form, Json, LenientForm, optional, param, post, str, usize } from "apogee";
import { z } from "zod";

/** `#[derive(FromForm)] struct Task { complete: bool, description: String }` */
export const Task = form({ complete: bool, description: str });

/** `fn new(task: Form<Task>)`: strict, every field exactly once, no others. */
export const newTask = post(
  { uri: "/todo", data: "<task>" },
  { task: Form(Task) },
  ({ task }) => `New task: ${task.description}${task.complete ? " (done)" : ""}`,
);

/** `fn new(task: Option<Form<Task>>)`: a failure is caught instead of answered. */
export const maybeTask = post(
  { uri: "/maybe", data: "<task>" },
  { task: optional(Form(Task)) },
  ({ task }) => (task === undefined ? "That was not a valid task." : `New task: ${task.description}`),
);

/** `fn new(task: LenientForm<Task>)`: extra fields ignored, an unchecked box is `false`. */
export const lenientTask = post(
  { uri: "/lenient", data: "<task>" },
  { task: LenientForm(Task) },
  ({ task }) => `New task: ${task.description} (complete: ${task.complete})`,
);

/** `struct External { #[form(field = "type")] api_type: String }` */
export const External = form({ apiType: field(str, { name: "type" }) });
export const external = post(
  { uri: "/external", data: "<ext>" },
  { ext: Form(External) },
  ({ ext }) => `External API type: ${ext.apiType}`,
);

/** `struct AdultAge(usize)`: a field type that only accepts ages of 21 and over. */
export const AdultAge = param("AdultAge", (value) => {
  const age = usize.fromQuery(value);
  return typeof age === "number" && age >= 21 ? age : fail("must be an age of at least 21");
});

/** `struct Person { age: AdultAge }` */
export const adult = post(
  { uri: "/adult", data: "<person>" },
  { person: Form({ age: AdultAge }) },
  ({ person }) => `Welcome, ${person.age} year old.`,
);

/** `struct Person { age: Option<AdultAge> }`: a bad age is `undefined`. */
export const maybeAdult = post(
  { uri: "/maybe-adult", data: "<person>" },
  { person: Form({ age: optional(AdultAge) }) },
  ({ person }) => (person.age === undefined ? "No valid age given." : `Welcome, ${person.age} year old.`),
);

/** `#[derive(Deserialize)] struct Task` and `fn new(task: Json<Task>)`. */
export const JsonTask = z.object({ description: z.string(), complete: z.boolean() });
export const jsonTask = post(
  { uri: "/todo.json", data: "<task>" },
  { task: Json(JsonTask) },
  ({ task }) => `New task: ${task.description}${task.complete ? " (done)" : ""}`,
);
