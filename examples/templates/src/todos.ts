// A todo list rendered with Nunjucks: forms post to /todos, `_method` turns a POST into PATCH or DELETE, and a
// flash message reports each change on the page the redirect leads to.
import {
  del,
  Flash,
  FlashMessage,
  Form,
  field,
  get,
  optional,
  patch,
  post,
  Redirect,
  result,
  State,
  str,
  usize,
  validate,
} from "apogee";
import { Template } from "apogee/templates";

/** One todo. */
export interface Todo {
  readonly id: number;
  readonly description: string;
  done: boolean;
}

/** The todos, kept in managed state. */
export class TodoList {
  readonly #items: Todo[] = [];
  #next = 1;

  get items(): readonly Todo[] {
    return this.#items;
  }

  add(description: string): Todo {
    const todo = { id: this.#next++, description, done: false };
    this.#items.push(todo);
    return todo;
  }

  find(id: number): Todo | undefined {
    return this.#items.find((t) => t.id === id);
  }

  remove(id: number): boolean {
    const at = this.#items.findIndex((t) => t.id === id);
    if (at !== -1) this.#items.splice(at, 1);
    return at !== -1;
  }
}

/** The form that adds a todo: a description of 1 to 100 characters (`_method` is tolerated). */
const NewTodo = { description: field(str, { validate: validate.len({ min: 1, max: 100 }) }) };

const home = () => Redirect.to("/todos");

/** The list, with the flash message the last change left. */
export const todos = get(
  { uri: "/todos", responds: Template },
  { list: State(TodoList), flash: optional(FlashMessage) },
  ({ list, flash }) =>
    Template.render("todos/list", {
      todos: list.items,
      remaining: list.items.filter((t) => !t.done).length,
      flash: flash && { kind: flash.kind, message: flash.message },
    }),
);

/** The list as plain text: `todos/plain.txt.j2` answers `text/plain`. */
export const todoText = get(
  { uri: "/todos.txt", responds: Template },
  { list: State(TodoList) },
  ({ list }) => Template.render("todos/plain", { todos: list.items }),
);

/** Adds a todo; an empty or overlong description is reported instead. */
export const addTodo = post(
  { uri: "/todos", data: "<todo>" },
  { list: State(TodoList), todo: result(Form(NewTodo)) },
  ({ list, todo }) => {
    if (!todo.ok) return Flash.error(home(), "A todo needs a description of 1 to 100 characters.");
    list.add(todo.value.description);
    return Flash.success(home(), "Todo added.");
  },
);

/** Marks a todo done or not done (a form's `_method=patch`). */
export const toggleTodo = patch("/todos/<id>", { id: usize, list: State(TodoList) }, ({ id, list }) => {
  const todo = list.find(id);
  if (todo === undefined) return Flash.error(home(), `There is no todo #${id}.`);
  todo.done = !todo.done;
  return Flash.success(home(), todo.done ? "Todo done." : "Todo reopened.");
});

/** Deletes a todo (a form's `_method=delete`). */
export const deleteTodo = del("/todos/<id>", { id: usize, list: State(TodoList) }, ({ id, list }) =>
  list.remove(id) ? Flash.success(home(), "Todo deleted.") : Flash.error(home(), `There is no todo #${id}.`),
);
