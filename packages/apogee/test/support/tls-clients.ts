// Real TLS clients for socket tests: HTTP/2 through node:http2, HTTP/1.1 through node:https (ALPN http/1.1).
import { type ClientSessionOptions, connect as h2connect, type IncomingHttpHeaders } from "node:http2";
import { request as httpsRequest, type RequestOptions } from "node:https";
import type { ConnectionOptions, TLSSocket } from "node:tls";

/** A response as a client saw it. */
export interface TlsReply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
  /** The protocol ALPN chose (`h2`, `http/1.1`) or `false`. */
  readonly alpn: string | false | null;
  /** `2.0` or `1.1`. */
  readonly version: string;
}

/** Client credentials and trust for a request. */
export interface TlsClientOptions {
  readonly ca: string;
  readonly cert?: string;
  readonly key?: string;
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

/** One HTTP/2 request over a fresh session to `origin` (e.g. `https://localhost:1234`). */
export function h2request(origin: string, path: string, options: TlsClientOptions): Promise<TlsReply> {
  return new Promise((resolve, reject) => {
    const session = h2connect(origin, {
      ca: options.ca,
      ...(options.cert !== undefined ? { cert: options.cert, key: options.key } : {}),
    } as ClientSessionOptions);
    session.on("error", reject);
    const stream = session.request({
      ":path": path,
      ":method": options.method ?? "GET",
      ...options.headers,
    });
    stream.on("error", reject);
    let headers: IncomingHttpHeaders = {};
    stream.on("response", (h) => {
      headers = h;
    });
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => {
      const { ":status": status, ...rest } = headers;
      if (status === undefined) {
        reject(new Error("the stream ended without a response"));
        session.destroy();
        return;
      }
      resolve({
        status: Number(status),
        headers: rest as Record<string, string | string[] | undefined>,
        body: Buffer.concat(chunks).toString(),
        alpn: session.alpnProtocol ?? null,
        version: "2.0",
      });
      session.close();
    });
    stream.end(options.body);
  });
}

/** One HTTPS request over HTTP/1.1 (ALPN `http/1.1` offered) on a fresh connection. */
export function h1request(origin: string, path: string, options: TlsClientOptions): Promise<TlsReply> {
  return new Promise((resolve, reject) => {
    // Without an agent, the request's options reach tls.connect, ALPN included (not in https' option type).
    const tlsOptions: RequestOptions & ConnectionOptions = {
      method: options.method ?? "GET",
      ca: options.ca,
      agent: false,
      ALPNProtocols: ["http/1.1"],
      ...(options.headers !== undefined ? { headers: options.headers } : {}),
      ...(options.cert !== undefined ? { cert: options.cert, key: options.key } : {}),
    };
    const req = httpsRequest(`${origin}${path}`, tlsOptions, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({
          status: res.statusCode!,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
          alpn: (res.socket as TLSSocket).alpnProtocol,
          version: res.httpVersion,
        }),
      );
    });
    req.on("error", reject);
    req.end(options.body);
  });
}
