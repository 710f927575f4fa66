// What a handler may return: responders compile, anything else is a compile error at the return.

import {
  Created,
  content,
  get,
  post,
  Redirect,
  type Responded,
  type Responder,
  Response,
  Status,
  status,
  u8,
} from "apogee";

interface Todo {
  readonly id: number;
  readonly title: string;
}
declare const todos: Map<number, Todo>;
declare function load(id: number): Promise<Todo | undefined>;

const teapot: Responder = { respondTo: (): Responded => Status.ImATeapot };

// ---------------------------------------------------------------------------------------------------------------
// Responders

export const responders = [
  get("/text", () => "text/plain"),
  get("/bytes", () => new Uint8Array([1, 2, 3])),
  get("/json", () => ({ ok: true, items: [1, 2, 3] })),
  get("/array", () => [{ id: 1 }, { id: 2 }]),
  get("/null", () => null),
  get("/undefined", () => undefined),
  get("/status", () => Status.NotFound),
  get("/responder", () => teapot),
  get("/response", () => new Response("raw")),
  get("/redirect", () => Redirect.to("/login")),
  get("/accepted", () => status.Accepted("later")),
  get("/content", () => content.Json('{"a":1}')),
  post("/created", () => new Created("/todo/1")),
  get("/option/<id>", { id: u8 }, ({ id }) => todos.get(id)),
  get("/promise", () => Promise.resolve("later")),
  get("/async/<id>", { id: u8 }, async ({ id }) => await load(id)),
  get("/async-json", async () => ({ ok: true })),
  get("/async-none", async () => null),
  get("/thrown", () => {
    throw Status.Forbidden;
  }),
  get("/branches/<id>", { id: u8 }, ({ id }) => {
    if (id === 0) return Status.BadRequest;
    return todos.get(id) ?? `no todo ${id}`;
  }),
];

// ---------------------------------------------------------------------------------------------------------------
// Non-responders

// @ts-expect-error: a number is not a responder
get("/number", () => 42);

// @ts-expect-error: a boolean is not a responder
get("/boolean", () => true);

// @ts-expect-error: a handler that returns nothing (void) is refused, not read as `undefined` (404)
get("/void", () => {});

// @ts-expect-error: a statement body without `return` is void
get("/forgot-return/<id>", ({ id }) => {
  `todo ${id}`;
});

// @ts-expect-error: an async handler returning a number is a Promise<number>
get("/promise-number", async () => 1);

// @ts-expect-error: a promise of a number, returned directly
get("/promise-number-direct", () => Promise.resolve(1));

// @ts-expect-error: an async handler that returns nothing is a Promise<void>
get("/promise-void", async () => {});

// @ts-expect-error: a u8 parameter is a number, not a responder
get("/id/<id>", { id: u8 }, ({ id }) => id);

// @ts-expect-error: a symbol is not a responder
get("/symbol", () => Symbol("s"));
