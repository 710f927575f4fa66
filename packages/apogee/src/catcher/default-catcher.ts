/**
 * The built-in default catcher's bodies: the HTML page or JSON document Apogee answers with when no
 * registered catcher handles an error status. The bytes reproduce Rocket 0.5.1's built-in default
 * (`core/lib/src/catcher/catcher.rs`), with the footer reading "Apogee" instead of "Rocket".
 */

import { Status } from "../http/status.ts";

/** The footer word of the HTML page. */
const FOOTER = "Apogee";

/** The reason rendered for codes without their own text. */
const UNKNOWN_REASON = "Unknown Error";

/** The description rendered for codes without their own text. */
const UNKNOWN_DESCRIPTION = "An unknown error has occurred.";

const HTML_CONTENT_TYPE = "text/html; charset=utf-8";
const JSON_CONTENT_TYPE = "application/json";

/** The one-sentence descriptions of the codes the default catcher knows, as Rocket words them. */
const DESCRIPTIONS: ReadonlyMap<number, string> = new Map([
  [400, "The request could not be understood by the server due to malformed syntax."],
  [401, "The request requires user authentication."],
  [402, "The request could not be processed due to lack of payment."],
  [403, "The server refused to authorize the request."],
  [404, "The requested resource could not be found."],
  [405, "The request method is not supported for the requested resource."],
  [
    406,
    "The requested resource is capable of generating only content not acceptable according to the " +
      "Accept headers sent in the request.",
  ],
  [407, "Authentication with the proxy is required."],
  [408, "The server timed out waiting for the request."],
  [409, "The request could not be processed because of a conflict in the request."],
  [410, "The resource requested is no longer available and will not be available again."],
  [
    411,
    "The request did not specify the length of its content, which is required by the requested resource.",
  ],
  [412, "The server does not meet one of the preconditions specified in the request."],
  [413, "The request is larger than the server is willing or able to process."],
  [414, "The URI provided was too long for the server to process."],
  [415, "The request entity has a media type which the server or resource does not support."],
  [416, "The portion of the requested file cannot be supplied by the server."],
  [417, "The server cannot meet the requirements of the Expect request-header field."],
  [418, "I was requested to brew coffee, and I am a teapot."],
  [421, "The server cannot produce a response for this request."],
  [422, "The request was well-formed but was unable to be followed due to semantic errors."],
  [426, "Switching to the protocol in the Upgrade header field is required."],
  [428, "The server requires the request to be conditional."],
  [429, "Too many requests have been received recently."],
  [
    431,
    "The server is unwilling to process the request because either an individual header field, or all " +
      "the header fields collectively, are too large.",
  ],
  [451, "The requested resource is unavailable due to a legal demand to deny access to this resource."],
  [500, "The server encountered an internal error while processing this request."],
  [
    501,
    "The server either does not recognize the request method, or it lacks the ability to fulfill the request.",
  ],
  [503, "The server is currently unavailable."],
  [504, "The server did not receive a timely response from an upstream server."],
  [510, "Further extensions to the request are required for the server to fulfill it."],
]);

/** A problem the default catcher lists under the description (a data guard's `DataErrors`). */
export interface ListedError {
  readonly name: string | null;
  readonly code: string;
  readonly message: string;
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#x27;",
};

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** The `<ul>` of errors inserted after the description, one `<li>` per error (name in `<code>`). */
function htmlList(errors: readonly ListedError[]): string {
  let out = "\n        <ul>";
  for (const e of errors) {
    const name = e.name === null ? "" : `<code>${escapeHtml(e.name)}</code>: `;
    out += `\n            <li>${name}${escapeHtml(e.message)}</li>`;
  }
  return `${out}\n        </ul>`;
}

/** The `"errors"` member added to the JSON document, one `{ name, code, message }` object per line. */
function jsonList(errors: readonly ListedError[]): string {
  const items = errors.map(
    (e) => `      ${JSON.stringify({ name: e.name, code: e.code, message: e.message })}`,
  );
  return `,\n    "errors": [\n${items.join(",\n")}\n    ]`;
}

/** The HTML page, byte for byte Rocket's `html_error_template!` (no trailing newline). */
function renderHtml(code: number, reason: string, description: string, list = ""): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
    <meta charset="utf-8">
    <meta name="color-scheme" content="light dark">
    <title>${code} ${reason}</title>
</head>
<body align="center">
    <div role="main" align="center">
        <h1>${code}: ${reason}</h1>
        <p>${description}</p>${list}
        <hr />
    </div>
    <div role="contentinfo" align="center">
        <small>${FOOTER}</small>
    </div>
</body>
</html>`;
}

/** The JSON document, byte for byte Rocket's `json_error_template!` (no trailing newline). */
function renderJson(code: number, reason: string, description: string, list = ""): string {
  return `{
  "error": {
    "code": ${code},
    "reason": "${reason}",
    "description": "${description}"${list}
  }
}`;
}

/** Both bodies of a known code, rendered once at module load. */
interface Bodies {
  readonly html: string;
  readonly json: string;
}

const BODIES: ReadonlyMap<number, Bodies> = new Map(
  Array.from(DESCRIPTIONS, ([code, description]): [number, Bodies] => {
    const reason = Status.reasonOf(code) ?? UNKNOWN_REASON;
    return [
      code,
      { html: renderHtml(code, reason, description), json: renderJson(code, reason, description) },
    ];
  }),
);

/**
 * The reason and description the built-in default catcher renders for `code`.
 *
 * Codes with their own text (400–418, 421, 422, 426, 428, 429, 431, 451, 500, 501, 503, 504, 510)
 * get their standard reason phrase and Rocket's description; every other code, including standard
 * ones such as 502, gets `"Unknown Error"` and `"An unknown error has occurred."`.
 *
 * @example
 * describeStatus(404); // { reason: "Not Found", description: "The requested resource could not be found." }
 */
export function describeStatus(code: number): { reason: string; description: string } {
  const description = DESCRIPTIONS.get(code);
  if (description === undefined) return { reason: UNKNOWN_REASON, description: UNKNOWN_DESCRIPTION };
  return { reason: Status.reasonOf(code) ?? UNKNOWN_REASON, description };
}

/**
 * The body of the built-in default catcher's response for `code`, as Rocket 0.5.1 renders it.
 *
 * - `json` true (the request's preferred `Accept` type is `application/json`): a 2-space indented
 *   `{"error": {"code", "reason", "description"}}` document, content type `application/json`.
 * - otherwise: a small HTML5 page with title `"{code} {reason}"`, heading `"{code}: {reason}"`, the
 *   description and an "Apogee" footer, content type `text/html; charset=utf-8`.
 *
 * Bodies of known codes are precomputed, so the common case is a map lookup. Neither body ends with
 * a newline.
 */
export function defaultCatcherBody(code: number, json: boolean): { contentType: string; body: string } {
  const known = BODIES.get(code);
  if (json) {
    const body = known?.json ?? renderJson(code, UNKNOWN_REASON, UNKNOWN_DESCRIPTION);
    return { contentType: JSON_CONTENT_TYPE, body };
  }
  const body = known?.html ?? renderHtml(code, UNKNOWN_REASON, UNKNOWN_DESCRIPTION);
  return { contentType: HTML_CONTENT_TYPE, body };
}

/**
 * The default catcher's body for `code` with the errors a data guard reported listed under the description
 * (Apogee's addition to Rocket's page): an HTML `<ul>` (names in `<code>`, text escaped), or an `"errors"`
 * array of `{ name, code, message }` in the JSON document. Without errors, exactly `defaultCatcherBody`.
 */
export function defaultCatcherBodyWithErrors(
  code: number,
  json: boolean,
  errors: readonly ListedError[],
): { contentType: string; body: string } {
  if (errors.length === 0) return defaultCatcherBody(code, json);
  const { reason, description } = describeStatus(code);
  return json
    ? { contentType: JSON_CONTENT_TYPE, body: renderJson(code, reason, description, jsonList(errors)) }
    : { contentType: HTML_CONTENT_TYPE, body: renderHtml(code, reason, description, htmlList(errors)) };
}
