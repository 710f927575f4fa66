// HEAD (ROCKET.md §1.8): HEAD routes first; if none succeeds the request is retried as GET; after response
// fairings the body is stripped but a sized body keeps its Content-Length.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { defaultCatcherBody } from "../src/catcher/default-catcher.ts";
import {
  build,
  Client,
  catcher,
  error,
  type Fairing,
  forward,
  get,
  guard,
  head,
  Status,
  success,
} from "../src/index.ts";
import { clientFor, expectResponse, HTML, JSON_TYPE, TEXT } from "./support/local.ts";

const Method = guard("Method", (req) => success(req.method));

describe("HEAD requests", () => {
  test("a HEAD route wins over the GET route", async () => {
    const client = await clientFor(
      get("/r", () => "from get"),
      head("/r", () => "from head!"),
    );
    const res = await client.head("/r").dispatch();
    await expectResponse(res, {
      status: 200,
      contentType: TEXT,
      body: "",
      headers: { "content-length": "10" },
    });
    assert.equal(res.hasBody, false);
  });

  test("without a HEAD route, the GET route answers with the body stripped and GET's Content-Length", async () => {
    const client = await clientFor(get("/r", () => ({ hello: "wörld" })));
    const getRes = await client.get("/r").dispatch();
    const getBody = await getRes.text();
    assert.equal(getBody, '{"hello":"wörld"}');
    const res = await client.head("/r").dispatch();
    await expectResponse(res, {
      status: 200,
      contentType: JSON_TYPE,
      body: "",
      headers: { "content-length": String(Buffer.byteLength(getBody)) },
    });
    assert.equal(res.headers.get("content-length"), "18");
  });

  test("a GET response has no Content-Length header of its own in the local client", async () => {
    const client = await clientFor(get("/r", () => "abc"));
    await expectResponse(await client.get("/r").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "abc",
      headers: { "content-length": null },
    });
  });

  test("an empty body keeps Content-Length 0", async () => {
    const client = await clientFor(get("/empty", () => ""));
    await expectResponse(await client.head("/empty").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "",
      headers: { "content-length": "0" },
    });
  });

  test("a HEAD route that forwards is retried as GET, and the GET handler sees GET", async () => {
    const client = await clientFor(
      head("/r", { no: guard("No", () => forward(401)) }, () => "head"),
      get("/r", { m: Method }, ({ m }) => `method ${m}`),
    );
    await expectResponse(await client.head("/r").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "",
      headers: { "content-length": "10" },
    });
  });

  test("a HEAD route's error is not retried as GET", async () => {
    const client = await clientFor(
      head("/r", { no: guard("No", () => error(Status.Forbidden)) }, () => "head"),
      get("/r", () => "get"),
    );
    const page = defaultCatcherBody(403, false).body;
    await expectResponse(await client.head("/r").dispatch(), {
      status: 403,
      contentType: HTML,
      body: "",
      headers: { "content-length": String(Buffer.byteLength(page)) },
    });
  });

  test("after the GET retry, the forward status starts again from 404", async () => {
    const client = await clientFor(head("/r", { no: guard("No", () => forward(401)) }, () => "head"));
    const page = defaultCatcherBody(404, false).body;
    await expectResponse(await client.head("/r").dispatch(), {
      status: 404,
      contentType: HTML,
      body: "",
      headers: { "content-length": String(Buffer.byteLength(page)) },
    });
  });

  test("a GET forward status reaches the catcher after the retry", async () => {
    const client = await clientFor(get("/r", { no: guard("No", () => forward(401)) }, () => "get"));
    const page = defaultCatcherBody(401, true).body;
    await expectResponse(await client.head("/r").header("accept", "application/json").dispatch(), {
      status: 401,
      contentType: JSON_TYPE,
      body: "",
      headers: { "content-length": String(Buffer.byteLength(page)) },
    });
  });

  test("error responses are stripped too: a HEAD to nowhere is a bodiless 404 with the page's length", async () => {
    const client = await clientFor();
    const page = defaultCatcherBody(404, false).body;
    const res = await client.head("/nowhere").dispatch();
    await expectResponse(res, {
      status: 404,
      contentType: HTML,
      body: "",
      headers: { "content-length": String(Buffer.byteLength(page)) },
    });
    assert.equal(res.hasBody, false);
  });

  test("a registered catcher's body is stripped, and it sees GET", async () => {
    const client = await Client.tracked(
      build()
        .configure({ log_level: "off" })
        .register("/", [catcher(404, (_s, req) => `caught ${req.method}`)]),
    );
    await expectResponse(await client.head("/x").dispatch(), {
      status: 404,
      contentType: TEXT,
      body: "",
      headers: { "content-length": "10" },
    });
  });

  test("a bodiless response gets no Content-Length", async () => {
    const client = await clientFor(get("/none", () => Status.NoContent));
    await expectResponse(await client.head("/none").dispatch(), {
      status: 204,
      contentType: null,
      body: "",
      headers: { "content-length": null },
    });
  });

  test("request fairings see HEAD; response fairings see GET and the body, before it is stripped", async () => {
    const seen: string[] = [];
    const spy: Fairing = {
      name: "Spy",
      onRequest(req) {
        seen.push(`request ${req.method}`);
      },
      onResponse(req, res) {
        seen.push(`response ${req.method} body=${String(res.body)}`);
        res.setHeader("x-body-length", String(res.bodyLength));
      },
    };
    const client = await Client.tracked(
      build()
        .configure({ log_level: "off" })
        .attach(spy)
        .mount("/", [get("/r", () => "hello")]),
    );
    await expectResponse(await client.head("/r").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "",
      headers: { "content-length": "5", "x-body-length": "5" },
    });
    assert.deepEqual(seen, ["request HEAD", "response GET body=hello"]);
  });

  test("whether to strip is decided after request fairings: HEAD rewritten to GET keeps its body", async () => {
    const toGet: Fairing = {
      name: "ToGet",
      onRequest(req) {
        if (req.method === "HEAD") req.method = "GET";
      },
    };
    const client = await Client.tracked(
      build()
        .configure({ log_level: "off" })
        .attach(toGet)
        .mount("/", [get("/r", () => "hello")]),
    );
    await expectResponse(await client.head("/r").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "hello",
      headers: { "content-length": null },
    });
  });

  test("a request fairing that rewrites GET to HEAD gets a stripped response", async () => {
    const toHead: Fairing = {
      name: "ToHead",
      onRequest(req) {
        req.method = "HEAD";
      },
    };
    const client = await Client.tracked(
      build()
        .configure({ log_level: "off" })
        .attach(toHead)
        .mount("/", [get("/r", () => "hello")]),
    );
    await expectResponse(await client.get("/r").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "",
      headers: { "content-length": "5" },
    });
  });

  test("a GET route without a HEAD route does not answer other methods", async () => {
    const client = await clientFor(get("/r", () => "x"));
    const res = await client.options("/r").dispatch();
    assert.equal(res.status, 404);
  });
});
