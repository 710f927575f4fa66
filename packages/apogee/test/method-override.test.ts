// `_method` (ROCKET.md §0, §1.9): a url-encoded POST whose first field is `_method=<method>` is routed as that
// method, before request fairings. Every method name works (options included); nothing else is reinterpreted.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  build,
  Client,
  dataGuard,
  del,
  type Fairing,
  get,
  guard,
  head,
  type Method,
  options,
  patch,
  post,
  put,
  route,
  success,
} from "../src/index.ts";
import { clientFor, expectResponse, TEXT } from "./support/local.ts";

const FORM = "application/x-www-form-urlencoded";
const Seen = guard("Seen", (req) => success(req.method));

const routes = [
  get("/", () => "GET"),
  put("/", () => "PUT"),
  post("/", () => "POST"),
  del("/", () => "DELETE"),
  options("/", () => "OPTIONS"),
  head("/", () => "HEAD"),
  patch("/", () => "PATCH"),
  route("TRACE", "/", () => "TRACE"),
  route("CONNECT", "/", () => "CONNECT"),
];

async function send(body: string, contentType: string | null = FORM, method = "POST") {
  const client = await clientFor(...routes);
  const req = client.req(method, "/").body(body);
  if (contentType !== null) req.header("content-type", contentType);
  return req.dispatch();
}

describe("_method reinterprets a url-encoded POST", () => {
  const methods: Method[] = ["GET", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "CONNECT", "POST"];
  for (const m of methods) {
    test(`_method=${m.toLowerCase()} routes the POST as ${m}`, async () => {
      await expectResponse(await send(`_method=${m.toLowerCase()}&x=1`), {
        status: 200,
        contentType: TEXT,
        body: m,
      });
    });
  }

  test("_method=head routes as HEAD, and the response is stripped like a HEAD response", async () => {
    await expectResponse(await send("_method=head"), {
      status: 200,
      contentType: TEXT,
      body: "",
      headers: { "content-length": "4" },
    });
  });

  test("the method name is case-insensitive", async () => {
    await expectResponse(await send("_method=DeLeTe"), { status: 200, contentType: TEXT, body: "DELETE" });
    await expectResponse(await send("_method=PUT"), { status: 200, contentType: TEXT, body: "PUT" });
  });

  test("a body that is only the field works", async () => {
    await expectResponse(await send("_method=options"), { status: 200, contentType: TEXT, body: "OPTIONS" });
    await expectResponse(await send("_method=connect"), { status: 200, contentType: TEXT, body: "CONNECT" });
  });

  test("the Content-Type may carry parameters", async () => {
    await expectResponse(await send("_method=put", `${FORM}; charset=utf-8`), {
      status: 200,
      contentType: TEXT,
      body: "PUT",
    });
  });

  test("the data guard still reads the whole body", async () => {
    const Body = dataGuard("Body", async (_req, data) =>
      success(Buffer.from((await data.read(100)).value).toString()),
    );
    const client = await clientFor(
      put({ uri: "/", data: "<body>" }, { body: Body }, ({ body }) => `PUT ${body}`),
    );
    await expectResponse(
      await client.post("/").header("content-type", FORM).body("_method=put&name=x").dispatch(),
      {
        status: 200,
        contentType: TEXT,
        body: "PUT _method=put&name=x",
      },
    );
  });

  test("it happens before request fairings, which see the new method", async () => {
    const seen: string[] = [];
    const spy: Fairing = { name: "Spy", onRequest: (req) => void seen.push(req.method) };
    const client = await Client.tracked(
      build()
        .configure({ log_level: "off" })
        .attach(spy)
        .mount("/", [del("/", { m: Seen }, ({ m }) => `handler saw ${m}`)]),
    );
    await expectResponse(
      await client.post("/").header("content-type", FORM).body("_method=delete").dispatch(),
      {
        status: 200,
        contentType: TEXT,
        body: "handler saw DELETE",
      },
    );
    assert.deepEqual(seen, ["DELETE"]);
  });
});

describe("what _method does not reinterpret", () => {
  test("only the first field counts", async () => {
    await expectResponse(await send("x=1&_method=put"), { status: 200, contentType: TEXT, body: "POST" });
  });

  test("the name must be exactly _method, undecoded", async () => {
    await expectResponse(await send("_METHOD=put"), { status: 200, contentType: TEXT, body: "POST" });
    await expectResponse(await send("%5Fmethod=put"), { status: 200, contentType: TEXT, body: "POST" });
    await expectResponse(await send("_method_=put"), { status: 200, contentType: TEXT, body: "POST" });
  });

  test("the value must be a method: unknown and empty values leave POST", async () => {
    await expectResponse(await send("_method=propfind"), { status: 200, contentType: TEXT, body: "POST" });
    await expectResponse(await send("_method=&x=1"), { status: 200, contentType: TEXT, body: "POST" });
    await expectResponse(await send("_method="), { status: 200, contentType: TEXT, body: "POST" });
    await expectResponse(await send("_method=put%20"), { status: 200, contentType: TEXT, body: "POST" });
  });

  test("multipart bodies are not reinterpreted", async () => {
    await expectResponse(await send("_method=put", "multipart/form-data; boundary=x"), {
      status: 200,
      contentType: TEXT,
      body: "POST",
    });
  });

  test("other content types, or none, are not reinterpreted", async () => {
    await expectResponse(await send("_method=put", "text/plain"), {
      status: 200,
      contentType: TEXT,
      body: "POST",
    });
    await expectResponse(await send("_method=put", null), { status: 200, contentType: TEXT, body: "POST" });
  });

  test("methods other than POST are not reinterpreted", async () => {
    await expectResponse(await send("_method=delete", FORM, "PUT"), {
      status: 200,
      contentType: TEXT,
      body: "PUT",
    });
    await expectResponse(await send("_method=delete", FORM, "PATCH"), {
      status: 200,
      contentType: TEXT,
      body: "PATCH",
    });
  });
});
