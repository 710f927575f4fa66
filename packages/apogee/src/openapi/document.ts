// The OpenAPI 3.1 document of an app's mounted routes. Routes that share a path and method (ranked alternatives,
// formats) are one operation: their parameters, bodies, responses and security are merged.

import type { Apogee } from "../app/apogee.ts";
import { isStandardSchema } from "../data/standard-schema.ts";
import type { JsonSchema, SecuritySchemeDoc } from "../request/api-doc.ts";
import type { MountedRoute } from "../router/mounted-route.ts";
import { type ApiObject, type Draft, draftOperation } from "./operation.ts";
import { SchemaRegistry } from "./schema-registry.ts";
import { dedupe, type Requirement } from "./security.ts";

/** The document's `info`: a title and version are required by OpenAPI; the rest is optional. */
export interface OpenApiInfo {
  readonly title: string;
  readonly version: string;
  readonly summary?: string;
  readonly description?: string;
  readonly termsOfService?: string;
  readonly contact?: { readonly name?: string; readonly url?: string; readonly email?: string };
  readonly license?: { readonly name: string; readonly identifier?: string; readonly url?: string };
}

/** What the document says beyond the routes. */
export interface DocumentOptions {
  /** Title, version and so on (default title `API`, version `1.0.0`). */
  readonly info?: Partial<OpenApiInfo>;
  /** Where the API is served (`[{ url: "https://api.example" }]`). */
  readonly servers?: readonly { readonly url: string; readonly description?: string }[];
  /** Descriptions of the tags routes use, in the order the docs page should show them. */
  readonly tags?: readonly { readonly name: string; readonly description?: string }[];
}

/** An OpenAPI 3.1 document, as plain JSON data. */
export interface OpenApiDocument {
  readonly openapi: "3.1.0";
  readonly info: OpenApiInfo;
  readonly servers?: readonly ApiObject[];
  readonly tags?: readonly ApiObject[];
  readonly paths: Record<string, Record<string, ApiObject>>;
  readonly components?: {
    readonly schemas?: Record<string, JsonSchema>;
    readonly securitySchemes?: Record<string, SecuritySchemeDoc>;
  };
}

const METHOD_ORDER = ["get", "put", "post", "delete", "options", "head", "patch", "trace", "connect"];

/**
 * The OpenAPI 3.1 document of the routes mounted on `app` so far (hidden ones left out). Rejects with an `Error`
 * listing every problem found (a schema with no JSON Schema, two operations with one id, two different security
 * schemes under one name). The `OpenApi` fairing builds and serves it at ignite; call this to write it to a file.
 *
 * @example
 * const doc = await openApiDocument(app, { info: { title: "Books", version: "2.0.0" } });
 * await writeFile("openapi.json", JSON.stringify(doc, null, 2));
 */
export async function openApiDocument(app: Apogee, options: DocumentOptions = {}): Promise<OpenApiDocument> {
  const { document, problems } = await buildDocument(app.routes, options);
  if (problems.length > 0) throw new Error(`the OpenAPI document has problems:\n  ${problems.join("\n  ")}`);
  return document;
}

/** The document of `mounts`, and every problem found building it. */
export async function buildDocument(
  mounts: readonly MountedRoute[],
  options: DocumentOptions,
): Promise<{ document: OpenApiDocument; problems: string[] }> {
  const registry = new SchemaRegistry();
  const schemes = new Map<string, { scheme: SecuritySchemeDoc; by: string }>();
  const problems: string[] = [];
  const drafts: Draft[] = [];
  const visible = mounts.filter((m) => m.route.doc.hidden !== true);
  // Lowest rank first, then mount order: the first route of a merged operation names it.
  const ordered = visible.map((m, i) => [m, i] as const).sort((a, b) => a[0].rank - b[0].rank || a[1] - b[1]);
  // Response schemas first, in mount order: a definition shared with a request body (which may differ, without
  // `additionalProperties: false`) keeps its plain name for the response, and the request's is `…Input`.
  for (const m of visible) {
    for (const [code, spec] of Object.entries(m.route.doc.responses ?? {})) {
      const schema = isStandardSchema(spec) ? spec : (spec as { schema?: unknown }).schema;
      const where = `${m.route.method} ${m.uri} (${m.route.declaredAt}): the ${code} response`;
      if (isStandardSchema(schema))
        await registry.standard(schema, "output", where, `${m.route.name}${code}`);
    }
  }
  for (const [m] of ordered) drafts.push(await draftOperation(m, registry, schemes, problems));

  // Group by path shape and method; the first path seen for a shape names its parameters.
  const canonical = new Map<string, Draft>();
  const groups = new Map<string, Draft[]>();
  for (const d of drafts.sort((a, b) => visible.indexOf(a.route) - visible.indexOf(b.route))) {
    if (!canonical.has(d.shape)) canonical.set(d.shape, d);
    const key = `${d.shape} ${d.method}`;
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [d]);
    else g.push(d);
  }

  const paths: Record<string, Record<string, ApiObject>> = {};
  const ids = new Map<string, string>();
  for (const group of groups.values()) {
    group.sort((a, b) => a.route.rank - b.route.rank || visible.indexOf(a.route) - visible.indexOf(b.route));
    const first = group[0]!;
    const path = canonical.get(first.shape)!;
    const operation = merge(group.map((d) => renamed(d, path.pathNames)));
    const id = uniqueId(first, ids, problems);
    paths[path.path] ??= {};
    paths[path.path]![first.method] = { operationId: id, ...operation };
  }
  for (const item of Object.values(paths)) sortMethods(item);

  problems.push(...registry.problems);
  const info = { title: "API", version: "1.0.0", ...options.info } as OpenApiInfo;
  const securitySchemes = Object.fromEntries([...schemes].map(([name, s]) => [name, s.scheme]));
  const components = {
    ...(Object.keys(registry.components).length > 0 ? { schemas: registry.components } : {}),
    ...(schemes.size > 0 ? { securitySchemes } : {}),
  };
  const document: OpenApiDocument = {
    openapi: "3.1.0",
    info,
    ...(options.servers === undefined ? {} : { servers: options.servers.map((s) => ({ ...s })) }),
    ...(options.tags === undefined ? {} : { tags: options.tags.map((t) => ({ ...t })) }),
    paths,
    ...(Object.keys(components).length > 0 ? { components } : {}),
  };
  return { document, problems };
}

// Generated ids that repeat (a route mounted twice) get a number; a repeated explicit id is a problem.
function uniqueId(d: Draft, ids: Map<string, string>, problems: string[]): string {
  const by = `${d.route.method} ${d.route.uri} (${d.route.route.declaredAt})`;
  const taken = ids.get(d.operationId);
  if (taken === undefined) {
    ids.set(d.operationId, by);
    return d.operationId;
  }
  if (d.explicitId) {
    problems.push(
      `${by}: the operationId "${d.operationId}" is also ${taken}'s; give each operation its own`,
    );
    return d.operationId;
  }
  let n = 2;
  while (ids.has(`${d.operationId}${n}`)) n++;
  const id = `${d.operationId}${n}`;
  ids.set(id, by);
  return id;
}

// A draft with its path parameters named as the path's first route names them (`/a/{x}` and `/a/{y}` are one path).
function renamed(d: Draft, names: readonly string[]): Draft {
  if (d.pathNames.every((n, i) => n === names[i])) return d;
  const map = new Map(d.pathNames.map((n, i) => [n, names[i]!]));
  return {
    ...d,
    parameters: d.parameters.map((p) =>
      p.in === "path" && map.has(p.name as string) ? { ...p, name: map.get(p.name as string) } : p,
    ),
  };
}

// One operation from ranked alternatives: a parameter all of them require stays required; differing schemas
// become `anyOf`; bodies, responses and security alternatives add up (a route without security allows none).
function merge(group: readonly Draft[]): ApiObject {
  const first = group[0]!;
  if (group.length === 1)
    return assemble(first.meta, first.parameters, first.requestBody, first.responses, first.security);
  const tags = [...new Set(group.flatMap((d) => (d.meta.tags as string[] | undefined) ?? []))];
  const meta: ApiObject = { ...first.meta, ...(tags.length > 0 ? { tags } : {}) };
  if (!group.every((d) => d.meta.deprecated === true)) delete meta.deprecated;

  const parameters: ApiObject[] = [];
  for (const d of group) {
    for (const p of d.parameters) {
      const same = parameters.findIndex((q) => q.name === p.name && q.in === p.in);
      if (same === -1)
        parameters.push({ ...p, required: p.required === true && group.every((o) => has(o, p)) });
      else parameters[same] = { ...parameters[same], schema: either(parameters[same]!.schema, p.schema) };
    }
  }

  let requestBody: ApiObject | undefined;
  const bodies = group.map((d) => d.requestBody);
  if (bodies.some((b) => b !== undefined)) {
    const content: Record<string, ApiObject> = {};
    for (const b of bodies) {
      for (const [type, media] of Object.entries((b?.content ?? {}) as Record<string, ApiObject>)) {
        const had = content[type];
        content[type] = had === undefined ? media : { schema: either(had.schema, media.schema) };
      }
    }
    requestBody = { required: bodies.every((b) => b !== undefined && b.required === true), content };
  }

  const responses: Record<string, ApiObject> = {};
  for (const d of group) for (const [code, r] of Object.entries(d.responses)) responses[code] ??= r;

  let security: Requirement[] | undefined;
  if (group.some((d) => d.security !== undefined)) {
    security = dedupe(group.flatMap((d) => d.security ?? [{}]));
  }
  return assemble(meta, parameters, requestBody, responses, security);
}

function has(d: Draft, p: ApiObject): boolean {
  return d.parameters.some((q) => q.name === p.name && q.in === p.in && q.required === true);
}

function either(a: unknown, b: unknown): unknown {
  if (a === undefined || b === undefined) return a ?? b;
  if (JSON.stringify(a) === JSON.stringify(b)) return a;
  const list = (s: unknown) => ((s as JsonSchema).anyOf as unknown[] | undefined) ?? [s];
  const all = [...list(a)];
  for (const s of list(b)) if (!all.some((t) => JSON.stringify(t) === JSON.stringify(s))) all.push(s);
  return { anyOf: all };
}

function assemble(
  meta: ApiObject,
  parameters: readonly ApiObject[],
  requestBody: ApiObject | undefined,
  responses: Record<string, ApiObject>,
  security: readonly Requirement[] | undefined,
): ApiObject {
  const sorted = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => Number(a) - Number(b)));
  return {
    ...meta,
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(requestBody === undefined ? {} : { requestBody }),
    responses: sorted,
    ...(security === undefined ? {} : { security }),
  };
}

function sortMethods(item: Record<string, ApiObject>): void {
  const entries = Object.entries(item).sort(([a], [b]) => METHOD_ORDER.indexOf(a) - METHOD_ORDER.indexOf(b));
  for (const [k] of entries) delete item[k];
  for (const [k, v] of entries) item[k] = v;
}
