// The Compression fairing: Brotli or gzip by Accept-Encoding (q-values, identity, `*`), the size threshold, media
// types that are skipped, precompressed and no-transform responses, streams, ETags and Vary.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import {
  Client,
  Compression,
  type CompressionOptions,
  content,
  get,
  respond,
  TextStream,
} from "../src/index.ts";
import { expectResponse, quietApp, TEXT } from "./support/local.ts";

const BIG = "All work and no play makes Jack a dull boy. ".repeat(100); // 4400 bytes
const big = get("/big", () => BIG);
const small = get("/small", () => "tiny");
const json = get("/json", () => ({ text: BIG }));
const png = get("/png", () => content.Custom("image/png", new Uint8Array(4096).fill(7)));
const svg = get("/svg", () => content.Custom("image/svg+xml", `<svg>${BIG}</svg>`));
const encoded = get("/encoded", () => respond(BIG, { headers: { "content-encoding": "identity" } }));
const noTransform = get("/raw", () => respond(BIG, { headers: { "cache-control": "public, no-transform" } }));
const tagged = get("/tagged", () => respond(BIG, { headers: { etag: '"v1"' } }));
const streamed = get("/stream", () =>
  TextStream(
    (async function* () {
      for (let i = 0; i < 50; i++) yield `line ${i} ${"x".repeat(40)}\n`;
    })(),
  ),
);
const events = get("/events", () => content.Custom("text/event-stream", BIG));

function client(options?: CompressionOptions): Promise<Client> {
  return Client.untracked(
    quietApp([big, small, json, png, svg, encoded, noTransform, tagged, streamed, events]).attach(
      Compression(options),
    ),
  );
}

async function bytes(res: { bytes(): Promise<Uint8Array> }): Promise<Buffer> {
  return Buffer.from(await res.bytes());
}

describe("Compression", () => {
  test("Brotli is preferred when the client accepts both equally; the body decodes to the original", async () => {
    const c = await client();
    const res = await c.get("/big").header("accept-encoding", "gzip, deflate, br").dispatch();
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-encoding"), "br");
    assert.equal(res.headers.get("vary"), "Accept-Encoding");
    assert.equal(res.headers.get("content-type"), TEXT);
    const body = await bytes(res);
    assert.ok(body.length < BIG.length / 10, `compressed to ${body.length}`);
    assert.equal(brotliDecompressSync(body).toString(), BIG);
  });

  test("gzip when that is all the client accepts", async () => {
    const c = await client();
    const res = await c.get("/big").header("accept-encoding", "gzip").dispatch();
    assert.equal(res.headers.get("content-encoding"), "gzip");
    assert.equal(gunzipSync(await bytes(res)).toString(), BIG);
  });

  test("q-values rank the codings; q=0 refuses one; `*` stands for the rest", async () => {
    const c = await client();
    const cases: [string, string | undefined][] = [
      ["br;q=0.5, gzip;q=0.8", "gzip"],
      ["br;q=0, gzip", "gzip"],
      ["gzip;q=0, br;q=0", undefined],
      ["*", "br"],
      ["*;q=0.1, br;q=0", "gzip"],
      ["identity", undefined],
      ["x-gzip", "gzip"],
      ["GZIP;Q=1.0", "gzip"],
      ["deflate", undefined],
    ];
    for (const [header, expected] of cases) {
      const res = await c.get("/big").header("accept-encoding", header).dispatch();
      assert.equal(res.headers.get("content-encoding"), expected, header);
      const body = await bytes(res);
      const plain =
        expected === "br" ? brotliDecompressSync(body) : expected === "gzip" ? gunzipSync(body) : body;
      assert.equal(plain.toString(), BIG, header);
      assert.equal(res.headers.get("vary"), "Accept-Encoding", header);
    }
  });

  test("no Accept-Encoding: sent as is, with Vary: Accept-Encoding for caches", async () => {
    const c = await client();
    const res = await c.get("/big").dispatch();
    await expectResponse(res, {
      status: 200,
      contentType: TEXT,
      body: BIG,
      headers: { "content-encoding": null, vary: "Accept-Encoding" },
    });
  });

  test("bodies under the threshold are sent as they are, without Vary", async () => {
    const c = await client();
    const res = await c.get("/small").header("accept-encoding", "br, gzip").dispatch();
    await expectResponse(res, {
      status: 200,
      contentType: TEXT,
      body: "tiny",
      headers: { "content-encoding": null, vary: null },
    });
    const lower = await client({ threshold: 2 });
    const res2 = await lower.get("/small").header("accept-encoding", "gzip").dispatch();
    assert.equal(res2.headers.get("content-encoding"), "gzip");
    assert.equal(gunzipSync(await bytes(res2)).toString(), "tiny");
  });

  test("JSON and SVG are compressed; PNG and event streams are not", async () => {
    const c = await client();
    const j = await c.get("/json").header("accept-encoding", "gzip").dispatch();
    assert.equal(j.headers.get("content-encoding"), "gzip");
    assert.deepEqual(JSON.parse(gunzipSync(await bytes(j)).toString()), { text: BIG });
    const s = await c.get("/svg").header("accept-encoding", "gzip").dispatch();
    assert.equal(s.headers.get("content-encoding"), "gzip");
    const p = await c.get("/png").header("accept-encoding", "gzip").dispatch();
    assert.equal(p.headers.get("content-encoding"), undefined);
    assert.equal(p.headers.get("vary"), undefined);
    assert.equal((await bytes(p)).length, 4096);
    const e = await c.get("/events").header("accept-encoding", "gzip").dispatch();
    assert.equal(e.headers.get("content-encoding"), undefined);
  });

  test("`exclude` adds media types never to compress, exactly or by top type", async () => {
    const c = await client({ exclude: ["application/json", "text/*"] });
    for (const path of ["/json", "/big"]) {
      const res = await c.get(path).header("accept-encoding", "gzip").dispatch();
      assert.equal(res.headers.get("content-encoding"), undefined, path);
    }
  });

  test("a response with a Content-Encoding already, or Cache-Control: no-transform, is left alone", async () => {
    const c = await client();
    const e = await c.get("/encoded").header("accept-encoding", "gzip").dispatch();
    await expectResponse(e, {
      status: 200,
      contentType: TEXT,
      body: BIG,
      headers: { "content-encoding": "identity", vary: null },
    });
    const n = await c.get("/raw").header("accept-encoding", "gzip").dispatch();
    await expectResponse(n, {
      status: 200,
      contentType: TEXT,
      body: BIG,
      headers: { "content-encoding": null },
    });
  });

  test("a strong ETag becomes weak once the body is compressed", async () => {
    const c = await client();
    const res = await c.get("/tagged").header("accept-encoding", "gzip").dispatch();
    assert.equal(res.headers.get("etag"), 'W/"v1"');
    const plain = await c.get("/tagged").dispatch();
    assert.equal(plain.headers.get("etag"), '"v1"');
  });

  test("a stream of unknown length is compressed as it flows", async () => {
    const c = await client();
    const res = await c.get("/stream").header("accept-encoding", "gzip").dispatch();
    assert.equal(res.headers.get("content-encoding"), "gzip");
    assert.equal(res.headers.get("content-length"), undefined);
    const text = gunzipSync(await bytes(res)).toString();
    assert.equal(text.split("\n").length, 51);
    assert.ok(text.startsWith(`line 0 ${"x".repeat(40)}\nline 1 `));
  });

  test("a HEAD request gets the headers a GET would, and no body", async () => {
    const c = await client();
    const res = await c.head("/big").header("accept-encoding", "br").dispatch();
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-encoding"), "br");
    assert.equal((await bytes(res)).length, 0);
    const get = await c.get("/big").header("accept-encoding", "br").dispatch();
    assert.equal(res.headers.get("content-length"), String((await bytes(get)).length));
  });

  test("large bodies (over 64 KiB) are compressed off the event loop, the same way", async () => {
    const huge = "abcdefghij".repeat(10_000);
    const route = get("/huge", () => huge);
    const c = await Client.untracked(quietApp([route]).attach(Compression()));
    const res = await c.get("/huge").header("accept-encoding", "br").dispatch();
    assert.equal(res.headers.get("content-encoding"), "br");
    assert.equal(brotliDecompressSync(await bytes(res)).toString(), huge);
  });
});
