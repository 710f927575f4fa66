// What a route declares about itself for API documents (`apogee/openapi`): its responses, tags and summary.

import type { StandardSchema } from "../data/standard-schema.ts";
import type { JsonSchema } from "../request/api-doc.ts";

/**
 * A response a route declares: the Standard Schema of its JSON body, a description alone, or both (with a media
 * type other than JSON, or a JSON Schema instead of a Standard Schema).
 */
export type ResponseDoc =
  | StandardSchema<any, any>
  | string
  | {
      readonly description?: string;
      /** The body's schema; a Standard Schema is converted through its JSON Schema hook. */
      readonly schema?: StandardSchema<any, any> | JsonSchema;
      /** The body's media type (default `application/json` with a schema; none without one). */
      readonly contentType?: string;
      /** Response headers, by name, with their description. */
      readonly headers?: Readonly<Record<string, string>>;
    };

/** The route options that only describe the route, for API documents; none changes how it answers. */
export interface RouteDoc {
  /**
   * The responses the handler gives, by status: `{ 200: Book, 404: "No such book." }`. Guards' and data guards'
   * error statuses are documented without being listed. In the `debug` profile, the OpenAPI fairing checks each
   * JSON response against its declared schema and logs a mismatch.
   */
  readonly responses?: Readonly<Record<number, ResponseDoc>>;
  /** Tags grouping the operation (default: from the `@tag` lines of the route's doc comment). */
  readonly tags?: readonly string[];
  /** A one-line summary (default: the first sentence of the route's doc comment). */
  readonly summary?: string;
  /** A longer description (default: the rest of the route's doc comment). */
  readonly description?: string;
  /** The operation's id (default: the route's name). */
  readonly operationId?: string;
  /** Marks the operation deprecated (default: whether the doc comment has `@deprecated`). */
  readonly deprecated?: boolean;
  /** Leaves the route out of API documents (internal and infrastructure routes). */
  readonly hidden?: boolean;
}

const DOC_KEYS = [
  "responses",
  "tags",
  "summary",
  "description",
  "operationId",
  "deprecated",
  "hidden",
] as const;

/** The documentation options of a route's options, checked: throws a `TypeError` on a malformed one. */
export function routeDoc(options: RouteDoc, where: () => string): RouteDoc {
  const doc: Record<string, unknown> = {};
  for (const key of DOC_KEYS) if (options[key] !== undefined) doc[key] = options[key];
  const responses = options.responses;
  if (responses !== undefined) {
    if (responses === null || typeof responses !== "object")
      throw new TypeError(`responses must be an object of statuses${where()}`);
    for (const code of Object.keys(responses)) {
      const n = Number(code);
      if (!Number.isInteger(n) || n < 100 || n > 599)
        throw new TypeError(`responses: ${JSON.stringify(code)} is not an HTTP status (100–599)${where()}`);
    }
  }
  if (options.tags !== undefined && !Array.isArray(options.tags))
    throw new TypeError(`tags must be an array of strings${where()}`);
  return doc as RouteDoc;
}
