// In `debug`: does what a route answers match what its `responses` option declares? A mismatch is logged (never
// changes the response), so the document and the code are kept honest while developing.

import { isStandardSchema, type StandardSchema } from "../data/standard-schema.ts";
import { MediaType } from "../http/media-type.ts";
import type { Request } from "../request/request.ts";
import { BodyStream } from "../response/body-stream.ts";
import type { Response } from "../response/response.ts";
import type { ResponseDoc } from "../route/route-doc.ts";
import { MountedRoute } from "../router/mounted-route.ts";

/**
 * Checks one response against its route's declared responses and logs a warning when they disagree: a 2xx/3xx
 * status the route does not declare, or a JSON body its declared Standard Schema refuses. Responses of routes
 * that declare nothing, streamed or compressed bodies, and statuses declared without a schema are not checked.
 */
export function checkResponse(req: Request, res: Response): void | Promise<void> {
  const m = req.route;
  if (!(m instanceof MountedRoute)) return;
  const declared = m.route.doc.responses;
  if (declared === undefined) return;
  const spec = declared[res.status];
  if (spec === undefined) {
    if (res.status < 400) {
      const codes = Object.keys(declared).join(", ");
      req.log.warn(
        `OpenAPI: ${m} answered ${res.status}, which its \`responses\` (${codes}) do not declare.`,
      );
    }
    return;
  }
  const schema = schemaOf(spec);
  const body = res.body;
  if (schema === undefined || body === null || body instanceof BodyStream) return;
  if (res.headers["content-encoding"] !== undefined) return;
  const type = MediaType.parse(res.getHeader("content-type") ?? "");
  if (
    type === undefined ||
    type.top !== "application" ||
    !(type.sub === "json" || type.sub.endsWith("+json"))
  ) {
    req.log.warn(
      `OpenAPI: ${m} answered ${res.status} with ${type ?? "no content type"}, not the JSON its schema describes.`,
    );
    return;
  }
  let value: unknown;
  try {
    value = JSON.parse(typeof body === "string" ? body : Buffer.from(body).toString("utf8"));
  } catch {
    req.log.warn(`OpenAPI: ${m} answered ${res.status} with a body that is not JSON.`);
    return;
  }
  const out = schema["~standard"].validate(value);
  if (out instanceof Promise) return out.then((r) => report(req, m, res.status, r.issues));
  report(
    req,
    m,
    res.status,
    (out as { issues?: readonly { message: string; path?: readonly unknown[] }[] }).issues,
  );
}

function schemaOf(spec: ResponseDoc): StandardSchema | undefined {
  if (typeof spec === "string") return undefined;
  if (isStandardSchema(spec)) return spec;
  const s = (spec as { schema?: unknown }).schema;
  return isStandardSchema(s) ? s : undefined;
}

function report(
  req: Request,
  m: MountedRoute,
  status: number,
  issues: readonly { message: string; path?: readonly unknown[] | undefined }[] | undefined,
): void {
  if (issues === undefined || issues.length === 0) return;
  const list = issues
    .map((i) => {
      const path = (i.path ?? []).map((p) =>
        String(typeof p === "object" && p !== null ? (p as { key: unknown }).key : p),
      );
      return path.length === 0 ? i.message : `${path.join(".")}: ${i.message}`;
    })
    .join("; ");
  req.log.warn(
    `OpenAPI: ${m} answered ${status} with a body that does not match its declared schema: ${list}`,
  );
}
