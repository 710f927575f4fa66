import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { Client } from "apogee";
import { app } from "../src/app.ts";

const FORM = "application/x-www-form-urlencoded";
let dir: string;
let client: Client;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "apogee-forms-example-"));
  client = await Client.untracked(
    app({ uploadFile: join(dir, "upload.txt"), uploadDir: join(dir, "kept") }).configure({
      log_level: "off",
      temp_dir: dir,
    }),
  );
});
after(() => rm(dir, { recursive: true, force: true }));

async function text(res: Promise<import("apogee").LocalResponse>): Promise<[number, string]> {
  const r = await res;
  return [r.status, await r.text()];
}

function postForm(uri: string, body: string) {
  return client.post(uri).header("content-type", FORM).body(body).dispatch();
}

describe("the forms example (seed: Requests, Body Data)", () => {
  it("takes a strict Task form", async () => {
    assert.deepEqual(await text(postForm("/todo", "description=Buy+milk&complete=on")), [
      200,
      "New task: Buy milk (done)",
    ]);
  });

  it("answers 422 when the strict form has an extra field or lacks one", async () => {
    assert.equal((await postForm("/todo", "description=Buy+milk")).status, 422);
    assert.equal((await postForm("/todo", "description=x&complete=on&x=1")).status, 422);
  });

  it("forwards a body that is not a form (415)", async () => {
    assert.equal((await client.post("/todo").body("description=x&complete=on").dispatch()).status, 415);
  });

  it("catches a bad Task with Option<Form<Task>>", async () => {
    assert.deepEqual(await text(postForm("/maybe", "complete=perhaps")), [200, "That was not a valid task."]);
  });

  it("parses leniently with LenientForm", async () => {
    assert.deepEqual(await text(postForm("/lenient", "description=x&extra=1")), [
      200,
      "New task: x (complete: false)",
    ]);
  });

  it("reads the renamed `type` field", async () => {
    assert.deepEqual(await text(postForm("/external", "type=webhook")), [200, "External API type: webhook"]);
  });

  it("validates AdultAge, and catches it with Option<AdultAge>", async () => {
    assert.deepEqual(await text(postForm("/adult", "age=30")), [200, "Welcome, 30 year old."]);
    assert.equal((await postForm("/adult", "age=20")).status, 422);
    assert.deepEqual(await text(postForm("/maybe-adult", "age=20")), [200, "No valid age given."]);
  });

  it("takes Json<Task>", async () => {
    const res = client.post("/todo.json").json({ description: "Write docs", complete: false }).dispatch();
    assert.deepEqual(await text(res), [200, "New task: Write docs"]);
    assert.equal((await client.post("/todo.json").json({ description: 1 }).dispatch()).status, 422);
  });

  it("takes the Task from the query, per field and per form", async () => {
    assert.deepEqual(await text(client.get("/todo?task.description=Call+Bob&task.complete=yes").dispatch()), [
      200,
      "New task from the query: Call Bob (done)",
    ]);
    assert.equal((await client.get("/todo?task.complete=yes").dispatch()).status, 422);
    assert.deepEqual(await text(client.get("/lax?task.complete=maybe").dispatch()), [
      200,
      "(no description), complete: unknown",
    ]);
    assert.deepEqual(await text(client.get("/maybe?task.complete=on").dispatch()), [
      200,
      "No task in the query.",
    ]);
  });

  it("streams a text/plain upload to a file", async () => {
    const res = client.post("/upload").header("content-type", "text/plain").body("Hello, file!").dispatch();
    assert.deepEqual(await text(res), [200, "12"]);
    assert.equal(await readFile(join(dir, "upload.txt"), "utf8"), "Hello, file!");
  });

  it("serves the upload page and keeps an uploaded file", async () => {
    const page = await client.get("/files").dispatch();
    assert.equal(page.headers.get("content-type"), "text/html; charset=utf-8");
    assert.match(await page.text(), /enctype="multipart\/form-data"/);
    const boundary = "xyz";
    const body =
      `--${boundary}\r\nContent-Disposition: form-data; name="caption"\r\n\r\nHoliday\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="beach.png"\r\nContent-Type: image/png\r\n\r\nPNGDATA\r\n` +
      `--${boundary}--\r\n`;
    const res = client
      .post("/files")
      .header("content-type", `multipart/form-data; boundary=${boundary}`)
      .body(body)
      .dispatch();
    assert.deepEqual(await text(res), [200, 'Saved "Holiday" as beach (7 bytes).']);
    assert.equal(await readFile(join(dir, "kept", "beach"), "utf8"), "PNGDATA");
    assert.deepEqual((await readdir(dir)).sort(), ["kept", "upload.txt"]);
  });
});
