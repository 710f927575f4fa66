import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { build, Client, FileServer, get, NamedFile, PathBuf } from "../src/index.ts";

let root: string;
let site: string;
before(() => {
  root = mkdtempSync(join(tmpdir(), "apogee-files-"));
  site = join(root, "static");
  mkdirSync(join(site, "sub"), { recursive: true });
  mkdirSync(join(site, "empty"));
  writeFileSync(join(site, "index.html"), "<h1>home</h1>");
  writeFileSync(join(site, "hello.txt"), "Hello, file!");
  writeFileSync(join(site, ".secret"), "hidden");
  writeFileSync(join(site, "sub", "index.html"), "<p>sub</p>");
  writeFileSync(join(site, "app.js"), "console.log('plain');");
  writeFileSync(join(site, "app.js.br"), "BROTLI");
  writeFileSync(join(site, "app.js.gz"), "GZIP");
  writeFileSync(join(site, "digits.txt"), "0123456789");
  writeFileSync(join(root, "outside.txt"), "outside the root");
  symlinkSync(join(root, "outside.txt"), join(site, "escape.txt"));
  const fixed = new Date("2026-01-02T03:04:05Z");
  utimesSync(join(site, "digits.txt"), fixed, fixed);
});
after(() => rmSync(root, { recursive: true, force: true }));

const quiet = () => build().configure({ log_level: "off" });

describe("NamedFile (the seed's four-line file server)", () => {
  test("serves an existing file with its type and length; a missing one is 404", async () => {
    const files = get("/<file..>", { file: PathBuf }, ({ file }) => NamedFile.open(join(site, file)));
    const client = await Client.untracked(quiet().mount("/", [files]));
    const res = await client.get("/hello.txt").dispatch();
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "text/plain; charset=utf-8");
    assert.equal(res.headers.get("content-length"), "12");
    assert.equal(res.headers.get("accept-ranges"), "bytes");
    assert.equal(await res.text(), "Hello, file!");
    assert.equal((await client.get("/nope.txt").dispatch()).status, 404);
    assert.equal((await client.get("/sub").dispatch()).status, 404);
  });

  test("HEAD keeps the file's length and sends no body", async () => {
    const files = get("/<file..>", { file: PathBuf }, ({ file }) => NamedFile.open(join(site, file)));
    const client = await Client.untracked(quiet().mount("/", [files]));
    const res = await client.head("/hello.txt").dispatch();
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-length"), "12");
    assert.equal(res.hasBody, false);
  });
});

describe("conditional and range requests", () => {
  async function client() {
    const files = get("/<file..>", { file: PathBuf }, ({ file }) => NamedFile.open(join(site, file)));
    return Client.untracked(quiet().mount("/", [files]));
  }

  test("ETag and Last-Modified; If-None-Match and If-Modified-Since answer 304 without a body", async () => {
    const c = await client();
    const first = await c.get("/digits.txt").dispatch();
    const etag = first.headers.get("etag")!;
    assert.match(etag, /^W\/"a-[0-9a-f]+"$/);
    assert.equal(first.headers.get("last-modified"), "Fri, 02 Jan 2026 03:04:05 GMT");
    const byTag = await c.get("/digits.txt").header("if-none-match", etag).dispatch();
    assert.equal(byTag.status, 304);
    assert.equal(await byTag.text(), "");
    const byDate = await c
      .get("/digits.txt")
      .header("if-modified-since", "Fri, 02 Jan 2026 03:04:05 GMT")
      .dispatch();
    assert.equal(byDate.status, 304);
    const older = await c
      .get("/digits.txt")
      .header("if-modified-since", "Thu, 01 Jan 2026 00:00:00 GMT")
      .dispatch();
    assert.equal(older.status, 200);
    const otherTag = await c.get("/digits.txt").header("if-none-match", '"other"').dispatch();
    assert.equal(otherTag.status, 200);
  });

  test("a byte range answers 206 with Content-Range; suffix and open-ended ranges work", async () => {
    const c = await client();
    const mid = await c.get("/digits.txt").header("range", "bytes=2-5").dispatch();
    assert.equal(mid.status, 206);
    assert.equal(mid.headers.get("content-range"), "bytes 2-5/10");
    assert.equal(mid.headers.get("content-length"), "4");
    assert.equal(await mid.text(), "2345");
    assert.equal(await (await c.get("/digits.txt").header("range", "bytes=7-").dispatch()).text(), "789");
    assert.equal(await (await c.get("/digits.txt").header("range", "bytes=-3").dispatch()).text(), "789");
    assert.equal(await (await c.get("/digits.txt").header("range", "bytes=8-100").dispatch()).text(), "89");
  });

  test("an unsatisfiable range is 416 with bytes */size; several ranges get the whole file", async () => {
    const c = await client();
    const bad = await c.get("/digits.txt").header("range", "bytes=10-12").dispatch();
    assert.equal(bad.status, 416);
    assert.equal(bad.headers.get("content-range"), "bytes */10");
    const many = await c.get("/digits.txt").header("range", "bytes=0-1,4-5").dispatch();
    assert.equal(many.status, 200);
    assert.equal(await many.text(), "0123456789");
  });

  test("If-Range with an old date ignores the range", async () => {
    const c = await client();
    const res = await c
      .get("/digits.txt")
      .header("range", "bytes=0-1")
      .header("if-range", "Thu, 01 Jan 2026 00:00:00 GMT")
      .dispatch();
    assert.equal(res.status, 200);
    const ok = await c
      .get("/digits.txt")
      .header("range", "bytes=0-1")
      .header("if-range", "Fri, 02 Jan 2026 03:04:05 GMT")
      .dispatch();
    assert.equal(ok.status, 206);
  });
});

describe("FileServer", () => {
  test("is one GET /<path..> route at rank 10 named after its root", () => {
    const fs = FileServer(site);
    assert.equal(fs.method, "GET");
    assert.equal(fs.rank, 10);
    assert.equal(fs.uri.source, "/<path..>");
    assert.equal(fs.name, `FileServer: ${site}`);
  });

  test("serves files and directory indexes under its mount point", async () => {
    const client = await Client.untracked(quiet().mount("/static", [FileServer(site)]));
    assert.equal(await (await client.get("/static/hello.txt").dispatch()).text(), "Hello, file!");
    assert.equal(await (await client.get("/static").dispatch()).text(), "<h1>home</h1>");
    assert.equal(await (await client.get("/static/sub/").dispatch()).text(), "<p>sub</p>");
  });

  test("a miss, a dotfile or a directory without index forwards, so a later route answers", async () => {
    const fallback = get({ uri: "/<path..>", rank: 20 }, () => "fallback");
    const client = await Client.untracked(quiet().mount("/", [FileServer(site), fallback]));
    for (const path of ["/missing.txt", "/.secret", "/empty"]) {
      assert.equal(await (await client.get(path).dispatch()).text(), "fallback", path);
    }
    const alone = await Client.untracked(quiet().mount("/", [FileServer(site)]));
    assert.equal((await alone.get("/.secret").dispatch()).status, 404);
  });

  test("dotFiles serves dotfiles; index: false refuses directories", async () => {
    const client = await Client.untracked(
      quiet().mount("/", [FileServer(site, { dotFiles: true, index: false })]),
    );
    assert.equal(await (await client.get("/.secret").dispatch()).text(), "hidden");
    assert.equal((await client.get("/sub").dispatch()).status, 404);
  });

  test("normalizeDirs redirects a directory without its trailing slash with 308, keeping the query", async () => {
    const client = await Client.untracked(quiet().mount("/s", [FileServer(site, { normalizeDirs: true })]));
    const res = await client.get("/s/sub?x=1").dispatch();
    assert.equal(res.status, 308);
    assert.equal(res.headers.get("location"), "/s/sub/?x=1");
    assert.equal(await (await client.get("/s/sub/").dispatch()).text(), "<p>sub</p>");
  });

  test("paths never leave the root: dot-dot, encoded slashes and symlinks out all miss", async () => {
    const client = await Client.untracked(quiet().mount("/", [FileServer(site)]));
    for (const path of [
      "/../outside.txt",
      "/sub/../../outside.txt",
      "/..%2Foutside.txt",
      "/escape.txt",
      "/%2E%2E/outside.txt",
    ]) {
      const res = await client.get(path).dispatch();
      assert.equal(res.status, 404, path);
      assert.doesNotMatch(await res.text(), /outside the root/, path);
    }
  });

  test("precompressed siblings are chosen by Accept-Encoding, with Vary", async () => {
    const client = await Client.untracked(quiet().mount("/", [FileServer(site, { precompressed: true })]));
    const br = await client.get("/app.js").header("accept-encoding", "gzip, br").dispatch();
    assert.equal(br.headers.get("content-encoding"), "br");
    assert.equal(br.headers.get("content-type"), "text/javascript");
    assert.equal(br.headers.get("vary"), "accept-encoding");
    assert.equal(await br.text(), "BROTLI");
    const gz = await client.get("/app.js").header("accept-encoding", "gzip").dispatch();
    assert.equal(await gz.text(), "GZIP");
    const plain = await client.get("/app.js").header("accept-encoding", "br;q=0").dispatch();
    assert.equal(plain.headers.get("content-encoding"), undefined);
    assert.equal(await plain.text(), "console.log('plain');");
  });

  test("cacheControl sets Cache-Control on every file", async () => {
    const client = await Client.untracked(
      quiet().mount("/", [FileServer(site, { cacheControl: "public, max-age=60" })]),
    );
    assert.equal(
      (await client.get("/hello.txt").dispatch()).headers.get("cache-control"),
      "public, max-age=60",
    );
  });

  test("indexFile serves one file at the mount point and nothing below it", async () => {
    const client = await Client.untracked(
      quiet().mount("/readme", [FileServer(join(site, "hello.txt"), { indexFile: true })]),
    );
    assert.equal(await (await client.get("/readme").dispatch()).text(), "Hello, file!");
    assert.equal((await client.get("/readme/x").dispatch()).status, 404);
  });

  test("a missing root throws at construction unless missing: true", () => {
    assert.throws(
      () => FileServer(join(root, "nope")),
      /does not exist \(pass \{ missing: true \} to allow it\)/,
    );
    assert.doesNotThrow(() => FileServer(join(root, "nope"), { missing: true }));
  });
});

describe("files over a real socket", () => {
  test("a file is sent with its Content-Length", async () => {
    const orbit = await quiet()
      .configure({ port: 0 })
      .mount("/", [FileServer(site)])
      .launch();
    try {
      const res = await fetch(`${orbit.url}/hello.txt`);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("content-length"), "12");
      assert.equal(await res.text(), "Hello, file!");
    } finally {
      await orbit.shutdown();
    }
  });
});
