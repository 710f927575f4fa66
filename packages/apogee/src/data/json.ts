import secureJson from "secure-json-parse";
import type { BodyDoc } from "../request/api-doc.ts";
import type { DataGuard } from "../request/guard.ts";
import { error, type Outcome, success } from "../request/outcome.ts";
import type { Request } from "../request/request.ts";
import { JsonResponder } from "../response/serialized.ts";
import type { Capped, Data } from "./data.ts";
import { DataErrors } from "./data-error.ts";
import { decodeUtf8 } from "./data-stream.ts";
import { isStandardSchema, type SchemaOutput, type StandardSchema, validateWith } from "./standard-schema.ts";
import { ioError, limitOf } from "./text.ts";

const NO_POISON = { protoAction: "error", constructorAction: "error" } as const;

/**
 * Reads the body with the limit named `limitName`: the bytes, or the error Rocket's serde guards answer
 * (413 over the limit, 400 on I/O).
 */
export async function readLimited(
  req: Request,
  data: Data,
  limitName: string,
): Promise<Outcome<Uint8Array, DataErrors>> {
  const limit = limitOf(req, limitName);
  let bytes: Capped<Uint8Array>;
  try {
    bytes = await data.read(limit);
  } catch (e) {
    return error(400, ioError(e));
  }
  if (!bytes.complete) {
    return error(
      413,
      DataErrors.of(null, "tooLarge", `the body is larger than the \`${limitName}\` limit of ${limit} bytes`),
    );
  }
  return success(bytes.value);
}

/** Runs `schema` (if any) over a decoded value: the output, or 422 with every issue. */
export async function checkSchema<T>(
  schema: StandardSchema<unknown, T> | undefined,
  value: unknown,
): Promise<Outcome<T, DataErrors>> {
  if (schema === undefined) return success(value as T);
  const out = await validateWith(schema, value, "schema");
  return out.ok ? success(out.value) : error(422, new DataErrors(out.errors));
}

/** The body doc of a serde guard (`Json`, `MsgPack`): its media type, schema and error statuses. */
export function serdeDoc(mediaType: string, what: string, schema: StandardSchema | undefined): BodyDoc {
  const responses: Record<number, string> = {
    400: `The body is not valid ${what}.`,
    413: "The body is larger than its limit.",
  };
  if (schema !== undefined) responses[422] = "The body does not match the schema.";
  return { mediaTypes: [mediaType], ...(schema === undefined ? {} : { standard: schema }), responses };
}

/** Parses JSON text, refusing prototype-poisoning keys: the value, or the 400 error. */
export function parseJson(bytes: Uint8Array): Outcome<unknown, DataErrors> {
  let text: string;
  try {
    text = decodeUtf8(bytes, true);
  } catch {
    return error(400, DataErrors.of(null, "utf8", "the body is not valid UTF-8"));
  }
  try {
    return success(secureJson.parse(text, null, NO_POISON));
  } catch (e) {
    if (e instanceof SyntaxError && e.message.includes("forbidden prototype property")) {
      return error(
        400,
        DataErrors.of(null, "forbiddenKey", "the JSON has a `__proto__` or `constructor.prototype` key"),
      );
    }
    return error(400, DataErrors.of(null, "syntax", "the body is not valid JSON"));
  }
}

/**
 * The body as JSON (Rocket's `Json<T>` data guard), validated by any Standard Schema (zod 4, valibot,
 * arktype); the handler gets the schema's output type.
 *
 * - Read with the `json` limit (1 MiB by default); the Content-Type is not checked, as Rocket.
 * - Over the limit → 413 (`tooLarge`); not JSON or not UTF-8 → 400 (`syntax`, `utf8`); a `__proto__` or
 *   `constructor.prototype` key → 400 (`forbiddenKey`); schema issues → 422 (`schema`, one error per issue,
 *   named by its path, e.g. `items[0].name`). The errors are in `req.error` for the catcher.
 * - Without a schema the value is `unknown`; `Json<T>()` asserts a type without checking it.
 * - Given any value that is not a schema, `Json(value)` is instead Rocket's `Json<T>` responder: the value as
 *   compact `application/json` (a value that cannot be serialised answers 500).
 *
 * @example
 * const Task = z.object({ description: z.string(), complete: z.boolean() });
 * post({ uri: "/todo", data: "<task>" }, { task: Json(Task) }, ({ task }) => Json(task));
 */
export function Json<T = unknown>(): DataGuard<NoInfer<T>, DataErrors>;
export function Json<S extends StandardSchema<any, any>>(schema: S): DataGuard<SchemaOutput<S>, DataErrors>;
/** Any other value: Rocket's `Json<T>` responder, the value serialised as compact JSON. */
export function Json(value: unknown): JsonResponder;
export function Json(schema?: unknown): DataGuard<unknown, DataErrors> | JsonResponder {
  if (schema !== undefined && !isStandardSchema(schema)) return new JsonResponder(schema);
  return {
    kind: "data",
    name: "Json",
    doc: serdeDoc("application/json", "JSON", schema),
    async fromData(req, data) {
      const bytes = await readLimited(req, data, "json");
      if (bytes.outcome !== "success") return bytes;
      const parsed = parseJson(bytes.value);
      if (parsed.outcome !== "success") return parsed;
      return checkSchema(schema, parsed.value);
    },
  };
}
