// What param types, form types and guards tell an API document about themselves (read by `apogee/openapi`).
// Plain data, attached once when each is made; nothing here runs per request.

import type { FormType } from "../data/form-type.ts";
import type { StandardSchema } from "../data/standard-schema.ts";
import type { Param } from "./param.ts";

/** A JSON Schema object (draft 2020-12, the dialect of OpenAPI 3.1), e.g. `{ type: "integer", minimum: 0 }`. */
export type JsonSchema = { readonly [keyword: string]: unknown };

/** A parameter a guard reads from outside the URI: a header, a cookie or a query field. */
export interface ParameterDoc {
  readonly name: string;
  readonly in: "header" | "cookie" | "query";
  readonly description?: string;
  /** Whether the request must carry it (default `false`). */
  readonly required?: boolean;
  /** Its schema (default `{ type: "string" }`). */
  readonly schema?: JsonSchema;
}

/** An OpenAPI security scheme, e.g. `{ type: "http", scheme: "bearer", bearerFormat: "JWT" }`. */
export type SecuritySchemeDoc = { readonly type: string; readonly [field: string]: unknown };

/**
 * What a request guard tells the API document: the security schemes it checks, what it reads, and the statuses
 * it forwards or fails with. `guard(name, fn, { doc, uses })` merges the docs of the guards it uses.
 *
 * @example
 * guard("ApiKey", check, { doc: { security: { apiKey: { type: "apiKey", in: "header", name: "X-Api-Key" } },
 *   responses: { 401: "The API key is missing or wrong." } } });
 */
export interface GuardDoc {
  /** The security schemes the guard checks, by name; a request satisfies the guard with any one of them. */
  readonly security?: Readonly<Record<string, SecuritySchemeDoc>>;
  /** The scopes the guard requires (for `oauth2` and `openIdConnect` schemes). */
  readonly scopes?: readonly string[];
  /** Headers, cookies or query fields the guard reads. */
  readonly parameters?: readonly ParameterDoc[];
  /** The statuses the guard can end a request with, and why: `{ 401: "The token is missing or invalid." }`. */
  readonly responses?: Readonly<Record<number, string>>;
  /** Requests without the credentials pass too (`optional(guard)`): the security requirement is optional. */
  readonly optional?: boolean;
}

/** What a data guard tells the API document: the media types it reads, their schema, its error statuses. */
export interface BodyDoc {
  /** The media types the body may have (`application/json`, `multipart/form-data`, `*∕*`). */
  readonly mediaTypes: readonly string[];
  /** The body's schema as a Standard Schema (`Json(schema)`), converted through its JSON Schema hook. */
  readonly standard?: StandardSchema<any, any>;
  /** The body's schema as a form type (`Form(…)`). */
  readonly form?: FormType<unknown>;
  /** The body's schema as JSON Schema (`Text` is a string). */
  readonly json?: JsonSchema;
  /** The statuses the guard can end a request with, and why: `{ 413: "…", 422: "…" }`. */
  readonly responses?: Readonly<Record<number, string>>;
  /** The body may be absent or invalid without failing (`optional(Json(…))`). */
  readonly optional?: boolean;
}

/** A field of a struct form, for the API document. */
export interface FormFieldDoc {
  /** The name on the wire (the first, when the field has several). */
  readonly name: string;
  readonly type: FormType<unknown>;
  /** Whether a lenient form fills it in when absent (`field(…, { default })`). */
  readonly hasDefault: boolean;
  readonly default?: unknown;
}

/** How a form type is built, for the API document. */
export type FormDoc =
  | { readonly kind: "value"; readonly param: Param<unknown> }
  | { readonly kind: "struct"; readonly fields: readonly FormFieldDoc[] }
  | { readonly kind: "array"; readonly element: FormType<unknown> }
  | { readonly kind: "map"; readonly value: FormType<unknown> }
  | { readonly kind: "optional" | "result" | "strict" | "lenient"; readonly inner: FormType<unknown> }
  | { readonly kind: "schema"; readonly schema: StandardSchema<any, any> }
  | { readonly kind: "file" };

/** Merges guard docs (a guard built over other guards documents what they check and answer). */
export function mergeGuardDocs(docs: readonly (GuardDoc | undefined)[]): GuardDoc | undefined {
  const present = docs.filter((d): d is GuardDoc => d !== undefined);
  if (present.length <= 1) return present[0];
  const security: Record<string, SecuritySchemeDoc> = {};
  const responses: Record<number, string> = {};
  const scopes: string[] = [];
  const parameters: ParameterDoc[] = [];
  for (const d of present) {
    Object.assign(security, d.security);
    for (const [code, why] of Object.entries(d.responses ?? {})) responses[Number(code)] ??= why;
    for (const s of d.scopes ?? []) if (!scopes.includes(s)) scopes.push(s);
    for (const p of d.parameters ?? [])
      if (!parameters.some((q) => q.name === p.name && q.in === p.in)) parameters.push(p);
  }
  return {
    ...(Object.keys(security).length > 0 ? { security } : {}),
    ...(scopes.length > 0 ? { scopes } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(Object.keys(responses).length > 0 ? { responses } : {}),
  };
}
