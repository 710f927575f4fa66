import type { IncomingHttpHeaders } from "node:http";
import type { Apogee } from "../app/apogee.ts";
import type { Ignited } from "../app/ignited.ts";
import { type OrbitInfo, runOrbitFairings } from "../fairing/fairing.ts";
import { encodeCookieComponent } from "../http/cookie.ts";
import { parseMethod } from "../http/method.ts";
import { sealCookieValue } from "../http/private-cookie.ts";
import { isValidOriginTarget } from "../http/uri.ts";
import { pemCertificates } from "../request/certificate.ts";
import { Request } from "../request/request.ts";
import { isRemoval, LocalResponse } from "./local-response.ts";

/**
 * A local client (Rocket's `local::asynchronous::Client`): dispatches requests through the exact pipeline the
 * server runs, without a socket.
 *
 * - `Client.tracked(app)` keeps the cookies responses set and sends them with later requests; `untracked` never.
 * - Creating a client ignites the app and runs liftoff fairings; launch errors (collisions, bad config) reject.
 *
 * @example
 * const client = await Client.tracked(build().mount("/", [hello]));
 * const res = await client.get("/hello/John/58/true").dispatch();
 * assert.equal(await res.text(), "You're a cool 58 year old, John!");
 */
export class Client {
  /** The ignited app. */
  readonly app: Ignited;
  readonly #tracked: boolean;
  /** Cookies a tracked client remembers, by name. */
  readonly #jar = new Map<string, string>();
  #terminated: Promise<void> | undefined;

  private constructor(app: Ignited, tracked: boolean) {
    this.app = app;
    this.#tracked = tracked;
  }

  static async #create(app: Apogee, tracked: boolean): Promise<Client> {
    const ignited = await app.ignite();
    await runOrbitFairings(ignited.fairings, "onLiftoff", localOrbit(ignited));
    ignited.log.launch(ignited.log.emoji("🚀", "Apogee has launched locally"));
    return new Client(ignited, tracked);
  }

  /** A client that remembers cookies between requests. */
  static tracked(app: Apogee): Promise<Client> {
    return Client.#create(app, true);
  }

  /** A client that never remembers cookies. */
  static untracked(app: Apogee): Promise<Client> {
    return Client.#create(app, false);
  }

  /** The cookies a tracked client will send, by name. */
  get cookies(): ReadonlyMap<string, string> {
    return this.#jar;
  }

  /** A request with any method name; unknown methods are answered 400, as the server does. */
  req(method: string, uri: string): LocalRequest {
    return new LocalRequest(this, method, uri);
  }
  get(uri: string): LocalRequest {
    return this.req("GET", uri);
  }
  put(uri: string): LocalRequest {
    return this.req("PUT", uri);
  }
  post(uri: string): LocalRequest {
    return this.req("POST", uri);
  }
  delete(uri: string): LocalRequest {
    return this.req("DELETE", uri);
  }
  head(uri: string): LocalRequest {
    return this.req("HEAD", uri);
  }
  options(uri: string): LocalRequest {
    return this.req("OPTIONS", uri);
  }
  patch(uri: string): LocalRequest {
    return this.req("PATCH", uri);
  }

  /**
   * Shuts the app down as the server would (Rocket's `client.terminate()`): notifies its `Shutdown` handle, then
   * runs the shutdown fairings, concurrently. Only the first call does anything.
   */
  terminate(): Promise<void> {
    this.#terminated ??= (async () => {
      this.app.shutdown.notify();
      await runOrbitFairings(this.app.fairings, "onShutdown", localOrbit(this.app));
    })();
    return this.#terminated;
  }

  /** @internal Dispatches a built request and, when tracked, remembers the cookies of its response. */
  async send(
    method: string,
    uri: string,
    headers: IncomingHttpHeaders,
    body: Uint8Array | null,
    remote?: { address: string; port: number },
    peerCertificates?: readonly Uint8Array[],
  ) {
    if (this.#tracked && this.#jar.size > 0) {
      const jar = [...this.#jar].map(([n, v]) => `${n}=${v}`).join("; ");
      headers.cookie = headers.cookie === undefined ? jar : `${jar}; ${headers.cookie}`;
    }
    const known = parseMethod(method);
    const req = new Request(known ?? "GET", uri, headers, body, remote);
    req.peerCertificates = peerCertificates;
    const res = await (known === undefined
      ? this.app.dispatchBadRequest(req, `unknown method ${method}`)
      : isValidOriginTarget(uri)
        ? this.app.dispatch(req)
        : this.app.dispatchBadRequest(req, `invalid request target ${JSON.stringify(uri)}`));
    const local = new LocalResponse(res, this.app.config.secret_key.encryption);
    if (this.#tracked) {
      for (const c of local.cookies) {
        if (isRemoval(c)) this.#jar.delete(c.name);
        else this.#jar.set(c.name, wireValue(c.raw));
      }
    }
    return local;
  }
}

// What liftoff and shutdown fairings see under a local client: no socket.
function localOrbit(app: Ignited): OrbitInfo {
  return { address: "", port: 0, url: "local", log: app.log, app };
}

// The cookie's value as it was on the wire (still percent-encoded), to send back unchanged.
function wireValue(setCookie: string): string {
  const pair = setCookie.split(";", 1)[0]!;
  return pair.slice(pair.indexOf("=") + 1).trim();
}

/** A request being built for a local client; every builder method returns the same request. */
export class LocalRequest {
  readonly #client: Client;
  readonly #method: string;
  readonly #uri: string;
  readonly #headers: IncomingHttpHeaders = {};
  #body: Uint8Array | null = null;
  #remote: { address: string; port: number } | undefined;
  #identity: readonly Uint8Array[] | undefined;

  constructor(client: Client, method: string, uri: string) {
    this.#client = client;
    this.#method = method;
    this.#uri = uri;
  }

  /** Adds a header (a repeated name is joined as Node joins it: `, `, or `; ` for `Cookie`). */
  header(name: string, value: string): this {
    const key = name.toLowerCase();
    const prev = this.#headers[key];
    this.#headers[key] =
      prev === undefined ? value : `${String(prev)}${key === "cookie" ? "; " : ", "}${value}`;
    return this;
  }

  /** Sends a cookie (name and value percent-encoded as Apogee sets them, as a browser sends them back). */
  cookie(name: string, value: string): this {
    return this.header("cookie", `${encodeCookieComponent(name)}=${encodeCookieComponent(value)}`);
  }

  /** Sends a private cookie: `value` sealed with the app's secret key, as `jar.addPrivate` would set it. */
  privateCookie(name: string, value: string): this {
    return this.cookie(name, sealCookieValue(name, value, this.#client.app.config.secret_key.encryption));
  }

  /** The body, as bytes or UTF-8 text. */
  body(body: Uint8Array | string): this {
    this.#body = typeof body === "string" ? Buffer.from(body) : body;
    return this;
  }

  /** A JSON body, with `Content-Type: application/json`. */
  json(value: unknown): this {
    this.#headers["content-type"] = "application/json";
    return this.body(JSON.stringify(value));
  }

  /** The remote address, `"ip:port"` (`[v6]:port` for IPv6). Without it the request has none. */
  remote(address: string): this {
    const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(address);
    if (!m) throw new TypeError(`remote(): expected "ip:port", got ${JSON.stringify(address)}`);
    this.#remote = { address: m[1]!, port: Number(m[2]) };
    return this;
  }

  /**
   * Presents the certificates in `pem` as the client's mutual-TLS identity (Rocket's `.identity()`), for the
   * `Certificate` guard. Nothing is verified; PEM without a `CERTIFICATE` block presents no certificate.
   */
  identity(pem: string | Uint8Array): this {
    this.#identity = pemCertificates(pem);
    return this;
  }

  /** Runs the request through the app and returns its response. */
  dispatch(): Promise<LocalResponse> {
    const headers = { ...this.#headers };
    return this.#client.send(this.#method, this.#uri, headers, this.#body, this.#remote, this.#identity);
  }
}
