// Which multipart parts are data fields (ROCKET.md §4.4): a part WITH a Content-Type header (one that parses) is a
// data field, whatever its file name and even when it says `text/plain`; a part without one is a value field,
// even with a file name. Busboy reports an absent header as `text/plain`, so these pin that the header itself is
// what decides.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { Client, contextual, Form, form, post, type Route, str, TempFile } from "../src/index.ts";
import { expectErrors, expectText, postMultipart } from "./support/data.ts";
import { quietApp } from "./support/local.ts";

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "apogee-parts-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

function clientFor(routes: Route<any, any, any, any>[], limits: Record<string, number> = {}) {
  return Client.untracked(quietApp(routes).configure({ temp_dir: dir, limits }));
}

const note = post({ uri: "/note", data: "<f>" }, { f: Form(form({ note: str })) }, ({ f }) => f.note);

const upload = post({ uri: "/file", data: "<f>" }, { f: Form(form({ file: TempFile })) }, async ({ f }) => {
  const text = Buffer.from(await f.file.bytes()).toString();
  return `${text}: on disk=${f.file.path !== undefined}, type=${f.file.contentType}, raw=${f.file.rawName}`;
});

describe("a part's Content-Type header decides", () => {
  test("an explicit `Content-Type: text/plain` without a file name is a data field (read with `string`)", async () => {
    const c = await clientFor([note], { string: 4 });
    await expectErrors(
      await postMultipart(c, "/note", [{ name: "note", value: "abcde", contentType: "text/plain" }]),
      413,
      [{ name: "note", code: "tooLarge", message: "the field is larger than the `string` limit of 4 bytes" }],
    );
    await expectText(
      await postMultipart(c, "/note", [{ name: "note", value: "abcd", contentType: "text/plain" }]),
      "abcd",
    );
  });

  test("the same part without a Content-Type is a value field (read with `data-form`)", async () => {
    const c = await clientFor([note], { string: 4 });
    await expectText(await postMultipart(c, "/note", [{ name: "note", value: "abcde" }]), "abcde");
  });

  test("a TempFile from an explicit text/plain part is streamed to temp_dir; without the header it is in memory", async () => {
    const c = await clientFor([upload]);
    await expectText(
      await postMultipart(c, "/file", [{ name: "file", value: "typed", contentType: "text/plain" }]),
      "typed: on disk=true, type=text/plain, raw=undefined",
    );
    await expectText(
      await postMultipart(c, "/file", [{ name: "file", value: "plain" }]),
      "plain: on disk=false, type=undefined, raw=undefined",
    );
    await expectText(
      await postMultipart(c, "/file", [
        { name: "file", value: "params", contentType: "text/plain; charset=utf-8" },
      ]),
      "params: on disk=true, type=text/plain; charset=utf-8, raw=undefined",
    );
    await expectText(
      await postMultipart(c, "/file", [{ name: "file", value: "png", contentType: "image/png" }]),
      "png: on disk=true, type=image/png, raw=undefined",
    );
    await expectText(
      await postMultipart(c, "/file", [
        { name: "file", value: "named", fileName: "a.txt", contentType: "text/plain" },
      ]),
      "named: on disk=true, type=text/plain, raw=a.txt",
    );
    assert0(await readdir(dir));
  });

  test("a part with a file name but no Content-Type is a value field, as Rocket's", async () => {
    const c = await clientFor([
      upload,
      post(
        { uri: "/ctx", data: "<f>" },
        { f: Form(contextual(form({ file: str }))) },
        ({ f }) => `${f.value?.file} ${f.context.values("file")} ${f.context.fields()}`,
      ),
    ]);
    await expectText(
      await postMultipart(c, "/file", [{ name: "file", value: "no type", fileName: "a.txt" }]),
      "no type: on disk=false, type=undefined, raw=undefined",
    );
    await expectText(
      await postMultipart(c, "/ctx", [{ name: "file", value: "no type", fileName: "a.txt" }]),
      "no type no type file",
    );
    await expectText(
      await postMultipart(c, "/ctx", [
        { name: "file", value: "typed", fileName: "a.txt", contentType: "text/plain" },
      ]),
      "typed  file",
    );
  });

  test("a Content-Type that does not parse counts as none: a value field", async () => {
    const c = await clientFor([upload]);
    await expectText(
      await postMultipart(c, "/file", [{ name: "file", value: "odd", contentType: "not a type" }]),
      "odd: on disk=false, type=undefined, raw=undefined",
    );
  });
});

function assert0(files: string[]): void {
  if (files.length !== 0) throw new Error(`temp files left behind: ${files.join(", ")}`);
}
