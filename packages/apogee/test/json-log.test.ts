// `log_format = "json"`: one JSON object per line, one line per request, with a request id.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { build, Client, Figment, get, type LogLevel, u8 } from "../src/index.ts";
import { capture } from "./support/config.ts";
import { expectResponse, TEXT } from "./support/local.ts";

const hello = get("/hello/<age>", { age: u8 }, ({ age }) => `age ${age}`);
const boom = get("/boom", () => {
  throw new Error("kaput");
});

async function jsonApp(level: LogLevel = "normal") {
  const log = capture();
  const app = build()
    .configure(
      Figment.from({
        log_level: level,
        log_format: "json",
        secret_key: Buffer.alloc(32, 1).toString("base64"),
      }),
    )
    .logTo(log.sink)
    .mount("/", [hello, boom]);
  const client = await Client.untracked(app);
  return { client, log };
}

function parse(line: string | undefined): Record<string, unknown> {
  assert.ok(line !== undefined, "no line");
  return JSON.parse(line) as Record<string, unknown>;
}

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe("the json log format", () => {
  test("each request is one line: time, level, id, method, path (no query), status, duration_ms, route", async () => {
    const { client, log } = await jsonApp();
    const before = log.out.length;
    const res = await client.get("/hello/42?secret=1").dispatch();
    const id = res.headers.get("x-request-id");
    assert.ok(id !== undefined && /^[0-9a-f]{8}-[0-9a-z]+$/.test(id), id);
    await expectResponse(res, {
      status: 200,
      contentType: TEXT,
      body: "age 42",
      headers: { "x-request-id": id },
    });
    const lines = log.out.slice(before);
    assert.equal(lines.length, 1, lines.join("\n"));
    const entry = parse(lines[0]);
    assert.deepEqual(Object.keys(entry), [
      "time",
      "level",
      "id",
      "method",
      "path",
      "status",
      "duration_ms",
      "route",
    ]);
    assert.match(String(entry.time), ISO);
    assert.equal(typeof entry.duration_ms, "number");
    assert.ok((entry.duration_ms as number) >= 0);
    assert.deepEqual(
      { ...entry, time: 0, duration_ms: 0 },
      {
        time: 0,
        level: "info",
        id,
        method: "GET",
        path: "/hello/42",
        status: 200,
        duration_ms: 0,
        route: "/hello/<age>",
      },
    );
  });

  test("a sane incoming X-Request-Id is reused; an unsafe or overlong one is replaced; generated ids differ", async () => {
    const { client } = await jsonApp();
    const given = await client.get("/hello/1").header("X-Request-Id", "abc-123_XYZ.9").dispatch();
    assert.equal(given.headers.get("x-request-id"), "abc-123_XYZ.9");
    for (const bad of ["has space", 'quote"d', "x".repeat(129)]) {
      const res = await client.get("/hello/1").header("X-Request-Id", bad).dispatch();
      assert.notEqual(res.headers.get("x-request-id"), bad);
      assert.match(res.headers.get("x-request-id") ?? "", /^[0-9a-f]{8}-[0-9a-z]+$/);
    }
    const a = (await client.get("/hello/1").dispatch()).headers.get("x-request-id");
    const b = (await client.get("/hello/1").dispatch()).headers.get("x-request-id");
    assert.notEqual(a, b);
  });

  test("a miss logs the catcher's status and route null; a 5xx is level error, and the error is a JSON line", async () => {
    const { client, log } = await jsonApp();
    let before = log.out.length;
    await client.get("/nowhere").dispatch();
    const miss = parse(log.out[before]);
    assert.deepEqual([miss.status, miss.route, miss.level, miss.path], [404, null, "info", "/nowhere"]);
    before = log.out.length;
    const errBefore = log.err.length;
    await client.get("/boom").dispatch();
    const failed = parse(log.out[before]);
    assert.deepEqual([failed.status, failed.level, failed.route], [500, "error", "/boom"]);
    const error = parse(log.err[errBefore]);
    assert.deepEqual([error.level, error.msg], ["error", "Handler boom threw. Failing with 500."]);
    assert.match(String(error.error), /^Error: kaput\n/);
  });

  test("no pretty per-request lines are written; launch lines are JSON objects too", async () => {
    const { client, log } = await jsonApp();
    const before = log.out.length;
    await client.get("/hello/not-a-number").dispatch();
    assert.equal(log.out.length - before, 1);
    for (const line of log.out) {
      const entry = parse(line);
      assert.match(String(entry.time), ISO);
    }
    const first = parse(log.out[0]);
    assert.deepEqual([first.level, first.msg], ["info", "Configured for debug."]);
    assert.ok(log.out.some((l) => parse(l).msg === "log format: json"));
  });

  test("at log level critical no request lines are written, and no request id is added", async () => {
    const { client, log } = await jsonApp("critical");
    const before = log.out.length;
    const res = await client.get("/hello/1").dispatch();
    assert.equal(log.out.length, before);
    assert.equal(res.headers.get("x-request-id"), undefined);
  });

  test("the pretty format adds no X-Request-Id", async () => {
    const client = await Client.untracked(
      build()
        .configure(Figment.from({ log_level: "normal" }))
        .logTo(capture().sink)
        .mount("/", [hello]),
    );
    const res = await client.get("/hello/1").header("X-Request-Id", "keep").dispatch();
    await expectResponse(res, {
      status: 200,
      contentType: TEXT,
      body: "age 1",
      headers: { "x-request-id": null },
    });
  });
});
