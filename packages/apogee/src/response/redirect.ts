import { Status } from "../http/status.ts";
import type { Request } from "../request/request.ts";
import type { Responded, Responder } from "./responder.ts";
import { Response } from "./response.ts";

// RFC 3986 URI-reference characters: unreserved, reserved, and '%' (checked for two hex digits separately).
const URI_REF_CHARS = (() => {
  const table = new Uint8Array(128);
  const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%";
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return table;
})();

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** Whether `text` is a URI reference (relative or absolute, fragment allowed) that may go in `Location`. */
export function isUriReference(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128 || URI_REF_CHARS[c] === 0) return false;
    if (c === 37 && !(isHex(text.charCodeAt(i + 1)) && isHex(text.charCodeAt(i + 2)))) return false;
  }
  return true;
}

/**
 * A redirect (Rocket's `Redirect`): a status and a `Location`, no body.
 *
 * - `to` 303, `found` 302, `temporary` 307, `permanent` 308, `moved` 301.
 * - A location that is not a URI reference (spaces, CR/LF, raw non-ASCII, a bad `%` escape) is never sent:
 *   the request fails with 500 and the problem is logged. Percent-encode such locations first.
 *
 * @example
 * get({ uri: "/admin", rank: 3 }, () => Redirect.to("/login"));
 */
export class Redirect implements Responder {
  readonly status: number;
  readonly location: string;

  private constructor(status: number, location: string) {
    this.status = status;
    this.location = location;
  }

  /** 303 See Other: the client follows with a GET. */
  static to(location: string): Redirect {
    return new Redirect(303, location);
  }
  /** 302 Found. */
  static found(location: string): Redirect {
    return new Redirect(302, location);
  }
  /** 307 Temporary Redirect: the client repeats the same method and body. */
  static temporary(location: string): Redirect {
    return new Redirect(307, location);
  }
  /** 308 Permanent Redirect: the client repeats the same method and body. */
  static permanent(location: string): Redirect {
    return new Redirect(308, location);
  }
  /** 301 Moved Permanently. */
  static moved(location: string): Redirect {
    return new Redirect(301, location);
  }

  respondTo(req: Request): Responded {
    if (!isUriReference(this.location)) {
      req.log.error(
        `Redirect location ${JSON.stringify(this.location)} is not a valid URI reference. Answering 500.`,
      );
      return Status.InternalServerError;
    }
    const res = new Response();
    res.status = this.status;
    res.setHeader("location", this.location);
    return res;
  }
}
