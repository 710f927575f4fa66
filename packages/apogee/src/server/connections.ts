// The open connections of a server, so that shutdown can close idle ones at once, let busy ones finish their
// requests (grace), and then cut whatever is left (mercy).
import type { Server as HttpServer } from "node:http";
import type { Http2SecureServer, ServerHttp2Session } from "node:http2";
import type { Socket } from "node:net";
import type { TLSSocket } from "node:tls";
import type { Logger } from "../log/logger.ts";
import { PEER_CERTIFICATES } from "./handler.ts";
import { MAX_TIMER } from "./timers.ts";

/**
 * Tracks every connection of an HTTP/1.1 server or an HTTP/2 secure server (which also serves HTTP/1.1).
 *
 * - HTTP/2 sessions are pinged every `keep_alive` seconds (Rocket uses `keep_alive` as hyper's HTTP/2 keep-alive
 *   interval); a session whose previous ping is still unanswered at the next one is closed as dead.
 * - Under mutual TLS, a client that presents a certificate the CA does not vouch for is disconnected (rustls
 *   fails that handshake even when the certificate is optional); a verified certificate is kept on the socket
 *   for the `Certificate` guard.
 */
export class Connections {
  readonly #server: HttpServer | Http2SecureServer;
  readonly #sockets = new Set<Socket>();
  readonly #sessions = new Set<ServerHttp2Session>();

  constructor(server: HttpServer | Http2SecureServer, keepAlive: number, mtls: boolean, log: Logger) {
    this.#server = server;
    server.on("connection", (socket: Socket) => {
      this.#sockets.add(socket);
      socket.once("close", () => this.#sockets.delete(socket));
    });
    if (mtls) server.prependListener("secureConnection", (socket: TLSSocket) => verifyPeer(socket, log));
    server.on("session", (session: ServerHttp2Session) => {
      this.#sessions.add(session);
      const ping = keepAlive > 0 ? pingEvery(session, keepAlive) : undefined;
      session.once("close", () => {
        this.#sessions.delete(session);
        if (ping !== undefined) clearInterval(ping);
      });
    });
  }

  /**
   * Starts closing: idle HTTP/1 connections close now (busy ones after their response, which says
   * `Connection: close`), and each HTTP/2 session is told GOAWAY and closes once its streams are done.
   */
  drain(): void {
    (this.#server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
    for (const session of this.#sessions) session.close();
  }

  /** Closes every connection now, whatever it is doing. */
  closeAll(): void {
    for (const session of this.#sessions) session.destroy();
    for (const socket of this.#sockets) socket.destroy();
  }
}

function pingEvery(session: ServerHttp2Session, seconds: number): NodeJS.Timeout {
  let waiting = false;
  const timer = setInterval(
    () => {
      if (waiting) {
        session.destroy();
        return;
      }
      waiting = true;
      try {
        session.ping((err) => {
          if (err === null) waiting = false;
        });
      } catch {
        session.destroy();
      }
    },
    Math.min(seconds * 1000, MAX_TIMER),
  );
  timer.unref();
  return timer;
}

function verifyPeer(socket: TLSSocket, log: Logger): void {
  const cert = socket.getPeerX509Certificate();
  if (cert === undefined) return;
  if (!socket.authorized) {
    if (log.enabled("debug")) log.debug(`Refused a client certificate: ${socket.authorizationError}`);
    socket.destroy();
    return;
  }
  (socket as { [PEER_CERTIFICATES]?: readonly Uint8Array[] })[PEER_CERTIFICATES] = [cert.raw];
}
