import { randomBytes } from "node:crypto";

// A client's id is reused when it is a plain token: no spaces, quotes or control characters, at most 128 chars.
const SANE = /^[A-Za-z0-9._:+/=-]{1,128}$/;
// Ids are unique per process: a random prefix chosen at start, then a counter (cheap, and sortable per process).
const PREFIX = randomBytes(4).toString("hex");
let counter = 0;

/**
 * The id of a request in the `json` log format: the client's `X-Request-Id` when it is a sane token (letters,
 * digits, `. _ : + / = -`, up to 128 characters), else a fresh `<process prefix>-<counter>` id.
 *
 * @example
 * requestId(undefined); // "9f86d081-1"
 */
export function requestId(incoming: string | string[] | undefined): string {
  if (typeof incoming === "string" && SANE.test(incoming)) return incoming;
  counter++;
  return `${PREFIX}-${counter.toString(36)}`;
}
