import type { Readable } from "node:stream";
import { type DataError, dataError } from "./data-error.ts";
import { decodeUtf8 } from "./data-stream.ts";
import type { DataField } from "./form-type.ts";
import { limitOf } from "./text.ts";

/**
 * Reads a multipart part's stream up to `limit` bytes: the bytes, and whether the part ended within the limit.
 * Stops reading at the limit; the multipart driver drains what is left.
 */
export async function readPart(
  stream: Readable,
  limit: number,
): Promise<{ bytes: Uint8Array; complete: boolean }> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of stream.iterator({ destroyOnReturn: false }) as AsyncIterable<Uint8Array>) {
    if (length + chunk.length > limit) {
      chunks.push(chunk.subarray(0, limit - length));
      return { bytes: Buffer.concat(chunks, limit), complete: false };
    }
    chunks.push(chunk);
    length += chunk.length;
  }
  return { bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length), complete: true };
}

/** A data part read as text with the `string` limit: the text, or a `tooLarge` (413) / `utf8` error. */
export async function readPartText(field: DataField): Promise<string | DataError> {
  const limit = limitOf(field.req, "string");
  const { bytes, complete } = await readPart(field.stream, limit);
  if (!complete)
    return dataError(null, "tooLarge", `the field is larger than the \`string\` limit of ${limit} bytes`);
  try {
    return decodeUtf8(bytes, true);
  } catch {
    return dataError(null, "utf8", "the field is not valid UTF-8");
  }
}
