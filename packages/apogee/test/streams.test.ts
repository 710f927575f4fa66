import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import { Readable } from "node:stream";
import { describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import {
  ByteStream,
  build,
  Client,
  Event,
  EventStream,
  get,
  LastEventId,
  ReaderStream,
  TextStream,
} from "../src/index.ts";

const quiet = () => build().configure({ log_level: "off" });

async function* count(n: number) {
  for (let i = 0; i < n; i++) yield `${i};`;
}

describe("streamed bodies", () => {
  test("TextStream is text/plain, chunked (no Content-Length), and reads in full", async () => {
    const client = await Client.untracked(quiet().mount("/", [get("/count", () => TextStream(count(5)))]));
    const res = await client.get("/count").dispatch();
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "text/plain; charset=utf-8");
    assert.equal(res.headers.get("content-length"), undefined);
    assert.equal(res.isStreamed, true);
    assert.equal(await res.text(), "0;1;2;3;4;");
  });

  test("ByteStream is application/octet-stream and takes bytes from any source kind", async () => {
    const sources = {
      "/iter": () => ByteStream([new Uint8Array([1, 2]), new Uint8Array([3])]),
      "/node": () => ByteStream(Readable.from([Buffer.from([1, 2]), Buffer.from([3])])),
      "/web": () =>
        ByteStream(
          new ReadableStream<Uint8Array>({
            start(c) {
              c.enqueue(new Uint8Array([1, 2]));
              c.enqueue(new Uint8Array([3]));
              c.close();
            },
          }),
        ),
    };
    const client = await Client.untracked(
      quiet().mount(
        "/",
        Object.entries(sources).map(([p, h]) => get(p, h)),
      ),
    );
    for (const path of Object.keys(sources)) {
      const res = await client.get(path).dispatch();
      assert.equal(res.headers.get("content-type"), "application/octet-stream", path);
      assert.deepEqual([...(await res.bytes())], [1, 2, 3], path);
    }
  });

  test("ReaderStream sets no Content-Type", async () => {
    const client = await Client.untracked(quiet().mount("/", [get("/r", () => ReaderStream(count(2)))]));
    const res = await client.get("/r").dispatch();
    assert.equal(res.headers.get("content-type"), undefined);
    assert.equal(await res.text(), "0;1;");
  });

  test("HEAD drops a stream entirely and stops its producer", async () => {
    let stopped = false;
    async function* forever() {
      try {
        for (;;) yield "x";
      } finally {
        stopped = true;
      }
    }
    const gen = forever();
    await gen.next(); // started, so `return` runs its finally
    const client = await Client.untracked(quiet().mount("/", [get("/s", () => TextStream(gen))]));
    const res = await client.head("/s").dispatch();
    assert.equal(res.status, 200);
    assert.equal(res.hasBody, false);
    assert.equal(res.headers.get("content-length"), undefined);
    await sleep(10);
    assert.equal(stopped, true);
  });
});

describe("server-sent events", () => {
  test("each field in Rocket's order, no space after the colon, one line per data line", () => {
    const e = Event.data("line one\nline two\r\nthree\rfour")
      .id("7")
      .event("up:date")
      .withComment("hi")
      .withRetry(1500);
    assert.equal(
      String(e),
      ":hi\nretry:1500\nid:7\nevent:up date\ndata:line one\ndata:line two\ndata:three\ndata:four\n\n",
    );
    assert.equal(String(Event.json({ a: [1, "b"] })), 'data:{"a":[1,"b"]}\n\n');
    assert.equal(String(Event.comment("keep\nalive")), ":keep\n:alive\n\n");
    assert.equal(String(Event.retry(10)), "retry:10\n\n");
    assert.equal(String(Event.data("x").id("a\nb")), "id:a b\ndata:x\n\n");
  });

  test("EventStream sets the SSE headers and streams the frames", async () => {
    const stream = get("/events", () => EventStream([Event.data("one").id("1"), Event.json({ n: 2 })]));
    const client = await Client.untracked(quiet().mount("/", [stream]));
    const res = await client.get("/events").dispatch();
    assert.equal(res.headers.get("content-type"), "text/event-stream");
    assert.equal(res.headers.get("cache-control"), "no-cache");
    assert.equal(res.headers.get("expires"), "0");
    assert.equal(await res.text(), 'id:1\ndata:one\n\ndata:{"n":2}\n\n');
  });

  test("a silent stream sends a ':' heartbeat at the configured interval; null disables it", async () => {
    async function* slow() {
      await sleep(120);
      yield Event.data("late");
    }
    const beating = get("/beat", () => EventStream(slow(), { heartbeat: 50 }));
    const silent = get("/silent", () => EventStream(slow(), { heartbeat: null }));
    const client = await Client.untracked(quiet().mount("/", [beating, silent]));
    assert.equal(await (await client.get("/beat").dispatch()).text(), ":\n:\ndata:late\n\n");
    assert.equal(await (await client.get("/silent").dispatch()).text(), "data:late\n\n");
  });

  test("the Last-Event-ID of a reconnecting client reaches the handler", async () => {
    const resume = get("/resume", { last: LastEventId }, ({ last }) =>
      EventStream([Event.data(`resuming after ${last ?? "nothing"}`)]),
    );
    const client = await Client.untracked(quiet().mount("/", [resume]));
    assert.equal(
      await (await client.get("/resume").header("last-event-id", "41").dispatch()).text(),
      "data:resuming after 41\n\n",
    );
    assert.equal(await (await client.get("/resume").dispatch()).text(), "data:resuming after nothing\n\n");
  });
});

describe("streams over a real socket", () => {
  test("a slow reader applies backpressure: the producer stays close to what was read", async () => {
    let produced = 0;
    const chunk = Buffer.alloc(64 * 1024, 97);
    async function* big() {
      for (let i = 0; i < 4096; i++) {
        produced++;
        yield chunk;
      }
    }
    const orbit = await quiet()
      .configure({ port: 0 })
      .mount("/", [get("/big", () => ByteStream(big()))])
      .launch();
    try {
      const readBytes = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(`${orbit.url}/big`, (res) => {
          res.pause();
          setTimeout(() => {
            const waiting = produced;
            res.destroy();
            resolve(waiting);
          }, 300);
        });
        req.on("error", reject);
        req.end();
      });
      // 4096 chunks would be 256 MiB; socket and stream buffers hold only a few MiB while the client is paused.
      assert.ok(readBytes < 200, `the producer ran ahead to ${readBytes} chunks`);
    } finally {
      await orbit.shutdown();
    }
  });

  test("a client that disconnects stops the producer and aborts the request signal", async () => {
    let stopped = false;
    let aborted = false;
    async function* ticks() {
      try {
        for (;;) {
          yield Event.data("tick");
          await sleep(10);
        }
      } finally {
        stopped = true;
      }
    }
    const { guard, success } = await import("../src/index.ts");
    const Watch = guard("Watch", (req) => {
      req.signal.addEventListener("abort", () => {
        aborted = true;
      });
      return success(undefined);
    });
    const orbit = await quiet()
      .configure({ port: 0 })
      .mount("/", [get("/ticks", { watch: Watch }, () => EventStream(ticks(), { heartbeat: null }))])
      .launch();
    try {
      await new Promise<void>((resolve, reject) => {
        const req = httpRequest(`${orbit.url}/ticks`, (res) => {
          res.once("data", () => {
            res.destroy();
            resolve();
          });
        });
        req.on("error", reject);
        req.end();
      });
      for (let i = 0; i < 50 && !(stopped && aborted); i++) await sleep(20);
      assert.equal(stopped, true);
      assert.equal(aborted, true);
    } finally {
      await orbit.shutdown();
    }
  });
});
