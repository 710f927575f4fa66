// Helpers for the body and form tests: exact error pages, url-encoded and multipart requests.
import { defaultCatcherBodyWithErrors, type ListedError } from "../../src/catcher/default-catcher.ts";
import type { Client, LocalResponse } from "../../src/index.ts";
import { expectResponse } from "./local.ts";

export const FORM = "application/x-www-form-urlencoded";

/** Asserts the built-in catcher's page for `status` listing exactly `errors` (HTML, or JSON when `json`). */
export async function expectErrors(
  res: LocalResponse,
  status: number,
  errors: readonly ListedError[],
  json = false,
): Promise<void> {
  const { contentType, body } = defaultCatcherBodyWithErrors(status, json, errors);
  await expectResponse(res, { status, contentType, body });
}

/** Asserts a 200 `text/plain` response with `body`. */
export async function expectText(res: LocalResponse, body: string, status = 200): Promise<void> {
  await expectResponse(res, { status, contentType: "text/plain; charset=utf-8", body });
}

/** POSTs a url-encoded `body` to `uri`. */
export function postForm(client: Client, uri: string, body: string): Promise<LocalResponse> {
  return client.post(uri).header("content-type", FORM).body(body).dispatch();
}

/** One multipart part: a value field (`value` text, no Content-Type) or a data field. */
export interface Part {
  readonly name: string;
  readonly value: string | Uint8Array;
  readonly fileName?: string;
  readonly contentType?: string;
}

export const BOUNDARY = "----apogee-test-boundary";

/** A `multipart/form-data` body for `parts`, and its Content-Type. */
export function multipart(
  parts: readonly Part[],
  boundary = BOUNDARY,
): { contentType: string; body: Buffer } {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"`;
    if (p.fileName !== undefined) head += `; filename="${p.fileName}"`;
    head += "\r\n";
    if (p.contentType !== undefined) head += `Content-Type: ${p.contentType}\r\n`;
    chunks.push(Buffer.from(`${head}\r\n`), Buffer.from(p.value), Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(chunks) };
}

/** POSTs a multipart body of `parts` to `uri`. */
export function postMultipart(client: Client, uri: string, parts: readonly Part[]): Promise<LocalResponse> {
  const { contentType, body } = multipart(parts);
  return client.post(uri).header("content-type", contentType).body(body).dispatch();
}
