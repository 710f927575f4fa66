// Shield's policies (Rocket's `rocket::shield` policies, 0.5): each builds the one header it stands for. A policy
// builder carries its header name (`Hsts.header`), so `shield.disable(Hsts)` reads as it should.

/** A security header Shield adds to every response that does not already have it. */
export interface ShieldPolicy {
  /** The header name, e.g. `X-Frame-Options`. */
  readonly header: string;
  readonly value: string;
}

function policy<F extends (...args: any[]) => ShieldPolicy>(
  header: string,
  build: F,
): F & { header: string } {
  return Object.assign(build, { header });
}

const YEAR = 31_536_000;

/** Options of the HSTS policy. */
export interface HstsOptions {
  /** Seconds the browser keeps to HTTPS; default one year (31536000). */
  readonly maxAge?: number;
  /** Applies to every subdomain too (`; includeSubDomains`). */
  readonly includeSubDomains?: boolean;
  /** Asks for the browsers' preload list (`; includeSubDomains; preload`); `maxAge` is raised to one year. */
  readonly preload?: boolean;
}

/**
 * `Strict-Transport-Security`: browsers use only HTTPS for the site. Default `max-age=31536000`. Shield enables
 * it by itself (with a warning) when TLS is on outside the `debug` profile.
 *
 * @example
 * Shield.default().enable(Hsts({ maxAge: 63072000, preload: true }));
 * // Strict-Transport-Security: max-age=63072000; includeSubDomains; preload
 */
export const Hsts = policy("Strict-Transport-Security", (options: HstsOptions = {}): ShieldPolicy => {
  const maxAge = seconds(options.maxAge ?? YEAR, "Hsts maxAge");
  const value = options.preload
    ? `max-age=${Math.max(maxAge, YEAR)}; includeSubDomains; preload`
    : options.includeSubDomains
      ? `max-age=${maxAge}; includeSubDomains`
      : `max-age=${maxAge}`;
  return { header: "Strict-Transport-Security", value };
});

/** The values of `Referrer-Policy`. */
export type ReferrerPolicy =
  | "no-referrer"
  | "no-referrer-when-downgrade"
  | "origin"
  | "origin-when-cross-origin"
  | "same-origin"
  | "strict-origin"
  | "strict-origin-when-cross-origin"
  | "unsafe-url";

/** `Referrer-Policy`: how much of the URL browsers send in `Referer`. Default `no-referrer`. */
export const Referrer = policy(
  "Referrer-Policy",
  (value: ReferrerPolicy = "no-referrer"): ShieldPolicy => ({ header: "Referrer-Policy", value }),
);

/** `X-DNS-Prefetch-Control`: whether browsers prefetch DNS for links. Default `off`. */
export const Prefetch = policy(
  "X-DNS-Prefetch-Control",
  (value: "off" | "on" = "off"): ShieldPolicy => ({ header: "X-DNS-Prefetch-Control", value }),
);

/**
 * `X-XSS-Protection`: the legacy XSS filter. `"enable"` (the default) gives `1`, `"block"` `1; mode=block`,
 * `"disable"` `0`.
 */
export const XssFilter = policy(
  "X-XSS-Protection",
  (mode: "enable" | "block" | "disable" = "enable"): ShieldPolicy => ({
    header: "X-XSS-Protection",
    value: mode === "disable" ? "0" : mode === "block" ? "1; mode=block" : "1",
  }),
);

/** Options of the Expect-CT policy. */
export interface ExpectCtOptions {
  /** Seconds the policy holds; default 30 days (2592000). */
  readonly maxAge?: number;
  /** Refuse non-compliant certificates; default `true`. */
  readonly enforce?: boolean;
  /** Where browsers report violations. */
  readonly reportUri?: string;
}

/**
 * `Expect-CT`: Certificate Transparency. Default `max-age=2592000, enforce`; with `reportUri`,
 * `…, report-uri="uri"`; `enforce: false` with a `reportUri` only reports.
 */
export const ExpectCt = policy("Expect-CT", (options: ExpectCtOptions = {}): ShieldPolicy => {
  const maxAge = seconds(options.maxAge ?? 2_592_000, "ExpectCt maxAge");
  const enforce = options.enforce ?? true;
  const uri = options.reportUri;
  if (uri !== undefined && !/^[^"\\\x00-\x1f\x7f]+$/.test(uri)) {
    throw new TypeError(`ExpectCt: reportUri ${JSON.stringify(uri)} cannot appear in a quoted header value`);
  }
  if (!enforce && uri === undefined) {
    throw new TypeError("ExpectCt: without `enforce`, a `reportUri` is needed (report-only mode)");
  }
  let value = `max-age=${maxAge}`;
  if (enforce) value += ", enforce";
  if (uri !== undefined) value += `, report-uri="${uri}"`;
  return { header: "Expect-CT", value };
});

/** `X-Frame-Options`: whether pages may be framed. Default `SAMEORIGIN`. */
export const Frame = policy(
  "X-Frame-Options",
  (value: "SAMEORIGIN" | "DENY" = "SAMEORIGIN"): ShieldPolicy => ({ header: "X-Frame-Options", value }),
);

/** `X-Content-Type-Options: nosniff`: browsers trust `Content-Type` instead of sniffing. */
export const NoSniff = policy(
  "X-Content-Type-Options",
  (): ShieldPolicy => ({ header: "X-Content-Type-Options", value: "nosniff" }),
);

/** Who may use a browser feature: this origin (`"self"`), any (`"*"`), or an origin such as `https://a.com`. */
export type PermissionAllow = "self" | "*" | (string & {});

/**
 * `Permissions-Policy`: which origins may use browser features. The default blocks `interest-cohort` (FLoC):
 * `interest-cohort=()`. Immutable: `allow` and `block` return a new policy; a feature set again replaces its rule.
 *
 * @example
 * Shield.default().enable(Permission.default().block("usb").allow("camera", ["self", "https://rocket.rs"]));
 * // Permissions-Policy: interest-cohort=(), usb=(), camera=(self "https://rocket.rs")
 */
export class Permission implements ShieldPolicy {
  /** The header the policy sets, so `shield.disable(Permission)` reads as it should. */
  static readonly header = "Permissions-Policy";
  readonly header = "Permissions-Policy";
  readonly #rules: ReadonlyMap<string, readonly string[]>;

  private constructor(rules: ReadonlyMap<string, readonly string[]>) {
    this.#rules = rules;
  }

  /** The default: `interest-cohort=()`. */
  static default(): Permission {
    return Permission.blocked("interest-cohort");
  }

  /** A policy blocking only `feature`. */
  static blocked(feature: string): Permission {
    return new Permission(new Map()).block(feature);
  }

  /** A policy allowing only `feature`, for `allow`. */
  static allowed(feature: string, allow: PermissionAllow | readonly PermissionAllow[]): Permission {
    return new Permission(new Map()).allow(feature, allow);
  }

  /** Allows `feature` for `allow` (`"*"` wins over any other entry); an empty list blocks it. */
  allow(feature: string, allow: PermissionAllow | readonly PermissionAllow[]): Permission {
    const list = typeof allow === "string" ? [allow] : allow;
    const rendered = list.includes("*") ? ["*"] : list.map(renderAllow);
    return this.#with(feature, rendered);
  }

  /** Blocks `feature`: `feature=()`. */
  block(feature: string): Permission {
    return this.#with(feature, []);
  }

  #with(feature: string, list: readonly string[]): Permission {
    if (!/^[a-z0-9-]+$/.test(feature))
      throw new TypeError(`Permission: ${JSON.stringify(feature)} is not a feature`);
    const rules = new Map(this.#rules);
    rules.set(feature, list);
    return new Permission(rules);
  }

  /** `feature=(list), …` in the order features were first set. */
  get value(): string {
    return [...this.#rules].map(([feature, list]) => `${feature}=(${list.join(" ")})`).join(", ");
  }
}

function renderAllow(allow: string): string {
  if (allow === "self") return "self";
  let url: URL;
  try {
    url = new URL(allow);
  } catch {
    throw new TypeError(`Permission: ${JSON.stringify(allow)} is not "self", "*" or an absolute origin URL`);
  }
  if (url.host === "") throw new TypeError(`Permission: the origin ${JSON.stringify(allow)} has no host`);
  return `"${url.protocol}//${url.host}"`;
}

function seconds(n: number, what: string): number {
  if (!Number.isSafeInteger(n) || n < 0)
    throw new TypeError(`${what} must be a whole number of seconds, got ${n}`);
  return n;
}
