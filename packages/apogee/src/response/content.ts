import { MediaType } from "../http/media-type.ts";
import { AdjustedResponder, type Responder } from "./responder.ts";
import type { Response } from "./response.ts";

/** Responds with `body`, then replaces its `Content-Type` with `type`. */
function typed(type: string) {
  const adjust = (res: Response) => {
    res.setHeader("content-type", type);
  };
  return (body: unknown): Responder => new AdjustedResponder(body, adjust);
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
    return typed(mt.toString())(body);
  },
};
