// The books API's OpenAPI document: it validates as OpenAPI 3.1, declares both auth schemes, and is a contract
// the API keeps. The contract test drives the API from the document alone: every operation is called with a body
// sampled from its request schema; each answer's status must be one the document lists and its body must match
// the schema listed for it; then every operation is called without credentials (401), with a body its schema
// refuses (422) and for a book that is not there (404), and those answers must be documented too.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { validate } from "@readme/openapi-parser";
import { Client, type LocalResponse } from "apogee";
import { z } from "zod";
import { configured } from "./support.ts";

type Schema = { readonly [k: string]: unknown };
interface Operation {
  readonly operationId: string;
  readonly security?: readonly Record<string, unknown>[];
  readonly requestBody?: { content: Record<string, { schema: Schema }> };
  readonly parameters?: readonly { name: string; in: string }[];
  readonly responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}
interface Document {
  readonly paths: Record<string, Record<string, Operation>>;
  readonly components: { schemas: Record<string, Schema>; securitySchemes?: Record<string, Schema> };
}

async function served(): Promise<{ c: Client; doc: Document }> {
  const c = await Client.untracked(configured());
  const res = await c.get("/openapi.json").dispatch();
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-type"), "application/json");
  return { c, doc: (await res.json()) as Document };
}

// `$ref`s replaced by the schemas they name (the document has no cycles).
function deref(schema: unknown, doc: Document): unknown {
  if (Array.isArray(schema)) return schema.map((s) => deref(s, doc));
  if (schema === null || typeof schema !== "object") return schema;
  const ref = (schema as { $ref?: string }).$ref;
  if (ref !== undefined) return deref(doc.components.schemas[ref.replace("#/components/schemas/", "")], doc);
  return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, deref(v, doc)]));
}

// The simplest value a schema accepts (deterministic, so registering and logging in use the same credentials).
function sample(schema: Schema): unknown {
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.anyOf)) return sample(schema.anyOf[0] as Schema);
  switch (schema.type) {
    case "object": {
      const props = (schema.properties ?? {}) as Record<string, Schema>;
      return Object.fromEntries(Object.entries(props).map(([k, s]) => [k, sample(s)]));
    }
    case "array":
      return [sample(schema.items as Schema)];
    case "integer":
    case "number":
      return typeof schema.minimum === "number" && schema.minimum > -10_000 ? schema.minimum : 1;
    case "boolean":
      return true;
    case "string":
      if (schema.format === "email") return "contract@example.com";
      return "a".repeat(Math.max(1, Number(schema.minLength ?? 1)));
    default:
      return null;
  }
}

const ORDER = ["post", "get", "put", "patch", "delete"];
const PRIORITY = ["/accounts", "/tokens", "/books"]; // register, log in, add a book: then the rest has data

function operations(doc: Document) {
  const ops: { path: string; method: string; op: Operation }[] = [];
  for (const [path, item] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(item))
      if (ORDER.includes(method) && !path.startsWith("/openapi") && !path.startsWith("/docs"))
        ops.push({ path, method, op });
  const rank = (p: string) => (PRIORITY.includes(p) ? PRIORITY.indexOf(p) : PRIORITY.length);
  return ops.sort(
    (a, b) =>
      rank(a.path) - rank(b.path) ||
      ORDER.indexOf(a.method) - ORDER.indexOf(b.method) ||
      a.path.localeCompare(b.path),
  );
}

async function checkAgainst(
  doc: Document,
  where: string,
  op: Operation,
  res: LocalResponse,
): Promise<{ status: number; text: string }> {
  const documented = op.responses[String(res.status)];
  const text = await res.text();
  assert.ok(documented !== undefined, `${where}: ${res.status} is not documented (${text})`);
  const schema = documented.content?.["application/json"]?.schema;
  if (schema !== undefined) {
    const check = z.fromJSONSchema(deref(schema, doc) as never);
    const parsed = check.safeParse(JSON.parse(text));
    assert.ok(parsed.success, `${where}: the ${res.status} body does not match its schema: ${text}`);
  }
  return { status: res.status, text };
}

describe("the books API's OpenAPI document", () => {
  test("validates as OpenAPI 3.1 and documents both auth schemes", async () => {
    const { doc } = await served();
    assert.deepEqual(await validate(structuredClone(doc) as never), {
      valid: true,
      warnings: [],
      specification: "OpenAPI",
    });
    assert.deepEqual(doc.components.securitySchemes, {
      bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "JWT" },
      sessionAuth: { type: "apiKey", in: "cookie", name: "books_session" },
    });
    assert.deepEqual(doc.paths["/books"]!.get!.security, [{ bearerAuth: [] }, { sessionAuth: [] }]);
    assert.equal(doc.paths["/accounts"]!.post!.security, undefined);
  });

  test("serves the docs page at /docs", async () => {
    const { c } = await served();
    const res = await c.get("/docs").dispatch();
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "text/html; charset=utf-8");
    assert.match(await res.text(), /<title>Books API docs<\/title>/);
  });

  test("the API keeps its contract: every operation, driven from the document, answers as documented", async () => {
    const { c, doc } = await served();
    const ops = operations(doc);
    assert.equal(ops.length, 13);
    let token = "";
    const send = (method: string, path: string, auth: boolean, body?: unknown) => {
      const req = c.req(method.toUpperCase(), path);
      if (auth) req.header("authorization", `Bearer ${token}`);
      if (body !== undefined) req.json(body);
      return req.dispatch();
    };
    const seen = new Map<string, Set<number>>();
    const saw = (id: string, status: number) => seen.set(id, (seen.get(id) ?? new Set()).add(status));

    for (const { path, method, op } of ops) {
      const where = `${method.toUpperCase()} ${path}`;
      const schema = op.requestBody?.content["application/json"]?.schema;
      const body = schema === undefined ? undefined : sample(deref(schema, doc) as Schema);
      const res = await send(method, path.replace("{id}", "1"), op.security !== undefined, body);
      const { status, text } = await checkAgainst(doc, where, op, res);
      assert.ok(status >= 200 && status < 300, `${where}: ${status}`);
      saw(op.operationId, status);
      if (path === "/tokens") token = (JSON.parse(text) as { token: string }).token;
    }
    assert.notEqual(token, "");

    for (const { path, method, op } of ops) {
      const where = `${method.toUpperCase()} ${path}`;
      const url = path.replace("{id}", "999");
      const schema = op.requestBody?.content["application/json"]?.schema;
      const body = schema === undefined ? undefined : sample(deref(schema, doc) as Schema);
      const check = async (what: string, res: Promise<LocalResponse>) =>
        saw(op.operationId, (await checkAgainst(doc, `${where} (${what})`, op, await res)).status);
      if (op.security !== undefined) await check("anonymous", send(method, url, false, body));
      if (body !== undefined)
        await check("bad body", send(method, path.replace("{id}", "1"), true, { email: 1, title: 1 }));
      if (path.includes("{id}")) await check("missing", send(method, url, true, body));
    }
    assert.deepEqual(seen.get("listBooks"), new Set([200, 401]));
    assert.deepEqual(seen.get("getBook"), new Set([200, 401, 404]));
    assert.deepEqual(seen.get("addBook"), new Set([201, 401, 422]));
    assert.deepEqual(seen.get("updateBook"), new Set([200, 401, 422, 404]));
    assert.deepEqual(seen.get("register"), new Set([201, 422]));
  });
});
