// Shared helpers for the local-client conformance tests: build a quiet app, and assert a response exactly.
import assert from "node:assert/strict";
import { defaultCatcherBody } from "../../src/catcher/default-catcher.ts";
import { type Apogee, build, Client, type LocalResponse, type Route } from "../../src/index.ts";

/** A quiet app (`log_level: "off"`) with `routes` mounted at `/`. */
export function quietApp(routes: readonly Route<any, any, any, any>[] = []): Apogee {
  return build().configure({ log_level: "off" }).mount("/", routes);
}

/** A tracked client for `routes` mounted at `/` on a quiet app. */
export function clientFor(...routes: Route<any, any, any, any>[]): Promise<Client> {
  return Client.tracked(quietApp(routes));
}

/** The headers every response carries by default: `Server` and Shield's three. */
export const STANDARD_HEADERS: Readonly<Record<string, string>> = {
  server: "Apogee",
  "x-content-type-options": "nosniff",
  "x-frame-options": "SAMEORIGIN",
  "permissions-policy": "interest-cohort=()",
};

export const TEXT = "text/plain; charset=utf-8";
export const HTML = "text/html; charset=utf-8";
export const JSON_TYPE = "application/json";

export interface Expected {
  readonly status: number;
  /** The exact `Content-Type`; `null` asserts there is none. */
  readonly contentType: string | null;
  /** The exact body text. */
  readonly body: string;
  /** Further headers to assert exactly; `null` asserts the header is absent. */
  readonly headers?: Readonly<Record<string, string | null>>;
  /** Skip the Server/Shield checks (for responses that override them). */
  readonly standard?: boolean;
}

/** Asserts status, `Content-Type`, the standard headers, `headers` and the body, all exactly. */
export async function expectResponse(res: LocalResponse, expected: Expected): Promise<void> {
  const body = await res.text();
  assert.equal(res.status, expected.status, `status (body: ${JSON.stringify(body.slice(0, 200))})`);
  assert.equal(res.headers.get("content-type") ?? null, expected.contentType, "content-type");
  if (expected.standard !== false) {
    for (const [name, value] of Object.entries(STANDARD_HEADERS)) {
      assert.equal(res.headers.get(name), value, name);
    }
  }
  for (const [name, value] of Object.entries(expected.headers ?? {})) {
    assert.equal(res.headers.get(name) ?? null, value, name);
  }
  assert.equal(body, expected.body, "body");
}

/** The line number of the caller of `callerLine()` in its source file (for `file:line` assertions). */
export function callerLine(): number {
  const frame = new Error().stack?.split("\n")[2] ?? "";
  const m = /:(\d+):\d+\)?$/.exec(frame.trim());
  if (!m) throw new Error(`no line in stack frame ${frame}`);
  return Number(m[1]);
}

/** Asserts the built-in default catcher's exact page (HTML, or JSON when `json`) for `code`. */
export async function expectDefaultCatcher(
  res: LocalResponse,
  code: number,
  json = false,
  headers?: Readonly<Record<string, string | null>>,
): Promise<void> {
  const { contentType, body } = defaultCatcherBody(code, json);
  await expectResponse(res, { status: code, contentType, body, ...(headers ? { headers } : {}) });
}
