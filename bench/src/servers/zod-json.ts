// A JSON data guard validated by a zod schema, written with today's public API (`dataGuard` and `Data.read`).
// It does what Apogee's `Json(schema)` will do: read up to the `json` limit (Rocket's default, 1 MiB), answer
// 413 past it, 400 for malformed JSON, 422 with the issues for a value the schema refuses.
import { type DataGuard, dataGuard, error, Status, success } from "apogee";
import type { z } from "zod";

/** Rocket's default `json` limit. */
const JSON_LIMIT = 1024 * 1024;

/** The body parsed as JSON and validated by `schema`. */
export function ZodJson<S extends z.ZodType>(schema: S): DataGuard<z.output<S>> {
  return dataGuard("Json", async (_req, data) => {
    const { value, complete } = await data.read(JSON_LIMIT);
    if (!complete) return error(Status.PayloadTooLarge);
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("utf8"));
    } catch (e) {
      return error(Status.BadRequest, e);
    }
    const result = schema.safeParse(parsed);
    return result.success ? success(result.data) : error(Status.UnprocessableEntity, result.error.issues);
  });
}
