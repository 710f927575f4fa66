// The seed's "Query Strings": the same `Task` from the query, with per-field and per-form failure handling.
import { bool, form, get, optional, result, str } from "apogee";
import { Task } from "./tasks.ts";

/** `#[get("/todo?<task>")] fn new(task: Task)`: a failing parse forwards (422 when nothing else matches). */
export const queryTask = get(
  "/todo?<task>",
  { task: Task },
  ({ task }) => `New task from the query: ${task.description}${task.complete ? " (done)" : ""}`,
);

/** `struct Task { description: Result<String, _>, complete: Option<bool> }`: failures caught per field. */
export const LaxTask = form({ description: result(str), complete: optional(bool) });
export const laxTask = get("/lax?<task>", { task: LaxTask }, ({ task }) => {
  const description = task.description.ok ? task.description.value : "(no description)";
  return `${description}, complete: ${task.complete ?? "unknown"}`;
});

/** `fn new(task: Option<Task>)`: failures caught for the whole form. */
export const maybeQueryTask = get("/maybe?<task>", { task: optional(Task) }, ({ task }) =>
  task === undefined ? "No task in the query." : `Task: ${task.description}`,
);
