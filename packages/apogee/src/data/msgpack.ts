import { decode, encode } from "@msgpack/msgpack";
import type { DataGuard } from "../request/guard.ts";
import { error } from "../request/outcome.ts";
import { MsgPackResponder } from "../response/serialized.ts";
import { DataErrors } from "./data-error.ts";
import { checkSchema, readLimited, serdeDoc } from "./json.ts";
import { isStandardSchema, type SchemaOutput, type StandardSchema } from "./standard-schema.ts";

/**
 * The body as MessagePack (Rocket's `MsgPack<T>` data guard), decoded with `@msgpack/msgpack` and validated
 * by any Standard Schema.
 *
 * - Read with the `msgpack` limit (1 MiB by default); the Content-Type is not checked.
 * - Over the limit → 413 (`tooLarge`); not one well-formed MessagePack value (truncated, trailing bytes, a
 *   `__proto__` key) → 400 (`syntax`); schema issues (wrong type, out of range) → 422 (`schema`).
 *
 * @example
 * post({ uri: "/event", data: "<event>" }, { event: MsgPack(Event) }, ({ event }) => event.kind);
 */
export function MsgPack<T = unknown>(): DataGuard<NoInfer<T>, DataErrors>;
export function MsgPack<S extends StandardSchema<any, any>>(
  schema: S,
): DataGuard<SchemaOutput<S>, DataErrors>;
/** Any other value: Rocket's `MsgPack<T>` responder, the value encoded as MessagePack. */
export function MsgPack(value: unknown): MsgPackResponder;
export function MsgPack(schema?: unknown): DataGuard<unknown, DataErrors> | MsgPackResponder {
  if (schema !== undefined && !isStandardSchema(schema)) return new MsgPackResponder(schema, encode);
  return {
    kind: "data",
    name: "MsgPack",
    doc: serdeDoc("application/msgpack", "MessagePack", schema),
    async fromData(req, data) {
      const bytes = await readLimited(req, data, "msgpack");
      if (bytes.outcome !== "success") return bytes;
      let value: unknown;
      try {
        value = decode(bytes.value);
      } catch (e) {
        const why = e instanceof Error ? `: ${e.message}` : "";
        return error(400, DataErrors.of(null, "syntax", `the body is not valid MessagePack${why}`));
      }
      return checkSchema(schema, value);
    },
  };
}
