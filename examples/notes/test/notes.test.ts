// The notes example end to end, through the local client: on SQLite (the default profile) and on PostgreSQL (the
// release profile), the same handlers and the same answers. Configuration comes from the example's Apogee.toml,
// with the database URL given by APOGEE_DATABASES as production would.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { Client, Figment, type LocalResponse } from "apogee";
import { app } from "../src/app.ts";
import { Notes } from "../src/db.ts";

const HERE = join(dirname(fileURLToPath(import.meta.url)), "..");
const PG = "postgres://postgres@127.0.0.1:5432/test";

async function client(env: Record<string, string>): Promise<Client> {
  const figment = Figment.apogee({ cwd: HERE, env }).merge({ log_level: "off" });
  const c = await Client.tracked(app().configure(figment));
  after(() => c.terminate());
  return c;
}

// The body, with the one value a test cannot know in advance (when the note was made) checked and replaced.
async function json(res: LocalResponse): Promise<string> {
  const text = await res.text();
  return text.replace(/"created_at":"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)"/g, '"created_at":"<time>"');
}

async function crud(c: Client): Promise<void> {
  let res = await c.get("/notes").dispatch();
  assert.equal(res.status, 200);
  assert.equal(await res.text(), "[]");

  res = await c.post("/notes").json({ title: "First", body: "hello" }).dispatch();
  assert.equal(res.status, 201);
  assert.equal(res.headers.get("location"), "/notes/1");
  assert.equal(res.headers.get("content-type"), "application/json");
  assert.equal(await json(res), '{"id":1,"title":"First","body":"hello","created_at":"<time>"}');

  res = await c.post("/notes").json({ title: "  " }).dispatch();
  assert.equal(res.status, 422);

  res = await c.get("/notes/1").dispatch();
  assert.equal(res.status, 200);
  assert.equal(await json(res), '{"id":1,"title":"First","body":"hello","created_at":"<time>"}');

  res = await c.put("/notes/1").json({ title: "Renamed", body: "again" }).dispatch();
  assert.equal(res.status, 200);
  assert.equal(await json(res), '{"id":1,"title":"Renamed","body":"again","created_at":"<time>"}');

  assert.equal((await c.get("/notes/99").dispatch()).status, 404);
  assert.equal((await c.put("/notes/99").json({ title: "Nobody" }).dispatch()).status, 404);

  res = await c.post("/notes").json({ title: "Second" }).dispatch();
  assert.equal(res.headers.get("location"), "/notes/2");
  res = await c.get("/notes").dispatch();
  assert.equal(
    await json(res),
    '[{"id":2,"title":"Second","body":"","created_at":"<time>"},{"id":1,"title":"Renamed","body":"again","created_at":"<time>"}]',
  );

  res = await c.delete("/notes/1").dispatch();
  assert.equal(res.status, 204);
  assert.equal(await res.text(), "");
  assert.equal((await c.delete("/notes/1").dispatch()).status, 404);
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ port, host: "127.0.0.1" });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(500, () => done(false));
    s.once("connect", () => done(true));
    s.once("error", () => done(false));
  });
}

describe("the notes example", async () => {
  test("on SQLite (the default profile): create, read, update, list and delete notes", async () => {
    const dir = mkdtempSync(join(tmpdir(), "apogee-notes-"));
    after(() => rmSync(dir, { recursive: true, force: true }));
    const c = await client({ APOGEE_DATABASES: `{notes={url="sqlite://${join(dir, "notes.db")}"}}` });
    assert.equal(Notes.fetch(c.app)!.driver, "sqlite");
    await crud(c);
  });

  const pg = await listening(5432);
  if (!pg && process.env.CI === "true")
    throw new Error("CI=true but PostgreSQL is not listening on 127.0.0.1:5432");
  if (!pg)
    console.error("\n!!! SKIPPING the notes example on PostgreSQL: nothing listens on 127.0.0.1:5432.\n");
  test("on PostgreSQL (the release profile): the same handlers give the same answers", {
    skip: !pg && "no postgres server",
  }, async () => {
    const { default: pgModule } = await import("pg");
    const schema = `notes_${process.pid}_${Date.now()}`;
    const admin = new pgModule.Client({ connectionString: PG });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    after(async () => {
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    });
    const url = `${PG}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const c = await client({
      APOGEE_PROFILE: "release",
      APOGEE_SECRET_KEY: Buffer.alloc(32, 1).toString("base64"),
      APOGEE_DATABASES: `{notes={url="${url}"}}`,
    });
    assert.equal(Notes.fetch(c.app)!.driver, "postgres");
    await crud(c);
  });
});
