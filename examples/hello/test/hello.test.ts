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

  it("redirects /admin to /login with 303", async () => {
    const res = await (await client()).get("/admin").dispatch();
    assert.equal(res.status, 303);
    assert.equal(res.headers.get("location"), "/login");
    assert.equal(await res.text(), "");
  });

  it("answers unknown paths with the guide's 404 catcher", async () => {
    const res = await (await client()).get("/nowhere/at/all").dispatch();
    assert.equal(res.status, 404);
    assert.equal(await res.text(), "Sorry, '/nowhere/at/all' is not a valid path.");
  });
});
