// Rocket's built-in request guards (ROCKET.md §3.3). Each guard is named after the type of the value it yields, so
// `{ host: Host }` hands the handler a `Host`; where that type already existed, it is re-exported from here.
import { isIP } from "node:net";
import type { Config as ConfigShape } from "../config/config.ts";
import type { Limits as LimitsShape } from "../config/limits.ts";
import { parseAcceptStrict, preferredOf } from "../http/accept.ts";
import type { MediaType } from "../http/media-type.ts";
import type { Method as MethodName } from "../http/method.ts";
import { Status } from "../http/status.ts";
import type { RequestGuard } from "./guard.ts";
import { IpAddr } from "./ip-param-types.ts";
import { forward, type Outcome, success } from "./outcome.ts";
import { ParamError } from "./param.ts";
import type {
  MatchedRoute as MatchedRouteShape,
  RemoteAddress as RemoteAddressShape,
  Request,
} from "./request.ts";

const FORWARD_500 = forward(Status.InternalServerError);

/** A request method name: `"GET"`, `"POST"`, … */
export type Method = MethodName;
/** Rocket's `Method` guard: the method routing used (after `_method` and request fairings). Always succeeds. */
export const Method: RequestGuard<Method, never> = {
  kind: "guard",
  name: "Method",
  fromRequest: (req) => success(req.method),
};

/**
 * Rocket's `&Origin`: the request's target, path and query, as sent (or as a request fairing rewrote it).
 * Always succeeds.
 *
 * @example
 * get("/<_..>", { origin: Origin }, ({ origin }) => `you asked for ${origin.path}`);
 */
export class Origin {
  /** Marks the class as a request guard. */
  static readonly kind = "guard";
  /** The guard: always succeeds with the request's target. */
  static fromRequest(req: Request): Outcome<Origin, never> {
    return success(new Origin(req.path, req.query));
  }

  /** The raw path, e.g. `/hello/world`. */
  readonly path: string;
  /** The raw query without `?`, or `undefined` when there is none. */
  readonly query: string | undefined;

  constructor(path: string, query: string | undefined) {
    this.path = path;
    this.query = query;
  }

  /** `path?query`, as on the request line. */
  toString(): string {
    return this.query === undefined ? this.path : `${this.path}?${this.query}`;
  }
}

// reg-name characters (RFC 3986: unreserved, pct-encoded, sub-delims), and a port of digits.
const REG_NAME = /^[A-Za-z0-9\-._~!$&'()*+,;=%]+$/;
const PORT = /^\d{0,5}$/;

/**
 * Rocket's `&Host`: the `Host` header (HTTP/2's `:authority`), parsed. A missing or malformed one forwards with
 * 500 (use `optional(Host)` when it may be absent).
 *
 * @example
 * get("/", { host: Host }, ({ host }) => `served by ${host.domain}`);
 */
export class Host {
  /** Marks the class as a request guard. */
  static readonly kind = "guard";
  /** The guard: the parsed `Host` (or `:authority`) header, or a forward with 500. */
  static fromRequest(req: Request): Outcome<Host, never> {
    const raw = req.header("host") ?? req.header(":authority");
    const host = raw === undefined ? undefined : Host.parse(raw);
    return host === undefined ? FORWARD_500 : success(host);
  }

  /** Parses `name[:port]` or `[v6][:port]`; `undefined` when `value` is not a valid host. */
  static parse(value: string): Host | undefined {
    let domain: string;
    let rest: string;
    if (value.startsWith("[")) {
      const close = value.indexOf("]");
      if (close === -1 || isIP(value.slice(1, close)) !== 6) return undefined;
      domain = value.slice(0, close + 1);
      rest = value.slice(close + 1);
    } else {
      const colon = value.indexOf(":");
      domain = colon === -1 ? value : value.slice(0, colon);
      rest = colon === -1 ? "" : value.slice(colon);
      if (!REG_NAME.test(domain)) return undefined;
    }
    if (rest === "") return new Host(domain, undefined);
    if (rest[0] !== ":" || !PORT.test(rest.slice(1))) return undefined;
    if (rest.length === 1) return new Host(domain, undefined);
    const port = Number(rest.slice(1));
    return port > 65535 ? undefined : new Host(domain, port);
  }

  /** The host name or address, as sent (an IPv6 address keeps its brackets). */
  readonly domain: string;
  /** The port, when the header names one. */
  readonly port: number | undefined;

  constructor(domain: string, port: number | undefined) {
    this.domain = domain;
    this.port = port;
  }

  /** `domain[:port]`. */
  toString(): string {
    return this.port === undefined ? this.domain : `${this.domain}:${this.port}`;
  }
}

/** What a request knows of the route that matched it: name, method, mount point, URI pattern, rank. */
export type MatchedRoute = MatchedRouteShape;
/** Rocket's `&Route`: the route being run, with its mount point. Forwards with 500 outside routing. */
export const MatchedRoute: RequestGuard<MatchedRoute, never> = {
  kind: "guard",
  name: "MatchedRoute",
  fromRequest: (req) => (req.route === undefined ? FORWARD_500 : success(req.route)),
};

/**
 * Rocket's `&Accept`: the request's `Accept` header, parsed. A missing one, or one with an invalid entry (which
 * Rocket treats as missing), forwards with 500.
 *
 * @example
 * get("/", { accept: Accept }, ({ accept }) => `you prefer ${accept.preferred}`);
 */
export class Accept {
  /** Marks the class as a request guard. */
  static readonly kind = "guard";
  /** The guard: the parsed `Accept` header, or a forward with 500. */
  static fromRequest(req: Request): Outcome<Accept, never> {
    const raw = req.header("accept");
    const types = raw === undefined ? undefined : parseAcceptStrict(raw);
    return types === undefined ? FORWARD_500 : success(new Accept(types));
  }

  /** The media types, in header order. */
  readonly mediaTypes: readonly MediaType[];

  constructor(mediaTypes: readonly MediaType[]) {
    this.mediaTypes = mediaTypes;
  }

  /** The preferred media type by Rocket's rule (`*∕*` when the header lists none). */
  get preferred(): MediaType {
    return preferredOf(this.mediaTypes);
  }

  toString(): string {
    return this.mediaTypes.join(", ");
  }
}

/** A request's `Content-Type`, parsed. */
export type ContentType = MediaType;
/** Rocket's `&ContentType`: the request's `Content-Type`. A missing or unparsable one forwards with 500. */
export const ContentType: RequestGuard<ContentType, never> = {
  kind: "guard",
  name: "ContentType",
  fromRequest: (req) => {
    const ct = req.contentType;
    return ct === undefined ? FORWARD_500 : success(ct);
  },
};

/** The client's IP address, as text. */
export type ClientIp = string;
/**
 * Rocket's `IpAddr` guard (`client_ip()`): the address in the configured `ip_header` (default `X-Real-IP`) when
 * it parses as an IP address, else the remote address. Forwards with 500 when there is neither (a local request
 * without `.remote()` nor the header).
 */
export const ClientIp: RequestGuard<ClientIp, never> = {
  kind: "guard",
  name: "ClientIp",
  fromRequest: (req) => {
    const ip = clientIp(req);
    return ip === undefined ? FORWARD_500 : success(ip);
  },
};

/** `client_ip()`: the `ip_header` address when it parses, else the remote address, else `undefined`. */
export function clientIp(req: Request): string | undefined {
  const name = req.app.config.ip_header;
  if (name !== false) {
    const value = req.header(name);
    if (value !== undefined) {
      const ip = IpAddr.fromParam(value, value);
      if (!(ip instanceof ParamError)) return ip;
    }
  }
  return req.remote?.address;
}

/** The remote end of a connection: address and port. */
export type RemoteAddress = RemoteAddressShape;
/** Rocket's `SocketAddr` guard: the peer's address and port. Forwards with 500 when there is none. */
export const RemoteAddress: RequestGuard<RemoteAddress, never> = {
  kind: "guard",
  name: "RemoteAddress",
  fromRequest: (req) => (req.remote === undefined ? FORWARD_500 : success(req.remote)),
};

/** The effective configuration of an app (Rocket's `Config`), with Rocket's keys and defaults. */
export type Config = ConfigShape;
/** Rocket's `&Config`: the app's effective configuration. Always succeeds. */
export const Config: RequestGuard<Config, never> = {
  kind: "guard",
  name: "Config",
  fromRequest: (req) => success(req.app.config),
};

/** Named body-size limits (Rocket's `Limits`). */
export type Limits = LimitsShape;
/** Rocket's `&Limits`: the app's configured data limits. Always succeeds. */
export const Limits: RequestGuard<Limits, never> = {
  kind: "guard",
  name: "Limits",
  fromRequest: (req) => success(req.app.config.limits),
};
