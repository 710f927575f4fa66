// apogee/openapi's document, for an app with every kind of parameter, body, guard and response: it validates
// (@readme/openapi-parser), and each part is exactly what the route declarations say.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { validate } from "@readme/openapi-parser";
import { type OpenApiDocument, openApiDocument } from "../src/openapi/index.ts";
import { openapiApp } from "./fixtures/openapi-app.ts";

const doc: OpenApiDocument = await openApiDocument(openapiApp(), {
  info: { title: "Every kind", version: "1.0.0" },
  servers: [{ url: "https://api.example" }],
  tags: [{ name: "books", description: "The catalogue." }],
});

type Op = Record<string, any>;
const op = (path: string, method: string): Op => {
  const found = doc.paths[path]?.[method];
  assert.ok(found !== undefined, `no ${method} ${path} in ${Object.keys(doc.paths).join(", ")}`);
  return found as Op;
};
const ERROR = { content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
const error = (description: string) => ({ description, ...ERROR });
const PARAMS_422 = error("A path or query parameter did not parse.");

describe("the OpenAPI document", () => {
  test("validates as OpenAPI 3.1, with no warnings", async () => {
    const result = await validate(structuredClone(doc) as never);
    assert.deepEqual(result, { valid: true, warnings: [], specification: "OpenAPI" });
    assert.equal(doc.openapi, "3.1.0");
    assert.deepEqual(doc.info, { title: "Every kind", version: "1.0.0" });
    assert.deepEqual(doc.servers, [{ url: "https://api.example" }]);
    assert.deepEqual(doc.tags, [{ name: "books", description: "The catalogue." }]);
  });

  test("lists every visible route's path, `<param>` as `{param}`; hidden routes are left out", () => {
    assert.deepEqual(Object.keys(doc.paths), [
      "/books",
      "/books/{id}",
      "/books/{id}/remove",
      "/p/{a}/{b}/{c}/{d}/{e}/{_1}/{f}/{g}/{h}/{s}/{rest}",
      "/files/{path}",
      "/search",
      "/loose",
      "/upload",
      "/lenient",
      "/text",
      "/bytes",
      "/raw",
      "/file",
      "/any",
      "/packed",
      "/arked",
      "/item/{id}",
      "/v2/books",
    ]);
    assert.deepEqual(Object.keys(doc.paths["/books"]!), ["get", "post"]);
    assert.deepEqual(Object.keys(doc.paths["/books/{id}"]!), ["get", "put"]);
  });

  test("path parameters take their param type's schema (u8: integer 0–255, uuid: string/uuid, …)", () => {
    const names = (op("/p/{a}/{b}/{c}/{d}/{e}/{_1}/{f}/{g}/{h}/{s}/{rest}", "get").parameters as Op[]).map(
      (p) => [p.name, p.in, p.required, p.schema, p.description],
    );
    assert.deepEqual(names, [
      ["a", "path", true, { type: "integer", minimum: 0, maximum: 255 }, undefined],
      ["b", "path", true, { type: "integer", format: "int64" }, undefined],
      ["c", "path", true, { type: "boolean" }, undefined],
      ["d", "path", true, { type: "number", format: "double" }, undefined],
      ["e", "path", true, { type: "string" }, undefined],
      ["_1", "path", true, { type: "string" }, "Any segment (ignored)."],
      ["f", "path", true, { type: "string", enum: ["fiction", "poetry"] }, undefined],
      ["g", "path", true, { type: "string", format: "date" }, undefined],
      ["h", "path", true, { type: "string", anyOf: [{ format: "ipv4" }, { format: "ipv6" }] }, undefined],
      ["s", "path", true, { type: "string", pattern: "^[a-z-]+$" }, undefined],
      [
        "rest",
        "path",
        true,
        { type: "string", description: "A relative path; its segments never start with `.`." },
        "The rest of the path: any number of segments, separated by `/`.",
      ],
    ]);
    assert.deepEqual(op("/files/{path}", "get").parameters, [
      {
        name: "path",
        in: "path",
        required: true,
        description: "The rest of the path: any number of segments, separated by `/`.",
        schema: { type: "string" },
      },
    ]);
  });

  test("query parameters: required unless they default; forms are deep objects, lists repeat; static pairs are const", () => {
    assert.deepEqual(op("/books", "get").parameters, [
      {
        name: "page",
        in: "query",
        required: true,
        schema: { type: "integer", minimum: 0, maximum: 9007199254740991 },
      },
      { name: "year", in: "query", required: false, schema: { type: "integer", minimum: 0, maximum: 255 } },
      { name: "fresh", in: "query", required: false, schema: { type: "boolean" } },
      { name: "q", in: "query", required: true, schema: { type: "string" } },
      {
        name: "tags",
        in: "query",
        required: false,
        style: "form",
        explode: true,
        schema: { type: "array", items: { type: "string" } },
      },
      {
        name: "filter",
        in: "query",
        required: true,
        style: "deepObject",
        explode: true,
        schema: {
          type: "object",
          properties: {
            author: { type: "string" },
            max: { type: "integer", minimum: 0, maximum: 255, default: 10 },
          },
          required: ["author"],
        },
      },
      { name: "kind", in: "query", required: true, schema: { type: "string", const: "book" } },
    ]);
  });

  test("a trailing query form's fields are parameters of their own; without a form, a free-form object", () => {
    assert.deepEqual(op("/search", "get").parameters, [
      { name: "term", in: "query", required: true, schema: { type: "string" } },
      { name: "lang", in: "query", required: true, schema: { type: "string" } },
      { name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 0, maximum: 255 } },
    ]);
    assert.deepEqual(op("/loose", "get").parameters, [
      {
        name: "rest",
        in: "query",
        required: false,
        style: "form",
        explode: true,
        description: "Any other query fields.",
        schema: { type: "object", additionalProperties: { type: "string" } },
      },
    ]);
  });

  test("a Json body takes the schema's input JSON Schema; its named definitions become components", () => {
    const create = op("/books", "post");
    assert.deepEqual(create.requestBody, {
      required: true,
      content: {
        "application/json": {
          schema: {
            type: "object",
            properties: {
              title: { type: "string", minLength: 1 },
              author: { $ref: "#/components/schemas/AuthorInput" },
              year: { type: "integer", minimum: -9007199254740991, maximum: 9007199254740991 },
            },
            required: ["title", "author"],
          },
        },
      },
    });
    const schemas = doc.components?.schemas ?? {};
    assert.deepEqual(Object.keys(schemas).sort(), ["Author", "AuthorInput", "Book", "Error"]);
    assert.deepEqual(schemas.Author, {
      type: "object",
      properties: { name: { type: "string" } },
      required: ["name"],
      additionalProperties: false,
    });
    assert.deepEqual(schemas.AuthorInput, {
      type: "object",
      properties: { name: { type: "string" } },
      required: ["name"],
    });
    assert.deepEqual((schemas.Book as Op).properties.author, { $ref: "#/components/schemas/Author" });
  });

  test("form bodies: both form media types; strict forms require every field that cannot default", () => {
    const strict = op("/upload", "post").requestBody;
    assert.deepEqual(Object.keys(strict.content), [
      "application/x-www-form-urlencoded",
      "multipart/form-data",
    ]);
    const schema = strict.content["multipart/form-data"].schema;
    assert.deepEqual(schema.required, ["title", "cover", "tags", "draft", "n", "meta"]);
    assert.equal(schema.additionalProperties, false);
    assert.deepEqual(schema.properties.cover, {
      type: "string",
      format: "binary",
      contentMediaType: "application/octet-stream",
    });
    assert.deepEqual(schema.properties.meta, { type: "object", additionalProperties: { type: "string" } });
    const lenient = op("/lenient", "post").requestBody.content["multipart/form-data"].schema;
    assert.deepEqual(lenient.required, ["title", "cover"]);
    assert.equal(lenient.additionalProperties, undefined);
    assert.deepEqual(lenient.properties.n, { type: "integer", minimum: 0, maximum: 255, default: 3 });
  });

  test("the other data guards: text, bytes, any body, a file, an optional body, MessagePack, arktype", () => {
    const body = (path: string) => op(path, "post").requestBody;
    assert.deepEqual(body("/text"), {
      required: true,
      content: { "text/plain": { schema: { type: "string" } } },
    });
    assert.deepEqual(body("/bytes"), { required: true, content: { "application/octet-stream": {} } });
    assert.deepEqual(body("/raw"), { required: true, content: { "*/*": {} } });
    assert.deepEqual(body("/file"), { required: true, content: { "*/*": {} } });
    assert.deepEqual(body("/any"), { required: false, content: { "application/json": {} } });
    assert.deepEqual(body("/packed"), {
      required: true,
      content: {
        "application/msgpack": {
          schema: { type: "object", properties: { n: { type: "number" } }, required: ["n"] },
        },
      },
    });
    assert.deepEqual(body("/arked").content["application/json"].schema, {
      type: "object",
      properties: { name: { type: "string" } },
      required: ["name"],
    });
  });

  test("responses: those declared, plus the errors guards, data guards and params can answer", () => {
    const create = op("/books", "post");
    assert.deepEqual(create.responses, {
      "201": {
        description: "Added.",
        headers: { Location: { description: "Where the book is.", schema: { type: "string" } } },
        content: { "application/json": { schema: { $ref: "#/components/schemas/Book" } } },
      },
      "400": error("The body is not valid JSON."),
      "401": error("The bearer token is missing, malformed, expired or not signed by a trusted key."),
      "403": error("The user lacks the rights (Editor)."),
      "413": error("The body is larger than its limit."),
      "422": error("The body does not match the schema."),
    });
    assert.deepEqual(op("/books/{id}", "get").responses, {
      "200": {
        description: "OK",
        content: { "application/json": { schema: { $ref: "#/components/schemas/Book" } } },
      },
      "404": { description: "There is no such book." },
      "422": PARAMS_422,
    });
    assert.deepEqual(op("/upload", "post").responses, {
      "200": { description: "Success." },
      "400": error("The body is malformed."),
      "413": error("The body or a field is larger than its limit."),
      "415": error("The body is neither `application/x-www-form-urlencoded` nor `multipart/form-data`."),
      "422": error("A field is missing, unexpected or invalid."),
    });
    assert.deepEqual(op("/files/{path}", "get").responses, { "200": { description: "Success." } });
  });

  test("the error shape is the default catcher's JSON document", () => {
    const schema = doc.components?.schemas?.Error as Op;
    assert.deepEqual(schema.required, ["error"]);
    assert.deepEqual(schema.properties.error.required, ["code", "reason", "description"]);
    assert.deepEqual(Object.keys(schema.properties.error.properties), [
      "code",
      "reason",
      "description",
      "errors",
    ]);
  });

  test("security schemes come from the auth guards used; role scopes and optional guards are honoured", () => {
    assert.deepEqual(doc.components?.securitySchemes, {
      bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "JWT" },
      sessionAuth: { type: "apiKey", in: "cookie", name: "sid" },
    });
    assert.deepEqual(op("/books", "post").security, [{ bearerAuth: ["books:write"] }]);
    assert.deepEqual(op("/books/{id}", "put").security, [{ sessionAuth: [] }]);
    assert.equal(op("/books", "get").security, undefined);
  });

  test("a guard's documented header is a parameter, and its error a response", () => {
    const remove = op("/books/{id}/remove", "delete");
    assert.deepEqual(remove.parameters[1], {
      name: "X-Api-Key",
      in: "header",
      required: true,
      description: "The caller's key.",
      schema: { type: "string" },
    });
    assert.deepEqual(remove.responses["401"], error("The API key is missing or unknown."));
  });

  test("summary, description, tags, operationId and deprecation come from options or the doc comment", () => {
    const list = op("/books", "get");
    assert.equal(list.operationId, "listBooks");
    assert.equal(list.summary, "Lists the books.");
    assert.equal(list.description, "Newest first; `page` counts from 0.");
    assert.deepEqual(list.tags, ["books"]);
    assert.equal(op("/books/{id}", "get").summary, "One book.");
    assert.deepEqual(op("/books/{id}", "get").tags, ["books"]);
    assert.equal(op("/books", "post").operationId, "addBook");
    assert.equal(op("/books/{id}/remove", "delete").deprecated, true);
    assert.equal(op("/text", "post").summary, undefined);
  });

  test("ranked routes for one path and method are one operation: parameters merged, security alternatives", () => {
    const item = op("/item/{id}", "get");
    assert.equal(item.operationId, "byNumber");
    assert.deepEqual(item.parameters, [
      {
        name: "id",
        in: "path",
        required: true,
        schema: { anyOf: [{ type: "integer", minimum: 0, maximum: 9007199254740991 }, { type: "string" }] },
      },
    ]);
    assert.deepEqual(item.security, [{ bearerAuth: [] }, {}]);
  });

  test("a route mounted twice is two operations, with distinct ids", () => {
    assert.equal(op("/v2/books", "get").operationId, "listBooks2");
  });
});
