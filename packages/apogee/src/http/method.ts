/** The HTTP methods a route can be declared for (Rocket's `Method`). */
export type Method = "GET" | "PUT" | "POST" | "DELETE" | "OPTIONS" | "HEAD" | "TRACE" | "CONNECT" | "PATCH";

/** Every method Apogee accepts; a request with any other method is answered 400. */
export const METHODS: readonly Method[] = [
  "GET",
  "PUT",
  "POST",
  "DELETE",
  "OPTIONS",
  "HEAD",
  "TRACE",
  "CONNECT",
  "PATCH",
];

const BY_UPPER: ReadonlyMap<string, Method> = new Map(METHODS.map((m) => [m, m]));

/**
 * The method named by `name`, case-insensitively, or `undefined` when it is not a known method.
 * Exact upper-case names (the common case) take the fast path.
 */
export function parseMethod(name: string): Method | undefined {
  return BY_UPPER.get(name) ?? BY_UPPER.get(name.toUpperCase());
}

/** Whether requests with `method` carry a payload whose `Content-Type` decides `format` matching. */
export function supportsPayload(method: Method): boolean {
  return method === "PUT" || method === "POST" || method === "DELETE" || method === "PATCH";
}
