// The RequestLog fairing: the log format by profile (pretty in debug, JSON lines in release) unless configured,
// a request id on every request in either format, sent back as X-Request-Id.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { build, Client, Figment, get, RequestLog, type RequestLogOptions } from "../src/index.ts";
import { capture, SECRET } from "./support/config.ts";
import { expectResponse, TEXT } from "./support/local.ts";

const hello = get("/hello", () => "hi");

async function appWith(values: Record<string, unknown>, options?: RequestLogOptions, profile = "debug") {
  const log = capture();
  const app = build()
    .configure(Figment.from({ secret_key: SECRET, ...values }).select(profile))
    .logTo(log.sink)
    .attach(RequestLog(options))
    .mount("/", [hello]);
  const client = await Client.untracked(app);
  log.out.length = 0;
  return { client, log };
}

const ID = /^[0-9a-f]{8}-[0-9a-z]+$/;

describe("RequestLog", () => {
  test("in debug, the pretty trace ends with the status, the time and the request id, sent as X-Request-Id", async () => {
    const { client, log } = await appWith({ log_level: "normal" });
    const res = await client.get("/hello").dispatch();
    const id = res.headers.get("x-request-id");
    assert.ok(id !== undefined && ID.test(id), id);
    await expectResponse(res, {
      status: 200,
      contentType: TEXT,
      body: "hi",
      headers: { "x-request-id": id },
    });
    assert.equal(log.out.length, 5, log.out.join("\n"));
    assert.deepEqual(log.out.slice(0, 4), [
      "GET /hello:",
      "   >> Matched: (hello) GET /hello",
      "   >> Outcome: Success(200 OK)",
      "   >> Response succeeded.",
    ]);
    assert.match(log.out[4]!, new RegExp(`^   >> 200 in \\d+(\\.\\d+)?ms \\(id ${id}\\)\\.$`));
  });

  test("a sane X-Request-Id from the client is kept", async () => {
    const { client, log } = await appWith({ log_level: "normal" });
    const res = await client.get("/hello").header("x-request-id", "trace-42").dispatch();
    assert.equal(res.headers.get("x-request-id"), "trace-42");
    assert.match(log.out.at(-1)!, /\(id trace-42\)\.$/);
  });

  test("in release, each request is one JSON line with its id", async () => {
    const { client, log } = await appWith({ log_level: "normal" }, {}, "release");
    const res = await client.get("/hello?x=1").dispatch();
    const id = res.headers.get("x-request-id");
    assert.ok(id !== undefined && ID.test(id), id);
    assert.equal(log.out.length, 1, log.out.join("\n"));
    const entry = JSON.parse(log.out[0]!) as Record<string, unknown>;
    assert.deepEqual(
      { ...entry, time: 0, duration_ms: 0 },
      {
        time: 0,
        level: "info",
        id,
        method: "GET",
        path: "/hello",
        status: 200,
        duration_ms: 0,
        route: "/hello",
      },
    );
  });

  test("a log_format the configuration sets wins over the profile's", async () => {
    const { client, log } = await appWith({ log_level: "normal", log_format: "pretty" }, {}, "release");
    const res = await client.get("/hello").dispatch();
    assert.equal(log.out[0], "GET /hello:");
    assert.match(log.out.at(-1)!, new RegExp(`\\(id ${res.headers.get("x-request-id")}\\)\\.$`));
  });

  test("`format` forces a format, whatever the configuration says", async () => {
    const { client, log } = await appWith({ log_level: "normal", log_format: "pretty" }, { format: "json" });
    await client.get("/hello").dispatch();
    assert.equal(log.out.length, 1);
    assert.equal((JSON.parse(log.out[0]!) as { path: string }).path, "/hello");
  });

  test("at the critical level nothing is logged and no id is given", async () => {
    const { client, log } = await appWith({ log_level: "critical" });
    const res = await client.get("/hello").dispatch();
    assert.equal(res.headers.get("x-request-id"), undefined);
    assert.deepEqual(log.out, []);
  });

  test("without RequestLog, the pretty format gives no ids", async () => {
    const log = capture();
    const app = build()
      .configure(Figment.from({ log_level: "normal" }))
      .logTo(log.sink)
      .mount("/", [hello]);
    const client = await Client.untracked(app);
    const res = await client.get("/hello").dispatch();
    assert.equal(res.headers.get("x-request-id"), undefined);
  });
});
