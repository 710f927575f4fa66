// Form types (`form({...})`, `array`, `map`, wrappers, schemas, `TempFile`) and param types as JSON Schema, with
// the fields a form needs marked `required` exactly as the form parser decides (strict or lenient).

import type { FormType } from "../data/form-type.ts";
import type { JsonSchema } from "../request/api-doc.ts";
import type { Param } from "../request/param.ts";
import type { SchemaRegistry } from "./schema-registry.ts";

const STRING: JsonSchema = { type: "string" };
const FILE: JsonSchema = { type: "string", format: "binary", contentMediaType: "application/octet-stream" };

/** The JSON Schema of a param type: its own (`u8`: an integer 0–255), else a string. */
export function paramSchema(param: Param<unknown> | undefined): JsonSchema {
  return param?.schema ?? STRING;
}

/** Whether a param type is `optional(…)` or `result(…)`: it never fails, so it is never required. */
export function neverFails(param: Param<unknown>): boolean {
  return param.name.startsWith("Option<") || param.name.startsWith("Result<");
}

/**
 * Whether a form value may be absent when parsed in `strict` or lenient mode: lenient forms default `bool`,
 * collections and `optional`; strict ones only `optional`/`result`; a struct may be absent when all its fields may.
 */
export function mayBeAbsent(type: FormType<unknown>, strict: boolean): boolean {
  const doc = type.doc;
  switch (doc?.kind) {
    case "value":
      return doc.param.missing !== undefined && (!strict || neverFails(doc.param));
    case "array":
    case "map":
      return !strict;
    case "optional":
    case "result":
      return true;
    case "strict":
      return mayBeAbsent(doc.inner, true);
    case "lenient":
      return mayBeAbsent(doc.inner, false);
    case "struct":
      return doc.fields.every((f) => (f.hasDefault && !strict) || mayBeAbsent(f.type, strict));
    default:
      return false;
  }
}

/** The JSON Schema of a form type parsed in `strict` or lenient mode; `where` names it in problems. */
export async function formSchema(
  type: FormType<unknown>,
  strict: boolean,
  registry: SchemaRegistry,
  where: string,
): Promise<JsonSchema> {
  const doc = type.doc;
  switch (doc?.kind) {
    case "value":
      return paramSchema(doc.param);
    case "file":
      return FILE;
    case "array":
      return { type: "array", items: await formSchema(doc.element, strict, registry, where) };
    case "map":
      return { type: "object", additionalProperties: await formSchema(doc.value, strict, registry, where) };
    case "optional":
      // `optional(T)` parses `T` strictly.
      return formSchema(doc.inner, true, registry, where);
    case "result":
      return formSchema(doc.inner, strict, registry, where);
    case "strict":
      return formSchema(doc.inner, true, registry, where);
    case "lenient":
      return formSchema(doc.inner, false, registry, where);
    case "schema":
      return registry.standard(doc.schema, "input", where, "Form");
    case "struct": {
      const properties: Record<string, JsonSchema> = {};
      const required: string[] = [];
      for (const f of doc.fields) {
        const schema = await formSchema(f.type, strict, registry, `${where} field "${f.name}"`);
        properties[f.name] =
          f.hasDefault && !strict && isJsonValue(f.default) ? { ...schema, default: f.default } : schema;
        if (!((f.hasDefault && !strict) || mayBeAbsent(f.type, strict))) required.push(f.name);
      }
      return {
        type: "object",
        properties,
        ...(required.length > 0 ? { required } : {}),
        ...(strict ? { additionalProperties: false } : {}),
      };
    }
    default:
      // A form type of the app's own: nothing known about its shape.
      return {};
  }
}

function isJsonValue(v: unknown): boolean {
  if (v === null || typeof v === "string" || typeof v === "boolean") return true;
  if (typeof v === "number") return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(isJsonValue);
  if (typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype)
    return Object.values(v as object).every(isJsonValue);
  return false;
}
