// A TCP proxy the tests control: it stands between the app and a real database server, so a test can "stop the
// database" (and start it again on the same port) without touching the shared service.
import { connect, createServer, type Server, type Socket } from "node:net";

export class TcpProxy {
  readonly #target: number;
  readonly #sockets = new Set<Socket>();
  #server: Server | undefined;
  #port = 0;

  constructor(targetPort: number) {
    this.#target = targetPort;
  }

  /** The port the proxy listens on (kept across `stop()` and `start()`). */
  get port(): number {
    return this.#port;
  }

  /** Listens (on a free port the first time, on the same port afterwards) and forwards to the target. */
  async start(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect({ port: this.#target, host: "127.0.0.1" });
      for (const s of [client, upstream]) {
        this.#sockets.add(s);
        s.on("close", () => this.#sockets.delete(s));
        s.on("error", () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.#port, "127.0.0.1", () => resolve());
    });
    this.#port = (server.address() as { port: number }).port;
    this.#server = server;
  }

  /** The database "goes down": no new connections, and every open one is cut. */
  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    for (const s of this.#sockets) s.destroy();
    this.#sockets.clear();
    if (server !== undefined) await new Promise<void>((r) => server.close(() => r()));
  }
}
