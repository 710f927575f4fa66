import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { copyFile, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { MediaType } from "../http/media-type.ts";
import type { FormDoc } from "../request/api-doc.ts";
import { error, type Outcome, success } from "../request/outcome.ts";
import type { Request } from "../request/request.ts";
import type { Capped, Data } from "./data.ts";
import type { DataErrors } from "./data-error.ts";
import { type DataError, dataError } from "./data-error.ts";
import {
  type DataField,
  duplicate,
  type FormContext,
  FormFailure,
  type FormMode,
  missing,
  type ValueField,
} from "./form-type.ts";
import { ioError, type LimitedGuard, limited, limitOf, TOO_LARGE_400 } from "./text.ts";

// Rocket's `FileName::as_str` refuses these characters; the name is the first run without them.
const BAD_NAME_CHARS = /[.<>:"/\\|?*\s\x00-\x1f\x7f]+/;

/**
 * Rocket's sanitised file name: the last path component, cut at the first character that is unsafe in a file
 * name (`.` included, so the extension goes), or `undefined` when nothing safe is left.
 */
export function sanitizeFileName(raw: string): string | undefined {
  const base = raw.slice(Math.max(raw.lastIndexOf("/"), raw.lastIndexOf("\\")) + 1);
  const first = base.split(BAD_NAME_CHARS).find((s) => s !== "");
  return first === undefined || first === "" ? undefined : first;
}

// The extensions `file/<ext>` limits use for known media types (the first extension Apogee maps to each).
const EXTENSION_OF = new Map<string, string>();
for (const ext of [
  "txt",
  "html",
  "xml",
  "csv",
  "js",
  "css",
  "json",
  "png",
  "gif",
  "bmp",
  "jpeg",
  "jpg",
  "webp",
  "avif",
  "svg",
  "ico",
  "flac",
  "wav",
  "webm",
  "weba",
  "ogg",
  "pdf",
  "ttf",
  "otf",
  "woff",
  "woff2",
  "mp4",
  "wasm",
  "aac",
  "ics",
  "bin",
  "mpeg",
  "tar",
  "gz",
  "tiff",
  "mov",
  "zip",
  "md",
]) {
  const mt = MediaType.fromExtension(ext);
  if (mt !== undefined && !EXTENSION_OF.has(`${mt.top}/${mt.sub}`))
    EXTENSION_OF.set(`${mt.top}/${mt.sub}`, ext);
}

/** The limit name for a file of media type `ct`: `file/png`, or `file` when its extension is unknown. */
export function fileLimitName(ct: MediaType | undefined): string {
  const ext = ct === undefined ? undefined : EXTENSION_OF.get(`${ct.top}/${ct.sub}`);
  return ext === undefined ? "file" : `file/${ext}`;
}

/**
 * An uploaded file (Rocket's `TempFile`), as a form field: `form({ upload: TempFile })`.
 *
 * - A multipart part with a Content-Type is streamed to a new file in `temp_dir`, with the limit `file/<ext>`
 *   (the extension of its Content-Type) or `file` (1 MiB); over it → 413 (`tooLarge`). A plain text field is
 *   kept in memory.
 * - The file is removed when the request has been answered, unless `persistTo` moved it.
 * - `name` is the sanitised file name (no directories, no extension: `"../a/report.pdf"` → `"report"`);
 *   `rawName` the one the client sent.
 *
 * @example
 * const Upload = form({ file: field(TempFile, { validate: validate.ext("png") }) });
 * post({ uri: "/upload", data: "<up>" }, { up: Form(Upload) }, async ({ up }) => {
 *   await up.file.persistTo(`/srv/images/${up.file.name ?? "upload"}.png`);
 *   return `${up.file.len} bytes`;
 * });
 */
export class TempFile {
  /** `TempFile` is a form field type. */
  static readonly kind = "form";
  /** A file, for API documents. */
  static readonly doc: FormDoc = { kind: "file" };

  /** A context for a `TempFile` field (the form protocol). */
  static init(mode: FormMode, name: string): FormContext<TempFile> {
    return new TempFileContext(mode, name);
  }

  /**
   * The whole body as a temp file (Rocket's `TempFile` data guard): read with the `file/<ext>` limit of the
   * request's Content-Type (else `file`); over it → 400 (`tooLarge`), as Rocket; `capped(TempFile.guard)` keeps
   * the cut file instead. No Content-Type check.
   *
   * @example
   * post({ uri: "/avatar", data: "<file>" }, { file: TempFile.guard }, async ({ file }) => `${file.len} bytes`);
   */
  static readonly guard: LimitedGuard<TempFile> = limited(
    "TempFile",
    "file",
    bodyToFile,
    (req) => fileLimitName(req.contentType),
    { mediaTypes: ["*/*"], responses: { 400: TOO_LARGE_400 } },
  );

  #path: string | undefined;
  #bytes: Uint8Array | undefined;
  #len: number;
  #persisted = false;
  readonly #rawName: string | undefined;
  readonly #contentType: MediaType | undefined;

  /** @internal Made by the form parser: on disk at `path`, or in memory as `bytes`. */
  constructor(
    where: { path: string; len: number } | { bytes: Uint8Array },
    rawName: string | undefined,
    contentType: MediaType | undefined,
  ) {
    if ("path" in where) {
      this.#path = where.path;
      this.#len = where.len;
    } else {
      this.#bytes = where.bytes;
      this.#len = where.bytes.length;
    }
    this.#rawName = rawName;
    this.#contentType = contentType;
  }

  /** The size in bytes. */
  get len(): number {
    return this.#len;
  }

  /** The sanitised file name, without directories or extension; `undefined` when none is safe. */
  get name(): string | undefined {
    return this.#rawName === undefined ? undefined : sanitizeFileName(this.#rawName);
  }

  /** The file name exactly as the client sent it (never use it as a path). */
  get rawName(): string | undefined {
    return this.#rawName;
  }

  /** The part's Content-Type; `undefined` for a plain text field. */
  get contentType(): MediaType | undefined {
    return this.#contentType;
  }

  /** Where the file is on disk; `undefined` while it is in memory. */
  get path(): string | undefined {
    return this.#path;
  }

  /** Whether `persistTo` has kept it (it will not be removed with the request). */
  get persisted(): boolean {
    return this.#persisted;
  }

  /** The content. */
  async bytes(): Promise<Uint8Array> {
    return this.#bytes ?? (await readFile(this.#path!));
  }

  /** Moves the file to `path` (copying across file systems); it is no longer removed with the request. */
  async persistTo(path: string): Promise<void> {
    if (this.#bytes !== undefined) {
      await writeFile(path, this.#bytes);
      this.#bytes = undefined;
    } else if (this.#path !== path) {
      try {
        await rename(this.#path!, path);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EXDEV") throw e;
        await copyFile(this.#path!, path);
        await rm(this.#path!, { force: true });
      }
    }
    this.#path = path;
    this.#persisted = true;
  }

  /** Copies the file to `path`; this one stays where it is. */
  async copyTo(path: string): Promise<void> {
    if (this.#bytes !== undefined) await writeFile(path, this.#bytes);
    else await copyFile(this.#path!, path);
  }

  /** @internal The size once the body is written. */
  setLength(len: number): void {
    this.#len = len;
  }

  /** Removes the temporary file unless it was persisted. @internal Run when the request ends. */
  async discard(): Promise<void> {
    if (!this.#persisted && this.#path !== undefined) await rm(this.#path, { force: true });
  }
}

/**
 * Streams a data part into a new file in `temp_dir`, stopping at the `file/<ext>` limit: the file, or a
 * `tooLarge` error (the partial file removed).
 */
export async function receiveFile(field: DataField): Promise<TempFile | DataError> {
  const req = field.req;
  const limitName = fileLimitName(field.contentType);
  const limit = limitOf(req, limitName);
  const path = join(req.app.config.temp_dir, `apogee-${randomUUID()}`);
  const out = createWriteStream(path);
  let failure: Error | undefined;
  out.on("error", (e) => {
    failure = e;
  });
  let written = 0;
  let over = false;
  try {
    for await (const chunk of field.stream.iterator({
      destroyOnReturn: false,
    }) as AsyncIterable<Uint8Array>) {
      if (failure !== undefined) throw failure;
      if (written + chunk.length > limit) {
        over = true;
        break;
      }
      written += chunk.length;
      if (!out.write(chunk)) await drained(out);
    }
    await new Promise<void>((resolve, reject) => {
      if (failure !== undefined) reject(failure);
      out.once("error", reject);
      out.end(resolve);
    });
  } catch (e) {
    out.destroy();
    await rm(path, { force: true });
    throw e;
  }
  if (over) {
    await rm(path, { force: true });
    return dataError(
      null,
      "tooLarge",
      `the file is larger than the \`${limitName}\` limit of ${limit} bytes`,
    );
  }
  const file = new TempFile({ path, len: written }, field.fileName, field.contentType);
  req.data.defer(() => file.discard());
  return file;
}

// Resolves when `out` drains, rejects when it fails first.
function drained(out: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (e?: Error) => {
      out.off("drain", done);
      out.off("error", done);
      if (e) reject(e);
      else resolve();
    };
    out.on("drain", done);
    out.on("error", done);
  });
}

// A `TempFile` field: the first value or part, as any single-value field (a later one is ignored, or a
// duplicate when strict).
class TempFileContext implements FormContext<TempFile> {
  readonly #strict: boolean;
  readonly #name: string;
  #pushes = 0;
  #value: TempFile | DataError | undefined;

  constructor(mode: FormMode, name: string) {
    this.#strict = mode.strict;
    this.#name = name;
  }

  pushValue(field: ValueField): void {
    if (this.#pushes++ === 0)
      this.#value = new TempFile({ bytes: Buffer.from(field.value) }, undefined, undefined);
  }

  async pushData(field: DataField): Promise<void> {
    if (this.#pushes++ === 0) this.#value = await receiveFile(field);
  }

  finalize(): TempFile | FormFailure {
    const value = this.#value;
    if (this.#pushes === 0 || value === undefined) return missing(this.#name);
    if (this.#strict && this.#pushes > 1) return new FormFailure([duplicate(this.#name)]);
    if (value instanceof TempFile) return value;
    return new FormFailure([{ ...value, name: this.#name === "" ? null : this.#name }]);
  }
}

// The body of a request as a temp file, cut at the `file/<ext>` limit of its Content-Type. A file-system failure
// is the server's (it throws: 500); a failure reading the body is the client's (400).
async function bodyToFile(req: Request, data: Data): Promise<Outcome<Capped<TempFile>, DataErrors>> {
  const ct = req.contentType;
  const limit = limitOf(req, fileLimitName(ct));
  const path = join(req.app.config.temp_dir, `apogee-${randomUUID()}`);
  const out = createWriteStream(path);
  await new Promise<void>((resolve, reject) => {
    out.once("open", () => resolve());
    out.once("error", reject);
  });
  out.on("error", () => {}); // seen through `out.errored`
  const file = new TempFile({ path, len: 0 }, undefined, ct);
  data.defer(() => file.discard());
  let written: Capped<number>;
  try {
    written = await data.open(limit).streamTo(out);
    await new Promise<void>((resolve, reject) => {
      out.once("error", reject);
      out.end(resolve);
    });
  } catch (e) {
    out.destroy();
    if (out.errored) throw e;
    return error(400, ioError(e));
  }
  file.setLength(written.value);
  return success({ value: file, complete: written.complete });
}
