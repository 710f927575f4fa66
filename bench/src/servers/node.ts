// The ceiling: node:http with the least code that answers every scenario exactly. No router: a switch on the path,
// one regular expression for each parametric route (the issue and the book; the other API routes are not served).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { bookFinder } from "../shared/library.ts";
import {
  HELLO,
  orderSchema,
  readCookie,
  SECURE_TEXT,
  SECURITY_HEADERS,
  SESSIONS,
} from "../shared/payload.ts";

const TEXT = "text/plain; charset=utf-8";
const JSON_TYPE = "application/json; charset=utf-8";
const ISSUE_PATTERN = /^\/api\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)$/;
const BOOK_PATTERN = /^\/books\/(\d+)$/;

function plainSend(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body) });
  res.end(body);
}

// The headers Apogee sends by default (`Server` and Shield's three), for the control server of the instruction
// count (`src/instructions.ts`): what those headers cost node:http itself.
function sendWithApogeeHeaders(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, {
    server: "Apogee",
    "x-content-type-options": "nosniff",
    "x-frame-options": "SAMEORIGIN",
    "permissions-policy": "interest-cohort=()",
    "content-type": type,
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
}

let send = plainSend;
let findBook: ReturnType<typeof bookFinder>;

function search(res: ServerResponse, query: string): void {
  const params = new URLSearchParams(query);
  const q = params.get("q");
  const page = Number(params.get("page"));
  const limit = Number(params.get("limit"));
  const exact = params.get("exact");
  if (!q || !Number.isInteger(page) || !Number.isInteger(limit) || (exact !== "true" && exact !== "false")) {
    send(res, 400, TEXT, "Bad query");
    return;
  }
  send(res, 200, JSON_TYPE, JSON.stringify({ q, page, limit, exact: exact === "true" }));
}

function orders(req: IncomingMessage, res: ServerResponse): void {
  if (!req.headers["content-type"]?.startsWith("application/json")) {
    send(res, 415, TEXT, "Unsupported Media Type");
    return;
  }
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    let value: unknown;
    try {
      value = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      send(res, 400, TEXT, "Bad JSON");
      return;
    }
    const parsed = orderSchema.safeParse(value);
    if (parsed.success) send(res, 200, JSON_TYPE, JSON.stringify(parsed.data));
    else send(res, 422, TEXT, "Invalid order");
  });
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const path = q === -1 ? url : url.slice(0, q);
  if (path === "/plaintext") send(res, 200, TEXT, HELLO);
  else if (path === "/json") send(res, 200, JSON_TYPE, JSON.stringify({ message: HELLO }));
  else if (path === "/search") search(res, q === -1 ? "" : url.slice(q + 1));
  else if (path === "/orders" && req.method === "POST") orders(req, res);
  else if (path === "/me") {
    const sid = readCookie(req.headers.cookie, "sid");
    const user = sid === undefined ? undefined : SESSIONS.get(sid);
    if (user === undefined) send(res, 401, TEXT, "Unauthorized");
    else send(res, 200, TEXT, `Hello, ${user.name}!`);
  } else if (path === "/secure") {
    // The control already sends these with every response.
    if (send === plainSend) {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    }
    send(res, 200, TEXT, SECURE_TEXT);
  } else if (path.startsWith("/books/")) {
    const m = BOOK_PATTERN.exec(path);
    const found = m === null ? undefined : findBook(Number(m[1]));
    if (found === undefined) send(res, 404, TEXT, "Not Found");
    else send(res, 200, JSON_TYPE, JSON.stringify(found));
  } else {
    const m = ISSUE_PATTERN.exec(path);
    if (m === null) send(res, 404, TEXT, "Not Found");
    else {
      const owner = decodeURIComponent(m[1]!);
      const repo = decodeURIComponent(m[2]!);
      send(res, 200, JSON_TYPE, JSON.stringify({ owner, repo, issue_number: Number(m[3]) }));
    }
  }
}

/**
 * Listens on 127.0.0.1:`port`; with `apogeeHeaders`, every response also carries the headers Apogee sends by
 * default (the control server of the instruction count; never in the HTTP comparison).
 */
export function listen(port: number, apogeeHeaders = false): Promise<unknown> {
  send = apogeeHeaders ? sendWithApogeeHeaders : plainSend;
  findBook = bookFinder();
  const server = createServer(handle);
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}
