// Multipart forms and uploads (ROCKET.md §4.4, §4.7): value vs data fields, TempFile streamed to temp_dir with the
// `file/<ext>` limits, persistTo/copyTo/len/name/rawName/contentType, cleanup when the request ends, the
// `data-form` limit (413), malformed bodies (400), and no hang on a part nobody reads.
import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, beforeEach, describe, test } from "node:test";
import { sanitizeFileName } from "../src/data/temp-file.ts";
import {
  array,
  build,
  Client,
  capped,
  Form,
  field,
  form,
  LenientForm,
  type Orbit,
  optional,
  post,
  type Route,
  str,
  TempFile,
  u8,
  validate,
} from "../src/index.ts";
import { BOUNDARY, expectErrors, expectText, multipart, postMultipart } from "./support/data.ts";
import { expectDefaultCatcher, quietApp } from "./support/local.ts";

let dir: string;
let out: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "apogee-multipart-"));
  out = await mkdtemp(join(tmpdir(), "apogee-kept-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(out, { recursive: true, force: true });
});
beforeEach(async () => {
  for (const f of await readdir(dir)) await rm(join(dir, f), { force: true });
});

function clientFor(routes: Route<any, any, any, any>[], limits: Record<string, number> = {}) {
  return Client.untracked(quietApp(routes).configure({ temp_dir: dir, limits }));
}

const Upload = form({ title: str, file: TempFile });
const describeUpload = post({ uri: "/upload", data: "<up>" }, { up: Form(Upload) }, async ({ up }) => {
  const f = up.file;
  const text = Buffer.from(await f.bytes()).toString();
  return `${up.title}: ${f.len} bytes, name=${f.name}, raw=${f.rawName}, type=${f.contentType}, on disk=${f.path !== undefined}, ${text}`;
});

describe("value fields and data fields", () => {
  test("a part with a file name is streamed to temp_dir; a plain part is a value field", async () => {
    const c = await clientFor([describeUpload]);
    const res = await postMultipart(c, "/upload", [
      { name: "title", value: "Report" },
      {
        name: "file",
        value: "hello file",
        fileName: "../../etc/report.final.txt",
        contentType: "text/plain",
      },
    ]);
    await expectText(
      res,
      "Report: 10 bytes, name=report, raw=../../etc/report.final.txt, type=text/plain, on disk=true, hello file",
    );
  });

  test("a TempFile from a value field is kept in memory", async () => {
    const c = await clientFor([describeUpload]);
    const res = await postMultipart(c, "/upload", [
      { name: "title", value: "T" },
      { name: "file", value: "inline" },
    ]);
    await expectText(res, "T: 6 bytes, name=undefined, raw=undefined, type=undefined, on disk=false, inline");
  });

  test("a data part parsed as text is read with the `string` limit (413 past it)", async () => {
    const route = post({ uri: "/t", data: "<f>" }, { f: Form(form({ note: str })) }, ({ f }) => f.note);
    const c = await clientFor([route], { string: 4 });
    await expectText(
      await postMultipart(c, "/t", [{ name: "note", value: "abcd", contentType: "text/markdown" }]),
      "abcd",
    );
    await expectErrors(
      await postMultipart(c, "/t", [{ name: "note", value: "abcde", contentType: "text/markdown" }]),
      413,
      [{ name: "note", code: "tooLarge", message: "the field is larger than the `string` limit of 4 bytes" }],
    );
  });

  test("several files into an array, numbers and text alongside", async () => {
    const Gallery = form({ count: u8, photos: array(TempFile) });
    const route = post(
      { uri: "/g", data: "<g>" },
      { g: Form(Gallery) },
      ({ g }) => `${g.count} ${g.photos.map((p) => `${p.name}:${p.len}`).join(",")}`,
    );
    const c = await clientFor([route]);
    const res = await postMultipart(c, "/g", [
      { name: "count", value: "2" },
      { name: "photos", value: "aaa", fileName: "a.png", contentType: "image/png" },
      { name: "photos", value: "bbbbb", fileName: "b.png", contentType: "image/png" },
    ]);
    await expectText(res, "2 a:3,b:5");
  });

  test("a strict multipart form refuses an unknown part, and still reads the rest", async () => {
    const c = await clientFor([describeUpload]);
    const res = await postMultipart(c, "/upload", [
      {
        name: "junk",
        value: "x".repeat(100_000),
        fileName: "junk.bin",
        contentType: "application/octet-stream",
      },
      { name: "title", value: "T" },
      { name: "file", value: "f", fileName: "f.txt", contentType: "text/plain" },
    ]);
    await expectErrors(res, 422, [
      { name: "junk", code: "unexpected", message: "the form has no such field" },
    ]);
  });

  test("a file part nobody reads is skipped without hanging (lenient form)", async () => {
    const route = post(
      { uri: "/l", data: "<f>" },
      { f: LenientForm(form({ a: str, b: str })) },
      ({ f }) => `${f.a}${f.b}`,
    );
    const c = await clientFor([route], { "data-form": 4 * 1024 * 1024 });
    const res = await postMultipart(c, "/l", [
      { name: "a", value: "1" },
      {
        name: "ignored",
        value: Buffer.alloc(3 * 1024 * 1024, 1),
        fileName: "big.bin",
        contentType: "application/octet-stream",
      },
      { name: "b", value: "2" },
    ]);
    await expectText(res, "12");
  });
});

describe("TempFile limits, persistence and cleanup", () => {
  test("the file is removed when the request ends", async () => {
    const c = await clientFor([describeUpload]);
    await postMultipart(c, "/upload", [
      { name: "title", value: "T" },
      { name: "file", value: "gone", fileName: "g.txt", contentType: "text/plain" },
    ]);
    assert.deepEqual(await readdir(dir), []);
  });

  test("persistTo moves it out and keeps it; copyTo copies", async () => {
    const kept = join(out, "kept.txt");
    const copy = join(out, "copy.txt");
    const route = post({ uri: "/keep", data: "<up>" }, { up: Form(Upload) }, async ({ up }) => {
      await up.file.copyTo(copy);
      await up.file.persistTo(kept);
      return `${up.file.persisted} ${up.file.path === kept}`;
    });
    const c = await clientFor([route]);
    const res = await postMultipart(c, "/keep", [
      { name: "title", value: "T" },
      { name: "file", value: "keep me", fileName: "k.txt", contentType: "text/plain" },
    ]);
    await expectText(res, "true true");
    assert.equal(await readFile(kept, "utf8"), "keep me");
    assert.equal(await readFile(copy, "utf8"), "keep me");
    assert.deepEqual(await readdir(dir), []);
  });

  test("file/<ext> limits by Content-Type: exactly at the limit passes, one byte past is 413", async () => {
    const Avatar = form({ img: TempFile });
    const route = post({ uri: "/a", data: "<a>" }, { a: Form(Avatar) }, ({ a }) => `${a.img.len}`);
    const c = await clientFor([route], { "file/png": 8, file: 100 });
    const png = (n: number) => [
      { name: "img", value: "p".repeat(n), fileName: "a.png", contentType: "image/png" },
    ];
    await expectText(await postMultipart(c, "/a", png(8)), "8");
    await expectErrors(await postMultipart(c, "/a", png(9)), 413, [
      { name: "img", code: "tooLarge", message: "the file is larger than the `file/png` limit of 8 bytes" },
    ]);
    assert.deepEqual(await readdir(dir), [], "the partial file is removed");
    const gif = [{ name: "img", value: "g".repeat(50), fileName: "a.gif", contentType: "image/gif" }];
    await expectText(await postMultipart(c, "/a", gif), "50"); // other types fall back to `file`
  });

  test("validate.ext checks the file's type", async () => {
    const Avatar = form({ img: field(TempFile, { validate: validate.ext("png") }) });
    const route = post({ uri: "/a", data: "<a>" }, { a: Form(Avatar) }, ({ a }) => `${a.img.len}`);
    const c = await clientFor([route]);
    await expectErrors(
      await postMultipart(c, "/a", [
        { name: "img", value: "x", fileName: "a.gif", contentType: "image/gif" },
      ]),
      422,
      [{ name: "img", code: "validation", message: "the file must be image/png" }],
    );
  });

  test("optional(TempFile) is undefined when no file came", async () => {
    const route = post(
      { uri: "/o", data: "<f>" },
      { f: Form(form({ title: str, file: optional(TempFile) })) },
      ({ f }) => `${f.title} ${f.file?.len}`,
    );
    const c = await clientFor([route]);
    await expectText(await postMultipart(c, "/o", [{ name: "title", value: "T" }]), "T undefined");
  });

  test("a temp_dir that cannot be written is the server's failure: 500, no crash", async () => {
    const gone = await mkdtemp(join(tmpdir(), "apogee-gone-"));
    const c = await Client.untracked(
      quietApp([
        describeUpload,
        post({ uri: "/g", data: "<f>" }, { f: TempFile.guard }, ({ f }) => `${f.len}`),
      ]).configure({
        temp_dir: gone,
      }),
    );
    await rm(gone, { recursive: true }); // removed after ignite checked it
    const res = await postMultipart(c, "/upload", [
      { name: "title", value: "T" },
      { name: "file", value: "x".repeat(200_000), fileName: "f.txt", contentType: "text/plain" },
    ]);
    await expectDefaultCatcher(res, 500);
    await expectDefaultCatcher(await c.post("/g").body("abc").dispatch(), 500);
  });

  test("file names are sanitised as Rocket's FileName::as_str", () => {
    assert.equal(sanitizeFileName("../../foo.txt"), "foo");
    assert.equal(sanitizeFileName("C:\\dir\\my file.tar.gz"), "my");
    assert.equal(sanitizeFileName("..."), undefined);
    assert.equal(sanitizeFileName("a<b>.png"), "a");
  });
});

const MALFORMED = {
  name: null,
  code: "syntax",
  message: "the multipart body is malformed: Unexpected end of multipart data",
};

describe("TempFile.guard: the whole body as a temp file", () => {
  const avatar = post(
    { uri: "/avatar", data: "<f>" },
    { f: TempFile.guard },
    async ({ f }) => `${f.len} ${f.contentType} ${Buffer.from(await f.bytes()).toString()}`,
  );
  const cut = post(
    { uri: "/cut", data: "<f>" },
    { f: capped(TempFile.guard) },
    ({ f }) => `${f.value.len} ${f.complete}`,
  );

  test("streams the body to temp_dir with the file/<ext> limit of its Content-Type; removed afterwards", async () => {
    const c = await clientFor([avatar], { "file/png": 4 });
    await expectText(
      await c.post("/avatar").header("content-type", "image/png").body("abcd").dispatch(),
      "4 image/png abcd",
    );
    assert.deepEqual(await readdir(dir), []);
  });

  test("over the limit is 400 (not 413), as Rocket's TempFile guard", async () => {
    const c = await clientFor([avatar], { "file/png": 4 });
    await expectErrors(
      await c.post("/avatar").header("content-type", "image/png").body("abcde").dispatch(),
      400,
      [{ name: null, code: "tooLarge", message: "the body is larger than the `file/png` limit of 4 bytes" }],
    );
    assert.deepEqual(await readdir(dir), []);
  });

  test("capped(TempFile.guard) keeps the cut file", async () => {
    const c = await clientFor([cut], { file: 3 });
    await expectText(await c.post("/cut").body("abcdef").dispatch(), "3 false");
    await expectText(await c.post("/cut").body("abc").dispatch(), "3 true");
  });
});

describe("multipart limits and malformed bodies", () => {
  test("the whole body over `data-form` is 413; exactly at it passes", async () => {
    const { contentType, body } = multipart([
      { name: "title", value: "T" },
      { name: "file", value: "0123456789", fileName: "f.txt", contentType: "text/plain" },
    ]);
    const c = await clientFor([describeUpload], { "data-form": body.length });
    const ok = await c.post("/upload").header("content-type", contentType).body(body).dispatch();
    assert.equal(ok.status, 200);
    const c2 = await clientFor([describeUpload], { "data-form": body.length - 1 });
    const res = await c2.post("/upload").header("content-type", contentType).body(body).dispatch();
    await expectErrors(res, 413, [
      {
        name: null,
        code: "tooLarge",
        message: `the body is larger than the \`data-form\` limit of ${body.length - 1} bytes`,
      },
    ]);
    assert.deepEqual(await readdir(dir), []);
  });

  test("no boundary is 400", async () => {
    const c = await clientFor([describeUpload]);
    const res = await c.post("/upload").header("content-type", "multipart/form-data").body("x").dispatch();
    await expectErrors(res, 400, [
      {
        name: null,
        code: "syntax",
        message: "the multipart body cannot be read: Multipart: Boundary not found",
      },
    ]);
  });

  test("a truncated body is 400", async () => {
    const { contentType, body } = multipart([{ name: "title", value: "T" }]);
    const c = await clientFor([describeUpload]);
    const res = await c
      .post("/upload")
      .header("content-type", contentType)
      .body(body.subarray(0, body.length - 12))
      .dispatch();
    await expectErrors(res, 400, [MALFORMED]);
  });

  test("a body that is not multipart at all is 400", async () => {
    const c = await clientFor([describeUpload]);
    const res = await c
      .post("/upload")
      .header("content-type", `multipart/form-data; boundary=${BOUNDARY}`)
      .body("this is not multipart")
      .dispatch();
    await expectErrors(res, 400, [MALFORMED]);
  });
});

describe("multipart over a socket", () => {
  let orbit: Orbit;
  before(async () => {
    orbit = await build()
      .configure({
        port: 0,
        log_level: "off",
        temp_dir: dir,
        limits: { file: 8 * 1024 * 1024, "data-form": 9 * 1024 * 1024 },
      })
      .mount("/", [describeUpload])
      .launch();
  });
  after(() => orbit.shutdown());

  function send(body: Buffer, contentType: string): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const req = request(
        `${orbit.url}/upload`,
        { method: "POST", headers: { "content-type": contentType } },
        (res) => {
          let text = "";
          res.on("data", (c) => {
            text += c;
          });
          res.on("end", () => resolve({ status: res.statusCode!, text }));
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  }

  test("a 5 MiB upload streams to temp_dir and is cleaned up", async () => {
    const file = Buffer.alloc(5 * 1024 * 1024, 0x61);
    const { contentType, body } = multipart([
      { name: "title", value: "Big" },
      { name: "file", value: file, fileName: "big.bin", contentType: "application/octet-stream" },
    ]);
    const res = await send(body, contentType);
    assert.equal(res.status, 200);
    assert.match(
      res.text,
      /^Big: 5242880 bytes, name=big, raw=big\.bin, type=application\/octet-stream, on disk=true, a/,
    );
    assert.deepEqual(await readdir(dir), []);
  });

  test("an upload past `data-form` is 413 and leaves no file behind", async () => {
    const { contentType, body } = multipart([
      { name: "title", value: "Huge" },
      {
        name: "file",
        value: Buffer.alloc(10 * 1024 * 1024, 0x62),
        fileName: "huge.bin",
        contentType: "application/octet-stream",
      },
    ]);
    const res = await send(body, contentType).catch((e: NodeJS.ErrnoException) => ({
      status: -1,
      text: e.code ?? "",
    }));
    assert.equal(res.status, 413);
    assert.deepEqual(await readdir(dir), []);
  });
});
