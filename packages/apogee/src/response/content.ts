import { MediaType } from "../http/media-type.ts";
import { Status } from "../http/status.ts";
import type { Request } from "../request/request.ts";
import { type Responded, type Responder, then, toResponse } from "./responder.ts";

/** Responds with `inner`, then replaces its `Content-Type`. */
class WithContentType implements Responder {
  readonly #type: string;
  readonly #inner: unknown;
  constructor(type: string, inner: unknown) {
    this.#type = type;
    this.#inner = inner;
  }
  respondTo(req: Request): Responded | PromiseLike<Responded> {
    return then(toResponse(this.#inner, req), (res) => {
      if (res instanceof Status) return res;
      res.setHeader("content-type", this.#type);
      return res;
    });
  }
}

function typed(type: string) {
  return (body: unknown): Responder => new WithContentType(type, body);
}

/**
 * Responders that set the `Content-Type` of what they wrap (Rocket's `response::content`).
 *
 * @example
 * get("/", () => content.Json("{ 'hi': 'world' }"));
 */
export const content = {
  /** `application/json` */
  Json: typed("application/json"),
  /** `text/html; charset=utf-8` */
  Html: typed("text/html; charset=utf-8"),
  /** `text/xml; charset=utf-8` */
  Xml: typed("text/xml; charset=utf-8"),
  /** `text/plain; charset=utf-8` */
  Text: typed("text/plain; charset=utf-8"),
  /** `text/css; charset=utf-8` */
  Css: typed("text/css; charset=utf-8"),
  /** `text/javascript` (as Rocket 0.5) */
  JavaScript: typed("text/javascript"),
  /** `application/msgpack` */
  MsgPack: typed("application/msgpack"),
  /**
   * Any media type, given in full or as a format shorthand (`"json"`, `"html"`, …).
   * Throws at call time when `type` is not a media type.
   */
  Custom: (type: string | MediaType, body: unknown): Responder => {
    const mt = typeof type === "string" ? MediaType.parseFormat(type) : type;
    if (mt === undefined) throw new TypeError(`content.Custom: ${JSON.stringify(type)} is not a media type`);
    return new WithContentType(mt.toString(), body);
  },
};
