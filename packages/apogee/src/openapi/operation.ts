// One mounted route as an OpenAPI operation: its path template, parameters (path, query, guards'), request body,
// responses (declared, plus what its guards, data guard and params can answer) and security.

import type { FormType } from "../data/form-type.ts";
import type { BodyDoc, GuardDoc, JsonSchema, SecuritySchemeDoc } from "../request/api-doc.ts";
import type { Param } from "../request/param.ts";
import type { MountedRoute } from "../router/mounted-route.ts";
import { type DocComment, docComment } from "./doc-comment.ts";
import { formSchema, mayBeAbsent, neverFails, paramSchema } from "./form-schema.ts";
import { declaredResponse, ERROR_SCHEMA } from "./responses.ts";
import type { SchemaRegistry } from "./schema-registry.ts";
import { type Requirement, securityOf } from "./security.ts";

/** An OpenAPI object as the document holds it. */
export type ApiObject = Record<string, unknown>;

/** A route's operation, before operations sharing a path and method are merged. */
export interface Draft {
  readonly route: MountedRoute;
  /** Lower-case method, as a path item key. */
  readonly method: string;
  /** The path template, `/books/{id}`. */
  readonly path: string;
  /** The template with parameter names left out (`/books/{}`): equal shapes are the same OpenAPI path. */
  readonly shape: string;
  /** The path parameters' names, in order. */
  readonly pathNames: readonly string[];
  readonly operationId: string;
  /** Whether the operation id was given (an option or `@operationId`), so it must stay as it is. */
  readonly explicitId: boolean;
  readonly meta: ApiObject;
  readonly parameters: ApiObject[];
  readonly requestBody: ApiObject | undefined;
  readonly responses: Record<string, ApiObject>;
  /** The security alternatives; `undefined` when no guard checks credentials. */
  readonly security: Requirement[] | undefined;
}

const PARAMS_422 = "A path or query parameter did not parse.";

/** Builds a route's draft operation; `schemes` collects the security schemes its guards use. */
export async function draftOperation(
  m: MountedRoute,
  registry: SchemaRegistry,
  schemes: Map<string, { scheme: SecuritySchemeDoc; by: string }>,
  problems: string[],
): Promise<Draft> {
  const route = m.route;
  const method = route.method.toLowerCase();
  const where = `${route.method} ${m.uri} (${route.declaredAt})`;
  const comment: DocComment = docComment(route.site) ?? {};
  const { path, shape, names, ignored } = template(m);
  const operationId = route.doc.operationId ?? comment.operationId ?? operationName(route.name, method, path);
  const responses: Record<string, ApiObject> = {};
  const errors = new Map<number, string>();

  // Path parameters, then query parameters, then what guards read.
  const parameters: ApiObject[] = [];
  let typedParams = false;
  for (const name of names) {
    const step = route.pathParams.find((p) => p.key === name);
    const param = step?.param;
    if (canFail(param)) typedParams = true;
    const trailing = step?.trailing === true || ignored.get(name) === "trailing";
    parameters.push({
      name,
      in: "path",
      required: true,
      ...(trailing
        ? { description: "The rest of the path: any number of segments, separated by `/`." }
        : ignored.has(name)
          ? { description: "Any segment (ignored)." }
          : {}),
      schema: paramSchema(param),
    });
  }
  for (const q of route.queryParams) {
    if (q.param === undefined || q.param.kind === "form" || canFail(q.param)) typedParams = true;
    parameters.push(...(await queryParameter(q.key, q.param, registry, where)));
  }
  if (route.queryRest !== undefined) parameters.push(...(await restParameters(m, registry, where)));
  for (const [name, value] of route.staticQuery) {
    parameters.push({ name, in: "query", required: true, schema: { type: "string", const: value } });
  }
  if (typedParams) errors.set(422, PARAMS_422);

  const guardDocs: GuardDoc[] = [];
  for (const g of route.guards) if (g.guard.doc !== undefined) guardDocs.push(g.guard.doc);
  for (const doc of guardDocs) {
    for (const p of doc.parameters ?? []) {
      if (parameters.some((q) => q.name === p.name && q.in === p.in)) continue;
      parameters.push({
        name: p.name,
        in: p.in,
        required: p.required === true,
        ...(p.description === undefined ? {} : { description: p.description }),
        schema: p.schema ?? { type: "string" },
      });
    }
    for (const [code, why] of Object.entries(doc.responses ?? {})) addError(errors, Number(code), why);
  }

  // The body.
  let requestBody: ApiObject | undefined;
  const data = route.data;
  if (data !== undefined) {
    const doc: BodyDoc = data.guard.doc ?? { mediaTypes: ["*/*"] };
    const schema = await bodySchema(doc, registry, `${where}: the request body`, `${operationId}Body`);
    const types = route.format !== undefined ? [String(route.format)] : doc.mediaTypes;
    const content: Record<string, ApiObject> = {};
    for (const t of types) content[t] = schema === undefined ? {} : { schema };
    requestBody = { required: doc.optional !== true, content };
    for (const [code, why] of Object.entries(doc.responses ?? {})) addError(errors, Number(code), why);
  }

  // Declared responses, then a default success, then the errors.
  const declared = route.doc.responses ?? {};
  for (const [code, spec] of Object.entries(declared)) {
    responses[code] = await declaredResponse(
      Number(code),
      spec,
      registry,
      `${where}: the ${code} response`,
      operationId,
    );
  }
  if (!Object.keys(declared).some((c) => Number(c) < 400)) {
    const format = route.format !== undefined && !payload(route.method) ? String(route.format) : undefined;
    responses["200"] = {
      description: "Success.",
      ...(format === undefined ? {} : { content: { [format]: {} } }),
    };
  }
  const errorRef = errors.size > 0 ? registry.component("Error", ERROR_SCHEMA) : undefined;
  for (const [code, why] of [...errors].sort((a, b) => a[0] - b[0])) {
    if (responses[String(code)] !== undefined) continue;
    responses[String(code)] = { description: why, content: { "application/json": { schema: errorRef } } };
  }

  const security = securityOf(guardDocs, schemes, where, problems);
  const tags = route.doc.tags ?? comment.tags;
  const summary = route.doc.summary ?? comment.summary;
  const description = route.doc.description ?? comment.description;
  const deprecated = route.doc.deprecated ?? comment.deprecated;
  const meta: ApiObject = {
    ...(tags === undefined || tags.length === 0 ? {} : { tags: [...tags] }),
    ...(summary === undefined ? {} : { summary }),
    ...(description === undefined ? {} : { description }),
  };
  if (deprecated === true) meta.deprecated = true;
  return {
    route: m,
    method,
    path,
    shape,
    pathNames: names,
    operationId,
    explicitId: route.doc.operationId !== undefined || comment.operationId !== undefined,
    meta,
    parameters,
    requestBody,
    responses,
    security,
  };
}

// Whether a param type can refuse a value (and the route forward with 422): all but the catch-all text types and
// the `optional`/`result` wrappers.
function canFail(param: Param<unknown> | undefined): boolean {
  return param !== undefined && !neverFails(param) && !CATCH_ALL.has(param.name);
}
const CATCH_ALL = new Set(["str", "RawStr", "Segments"]);

function payload(method: string): boolean {
  return method === "PUT" || method === "POST" || method === "DELETE" || method === "PATCH";
}

function addError(errors: Map<number, string>, code: number, why: string): void {
  const had = errors.get(code);
  if (had === undefined) errors.set(code, why);
  else if (!had.split(" ").includes(why) && !had.includes(why)) errors.set(code, `${had} ${why}`);
}

// `/api/books/<id>/<_..>` → `/api/books/{id}/{_1}`; ignored segments get numbered names (OpenAPI names them all).
function template(m: MountedRoute): {
  path: string;
  shape: string;
  names: string[];
  ignored: Map<string, "single" | "trailing">;
} {
  const source = m.uri.split("?", 1)[0]!;
  const names: string[] = [];
  const ignored = new Map<string, "single" | "trailing">();
  let n = 0;
  const parts = source.split("/").map((seg) => {
    const d = /^<([A-Za-z_$][\w$]*)(\.\.)?>$/.exec(seg);
    if (d === null) return { text: seg, shape: seg };
    let name = d[1]!;
    if (name === "_") {
      name = `_${++n}`;
      ignored.set(name, d[2] === undefined ? "single" : "trailing");
    }
    names.push(name);
    return { text: `{${name}}`, shape: "{}" };
  });
  const path = parts.map((p) => p.text).join("/") || "/";
  const shape = parts.map((p) => p.shape).join("/") || "/";
  return { path, shape, names, ignored };
}

const IDENT = /^[A-Za-z_$][\w$]*$/;

// The route's name when it is an identifier (the variable or handler name), else one made of method and path.
function operationName(name: string, method: string, path: string): string {
  if (IDENT.test(name)) return name;
  const words = path
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== "")
    .map((w) => w[0]!.toUpperCase() + w.slice(1));
  return method + (words.join("") || "Root");
}

async function queryParameter(
  key: string,
  param: Param<unknown> | FormType<unknown> | undefined,
  registry: SchemaRegistry,
  where: string,
): Promise<ApiObject[]> {
  if (param === undefined) return [{ name: key, in: "query", required: true, schema: { type: "string" } }];
  if (param.kind === "param") {
    return [{ name: key, in: "query", required: param.missing === undefined, schema: paramSchema(param) }];
  }
  // A form type under `?<key>`: its fields are named `key.field` / `key[field]` (a deep object), a list repeats `key`.
  const schema = await formSchema(param, false, registry, `${where}: the query parameter <${key}>`);
  const required = !mayBeAbsent(param, false);
  const style = styleOf(schema);
  return [{ name: key, in: "query", required, ...style, schema }];
}

function styleOf(schema: JsonSchema): ApiObject {
  if (schema.type === "object") return { style: "deepObject", explode: true };
  if (schema.type === "array") return { style: "form", explode: true };
  return {};
}

// `?<rest..>`: the fields no other parameter took. A struct's fields are query parameters of their own; anything
// else is a free-form object.
async function restParameters(
  m: MountedRoute,
  registry: SchemaRegistry,
  where: string,
): Promise<ApiObject[]> {
  const route = m.route;
  const name = route.queryRest!;
  const type = route.queryRestType;
  const doc = type?.doc;
  if (type !== undefined && doc?.kind === "struct") {
    const out: ApiObject[] = [];
    for (const f of doc.fields) {
      const schema = await formSchema(f.type, false, registry, `${where}: the query field "${f.name}"`);
      const required = !(f.hasDefault || mayBeAbsent(f.type, false));
      out.push({ name: f.name, in: "query", required, ...styleOf(schema), schema });
    }
    return out;
  }
  const values =
    type === undefined
      ? { type: "string" }
      : doc?.kind === "map"
        ? ((await formSchema(type, false, registry, where)).additionalProperties as JsonSchema)
        : {};
  return [
    {
      name,
      in: "query",
      required: false,
      style: "form",
      explode: true,
      description: "Any other query fields.",
      schema: { type: "object", additionalProperties: values },
    },
  ];
}

async function bodySchema(
  doc: BodyDoc,
  registry: SchemaRegistry,
  where: string,
  name: string,
): Promise<JsonSchema | undefined> {
  if (doc.standard !== undefined) return registry.standard(doc.standard, "input", where, name);
  if (doc.form !== undefined) return formSchema(doc.form, true, registry, where);
  return doc.json;
}
