import { MediaType } from "../http/media-type.ts";
import type { Status } from "../http/status.ts";
import { AdjustedResponder, type Responder } from "./responder.ts";
import type { HeaderValue, Response } from "./response.ts";

/** What `respond()` sets over the inner responder. */
export interface RespondOptions {
  /** The status, set last (it wins over the inner responder's). */
  readonly status?: Status | number;
  /** A media type or format shorthand (`"json"`), set after the headers. */
  readonly contentType?: string | MediaType;
  /** Headers set on the response, replacing the inner responder's values. */
  readonly headers?: Readonly<Record<string, HeaderValue>>;
}

/** Checks `options` once and returns the adjustment `respond()` applies to every response. */
function adjustment(options: RespondOptions): (res: Response) => void {
  const s = options.status;
  const status = s === undefined ? undefined : typeof s === "number" ? s : s.code;
  let contentType: string | undefined;
  if (options.contentType !== undefined) {
    const ct = options.contentType;
    const mt = typeof ct === "string" ? MediaType.parseFormat(ct) : ct;
    if (mt === undefined) throw new TypeError(`respond: ${JSON.stringify(ct)} is not a media type`);
    contentType = mt.toString();
  }
  const headers = Object.entries(options.headers ?? {});
  return (res) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    if (contentType !== undefined) res.setHeader("content-type", contentType);
    if (status !== undefined) res.status = status;
  };
}

/**
 * A custom responder (Rocket's `#[derive(Responder)]`): `inner` responds, then `headers` are set (replacing),
 * then `contentType`, then `status`. A failure of `inner` propagates.
 *
 * @example
 * get("/teapot", () => respond("short and stout", { status: 418, contentType: "html", headers: { "x-tea": "earl grey" } }));
 */
export function respond(inner: unknown, options: RespondOptions): Responder {
  return new AdjustedResponder(inner, adjustment(options));
}
