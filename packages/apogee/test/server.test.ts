import assert from "node:assert/strict";
import { Agent, request as httpRequest } from "node:http";
import { connect } from "node:net";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { build, catcher, get, LaunchError, type Orbit, u8 } from "../src/index.ts";

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  socket: unknown;
}

function fetchRaw(url: string, init: { method?: string; agent?: Agent } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: init.method ?? "GET", agent: init.agent ?? false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({
          status: res.statusCode!,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
          socket: res.socket,
        }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

function rawExchange(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(text));
    const chunks: Buffer[] = [];
    socket.on("data", (c) => chunks.push(c));
    socket.on("end", () => resolve(Buffer.concat(chunks).toString("latin1")));
    socket.on("error", reject);
  });
}

const hello = get(
  "/hello/<name>/<age>",
  { age: u8 },
  ({ name, age }) => `Hello, ${age} year old named ${name}!`,
);
let release: () => void = () => {};
const slow = get("/slow", async () => {
  await new Promise<void>((r) => {
    release = r;
  });
  return "finished";
});
const badRequest = catcher(400, () => "that was not HTTP");

describe("the server over a real socket", () => {
  let orbit: Orbit;
  before(async () => {
    orbit = await build()
      .configure({ port: 0, log_level: "off", shutdown: { grace: 2, mercy: 1 } })
      .mount("/", [hello, slow])
      .register("/", [badRequest])
      .launch();
  });
  after(() => orbit.shutdown());

  it("binds port 0 to a real port and reports it", () => {
    assert.notEqual(orbit.port, 0);
    assert.equal(orbit.url, `http://127.0.0.1:${orbit.port}`);
  });

  it("answers GET with the body, its length, Server and Shield headers", async () => {
    const res = await fetchRaw(`${orbit.url}/hello/Ada/36`);
    assert.equal(res.status, 200);
    assert.equal(res.body, "Hello, 36 year old named Ada!");
    assert.equal(res.headers["content-type"], "text/plain; charset=utf-8");
    assert.equal(res.headers["content-length"], String(Buffer.byteLength(res.body)));
    assert.equal(res.headers.server, "Apogee");
    assert.equal(res.headers["x-content-type-options"], "nosniff");
    assert.equal(res.headers["x-frame-options"], "SAMEORIGIN");
    assert.equal(res.headers["permissions-policy"], "interest-cohort=()");
  });

  it("answers HEAD with GET's headers and length but no body", async () => {
    const res = await fetchRaw(`${orbit.url}/hello/Ada/36`, { method: "HEAD" });
    assert.equal(res.status, 200);
    assert.equal(res.body, "");
    assert.equal(res.headers["content-length"], String(Buffer.byteLength("Hello, 36 year old named Ada!")));
  });

  it("answers a parameter that does not parse with the forwarded 422 page", async () => {
    const res = await fetchRaw(`${orbit.url}/hello/Ada/300`);
    assert.equal(res.status, 422);
    assert.equal(res.headers["content-type"], "text/html; charset=utf-8");
    assert.match(res.body, /<h1>422: Unprocessable Entity<\/h1>/);
  });

  it("keeps the connection alive between requests", async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const first = await fetchRaw(`${orbit.url}/hello/A/1`, { agent });
    const second = await fetchRaw(`${orbit.url}/hello/B/2`, { agent });
    assert.equal(first.body, "Hello, 1 year old named A!");
    assert.equal(second.body, "Hello, 2 year old named B!");
    assert.equal(first.headers.connection, "keep-alive");
    assert.equal(first.socket, second.socket);
    agent.destroy();
  });

  it("answers a garbage request line with 400 through the catchers and closes", async () => {
    const text = await rawExchange(orbit.port, "THIS IS NOT HTTP\r\n\r\n");
    assert.match(text, /^HTTP\/1\.1 400 Bad Request\r\n/);
    assert.match(text, /\r\nconnection: close\r\n/);
    assert.match(text, /\r\nserver: Apogee\r\n/);
    assert.ok(text.endsWith("\r\n\r\nthat was not HTTP"));
  });

  it("answers a method the framework does not know with 400", async () => {
    const text = await rawExchange(
      orbit.port,
      "PROPFIND /hello/A/1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert.match(text, /^HTTP\/1\.1 400 Bad Request\r\n/);
    assert.ok(text.endsWith("that was not HTTP"));
  });

  it("answers an absolute-form target with 400", async () => {
    const text = await rawExchange(
      orbit.port,
      "GET http://example.com/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert.match(text, /^HTTP\/1\.1 400 Bad Request\r\n/);
  });
});

describe("graceful shutdown", () => {
  it("finishes a request in flight, then refuses new connections", async () => {
    const orbit = await build()
      .configure({ port: 0, log_level: "off", shutdown: { grace: 5, mercy: 1 } })
      .mount("/", [slow])
      .launch();
    const pending = fetchRaw(`${orbit.url}/slow`);
    await sleep(100);
    const stopping = orbit.shutdown();
    await sleep(50);
    release();
    const res = await pending;
    assert.equal(res.status, 200);
    assert.equal(res.body, "finished");
    assert.equal(res.headers.connection, "close");
    await stopping;
    await assert.rejects(fetchRaw(`${orbit.url}/slow`), /ECONNREFUSED/);
  });

  it("closes connections still busy after grace and mercy", async () => {
    const orbit = await build()
      .configure({ port: 0, log_level: "off", shutdown: { grace: 0.1, mercy: 0.1 } })
      .mount("/", [slow])
      .launch();
    const pending = fetchRaw(`${orbit.url}/slow`);
    await sleep(100);
    const started = Date.now();
    await orbit.shutdown();
    assert.ok(Date.now() - started < 2000);
    await assert.rejects(pending, /socket hang up|ECONNRESET/);
    release();
  });
});

describe("launch failures", () => {
  it("rejects with a bind error naming the address when the port is taken", async () => {
    const first = await build().configure({ port: 0, log_level: "off" }).launch();
    await assert.rejects(
      build().configure({ port: first.port, log_level: "off" }).launch(),
      (e: unknown) =>
        e instanceof LaunchError &&
        e.kind === "bind" &&
        e.message.includes(`127.0.0.1:${first.port}`) &&
        e.message.endsWith("aborting due to socket bind error"),
    );
    await first.shutdown();
  });
});
