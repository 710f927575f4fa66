// Body data and limits (ROCKET.md §4.1–4.3): `Data` (open/peek/streamToFile), `Text`/`Bytes` and their 400 on
// the limit, `capped`, named limits overridable in config, and reading that stops at the limit.
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import {
  Bytes,
  build,
  Client,
  capped,
  Data,
  Form,
  form,
  type Orbit,
  optional,
  post,
  type Route,
  result,
  Text,
  u8,
} from "../src/index.ts";
import { expectErrors, expectText } from "./support/data.ts";
import { expectResponse, quietApp } from "./support/local.ts";

const echoText = post({ uri: "/text", data: "<t>" }, { t: Text }, ({ t }) => `[${t}]`);
const echoBytes = post({ uri: "/bytes", data: "<b>" }, { b: Bytes }, ({ b }) => `${b.length} bytes`);
const cappedText = post(
  { uri: "/capped", data: "<t>" },
  { t: capped(Text) },
  ({ t }) => `${t.value}|${t.complete}`,
);
const cappedBytes = post(
  { uri: "/capped-bytes", data: "<b>" },
  { b: capped(Bytes) },
  ({ b }) => `${b.value.length}|${b.complete}`,
);

function clientWith(limits: Record<string, number | string>, ...routes: Route<any, any, any, any>[]) {
  return Client.untracked(quietApp(routes).configure({ limits }));
}

describe("Text and Bytes read with their named limits", () => {
  test("Text echoes a body within the `string` limit as UTF-8", async () => {
    const c = await Client.untracked(quietApp([echoText]));
    await expectText(await c.post("/text").body("héllo wörld").dispatch(), "[héllo wörld]");
  });

  test("a body exactly at the limit is complete; one byte past it fails with 400, not 413", async () => {
    const c = await clientWith({ string: 8 }, echoText);
    await expectText(await c.post("/text").body("12345678").dispatch(), "[12345678]");
    await expectErrors(await c.post("/text").body("123456789").dispatch(), 400, [
      { name: null, code: "tooLarge", message: "the body is larger than the `string` limit of 8 bytes" },
    ]);
  });

  test("Bytes over the `bytes` limit fails with 400; at the limit it passes", async () => {
    const c = await clientWith({ bytes: 4 }, echoBytes);
    await expectText(
      await c
        .post("/bytes")
        .body(new Uint8Array([0, 255, 1, 2]))
        .dispatch(),
      "4 bytes",
    );
    await expectErrors(await c.post("/bytes").body(new Uint8Array(5)).dispatch(), 400, [
      { name: null, code: "tooLarge", message: "the body is larger than the `bytes` limit of 4 bytes" },
    ]);
  });

  test("the default limits are Rocket's: string 8 KiB, bytes 8 KiB", async () => {
    const c = await Client.untracked(quietApp([echoText, echoBytes]));
    await expectText(await c.post("/text").body("a".repeat(8192)).dispatch(), `[${"a".repeat(8192)}]`);
    assert.equal((await c.post("/text").body("a".repeat(8193)).dispatch()).status, 400);
    await expectText(await c.post("/bytes").body(new Uint8Array(8192)).dispatch(), "8192 bytes");
    assert.equal((await c.post("/bytes").body(new Uint8Array(8193)).dispatch()).status, 400);
  });

  test("limits are read case-insensitively and sizes may be strings", async () => {
    const c = await clientWith({ STRING: "1 KiB" }, echoText);
    await expectText(await c.post("/text").body("x".repeat(1024)).dispatch(), `[${"x".repeat(1024)}]`);
    assert.equal((await c.post("/text").body("x".repeat(1025)).dispatch()).status, 400);
  });

  test("invalid UTF-8 is a 400 `utf8` error", async () => {
    const c = await Client.untracked(quietApp([echoText]));
    await expectErrors(
      await c
        .post("/text")
        .body(new Uint8Array([0x66, 0xff, 0x6f]))
        .dispatch(),
      400,
      [{ name: null, code: "utf8", message: "the body is not valid UTF-8" }],
    );
  });

  test("no Content-Type check: any type, or none, is read", async () => {
    const c = await Client.untracked(quietApp([echoText]));
    await expectText(
      await c.post("/text").header("content-type", "application/json").body("{}").dispatch(),
      "[{}]",
    );
    await expectText(await c.post("/text").dispatch(), "[]");
  });

  test("the JSON catcher lists the errors in an `errors` array", async () => {
    const c = await clientWith({ string: 2 }, echoText);
    const res = await c.post("/text").header("accept", "application/json").body("abc").dispatch();
    await expectResponse(res, {
      status: 400,
      contentType: "application/json",
      body: `{
  "error": {
    "code": 400,
    "reason": "Bad Request",
    "description": "The request could not be understood by the server due to malformed syntax.",
    "errors": [
      {"name":null,"code":"tooLarge","message":"the body is larger than the \`string\` limit of 2 bytes"}
    ]
  }
}`,
    });
  });

  test("the HTML catcher lists the errors, names in <code>, text escaped", async () => {
    const c = await Client.untracked(
      quietApp([post({ uri: "/f", data: "<f>" }, { f: Form(form({ n: u8 })) }, ({ f }) => `${f.n}`)]),
    );
    const res = await c
      .post("/f")
      .header("content-type", "application/x-www-form-urlencoded")
      .body("n=1&a<b>=x")
      .dispatch();
    await expectResponse(res, {
      status: 422,
      contentType: "text/html; charset=utf-8",
      body: `<!DOCTYPE html>
<html lang="en">
<head>
    <meta charset="utf-8">
    <meta name="color-scheme" content="light dark">
    <title>422 Unprocessable Entity</title>
</head>
<body align="center">
    <div role="main" align="center">
        <h1>422: Unprocessable Entity</h1>
        <p>The request was well-formed but was unable to be followed due to semantic errors.</p>
        <ul>
            <li><code>a&lt;b&gt;</code>: the form has no such field</li>
        </ul>
        <hr />
    </div>
    <div role="contentinfo" align="center">
        <small>Apogee</small>
    </div>
</body>
</html>`,
    });
  });

  test("optional(Text) is undefined over the limit; result(Text) carries the errors", async () => {
    const c = await clientWith(
      { string: 3 },
      post({ uri: "/opt", data: "<t>" }, { t: optional(Text) }, ({ t }) => `${t}`),
      post({ uri: "/res", data: "<t>" }, { t: result(Text) }, ({ t }) =>
        t.ok ? t.value : `${t.error.status} ${t.error.errors[0]?.code}`,
      ),
    );
    await expectText(await c.post("/opt").body("abcd").dispatch(), "undefined");
    await expectText(await c.post("/opt").body("abc").dispatch(), "abc");
    await expectText(await c.post("/res").body("abcd").dispatch(), "400 tooLarge");
  });
});

describe("capped(...) never fails on the limit", () => {
  test("capped(Text) cuts at the limit and says it was incomplete", async () => {
    const c = await clientWith({ string: 5 }, cappedText);
    await expectText(await c.post("/capped").body("hello world").dispatch(), "hello|false");
    await expectText(await c.post("/capped").body("hello").dispatch(), "hello|true");
  });

  test("capped(Text) drops a multi-byte character cut by the limit", async () => {
    const c = await clientWith({ string: 2 }, cappedText);
    await expectText(await c.post("/capped").body("aé").dispatch(), "a|false");
  });

  test("capped(Bytes) gives the first `bytes` bytes", async () => {
    const c = await clientWith({ bytes: 3 }, cappedBytes);
    await expectText(await c.post("/capped-bytes").body("abcdef").dispatch(), "3|false");
    await expectText(await c.post("/capped-bytes").body("abc").dispatch(), "3|true");
  });

  test("capped() refuses a guard without a limit", () => {
    assert.throws(() => capped(Data as never), /capped\(\) takes a limited data guard/);
  });
});

describe("Data: the raw body", () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "apogee-data-"));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test("the seed's upload: streamToFile writes the body and answers the byte count", async () => {
    const path = join(dir, "upload.txt");
    const upload = post(
      { uri: "/upload", format: "plain", data: "<data>" },
      { data: Data },
      async ({ data }) => {
        const n = await data.open(128 * 1024).streamToFile(path);
        return n.value.toString();
      },
    );
    const c = await Client.untracked(quietApp([upload]));
    const res = await c
      .post("/upload")
      .header("content-type", "text/plain")
      .body("Hello, upload!")
      .dispatch();
    await expectText(res, "14");
    assert.equal(await readFile(path, "utf8"), "Hello, upload!");
    const other = await c.post("/upload").header("content-type", "application/json").body("{}").dispatch();
    assert.equal(other.status, 404, "the format must match");
  });

  test("open(limit) stops at the limit: the file holds `limit` bytes and complete is false", async () => {
    const path = join(dir, "cut.txt");
    const route = post({ uri: "/cut", data: "<d>" }, { d: Data }, async ({ d }) => {
      const n = await d.open(4).streamToFile(path);
      return `${n.value} ${n.complete}`;
    });
    const c = await Client.untracked(quietApp([route]));
    await expectText(await c.post("/cut").body("123456").dispatch(), "4 false");
    assert.equal(await readFile(path, "utf8"), "1234");
    await expectText(await c.post("/cut").body("1234").dispatch(), "4 true");
  });

  test("open(limit) is a readable stream with bytesRead and complete", async () => {
    const route = post({ uri: "/stream", data: "<d>" }, { d: Data }, async ({ d }) => {
      const s = d.open(10);
      let text = "";
      for await (const chunk of s) text += String(chunk);
      return `${text} ${s.bytesRead} ${s.complete}`;
    });
    const c = await Client.untracked(quietApp([route]));
    await expectText(await c.post("/stream").body("abcdefghijklmnop").dispatch(), "abcdefghij 10 false");
    await expectText(await c.post("/stream").body("abc").dispatch(), "abc 3 true");
  });

  test("peek(n) gives at most 512 bytes without consuming them", async () => {
    const route = post({ uri: "/peek", data: "<d>" }, { d: Data }, async ({ d }) => {
      const first = await d.peek(4);
      const most = await d.peek(10_000);
      const all = await d.open(10_000).intoString();
      return `${Buffer.from(first).toString()} ${most.length} ${all.value.length} ${all.complete}`;
    });
    const c = await Client.untracked(quietApp([route]));
    await expectText(await c.post("/peek").body("x".repeat(600)).dispatch(), "xxxx 512 600 true");
  });

  test("open() refuses a negative limit", () => {
    assert.throws(() => new Data(null).open(-1), /the limit must be a byte count/);
  });
});

describe("over a socket, reading stops at the limit", () => {
  let orbit: Orbit;
  before(async () => {
    orbit = await build()
      .configure({ port: 0, log_level: "off", limits: { string: 1024 } })
      .mount("/", [echoText])
      .launch();
  });
  after(() => orbit.shutdown());

  test("a huge body over the limit is answered 400 before it is sent in full", async () => {
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(orbit.port, "127.0.0.1", () => {
        socket.write(
          "POST /text HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 104857600\r\n\r\n",
        );
        socket.write("y".repeat(4096)); // far less than the announced 100 MiB
      });
      let text = "";
      socket.on("data", (c) => {
        text += c.toString("latin1");
        if (text.includes("</html>")) {
          socket.destroy();
          resolve(text);
        }
      });
      socket.on("error", reject);
    });
    assert.match(reply, /^HTTP\/1\.1 400 Bad Request\r\n/);
    assert.match(reply, /the body is larger than the `string` limit of 1024 bytes/);
  });

  test("the rest of an over-limit body is discarded, so the next request on the connection is answered", async () => {
    const replies = await new Promise<string>((resolve, reject) => {
      const socket = connect(orbit.port, "127.0.0.1", () => {
        const big = "z".repeat(50_000);
        socket.write(
          `POST /text HTTP/1.1\r\nHost: x\r\nContent-Length: ${big.length}\r\n\r\n${big}` +
            "POST /text HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok",
        );
      });
      let text = "";
      socket.on("data", (c) => {
        text += c.toString("latin1");
      });
      socket.on("end", () => resolve(text));
      socket.on("error", reject);
    });
    assert.match(replies, /^HTTP\/1\.1 400 Bad Request\r\n/);
    assert.match(replies, /HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n\r\n\[ok\]$/);
  });
});
