import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Client } from "apogee";
import { app } from "../src/app.ts";

async function client() {
  return Client.tracked(app().configure({ log_level: "off" }));
}

describe("the hello example (seed: Requests and Responses)", () => {
  it("greets a cool person with typed age and coolness", async () => {
    const res = await (await client()).get("/hello/John/58/true").dispatch();
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "text/plain; charset=utf-8");
    assert.equal(await res.text(), "You're a cool 58 year old, John!");
  });

  it("talks to an uncool person about their coolness", async () => {
    const res = await (await client()).get("/hello/Mike/20/false").dispatch();
    assert.equal(await res.text(), "Mike, we need to talk about your coolness.");
  });

  it("forwards an age that is not a u8 and answers 422 when nothing else matches", async () => {
    const res = await (await client()).get("/hello/John/256/true").dispatch();
    assert.equal(res.status, 422);
  });

  it("routes /user/<id> by rank: usize, then isize, then the raw string", async () => {
    const c = await client();
    assert.equal(await (await c.get("/user/42").dispatch()).text(), "User #42 (usize)");
    assert.equal(await (await c.get("/user/-42").dispatch()).text(), "User #-42 (isize)");
    assert.equal(
      await (await c.get("/user/Bob%20Smith").dispatch()).text(),
      'User "Bob%20Smith" (raw string)',
    );
  });

  it("wraps a body in 202 Accepted", async () => {
    const res = await (await client()).post("/7").dispatch();
    assert.equal(res.status, 202);
    assert.equal(await res.text(), "id: '7'");
  });

  it("sets a JSON content type over a string with content.Json", async () => {
    const res = await (await client()).get("/json").dispatch();
    assert.equal(res.headers.get("content-type"), "application/json");
    assert.equal(await res.text(), "{ 'hi': 'world' }");
  });

  it("hands a returned 406 status to the default catcher", async () => {
    const res = await (await client()).get("/fail").header("accept", "application/json").dispatch();
    assert.equal(res.status, 406);
    assert.deepEqual(await res.json(), {
      error: {
        code: 406,
        reason: "Not Acceptable",
        description:
          "The requested resource is capable of generating only content not acceptable according to the Accept headers sent in the request.",
      },
    });
  });

  it("catches a failed parse with result(): the route answers instead of forwarding", async () => {
    const c = await client();
    assert.equal(await (await c.get("/account/12").dispatch()).text(), "Account #12");
    assert.equal(
      await (await c.get("/account/twelve").dispatch()).text(),
      "'twelve' is not an account number",
    );
  });

  it("serves /page/<path..> through PathBuf, refusing dotfiles", async () => {
    const c = await client();
    assert.equal(await (await c.get("/page/docs/intro/../guide").dispatch()).text(), "Page: docs/guide");
    assert.equal((await c.get("/page/.env").dispatch()).status, 422);
  });

  it("answers a string as text/plain", async () => {
    const res = await (await client()).get("/string").dispatch();
    assert.equal(res.headers.get("content-type"), "text/plain; charset=utf-8");
    assert.equal(await res.text(), "Hello there! I'm a string!");
  });

  it("answers a missing book (undefined) with the 404 catcher", async () => {
    const c = await client();
    assert.equal(await (await c.get("/book/1").dispatch()).text(), "The Rust Programming Language");
    const res = await c.get("/book/2").dispatch();
    assert.equal(res.status, 404);
    assert.equal(await res.text(), "Sorry, '/book/2' is not a valid path.");
  });

  it("answers unknown paths with the guide's 404 catcher", async () => {
    const res = await (await client()).get("/nowhere/at/all").dispatch();
    assert.equal(res.status, 404);
    assert.equal(await res.text(), "Sorry, '/nowhere/at/all' is not a valid path.");
  });
});
