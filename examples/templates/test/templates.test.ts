import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Client, type LocalResponse } from "apogee";
import { app } from "../src/app.ts";

const HTML = "text/html; charset=utf-8";
const FORM = "application/x-www-form-urlencoded";

const client = () => Client.tracked(app().configure({ log_level: "off" }));

async function expectPage(res: LocalResponse, contentType: string, body: string): Promise<void> {
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-type"), contentType);
  assert.equal(await res.text(), body);
}

async function expectRedirect(res: LocalResponse, flash: string): Promise<void> {
  assert.equal(res.status, 303);
  assert.equal(res.headers.get("location"), "/todos");
  assert.equal(res.headers.get("set-cookie"), `_flash=${flash}; SameSite=Strict; Path=/; Max-Age=300`);
  assert.equal(await res.text(), "");
}

/** The Handlebars layout around `main`. */
function layout(title: string, main: string): string {
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    `<head><meta charset="utf-8"><title>${title}</title></head>`,
    "<body>",
    main,
    '<footer><a href="/">Home</a> · <a href="/todos">Todos</a></footer>',
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

/** The Nunjucks todo page: the flash paragraph, the count, and one item per todo. */
function todoPage(left: number, flash: string | undefined, items: string[]): string {
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    `<head><meta charset="utf-8"><title>Todos (${left} left)</title></head>`,
    "<body>",
    ...(flash === undefined ? [] : [flash]),
    `<h1>${left} todo${left === 1 ? "" : "s"} left</h1>`,
    '<form method="post" action="/todos">',
    '  <input name="description" placeholder="What needs doing?">',
    "  <button>Add</button>",
    "</form>",
    "<ul>",
    ...(items.length === 0 ? ["  <li>Nothing to do.</li>"] : items),
    "</ul>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

function item(id: number, description: string, done: boolean): string {
  return [
    `  <li${done ? ' class="done"' : ""}>`,
    `    ${description}`,
    `    <form method="post" action="/todos/${id}"><input type="hidden" name="_method" value="patch"><button>${done ? "Reopen" : "Done"}</button></form>`,
    `    <form method="post" action="/todos/${id}"><input type="hidden" name="_method" value="delete"><button>Delete</button></form>`,
    "  </li>",
  ].join("\n");
}

describe("the templates example (seed: Responses › Templates)", () => {
  it("renders the seed's index template with its context, in a Handlebars layout", async () => {
    const res = await (await client()).get("/").dispatch();
    await expectPage(
      res,
      HTML,
      layout(
        "Apogee templates",
        [
          "<h1>Hi, Apogee!</h1>",
          "<p>Templates render with:</p>",
          "<ul>",
          "  <li>Handlebars (.hbs)</li>",
          "  <li>Nunjucks (.njk, .j2)</li>",
          "</ul>",
        ].join("\n"),
      ),
    );
  });

  it("escapes what it is given and runs the custom Handlebars helper", async () => {
    const res = await (await client()).get("/hello/%3Cb%3Ebob").dispatch();
    await expectPage(res, HTML, layout("Hello, &lt;b&gt;bob", "<h1>&lt;B&gt;BOB!</h1>"));
  });

  it("shows an empty todo list", async () => {
    await expectPage(await (await client()).get("/todos").dispatch(), HTML, todoPage(0, undefined, []));
  });

  it("adds a todo through the form and shows the flash message once", async () => {
    const c = await client();
    const add = c.post("/todos").header("content-type", FORM).body("description=Buy+milk+%26+eggs");
    await expectRedirect(await add.dispatch(), "7%3AsuccessTodo%20added.");
    const flash = '<p class="flash success">Todo added.</p>';
    await expectPage(
      await c.get("/todos").dispatch(),
      HTML,
      todoPage(1, flash, [item(1, "Buy milk &amp; eggs", false)]),
    );
    await expectPage(
      await c.get("/todos").dispatch(),
      HTML,
      todoPage(1, undefined, [item(1, "Buy milk &amp; eggs", false)]),
    );
  });

  it("marks a todo done and reopens it with _method=patch", async () => {
    const c = await client();
    await c.post("/todos").header("content-type", FORM).body("description=Walk").dispatch();
    const toggle = () => c.post("/todos/1").header("content-type", FORM).body("_method=patch").dispatch();
    await expectRedirect(await toggle(), "7%3AsuccessTodo%20done.");
    await expectPage(
      await c.get("/todos").dispatch(),
      HTML,
      todoPage(0, '<p class="flash success">Todo done.</p>', [item(1, "Walk", true)]),
    );
    await expectRedirect(await toggle(), "7%3AsuccessTodo%20reopened.");
  });

  it("deletes a todo with _method=delete, and reports a missing one", async () => {
    const c = await client();
    await c.post("/todos").header("content-type", FORM).body("description=Walk").dispatch();
    const remove = () => c.post("/todos/1").header("content-type", FORM).body("_method=delete").dispatch();
    await expectRedirect(await remove(), "7%3AsuccessTodo%20deleted.");
    await expectRedirect(await remove(), "5%3AerrorThere%20is%20no%20todo%20%231.");
    await expectPage(
      await c.get("/todos").dispatch(),
      HTML,
      todoPage(0, '<p class="flash error">There is no todo #1.</p>', []),
    );
  });

  it("refuses an empty description with an error flash", async () => {
    const c = await client();
    const add = c.post("/todos").header("content-type", FORM).body("description=");
    await expectRedirect(
      await add.dispatch(),
      "5%3AerrorA%20todo%20needs%20a%20description%20of%201%20to%20100%20characters.",
    );
  });

  it("lists the todos as text/plain from todos/plain.txt.j2", async () => {
    const c = await client();
    await c.post("/todos").header("content-type", FORM).body("description=One").dispatch();
    await c.post("/todos").header("content-type", FORM).body("description=Two").dispatch();
    await c.post("/todos/2").header("content-type", FORM).body("_method=patch").dispatch();
    await expectPage(await c.get("/todos.txt").dispatch(), "text/plain; charset=utf-8", "[ ] One\n[x] Two\n");
  });
});
