// The hot path between Node and the app: a Node request (HTTP/1.1 or HTTP/2) becomes a `Request`, goes through
// `dispatch`, and its `Response` is written back. One listener per server, no closure per request.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import type { Http2ServerRequest, Http2ServerResponse } from "node:http2";
import type { Duplex } from "node:stream";
import { pipeline } from "node:stream";
import type { Ignited } from "../app/ignited.ts";
import { parseMethod } from "../http/method.ts";
import { Status } from "../http/status.ts";
import { isValidOriginTarget } from "../http/uri.ts";
import type { Logger } from "../log/logger.ts";
import { isPromiseLike } from "../request/outcome.ts";
import { Request } from "../request/request.ts";
import { BodyStream } from "../response/body-stream.ts";
import type { Response } from "../response/response.ts";

const REQUEST = Symbol("apogee.request");
/** Where a mutual-TLS connection keeps its client's verified certificates (set once per connection). */
export const PEER_CERTIFICATES = Symbol("apogee.peer-certificates");

type NodeRequest = IncomingMessage | Http2ServerRequest;
type NodeResponse = (ServerResponse | Http2ServerResponse) & { [REQUEST]?: Request };
type PeerSocket = { [PEER_CERTIFICATES]?: readonly Uint8Array[] };

// Headers HTTP/2 forbids (RFC 9113 §8.2.2): a response carrying one would be refused by Node.
const CONNECTION_HEADERS = ["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade"];

/**
 * Answers a server's requests: builds each `Request` (HTTP/2's `:authority` becomes `host`, pseudo-headers are
 * dropped), dispatches it, writes the response with backpressure, and counts requests in flight for shutdown.
 */
export class RequestHandler {
  /** Requests received and not yet closed. */
  inFlight = 0;
  /** Set when shutdown starts: HTTP/1 responses then close their connection. */
  draining = false;
  /** The listener to give the Node server (`request` event). */
  readonly listener: (nreq: NodeRequest, nres: NodeResponse) => void;
  readonly #app: Ignited;
  readonly #log: Logger;
  readonly #noKeepAlive: boolean;
  readonly #mtls: boolean;
  readonly #onClose: (this: NodeResponse) => void;
  #idle: (() => void) | undefined;

  constructor(app: Ignited, mtls: boolean) {
    this.#app = app;
    this.#log = app.log;
    // `keep_alive = 0` disables HTTP/1 keep-alive (ROCKET.md §11.1): every response closes its connection.
    this.#noKeepAlive = app.config.keep_alive === 0;
    this.#mtls = mtls;
    this.listener = (nreq, nres) => this.#handle(nreq, nres);
    const handler = this;
    // One listener function for every response: the request rides on the response.
    this.#onClose = function (this: NodeResponse) {
      if (!this.writableFinished) this[REQUEST]?.abort("the client closed the connection");
      if (--handler.inFlight === 0) handler.#idle?.();
    };
  }

  /** Resolves once no request is in flight. */
  idle(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : new Promise<void>((r) => (this.#idle = r));
  }

  #handle(nreq: NodeRequest, nres: NodeResponse): void {
    this.inFlight++;
    // `on`, not `once`: a response closes once, and `once` would wrap the listener in a closure per request.
    nres.on("close", this.#onClose);
    const h2 = nreq.httpVersionMajor === 2;
    const method = parseMethod(nreq.method ?? "");
    const target = nreq.url ?? "/";
    const socket = nreq.socket;
    const req = new Request(method ?? "GET", target, h2 ? plainHeaders(nreq.headers) : nreq.headers, nreq, {
      address: socket.remoteAddress ?? "",
      port: socket.remotePort ?? 0,
    });
    if (this.#mtls) req.peerCertificates = (socket as PeerSocket)[PEER_CERTIFICATES];
    nres[REQUEST] = req;
    const app = this.#app;
    let out: Response | Promise<Response>;
    if (method === undefined) out = app.dispatchBadRequest(req, `unknown method ${nreq.method}`);
    else if (!isValidOriginTarget(target))
      out = app.dispatchBadRequest(req, `invalid request target ${JSON.stringify(target)}`);
    else out = app.dispatch(req);
    if (isPromiseLike<Response>(out)) {
      out.then(
        (r) => this.#write(nres, r, h2),
        (e) => this.#failed(nres, e),
      );
    } else this.#write(nres, out, h2);
  }

  #failed(res: NodeResponse, e: unknown): void {
    this.#log.error("Dispatch failed unexpectedly. Answering 500.", e);
    if (!res.headersSent) res.writeHead(500, res.req.httpVersionMajor === 2 ? {} : { connection: "close" });
    res.end();
  }

  #write(res: NodeResponse, out: Response, h2: boolean): void {
    const headers = out.headers;
    if (h2) {
      for (const name of CONNECTION_HEADERS) if (headers[name] !== undefined) delete headers[name];
    } else if (this.draining || this.#noKeepAlive) headers.connection = "close";
    // Sized bodies get their length (writeHead fixes the headers, so Node would otherwise go chunked).
    const body = out.body;
    if (body instanceof BodyStream) {
      if (body.length !== undefined) headers["content-length"] = String(body.length);
    } else if (body !== null)
      headers["content-length"] = String(typeof body === "string" ? Buffer.byteLength(body) : body.length);
    else if (headers["content-length"] === undefined && !bodiless(out.status))
      headers["content-length"] = "0";
    try {
      res.writeHead(out.status, headers);
    } catch (e) {
      this.#log.error(
        `The response to ${res.req.method} ${res.req.url} has an invalid header. Answering 500.`,
        e,
      );
      res.writeHead(500, h2 ? { "content-type": TEXT } : { "content-type": TEXT, connection: "close" });
      res.end(Status.InternalServerError.toString());
      if (body instanceof BodyStream) body.cancel();
      return;
    }
    if (body === null) res.end();
    else if (body instanceof BodyStream) {
      // Backpressure by pipeline; a client that goes away destroys the source, which stops the producer.
      pipeline(body.toReadable(), res, (err) => {
        if (err && (err as NodeJS.ErrnoException).code !== "ERR_STREAM_PREMATURE_CLOSE") {
          this.#log.error(`The body stream of ${res.req.method} ${res.req.url} failed.`, err);
        }
      });
    } else res.end(body);
  }
}

const TEXT = "text/plain; charset=utf-8";

// HTTP/2 headers as HTTP/1 would have them: no pseudo-headers, `:authority` as `host` (RFC 9113 §8.3.1).
function plainHeaders(raw: IncomingHttpHeaders): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = {};
  for (const name in raw) if (name.charCodeAt(0) !== 58 /* : */) out[name] = raw[name];
  const authority = raw[":authority"];
  if (out.host === undefined && typeof authority === "string") out.host = authority;
  return out;
}

// Responses that never carry a body, so no `Content-Length: 0` is added.
function bodiless(status: number): boolean {
  return status < 200 || status === 204 || status === 304;
}

/**
 * Answers a request Node's HTTP/1 parser could not read (garbage request line, bad header) with 400 through the
 * catchers, written by hand on the raw socket, and closes it.
 */
export function answerClientError(app: Ignited, err: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable || err.code === "ECONNRESET") {
    socket.destroy();
    return;
  }
  const req = new Request("GET", "/", {}, null);
  const out = app.dispatchBadRequest(req, err.code ?? err.message);
  const send = (r: Response) => {
    if (r.body instanceof BodyStream) r.body.cancel();
    const body = r.body === null || r.body instanceof BodyStream ? "" : r.body;
    const length = typeof body === "string" ? Buffer.byteLength(body) : body.length;
    let head = `HTTP/1.1 ${r.status} ${Status.from(r.status).reason ?? ""}\r\n`;
    for (const [name, value] of Object.entries(r.headers)) {
      if (name === "content-length" || name === "connection") continue;
      for (const v of Array.isArray(value) ? value : [value])
        if (!/[\r\n]/.test(v)) head += `${name}: ${v}\r\n`;
    }
    head += `content-length: ${length}\r\nconnection: close\r\n\r\n`;
    socket.end(Buffer.concat([Buffer.from(head, "latin1"), Buffer.from(body)]));
  };
  if (isPromiseLike<Response>(out)) out.then(send, () => socket.destroy());
  else send(out);
}
