import { MediaType } from "../http/media-type.ts";
import { Status } from "../http/status.ts";
import type { Request } from "../request/request.ts";
import { type Responded, type Responder, then, toResponse } from "./responder.ts";
import type { HeaderValue } from "./response.ts";

/** What `respond()` sets over the inner responder. */
export interface RespondOptions {
  /** The status, set last (it wins over the inner responder's). */
  readonly status?: Status | number;
  /** A media type or format shorthand (`"json"`), set after the headers. */
  readonly contentType?: string | MediaType;
  /** Headers set on the response, replacing the inner responder's values. */
  readonly headers?: Readonly<Record<string, HeaderValue>>;
}

class Derived implements Responder {
  readonly #inner: unknown;
  readonly #status: number | undefined;
  readonly #contentType: string | undefined;
  readonly #headers: readonly (readonly [string, HeaderValue])[];

  constructor(inner: unknown, options: RespondOptions) {
    this.#inner = inner;
    const s = options.status;
    this.#status = s === undefined ? undefined : typeof s === "number" ? s : s.code;
    const ct = options.contentType;
    if (ct !== undefined) {
      const mt = typeof ct === "string" ? MediaType.parseFormat(ct) : ct;
      if (mt === undefined) throw new TypeError(`respond: ${JSON.stringify(ct)} is not a media type`);
      this.#contentType = mt.toString();
    } else this.#contentType = undefined;
    this.#headers = Object.entries(options.headers ?? {});
  }

  respondTo(req: Request): Responded | PromiseLike<Responded> {
    return then(toResponse(this.#inner, req), (res) => {
      if (res instanceof Status) return res;
      for (const [name, value] of this.#headers) res.setHeader(name, value);
      if (this.#contentType !== undefined) res.setHeader("content-type", this.#contentType);
      if (this.#status !== undefined) res.status = this.#status;
      return res;
    });
  }
}

/**
 * A custom responder (Rocket's `#[derive(Responder)]`): `inner` responds, then `headers` are set (replacing),
 * then `contentType`, then `status`. A failure of `inner` propagates.
 *
 * @example
 * get("/teapot", () => respond("short and stout", { status: 418, contentType: "html", headers: { "x-tea": "earl grey" } }));
 */
export function respond(inner: unknown, options: RespondOptions): Responder {
  return new Derived(inner, options);
}
