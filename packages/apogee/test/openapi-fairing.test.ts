// The OpenApi fairing: the document served as JSON and YAML, the docs page from swagger-ui-dist, every problem
// reported at ignite, recursive schemas, and the debug check of responses against their declared schemas.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { build, Client, Figment, get, Json, LaunchError, post, type StandardSchema } from "../src/index.ts";
import { OpenApi, type OpenApiOptions, openApiDocument, toYaml } from "../src/openapi/index.ts";
import { capture } from "./support/config.ts";
import { expectDefaultCatcher, expectResponse, HTML, quietApp } from "./support/local.ts";

const Pet = z.object({ name: z.string(), age: z.number().int().min(0) });
const pet = get({ uri: "/pet", responses: { 200: Pet } }, () => ({ name: "Rex", age: 3 }));

async function served(options: OpenApiOptions = {}) {
  return Client.untracked(
    quietApp([pet]).attach(OpenApi({ info: { title: "Pets", version: "2.1.0" }, ...options })),
  );
}

describe("serving the document", () => {
  test("GET /openapi.json is the document, pretty JSON", async () => {
    const c = await served();
    const res = await c.get("/openapi.json").dispatch();
    const expected = await openApiDocument(quietApp([pet]), { info: { title: "Pets", version: "2.1.0" } });
    await expectResponse(res, {
      status: 200,
      contentType: "application/json",
      body: JSON.stringify(expected, null, 2),
    });
    assert.deepEqual(Object.keys(expected.paths), ["/pet"]);
  });

  test("GET /openapi.yaml is the same document in YAML", async () => {
    const c = await served();
    const json = JSON.parse(await (await c.get("/openapi.json").dispatch()).text());
    const res = await c.get("/openapi.yaml").dispatch();
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/yaml; charset=utf-8");
    const text = await res.text();
    assert.ok(
      text.startsWith('openapi: "3.1.0"\ninfo:\n  title: Pets\n  version: "2.1.0"\npaths:\n  /pet:\n'),
      text,
    );
    assert.deepEqual(parseYaml(text), json);
  });

  test("the fairing's own routes are hidden from the document, and the paths are configurable", async () => {
    const c = await served({ path: "/api.json", yaml: false, docs: "/reference" });
    const doc = JSON.parse(await (await c.get("/api.json").dispatch()).text());
    assert.deepEqual(Object.keys(doc.paths), ["/pet"]);
    await expectDefaultCatcher(await c.get("/openapi.yaml").dispatch(), 404);
    const page = await (await c.get("/reference").dispatch()).text();
    assert.ok(page.includes('<script src="/reference/swagger-ui-bundle.js"></script>'));
    const start = await (await c.get("/reference/start.js").dispatch()).text();
    assert.equal(
      start,
      'window.ui = SwaggerUIBundle({ url: "/api.json", dom_id: "#swagger-ui", deepLinking: true });\n',
    );
  });

  test("the fairing exposes the document once the app ignited", async () => {
    const fairing = OpenApi({ info: { title: "Pets", version: "1" } });
    const before = fairing.document;
    assert.equal(before, undefined);
    await Client.untracked(quietApp([pet]).attach(fairing));
    assert.deepEqual(Object.keys(fairing.document?.paths ?? {}), ["/pet"]);
  });
});

describe("the docs page", () => {
  test("GET /docs is Swagger UI, its assets served from node_modules (no CDN)", async () => {
    const c = await served();
    const res = await c.get("/docs").dispatch();
    await expectResponse(res, {
      status: 200,
      contentType: HTML,
      body: `<!DOCTYPE html>
<html lang="en">
<head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Pets docs</title>
    <link rel="stylesheet" href="/docs/swagger-ui.css">
    <link rel="icon" type="image/png" href="/docs/favicon-32x32.png" sizes="32x32">
</head>
<body>
    <div id="swagger-ui"></div>
    <script src="/docs/swagger-ui-bundle.js"></script>
    <script src="/docs/start.js"></script>
</body>
</html>`,
    });
    const css = await c.get("/docs/swagger-ui.css").dispatch();
    assert.equal(css.status, 200);
    assert.equal(css.headers.get("content-type"), "text/css; charset=utf-8");
    assert.ok((await css.text()).includes(".swagger-ui"));
    const js = await c.get("/docs/swagger-ui-bundle.js").dispatch();
    assert.equal(js.status, 200);
    assert.ok((await js.bytes()).length > 100_000);
  });

  test("only the page's own assets are served from the package", async () => {
    const c = await served();
    for (const file of ["package.json", "index.html", "absolute-path.js", "..%2Fpackage.json"]) {
      await expectDefaultCatcher(await c.get(`/docs/${file}`).dispatch(), 404);
    }
  });
});

describe("problems found at ignite", () => {
  const opaque: StandardSchema<unknown, { n: number }> = {
    "~standard": { version: 1, vendor: "opaque", validate: (v) => ({ value: v as { n: number } }) },
  };

  test("every problem is listed at once: no JSON Schema, a transform, a repeated operationId", async () => {
    const a = post({ uri: "/a", data: "<x>" }, { x: Json(opaque) }, () => "a");
    const b = get({ uri: "/b", responses: { 200: z.string().transform((s) => s.length) } }, () => "b");
    const c1 = get({ uri: "/c1", operationId: "same" }, () => "c");
    const c2 = get({ uri: "/c2", operationId: "same" }, () => "c");
    const app = quietApp([a, b, c1, c2]).attach(OpenApi({ docs: false }));
    const e = await app.ignite().then(
      () => assert.fail("ignite should fail"),
      (e: unknown) => e,
    );
    assert.ok(e instanceof LaunchError);
    assert.equal(e.kind, "fairings");
    assert.equal(e.problems.length, 1);
    const [line] = e.problems;
    assert.ok(line?.startsWith("OpenAPI document: 3 problems:\n      "), line);
    const parts = line!.split("\n      ").slice(1);
    assert.equal(parts.length, 3, line);
    assert.match(
      parts[0]!,
      /^GET \/c2 \([^()]*openapi-fairing\.test\.ts:\d+\): the operationId "same" is also GET \/c1 \([^()]*openapi-fairing\.test\.ts:\d+\)'s; give each operation its own$/,
    );
    assert.match(
      parts[1]!,
      /^GET \/b \([^()]*openapi-fairing\.test\.ts:\d+\): the 200 response: the zod schema cannot be expressed as JSON Schema \(Transforms cannot be represented in JSON Schema\)$/,
    );
    assert.match(
      parts[2]!,
      /^POST \/a \([^()]*openapi-fairing\.test\.ts:\d+\): the request body: the opaque schema has no JSON Schema \(it implements no Standard JSON Schema hook\); give the route a JSON Schema instead$/,
    );
  });

  test("openApiDocument rejects with the same problems", async () => {
    const a = post({ uri: "/a", data: "<x>" }, { x: Json(opaque) }, () => "a");
    await assert.rejects(
      openApiDocument(quietApp([a])),
      /^Error: the OpenAPI document has problems:\n {2}POST \/a /,
    );
  });

  test("paths that are not static paths are refused", async () => {
    const app = quietApp([pet]).attach(OpenApi({ path: "openapi.json", docs: "/" }));
    const e = await app.ignite().then(
      () => assert.fail("ignite should fail"),
      (e: unknown) => e,
    );
    assert.ok(e instanceof LaunchError);
    assert.deepEqual(e.problems, [
      'OpenAPI: 2 problems:\n      path must be a static path such as "/openapi.json", got "openapi.json"\n      docs must be a static path such as "/openapi.json", got "/"',
    ]);
  });
});

describe("schemas that refer to themselves", () => {
  test("a recursive schema becomes a component, and its `#` refs point at it", async () => {
    interface Node {
      value: number;
      children: Node[];
    }
    const Tree: z.ZodType<Node> = z.object({
      value: z.number(),
      get children() {
        return z.array(Tree);
      },
    });
    const route = get({ uri: "/tree", responses: { 200: Tree } }, () => ({ value: 1, children: [] }));
    const doc = await openApiDocument(quietApp([route]));
    const content = (doc.paths["/tree"]!.get as any).responses["200"].content["application/json"];
    assert.deepEqual(content, { schema: { $ref: "#/components/schemas/route200" } });
    assert.deepEqual(doc.components?.schemas?.route200, {
      type: "object",
      properties: {
        value: { type: "number" },
        children: { type: "array", items: { $ref: "#/components/schemas/route200" } },
      },
      required: ["value", "children"],
      additionalProperties: false,
    });
  });
});

describe("checking responses against their declared schemas", () => {
  const Book = z.object({ title: z.string(), pages: z.number().int() });
  const good = get({ uri: "/good", responses: { 200: Book } }, () => ({ title: "Dune", pages: 412 }));
  const bad = get({ uri: "/bad", responses: { 200: Book } }, () => ({ title: 7 }));
  const text = get({ uri: "/text", responses: { 200: Book } }, () => "not json");
  const undeclared = get({ uri: "/created", responses: { 200: Book } }, () => null);
  const other = get({ uri: "/other", responses: { 201: "Created." } }, () => "plain");

  async function checked(profile: string, options: OpenApiOptions = {}) {
    const log = capture();
    const app = build()
      .configure(
        Figment.from({ log_level: "critical", secret_key: Buffer.alloc(32, 3).toString("base64") }).select(
          profile,
        ),
      )
      .logTo(log.sink)
      .mount("/", [good, bad, text, undeclared, other])
      .attach(OpenApi({ docs: false, ...options }));
    return { client: await Client.untracked(app), log };
  }

  test("in debug, a body the declared schema refuses is logged, and the response is unchanged", async () => {
    const { client, log } = await checked("debug");
    await expectResponse(await client.get("/good").dispatch(), {
      status: 200,
      contentType: "application/json",
      body: '{"title":"Dune","pages":412}',
    });
    assert.deepEqual(log.err, []);
    await expectResponse(await client.get("/bad").dispatch(), {
      status: 200,
      contentType: "application/json",
      body: '{"title":7}',
    });
    assert.equal(log.err.length, 1);
    assert.match(
      log.err[0]!,
      /^Warning: OpenAPI: \(bad\) GET \/bad answered 200 with a body that does not match its declared schema: title: .+; pages: .+$/,
    );
  });

  test("in debug, a non-JSON body and an undeclared success status are logged; errors are not", async () => {
    const { client, log } = await checked("debug");
    await client.get("/text").dispatch();
    await client.get("/other").dispatch();
    await client.get("/created").dispatch();
    assert.deepEqual(log.err, [
      "Warning: OpenAPI: (text) GET /text answered 200 with text/plain; charset=utf-8, not the JSON its schema describes.",
      "Warning: OpenAPI: (other) GET /other answered 200, which its `responses` (201) do not declare.",
    ]);
  });

  test("outside debug nothing is checked, unless asked", async () => {
    const release = await checked("release");
    await release.client.get("/bad").dispatch();
    assert.deepEqual(release.log.err, []);
    const asked = await checked("release", { checkResponses: true });
    await asked.client.get("/bad").dispatch();
    assert.equal(asked.log.err.length, 1);
  });
});

describe("toYaml", () => {
  test("quotes what YAML would read as something else; nests maps and lists in block style", () => {
    const data = {
      version: "1.0",
      plain: "Lists the books.",
      yes: "yes",
      empty: "",
      number: 3,
      truth: false,
      nothing: null,
      "200": { description: "OK" },
      list: [1, "two", { a: [], b: {} }, ["nested"]],
      multi: "line one\nline two",
      tricky: "a: b # c",
    };
    const text = toYaml(data);
    assert.equal(
      text,
      `"200":
  description: OK
version: "1.0"
plain: Lists the books.
"yes": "yes"
empty: ""
number: 3
truth: false
nothing: null
list:
  - 1
  - two
  - a: []
    b: {}
  - - nested
multi: "line one\\nline two"
tricky: "a: b # c"
`,
    );
    assert.deepEqual(parseYaml(text), data);
  });
});
