import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pipeline } from "node:stream";
import type { Ignited } from "../app/ignited.ts";
import { LaunchError } from "../app/launch-error.ts";
import { type OrbitInfo, runOrbitFairings } from "../fairing/fairing.ts";
import { parseMethod } from "../http/method.ts";
import { Status } from "../http/status.ts";
import { isValidOriginTarget } from "../http/uri.ts";
import { isPromiseLike } from "../request/outcome.ts";
import { Request } from "../request/request.ts";
import { BodyStream } from "../response/body-stream.ts";
import type { Response } from "../response/response.ts";

const REQUEST = Symbol("apogee.request");
type WithRequest = ServerResponse & { [REQUEST]?: Request };

/** A launched app (Rocket's `Rocket<Orbit>`): where it listens, and how to stop it. */
export interface Orbit extends OrbitInfo {
  readonly app: Ignited;
  /** The underlying Node server. */
  readonly server: Server;
  /** Starts a graceful shutdown (as SIGTERM would) and resolves when the server has closed. */
  shutdown(): Promise<void>;
  /** Resolves when the server has shut down, however that started. */
  readonly closed: Promise<void>;
}

/** Binds the ignited app to `address:port` over HTTP/1.1 and runs liftoff fairings. */
export async function serve(app: Ignited): Promise<Orbit> {
  const { config, log } = app;
  const noKeepAlive = config.keep_alive === 0;
  if (config.tls !== null)
    log.warn("`tls` is configured, but this server does not speak TLS yet: serving plain HTTP.");
  let draining = false;
  let inFlight = 0;
  let drained: (() => void) | undefined;

  const write = (res: ServerResponse, out: Response) => {
    const headers = out.headers;
    // `keep_alive = 0` disables HTTP/1 keep-alive (ROCKET.md §11.1): every response closes its connection.
    if (draining || noKeepAlive) headers.connection = "close";
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
      log.error(`The response to ${res.req.method} ${res.req.url} has an invalid header. Answering 500.`, e);
      res.writeHead(500, { "content-type": "text/plain; charset=utf-8", connection: "close" });
      res.end(Status.InternalServerError.toString());
      if (body instanceof BodyStream) body.cancel();
      return;
    }
    if (body === null) res.end();
    else if (body instanceof BodyStream) {
      // Backpressure by pipeline; a client that goes away destroys the source, which stops the producer.
      pipeline(body.toReadable(), res, (err) => {
        if (err && (err as NodeJS.ErrnoException).code !== "ERR_STREAM_PREMATURE_CLOSE") {
          log.error(`The body stream of ${res.req.method} ${res.req.url} failed.`, err);
        }
      });
    } else res.end(body);
  };
  // One listener function for every response (no closure per request): the request rides on the response.
  function onClose(this: ServerResponse) {
    if (!this.writableFinished) (this as WithRequest)[REQUEST]?.abort("the client closed the connection");
    if (--inFlight === 0 && drained) drained();
  }

  const server = createServer((nreq: IncomingMessage, nres: ServerResponse) => {
    inFlight++;
    nres.once("close", onClose);
    const method = parseMethod(nreq.method ?? "");
    const target = nreq.url ?? "/";
    const socket = nreq.socket;
    const req = new Request(method ?? "GET", target, nreq.headers, nreq, {
      address: socket.remoteAddress ?? "",
      port: socket.remotePort ?? 0,
    });
    (nres as WithRequest)[REQUEST] = req;
    let out: Response | Promise<Response>;
    if (method === undefined) out = app.dispatchBadRequest(req, `unknown method ${nreq.method}`);
    else if (!isValidOriginTarget(target))
      out = app.dispatchBadRequest(req, `invalid request target ${JSON.stringify(target)}`);
    else out = app.dispatch(req);
    if (isPromiseLike<Response>(out)) {
      out.then(
        (r) => write(nres, r),
        (e) => {
          log.error("Dispatch failed unexpectedly. Answering 500.", e);
          if (!nres.headersSent) nres.writeHead(500, { connection: "close" });
          nres.end();
        },
      );
    } else write(nres, out);
  });
  server.keepAliveTimeout = Math.min(config.keep_alive * 1000, MAX_TIMER);

  // A request Node's parser cannot read (garbage request line, bad header) is answered 400 through the catchers.
  server.on("clientError", (err: NodeJS.ErrnoException, socket) => {
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
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      reject(
        new LaunchError("bind", "Apogee failed to launch: the server could not bind its socket:", [
          `${config.address}:${config.port}: ${e.code ?? ""} ${e.message}`,
        ]),
      );
    };
    server.once("error", onError);
    server.listen(config.port, config.address, () => {
      server.off("error", onError);
      resolve();
    });
  });

  const bound = server.address() as AddressInfo;
  const host = bound.family === "IPv6" ? `[${bound.address}]` : bound.address;
  const info: OrbitInfo = {
    address: bound.address,
    port: bound.port,
    url: `http://${host}:${bound.port}`,
    log,
    app,
  };

  let closing: Promise<void> | undefined;
  const signals = [
    ...(config.shutdown.ctrlc ? ["SIGINT"] : []),
    ...config.shutdown.signals.map((s) => `SIG${s.toUpperCase()}`),
  ];
  const onSignal = (signal: string) => {
    if (closing) {
      log.warn(`Received ${signal} again: closing every connection now.`);
      server.closeAllConnections();
      return;
    }
    log.launch(`Received ${signal}. Shutting down gracefully.`);
    void shutdown();
  };
  for (const s of signals) process.on(s, onSignal);

  const closed = new Promise<void>((resolve) => server.once("close", () => resolve()));
  // Every way to shut down (signals, `orbit.shutdown()`, the `Shutdown` guard's `notify()`) goes through the
  // app's `Shutdown` handle, so its `signal` aborts and the drain below starts exactly once.
  const shutdown = (): Promise<void> => {
    app.shutdown.notify();
    return closing ?? Promise.resolve();
  };
  app.shutdown.onNotify(() => {
    closing ??= (async () => {
      draining = true;
      for (const s of signals) process.off(s, onSignal);
      server.close();
      server.closeIdleConnections();
      const fairings = runOrbitFairings(app.fairings, "onShutdown", info);
      const { grace, mercy } = config.shutdown;
      const idle = inFlight === 0 ? Promise.resolve() : new Promise<void>((r) => (drained = r));
      if (!(await settle(idle, grace * 1000))) {
        log.warn(`Grace period of ${grace}s ended with ${inFlight} request(s) in flight.`);
        await settle(idle, mercy * 1000);
      }
      server.closeAllConnections();
      await fairings;
      await closed;
      log.launch("Graceful shutdown completed.");
    })();
  });

  await runOrbitFairings(app.fairings, "onLiftoff", info);
  log.launch(log.emoji("🚀", `Apogee has launched from ${info.url}`));
  return { ...info, app, server, shutdown, closed };
}

// Responses that never carry a body, so no `Content-Length: 0` is added.
function bodiless(status: number): boolean {
  return status < 200 || status === 204 || status === 304;
}

// Node timers hold at most 2^31-1 ms (~24.8 days); longer configured times are capped there.
const MAX_TIMER = 2 ** 31 - 1;

/** Waits for `p` at most `ms`; tells whether it settled in time. */
async function settle(p: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((r) => {
    timer = setTimeout(() => r(false), Math.min(ms, MAX_TIMER));
  });
  const ok = await Promise.race([p.then(() => true), timeout]);
  clearTimeout(timer);
  return ok;
}
