// JSON and MessagePack data guards (ROCKET.md §4.3): Standard Schema validation, 400 for syntax and poisoned keys,
// 422 with every schema issue, 413 over the limit, no Content-Type check; errors reach catchers.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { encode } from "@msgpack/msgpack";
import * as v from "valibot";
import { z } from "zod";
import { Client, catcher, DataErrors, Json, MsgPack, post, type Status } from "../src/index.ts";
import { expectErrors, expectText } from "./support/data.ts";
import { expectResponse, quietApp } from "./support/local.ts";

const Task = z.object({ description: z.string(), complete: z.boolean() });

const newTask = post(
  { uri: "/todo", data: "<task>" },
  { task: Json(Task) },
  ({ task }) => `${task.complete ? "done" : "todo"}: ${task.description}`,
);

async function client(limits: Record<string, number> = {}) {
  return Client.untracked(quietApp([newTask]).configure({ limits }));
}

describe("Json(schema)", () => {
  test("the seed's Json<Task>: a valid body reaches the handler typed", async () => {
    const c = await client();
    await expectText(
      await c.post("/todo").json({ description: "buy milk", complete: false }).dispatch(),
      "todo: buy milk",
    );
  });

  test("the Content-Type is not checked (any, or none)", async () => {
    const c = await client();
    const body = '{"description":"x","complete":true}';
    await expectText(
      await c.post("/todo").header("content-type", "text/plain").body(body).dispatch(),
      "done: x",
    );
    await expectText(await c.post("/todo").body(body).dispatch(), "done: x");
  });

  test("a syntax error, or an empty body, is 400 `syntax`", async () => {
    const c = await client();
    const syntax = [{ name: null, code: "syntax", message: "the body is not valid JSON" }];
    await expectErrors(await c.post("/todo").body('{"description": ').dispatch(), 400, syntax);
    await expectErrors(await c.post("/todo").dispatch(), 400, syntax);
  });

  test("invalid UTF-8 is 400 `utf8`", async () => {
    const c = await client();
    await expectErrors(
      await c
        .post("/todo")
        .body(new Uint8Array([0x22, 0xc3, 0x28, 0x22]))
        .dispatch(),
      400,
      [{ name: null, code: "utf8", message: "the body is not valid UTF-8" }],
    );
  });

  test("schema mismatches are 422, one error per issue, named by path", async () => {
    const c = await client();
    await expectErrors(await c.post("/todo").json({ description: 5 }).dispatch(), 422, [
      { name: "description", code: "schema", message: "Invalid input: expected string, received number" },
      { name: "complete", code: "schema", message: "Invalid input: expected boolean, received undefined" },
    ]);
  });

  test("nested paths read `items[0].name`; a root issue has no name", async () => {
    const List = z.object({ items: z.array(z.object({ name: z.string() })) });
    const c = await Client.untracked(
      quietApp([post({ uri: "/list", data: "<l>" }, { l: Json(List) }, ({ l }) => `${l.items.length}`)]),
    );
    await expectErrors(
      await c
        .post("/list")
        .json({ items: [{ name: "a" }, { name: 1 }] })
        .dispatch(),
      422,
      [{ name: "items[1].name", code: "schema", message: "Invalid input: expected string, received number" }],
    );
    await expectErrors(await c.post("/list").json([1]).dispatch(), 422, [
      { name: null, code: "schema", message: "Invalid input: expected object, received array" },
    ]);
  });

  test("a `__proto__` key is refused with 400 `forbiddenKey`", async () => {
    const c = await client();
    await expectErrors(
      await c.post("/todo").body('{"description":"x","complete":true,"__proto__":{"admin":true}}').dispatch(),
      400,
      [
        {
          name: null,
          code: "forbiddenKey",
          message: "the JSON has a `__proto__` or `constructor.prototype` key",
        },
      ],
    );
  });

  test("a `constructor.prototype` key is refused with 400 `forbiddenKey`", async () => {
    const c = await client();
    const res = await c.post("/todo").body('{"constructor":{"prototype":{"admin":true}}}').dispatch();
    await expectErrors(res, 400, [
      {
        name: null,
        code: "forbiddenKey",
        message: "the JSON has a `__proto__` or `constructor.prototype` key",
      },
    ]);
  });

  test("the `json` limit: exactly at it passes, one byte past it is 413", async () => {
    const body = '{"description":"x","complete":true}';
    const c = await client({ json: body.length });
    await expectText(await c.post("/todo").body(body).dispatch(), "done: x");
    await expectErrors(await c.post("/todo").body(`${body} `).dispatch(), 413, [
      {
        name: null,
        code: "tooLarge",
        message: `the body is larger than the \`json\` limit of ${body.length} bytes`,
      },
    ]);
  });

  test("valibot schemas work the same way", async () => {
    const Point = v.object({ x: v.number(), y: v.number() });
    const c = await Client.untracked(
      quietApp([post({ uri: "/p", data: "<p>" }, { p: Json(Point) }, ({ p }) => `${p.x + p.y}`)]),
    );
    await expectText(await c.post("/p").json({ x: 1, y: 2 }).dispatch(), "3");
    await expectErrors(await c.post("/p").json({ x: 1, y: "2" }).dispatch(), 422, [
      { name: "y", code: "schema", message: 'Invalid type: Expected number but received "2"' },
    ]);
  });

  test("without a schema the parsed value is passed through", async () => {
    const c = await Client.untracked(
      quietApp([post({ uri: "/any", data: "<x>" }, { x: Json() }, ({ x }) => JSON.stringify(x))]),
    );
    await expectText(await c.post("/any").body("[1, null]").dispatch(), "[1,null]");
  });

  test("Json(value) of something that is not a Standard Schema is a responder, not a data guard", () => {
    const made = Json({ a: 1 }) as unknown as { kind?: string; respondTo?: unknown };
    assert.equal(made.kind, undefined);
    assert.equal(typeof made.respondTo, "function");
  });

  test("a user catcher reads the errors from req.error", async () => {
    const c = await Client.untracked(
      quietApp([newTask]).register("/", [
        catcher(422, (status: Status, req) => {
          assert.ok(req.error instanceof DataErrors);
          return `${status.code}: ${req.error.errors.map((e) => `${e.name}=${e.code}`).join(",")}`;
        }),
      ]),
    );
    await expectResponse(await c.post("/todo").json({ complete: "yes" }).dispatch(), {
      status: 422,
      contentType: "text/plain; charset=utf-8",
      body: "422: description=schema,complete=schema",
    });
  });
});

describe("MsgPack(schema)", () => {
  const route = post(
    { uri: "/mp", data: "<task>" },
    { task: MsgPack(Task) },
    ({ task }) => `${task.description} ${task.complete}`,
  );

  test("a MessagePack body is decoded and validated", async () => {
    const c = await Client.untracked(quietApp([route]));
    await expectText(
      await c
        .post("/mp")
        .body(encode({ description: "x", complete: true }))
        .dispatch(),
      "x true",
    );
  });

  test("a type mismatch is 422", async () => {
    const c = await Client.untracked(quietApp([route]));
    await expectErrors(
      await c
        .post("/mp")
        .body(encode({ description: "x", complete: 1 }))
        .dispatch(),
      422,
      [{ name: "complete", code: "schema", message: "Invalid input: expected boolean, received number" }],
    );
  });

  test("truncated or trailing bytes are 400 `syntax`", async () => {
    const c = await Client.untracked(quietApp([route]));
    const bytes = encode({ description: "x", complete: true });
    const truncated = await c
      .post("/mp")
      .body(bytes.subarray(0, bytes.length - 1))
      .dispatch();
    assert.equal(truncated.status, 400);
    const trailing = await c
      .post("/mp")
      .body(Buffer.concat([bytes, Buffer.from([0xc0])]))
      .dispatch();
    assert.equal(trailing.status, 400);
  });

  test("a `__proto__` map key is 400", async () => {
    const c = await Client.untracked(quietApp([route]));
    // fixmap of 1: "__proto__" → {}
    const poisoned = Buffer.concat([
      Buffer.from([0x81, 0xa9]),
      Buffer.from("__proto__"),
      Buffer.from([0x80]),
    ]);
    await expectErrors(await c.post("/mp").body(poisoned).dispatch(), 400, [
      {
        name: null,
        code: "syntax",
        message: "the body is not valid MessagePack: The key __proto__ is not allowed",
      },
    ]);
  });

  test("over the `msgpack` limit is 413", async () => {
    const bytes = encode({ description: "x", complete: true });
    const c = await Client.untracked(quietApp([route]).configure({ limits: { msgpack: bytes.length - 1 } }));
    await expectErrors(await c.post("/mp").body(bytes).dispatch(), 413, [
      {
        name: null,
        code: "tooLarge",
        message: `the body is larger than the \`msgpack\` limit of ${bytes.length - 1} bytes`,
      },
    ]);
  });
});
