// The Books API example end to end: its OpenAPI document (validated, and compared with the committed snapshot),
// CORS, logging in for a JWT, editors and readers, request ids and rate-limit headers.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { describe, it } from "node:test";
import { validate } from "@readme/openapi-parser";
import { type Apogee, Client } from "apogee";
import { app } from "../src/app.ts";

const SNAPSHOT = new URL("./openapi.snapshot.json", import.meta.url);
const JSON_TYPE = "application/json";

function client(configure: (a: Apogee) => Apogee = (a) => a.configure({ log_level: "off" })) {
  return Client.untracked(configure(app()));
}

async function tokenFor(c: Client, name: string): Promise<string> {
  const res = await c.post("/api/login").json({ name, password: "correct horse" }).dispatch();
  assert.equal(res.status, 200);
  return ((await res.json()) as { token: string }).token;
}

describe("the Books API example", () => {
  it("serves an OpenAPI document that validates and matches the snapshot", async () => {
    const c = await client();
    const res = await c.get("/openapi.json").dispatch();
    assert.equal(res.status, 200);
    const text = await res.text();
    const doc = JSON.parse(text);
    assert.deepEqual(await validate(structuredClone(doc)), {
      valid: true,
      warnings: [],
      specification: "OpenAPI",
    });
    // UPDATE_SNAPSHOTS=1 rewrites the snapshot after a deliberate change to the API. Compared as data, so the
    // formatter may lay the file out as it likes.
    if (process.env.UPDATE_SNAPSHOTS === "1") writeFileSync(SNAPSHOT, `${text}\n`);
    assert.deepEqual(doc, JSON.parse(readFileSync(SNAPSHOT, "utf8")));
  });

  it("serves the docs page", async () => {
    const c = await client();
    const res = await c.get("/docs").dispatch();
    assert.equal(res.status, 200);
    assert.match(await res.text(), /<title>Books API docs<\/title>/);
  });

  it("answers CORS preflights from the allowed origin with the path's methods", async () => {
    const c = await client();
    const res = await c
      .options("/api/books")
      .header("origin", "https://books.example")
      .header("access-control-request-method", "POST")
      .header("access-control-request-headers", "authorization, content-type")
      .dispatch();
    assert.equal(res.status, 204);
    assert.equal(res.headers.get("access-control-allow-origin"), "https://books.example");
    assert.equal(res.headers.get("access-control-allow-credentials"), "true");
    assert.equal(res.headers.get("access-control-allow-methods"), "GET, HEAD, POST");
    assert.equal(res.headers.get("access-control-allow-headers"), "authorization, content-type");
    const refused = await c
      .options("/api/books")
      .header("origin", "https://elsewhere.example")
      .header("access-control-request-method", "POST")
      .dispatch();
    assert.equal(refused.status, 403);
  });

  it("logs in with a password for a token that the guarded routes accept", async () => {
    const c = await client();
    const token = await tokenFor(c, "ada");
    const me = await c.get("/api/me").header("authorization", `Bearer ${token}`).dispatch();
    assert.equal(me.status, 200);
    assert.equal(me.headers.get("content-type"), JSON_TYPE);
    assert.deepEqual(await me.json(), { sub: "ada", editor: true });
    const wrong = await c.post("/api/login").json({ name: "ada", password: "wrong" }).dispatch();
    assert.equal(wrong.status, 401);
    const nobody = await c.post("/api/login").json({ name: "eve", password: "correct horse" }).dispatch();
    assert.equal(nobody.status, 401);
  });

  it("refuses requests without a token, with a Bearer challenge", async () => {
    const c = await client();
    const res = await c.get("/api/me").dispatch();
    assert.equal(res.status, 401);
    assert.equal(res.headers.get("www-authenticate"), "Bearer");
  });

  it("lets editors add and remove books; readers get 403", async () => {
    const c = await client();
    const ada = await tokenFor(c, "ada");
    const bob = await tokenFor(c, "bob");
    const book = { title: "Parable of the Sower", author: "Octavia E. Butler", year: 1993 };
    const refused = await c.post("/api/books").header("authorization", `Bearer ${bob}`).json(book).dispatch();
    assert.equal(refused.status, 403);
    const added = await c.post("/api/books").header("authorization", `Bearer ${ada}`).json(book).dispatch();
    assert.equal(added.status, 201);
    const created = (await added.json()) as { id: string };
    assert.equal(added.headers.get("location"), `/api/books/${created.id}`);
    assert.deepEqual(created, { id: created.id, ...book });
    const byButler = await c.get("/api/books?author=butler").dispatch();
    assert.deepEqual(
      ((await byButler.json()) as { title: string }[]).map((b) => b.title),
      ["Kindred", "Parable of the Sower"],
    );
    const removed = await c
      .delete(`/api/books/${created.id}`)
      .header("authorization", `Bearer ${ada}`)
      .dispatch();
    assert.equal(removed.status, 204);
    assert.equal((await c.get(`/api/books/${created.id}`).dispatch()).status, 404);
  });

  it("refuses a book the schema does not accept, with the errors listed", async () => {
    const c = await client();
    const ada = await tokenFor(c, "ada");
    const res = await c
      .post("/api/books")
      .header("authorization", `Bearer ${ada}`)
      .header("accept", JSON_TYPE)
      .json({ title: "", author: "X", year: 1.5 })
      .dispatch();
    assert.equal(res.status, 422);
    const body = (await res.json()) as { error: { code: number; errors: { name: string }[] } };
    assert.equal(body.error.code, 422);
    assert.deepEqual(
      body.error.errors.map((e) => e.name),
      ["title", "year"],
    );
  });

  it("gives every request an id and counts it against the rate limit", async () => {
    const c = await client((a) =>
      a.configure({ log_level: "normal" }).logTo({ out: () => {}, err: () => {} }),
    );
    const res = await c.get("/api/books").remote("192.0.2.1:5000").dispatch();
    assert.match(res.headers.get("x-request-id") ?? "", /^[0-9a-f]{8}-[0-9a-z]+$/);
    assert.equal(res.headers.get("ratelimit-limit"), "100");
    assert.equal(res.headers.get("ratelimit-remaining"), "99");
  });
});
