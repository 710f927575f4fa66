import type { Status } from "../http/status.ts";
import type { Request } from "../request/request.ts";
import { AdjustedResponder, type Responded, type Responder } from "./responder.ts";
import { Response } from "./response.ts";

/** Responds with `body` (an empty body when it is `undefined`), then sets `code` over its status. */
function withStatus(code: number, body: unknown): Responder {
  return new AdjustedResponder(body === undefined ? new Response() : body, (res) => {
    res.status = code;
  });
}

function fixed(code: number) {
  return (body?: unknown): Responder => withStatus(code, body);
}

/** `201 Created` with a `Location`; add a body with `.body(r)` or `.taggedBody(r)` (which adds an `ETag`). */
export class Created implements Responder {
  readonly #location: string;
  readonly #body: unknown;
  readonly #tagged: boolean;
  constructor(location: string, body?: unknown, tagged = false) {
    this.#location = location;
    this.#body = body;
    this.#tagged = tagged;
  }
  /** The same `Created` with `body` as its body. */
  body(body: unknown): Created {
    return new Created(this.#location, body, false);
  }
  /** The same `Created` with `body`, plus an `ETag` computed from the body's bytes. */
  taggedBody(body: unknown): Created {
    return new Created(this.#location, body, true);
  }
  respondTo(req: Request): Responded | PromiseLike<Responded> {
    return new AdjustedResponder(this.#body === undefined ? new Response() : this.#body, (res) => {
      res.status = 201;
      res.setHeader("location", this.#location);
      // A stream cannot be hashed before it is sent, so only sized bodies are tagged.
      const body = res.body;
      if (this.#tagged && (typeof body === "string" || body instanceof Uint8Array)) {
        res.setHeader("etag", `"${etagOf(body)}"`);
      }
    }).respondTo(req);
  }
}

// A stable, cheap hash of the body (FNV-1a, 64-bit as two 32-bit halves) for `taggedBody`'s ETag.
function etagOf(body: string | Uint8Array): string {
  const bytes = typeof body === "string" ? Buffer.from(body) : body;
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    h1 = Math.imul(h1 ^ b, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ b, 0x811c9dc5) >>> 0;
  }
  return h1.toString(16).padStart(8, "0") + h2.toString(16).padStart(8, "0");
}

/**
 * Responders that set the status of what they wrap (Rocket's `response::status`). They never go to a catcher,
 * even for 4xx/5xx codes; only a failure of the wrapped responder does.
 *
 * @example
 * post("/<id>", { id: usize }, ({ id }) => status.Accepted(`id: '${id}'`));
 */
export const status = {
  /** `code` over whatever `body` responds with (Rocket's `status::Custom`). */
  Custom: (code: Status | number, body?: unknown): Responder =>
    withStatus(typeof code === "number" ? code : code.code, body),
  /** `201 Created` with `Location: location`. */
  Created: (location: string): Created => new Created(location),
  /** `202 Accepted`, with an optional body. */
  Accepted: fixed(202),
  /** `204 No Content`. */
  NoContent: (): Responder => withStatus(204, undefined),
  /** `400 Bad Request`, with an optional body. */
  BadRequest: fixed(400),
  /** `401 Unauthorized`, with an optional body. */
  Unauthorized: fixed(401),
  /** `403 Forbidden`, with an optional body. */
  Forbidden: fixed(403),
  /** `404 Not Found`, with an optional body. */
  NotFound: fixed(404),
  /** `409 Conflict`, with an optional body. */
  Conflict: fixed(409),
};
