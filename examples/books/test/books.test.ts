// The books example through the local client on SQLite (the default profile): the whole API flow, browser
// sessions, transactions, CORS, Shield, configuration and launch errors.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { type Client, LaunchError } from "apogee";
import { z } from "zod";
import { Books } from "../src/db.ts";
import { type Answer, apiFlow, type Send } from "./flow.ts";
import { client, configured, figment, signUp, sqliteUrl } from "./support.ts";

function localSend(c: Client): Send {
  return async (method, path, call = {}) => {
    const req = c.req(method, path);
    if (call.token !== undefined) req.header("authorization", `Bearer ${call.token}`);
    for (const [k, v] of Object.entries(call.headers ?? {})) req.header(k, v);
    if (call.json !== undefined) req.json(call.json);
    const res = await req.dispatch();
    const text = await res.text();
    return { status: res.status, header: (name) => res.headers.get(name), text } satisfies Answer;
  };
}

describe("the books example on SQLite", () => {
  test("the whole API flow: accounts, tokens, own shelves, pages, filters, validation, 404s", async () => {
    const c = await client();
    assert.equal(Books.fetch(c.app)!.driver, "sqlite");
    await apiFlow(localSend(c));
  });

  test("a browser signs in with a session cookie, uses the API with it, and signs out", async () => {
    const c = await client();
    await signUp(c, "ada@example.com");
    let res = await c
      .post("/session")
      .json({ email: "ada@example.com", password: "wrong password" })
      .dispatch();
    assert.equal(res.status, 401);
    assert.equal(res.cookie("books_session"), undefined);
    res = await c
      .post("/session")
      .json({ email: "ada@example.com", password: "correct horse battery" })
      .dispatch();
    assert.equal(res.status, 204);
    const cookie = res.cookie("books_session")!;
    assert.equal(cookie.attributes.httponly, "");
    assert.equal(cookie.attributes.samesite, "Strict");
    res = await c.post("/books").json({ title: "Kindred", author: "Octavia E. Butler" }).dispatch();
    assert.equal(res.status, 201);
    res = await c.get("/accounts/me").dispatch();
    assert.equal(await res.text(), '{"id":1,"email":"ada@example.com"}');
    res = await c.delete("/session").dispatch();
    assert.equal(res.status, 204);
    res = await c.get("/accounts/me").dispatch();
    assert.equal(res.status, 401);
  });

  test("two sign-ups racing for one email: one account, the other answer is 409", async () => {
    const c = await client();
    const body = { email: "twin@example.com", password: "correct horse battery" };
    const answers = await Promise.all([
      c.post("/accounts").json(body).dispatch(),
      c.post("/accounts").json(body).dispatch(),
    ]);
    assert.deepEqual(answers.map((r) => r.status).sort(), [201, 409]);
    const db = Books.fetch(c.app)!.kysely!;
    assert.deepEqual(await db.selectFrom("account").select("email").execute(), [
      { email: "twin@example.com" },
    ]);
  });

  test("a forged session cookie is refused like no credentials at all", async () => {
    const c = await client();
    const res = await c.get("/accounts/me").cookie("books_session", "forged").dispatch();
    assert.equal(res.status, 401);
    assert.equal(res.headers.get("www-authenticate"), "Bearer");
    assert.equal(
      await res.text(),
      '{"error":{"code":401,"reason":"Unauthorized","description":"Sign in first: a bearer token from POST /tokens, or the session cookie from POST /session."}}',
    );
  });

  test("a request writing two rows commits both or neither (the book and its audit row)", async () => {
    const c = await client();
    const token = await signUp(c, "ada@example.com");
    const db = Books.fetch(c.app)!.kysely!;
    let res = await c
      .post("/books")
      .header("authorization", `Bearer ${token}`)
      .json({ title: "A", author: "B" })
      .dispatch();
    assert.equal(res.status, 201);
    const audit = () => db.selectFrom("audit").select(["action", "book_id"]).orderBy("id").execute();
    assert.deepEqual(await audit(), [
      { action: "register", book_id: null },
      { action: "create", book_id: 1 },
    ]);
    // The audit row cannot be written (its table is gone): the book's insert rolls back with it.
    await db.schema.alterTable("audit").renameTo("audit_gone").execute();
    res = await c
      .post("/books")
      .header("authorization", `Bearer ${token}`)
      .json({ title: "C", author: "D" })
      .dispatch();
    assert.equal(res.status, 500);
    await db.schema.alterTable("audit_gone").renameTo("audit").execute();
    const books = await db.selectFrom("book").select("title").execute();
    assert.deepEqual(books, [{ title: "A" }]);
  });

  test("CORS: the configured origins get the headers, others do not", async () => {
    const c = await client();
    let res = await c
      .options("/books")
      .header("origin", "http://localhost:3000")
      .header("access-control-request-method", "POST")
      .header("access-control-request-headers", "authorization, content-type")
      .dispatch();
    assert.equal(res.status, 204);
    assert.equal(res.headers.get("access-control-allow-origin"), "http://localhost:3000");
    assert.equal(res.headers.get("access-control-allow-credentials"), "true");
    assert.equal(res.headers.get("access-control-allow-headers"), "authorization, content-type");
    res = await c.get("/health").header("origin", "http://localhost:3000").dispatch();
    assert.equal(res.headers.get("access-control-allow-origin"), "http://localhost:3000");
    assert.equal(res.headers.get("access-control-expose-headers"), "location");
    res = await c.get("/health").header("origin", "https://evil.example").dispatch();
    assert.equal(res.headers.get("access-control-allow-origin"), undefined);
  });

  test("Shield's default headers are sent, and no HSTS over plain HTTP", async () => {
    const c = await client();
    const res = await c.get("/health").dispatch();
    assert.equal(res.headers.get("x-content-type-options"), "nosniff");
    assert.equal(res.headers.get("strict-transport-security"), undefined);
  });

  test("under TLS, Shield sends HSTS", async () => {
    const dir = mkdtempSync(join(tmpdir(), "apogee-books-tls-"));
    after(() => rmSync(dir, { recursive: true, force: true }));
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=localhost",
        "-keyout",
        join(dir, "key.pem"),
        "-out",
        join(dir, "cert.pem"),
      ],
      { stdio: "ignore" },
    );
    const c = await client({
      APOGEE_TLS: `{certs="${join(dir, "cert.pem")}",key="${join(dir, "key.pem")}"}`,
    });
    const res = await c.get("/health").dispatch();
    assert.equal(res.headers.get("strict-transport-security"), "max-age=31536000; includeSubDomains");
    assert.equal(res.headers.get("x-content-type-options"), "nosniff");
  });

  test("the SQLite file is created, with its folder, on first start", async () => {
    const url = sqliteUrl().replace("books.db", "nested/dir/books.db");
    const file = url.slice("sqlite://".length);
    assert.equal(existsSync(file), false);
    const c = await client({ APOGEE_DATABASES: `{books={url="${url}"}}` });
    assert.equal(existsSync(file), true);
    assert.equal((await c.get("/ready").dispatch()).status, 200);
  });

  test("the default database is data/books.db, relative to the example's folder", async () => {
    const settings = await figment({}).extract(
      z.object({ databases: z.object({ books: z.object({ url: z.string() }) }) }),
    );
    assert.equal(settings.databases.books.url, "sqlite://data/books.db");
  });

  test("release without a secret key is a clear launch error", async () => {
    await assert.rejects(
      configured({ APOGEE_PROFILE: "release", APOGEE_DATABASES: `{books={url="${sqliteUrl()}"}}` }).ignite(),
      (e: unknown) => {
        assert.ok(e instanceof LaunchError);
        assert.match(e.message, /no `secret_key` outside the debug profile/);
        assert.match(String(e), /APOGEE_SECRET_KEY/);
        return true;
      },
    );
  });
});
