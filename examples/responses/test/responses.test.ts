import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Client } from "apogee";
import { app } from "../src/app.ts";

const client = () => Client.untracked(app().configure({ log_level: "off" }));

describe("the responses example (seed: Responses)", () => {
  it("serves a file through the four-line file server and 404s a missing one", async () => {
    const c = await client();
    const res = await c.get("/files/hello.txt").dispatch();
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "text/plain; charset=utf-8");
    assert.equal(await res.text(), "Hello from a static file.\n");
    assert.equal((await c.get("/files/nope.txt").dispatch()).status, 404);
  });

  it("explains a missing file with NotFound", async () => {
    const res = await (await client()).get("/explained/nope.txt").dispatch();
    assert.equal(res.status, 404);
    assert.equal(await res.text(), "Bad path: nope.txt");
  });

  it("streams a countdown", async () => {
    const res = await (await client()).get("/countdown/3").dispatch();
    assert.equal(res.headers.get("content-type"), "text/plain; charset=utf-8");
    assert.equal(await res.text(), "3\n2\n1\nliftoff!\n");
  });

  it("ticks a server-sent-events clock until the client leaves", async () => {
    const res = await (await client()).get("/clock").dispatch();
    assert.equal(res.headers.get("content-type"), "text/event-stream");
    const chunks = res.chunks();
    const first = new TextDecoder().decode((await chunks.next()).value);
    assert.match(first, /^id:0\ndata:\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z\n\n$/);
    await chunks.return(undefined);
    res.cancel();
  });

  it("links with a typed URI: /mike redirects to Mike Smith, 28", async () => {
    const c = await client();
    const res = await c.get("/mike").dispatch();
    assert.equal(res.status, 303);
    assert.equal(res.headers.get("location"), "/person/Mike%20Smith?age=28");
    assert.equal(
      await (await c.get("/person/Mike%20Smith?age=28").dispatch()).text(),
      "Hello, 28 year old named Mike Smith!",
    );
  });

  it("serves the static site at rank 10 with caching", async () => {
    const res = await (await client()).get("/").dispatch();
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("cache-control"), "public, max-age=60");
    assert.match(await res.text(), /<h1>Responses<\/h1>/);
  });
});
