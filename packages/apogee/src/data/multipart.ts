import type { EventEmitter } from "node:events";
import type { Readable } from "node:stream";
import { Busboy, type BusboyFileStream } from "@fastify/busboy";
import { MediaType } from "../http/media-type.ts";
import type { Request } from "../request/request.ts";
import { type DataError, dataError } from "./data-error.ts";
import { decodeUtf8 } from "./data-stream.ts";
import { FieldName } from "./form-name.ts";
import type { FormContext } from "./form-type.ts";
import { readPart } from "./part-reader.ts";
import { limitOf } from "./text.ts";

const TEXT_PLAIN = new MediaType("text", "plain");

/**
 * Streams a `multipart/form-data` body into a form context, part by part (ROCKET.md §4.4): a part with a
 * Content-Type header (one that parses, whatever its file name) is a data field, pushed with its stream (a
 * `TempFile` streams it to disk, a text field reads it with the `string` limit, anything else leaves it and it
 * is skipped); a part without one is a value field, read as text. An explicit `Content-Type: text/plain` is a
 * data field too.
 *
 * - The whole body is read with the `data-form` limit (2 MiB), as is each value field; past it → 413.
 * - A malformed body (no boundary, a broken part, a truncated end) → 400 (`syntax`).
 * - Resolves with the errors found (empty when the body was fine); never leaves a part unread, so it never hangs.
 *   A context with `pushError` (`contextual`) receives the errors found while reading instead; only a body that
 *   cannot be read at all (no boundary) is still resolved.
 */
export function parseMultipart(
  req: Request,
  contentType: string,
  ctx: FormContext<unknown>,
): Promise<DataError[]> {
  const limit = limitOf(req, "data-form");
  let parser: ReturnType<typeof Busboy>;
  try {
    parser = Busboy({
      headers: { "content-type": contentType },
      preservePath: true,
      isPartAFile: () => true,
      limits: { fieldNameSize: 64 * 1024 },
    });
  } catch (e) {
    return Promise.resolve([dataError(null, "syntax", `the multipart body cannot be read: ${message(e)}`)]);
  }
  const body = req.data.open(limit);
  const errors: DataError[] = [];
  let chain: Promise<void> = Promise.resolve();
  const header = watchPartHeaders(parser);

  parser.on(
    "file",
    (name: string, stream: BusboyFileStream, fileName: string | undefined, _enc: string, mime: string) => {
      // Read now: busboy emits `file` from inside the part's header event, before the next part's headers.
      const type = partType(header, fileName, mime);
      chain = chain.then(() => onPart(req, ctx, limit, errors, name, stream, fileName, type));
    },
  );

  return new Promise<DataError[]>((resolve, reject) => {
    let settled = false;
    // Once the parser is done (or broken), wait for the part being handled; the limit explains a broken body first.
    const finish = (problem: DataError | undefined) => {
      if (settled) return;
      settled = true;
      body.unpipe(parser);
      // A failure the body does not explain (the file system, a bug) is the server's: it propagates (500).
      const settle = (e?: unknown) => {
        if (body.complete === false) errors.push(overLimit(limit));
        else if (problem !== undefined) errors.push(problem);
        else if (e !== undefined) return reject(e);
        if (ctx.pushError === undefined) return resolve(errors);
        for (const problem of errors) ctx.pushError(problem);
        resolve([]);
      };
      chain.then(() => settle(), settle);
    };
    parser.on("finish", () => finish(undefined));
    parser.on("error", (e: unknown) =>
      finish(dataError(null, "syntax", `the multipart body is malformed: ${message(e)}`)),
    );
    body.on("error", (e: Error) => finish(dataError(null, "io", `the body could not be read: ${e.message}`)));
    body.pipe(parser);
  });
}

// Rocket makes a part a data field when it has a Content-Type header. Busboy's own events cannot tell: they give
// every part a media type, `text/plain` when the header is absent, so an explicit `text/plain` looks the same as
// none (and `isPartAFile` sees the same defaulted type). The raw part headers are only seen by busboy's Dicer (a
// public export of @fastify/busboy, but the instance busboy drives is its internal `_parser.parser`): a listener
// put before busboy's own reads each part's `content-type` header just before busboy emits `file` for that part.
// Should a busboy release move that instance, the fallback is busboy's view: no file name and `text/plain` is a
// value field (test/multipart-fields.test.ts pins the exact behaviour, so such a release fails those tests).
interface PartHeader {
  /** Whether the part headers are seen (else busboy's view is used). */
  watched: boolean;
  /** The current part's raw Content-Type header, if it has one. */
  contentType: string | undefined;
}

function watchPartHeaders(parser: unknown): PartHeader {
  const header: PartHeader = { watched: false, contentType: undefined };
  const dicer = (parser as { _parser?: { parser?: Partial<EventEmitter> } })._parser?.parser;
  if (typeof dicer?.prependListener !== "function") return header;
  dicer.prependListener("part", (part: EventEmitter) => {
    part.prependListener("header", (h: Record<string, readonly string[] | undefined>) => {
      header.contentType = h["content-type"]?.[0];
    });
  });
  header.watched = true;
  return header;
}

/** The part's media type when it is a data field (a Content-Type that parses); `undefined` for a value field. */
function partType(header: PartHeader, fileName: string | undefined, mime: string): MediaType | undefined {
  if (header.watched)
    return header.contentType === undefined ? undefined : MediaType.parse(header.contentType);
  return fileName === undefined && mime === "text/plain" ? undefined : (MediaType.parse(mime) ?? TEXT_PLAIN);
}

function overLimit(limit: number): DataError {
  return dataError(null, "tooLarge", `the body is larger than the \`data-form\` limit of ${limit} bytes`);
}

async function onPart(
  req: Request,
  ctx: FormContext<unknown>,
  limit: number,
  errors: DataError[],
  rawName: string,
  stream: Readable,
  fileName: string | undefined,
  contentType: MediaType | undefined,
): Promise<void> {
  stream.on("error", ignore);
  const name = new FieldName(rawName);
  try {
    if (contentType === undefined) {
      const { bytes, complete } = await readPart(stream, limit);
      if (!complete) {
        errors.push(
          dataError(
            rawName,
            "tooLarge",
            `the field is larger than the \`data-form\` limit of ${limit} bytes`,
          ),
        );
        return;
      }
      let value: string;
      try {
        value = decodeUtf8(bytes, true);
      } catch {
        errors.push(dataError(rawName, "utf8", "the field is not valid UTF-8"));
        return;
      }
      ctx.pushValue({ name, at: 0, value });
      return;
    }
    await ctx.pushData({ name, at: 0, fileName, contentType, stream, req });
  } finally {
    // Whatever the field did not read is skipped, so the parser moves on to the next part.
    stream.resume();
  }
}

function ignore(): void {}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
