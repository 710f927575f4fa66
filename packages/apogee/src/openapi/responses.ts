// An operation's responses: those its route declares (a schema, a description, or both), and the error document
// the default catcher answers with.

import { isStandardSchema, type StandardSchema } from "../data/standard-schema.ts";
import { Status } from "../http/status.ts";
import type { JsonSchema } from "../request/api-doc.ts";
import type { ResponseDoc } from "../route/route-doc.ts";
import type { ApiObject } from "./operation.ts";
import type { SchemaRegistry } from "./schema-registry.ts";

/** The default catcher's JSON error document, as a schema. */
export const ERROR_SCHEMA: JsonSchema = {
  type: "object",
  description: "The default catcher's JSON error document.",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "reason", "description"],
      properties: {
        code: { type: "integer" },
        reason: { type: "string" },
        description: { type: "string" },
        errors: {
          type: "array",
          description: "What a data guard found wrong with the body, one entry per problem.",
          items: {
            type: "object",
            required: ["name", "code", "message"],
            properties: {
              name: {
                type: ["string", "null"],
                description: "The field, e.g. `items[0].name`; null: the body.",
              },
              code: { type: "string" },
              message: { type: "string" },
            },
          },
        },
      },
    },
  },
};

/** A declared response as an OpenAPI response object; Standard Schemas are converted as the output they give. */
export async function declaredResponse(
  code: number,
  spec: ResponseDoc,
  registry: SchemaRegistry,
  where: string,
  operationId: string,
): Promise<ApiObject> {
  const reason = Status.reasonOf(code) ?? `Status ${code}`;
  if (typeof spec === "string") return { description: spec };
  const name = `${operationId}${code}`;
  if (isStandardSchema(spec)) {
    const schema = await registry.standard(spec, "output", where, name);
    return { description: reason, content: { "application/json": { schema } } };
  }
  spec = spec as Exclude<ResponseDoc, string | StandardSchema<any, any>>;
  const given = spec.schema;
  const schema =
    given === undefined
      ? undefined
      : isStandardSchema(given)
        ? await registry.standard(given as StandardSchema, "output", where, name)
        : (given as JsonSchema);
  const type = spec.contentType ?? (schema === undefined ? undefined : "application/json");
  const headers = spec.headers;
  return {
    description: spec.description ?? reason,
    ...(headers === undefined
      ? {}
      : {
          headers: Object.fromEntries(
            Object.entries(headers).map(([h, why]) => [h, { description: why, schema: { type: "string" } }]),
          ),
        }),
    ...(type === undefined ? {} : { content: { [type]: schema === undefined ? {} : { schema } } }),
  };
}
