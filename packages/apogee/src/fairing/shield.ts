import { tlsEnabled } from "../config/config.ts";
import type { Request } from "../request/request.ts";
import type { Response } from "../response/response.ts";
import type { Fairing, OrbitInfo } from "./fairing.ts";
import { Frame, Hsts, NoSniff, Permission, type ShieldPolicy } from "./shield-policies.ts";

/** The three policies Shield enables by default (Rocket's `Shield::default()`). */
export const DEFAULT_POLICIES: readonly ShieldPolicy[] = [NoSniff(), Frame(), Permission.default()];

/** A policy, or a policy builder such as `Hsts`, or a header name: what `disable` and `isEnabled` take. */
export type PolicyRef = string | { readonly header: string };

/**
 * Shield (Rocket's `Shield`): a response fairing that adds security headers, never overwriting one a response
 * already has.
 *
 * - Attached by default with `X-Content-Type-Options: nosniff`, `X-Frame-Options: SAMEORIGIN` and
 *   `Permissions-Policy: interest-cohort=()`. It is a singleton: attaching any Shield (`Shield.new()` has no
 *   policies) replaces the default one.
 * - More policies: `Hsts`, `Referrer`, `Prefetch`, `XssFilter`, `ExpectCt`, `Permission`, `Frame`, `NoSniff`.
 * - With TLS on outside the `debug` profile and no HSTS policy, it adds `Strict-Transport-Security:
 *   max-age=31536000` and warns at liftoff.
 *
 * @example
 * build().attach(Shield.default().enable(Referrer()).enable(Hsts({ preload: true })).disable(Frame));
 */
export class Shield implements Fairing {
  readonly name = "Shield";
  readonly singleton = true;
  readonly policies: readonly ShieldPolicy[];
  // Lower-cased names, so the hot path does no string work.
  #entries: readonly (readonly [string, string])[];

  constructor(policies: readonly ShieldPolicy[]) {
    this.policies = policies;
    this.#entries = entries(policies);
  }

  /** Shield with the three default policies. */
  static default(): Shield {
    return new Shield(DEFAULT_POLICIES);
  }

  /** Shield with no policies (Rocket's `Shield::new()`); enable the ones you want. */
  static new(): Shield {
    return new Shield([]);
  }

  /** Shield with no policies (same as `Shield.new()`). */
  static none(): Shield {
    return new Shield([]);
  }

  /** A new Shield with `policy` added (replacing a policy for the same header). */
  enable(policy: ShieldPolicy): Shield {
    const lower = policy.header.toLowerCase();
    return new Shield([
      ...this.policies.filter((p) => p.header.toLowerCase() !== lower),
      { header: policy.header, value: policy.value },
    ]);
  }

  /** A new Shield without the policy for `policy`'s header (`disable(Frame)`, `disable("X-Frame-Options")`). */
  disable(policy: PolicyRef): Shield {
    const lower = headerOf(policy).toLowerCase();
    return new Shield(this.policies.filter((p) => p.header.toLowerCase() !== lower));
  }

  /** Whether a policy for `policy`'s header is enabled. */
  isEnabled(policy: PolicyRef): boolean {
    const lower = headerOf(policy).toLowerCase();
    return this.policies.some((p) => p.header.toLowerCase() === lower);
  }

  /** Turns HSTS on when TLS is on outside `debug`, then prints the policies in force (the banner's Shield section). */
  onLiftoff(orbit: OrbitInfo): void {
    const { log, app } = orbit;
    let policies = this.policies;
    if (tlsEnabled(app.config) && app.config.profile !== "debug" && !this.isEnabled(Hsts)) {
      policies = [...policies, Hsts()];
      this.#entries = entries(policies);
      log.warn("Detected TLS-enabled liftoff without enabling HSTS.");
      log.warn("Shield has enabled a default HSTS policy (configure one to remove this warning).");
    }
    if (policies.length === 0) return;
    log.info(log.emoji("🛡️", "Shield:"));
    for (const p of policies) log.detail(`${p.header}: ${p.value}`);
  }

  /** Adds each policy's header the response does not have; an existing one is kept, with a warning. */
  onResponse(req: Request, res: Response): void {
    const headers = res.headers;
    const list = this.#entries;
    for (let i = 0; i < list.length; i++) {
      const [name, value] = list[i]!;
      if (headers[name] === undefined) headers[name] = value;
      else req.log.warn(`Shield: the response has a '${name}' header; refusing to overwrite it.`);
    }
  }
}

function entries(policies: readonly ShieldPolicy[]): readonly (readonly [string, string])[] {
  return policies.map((p) => [p.header.toLowerCase(), p.value] as const);
}

function headerOf(policy: PolicyRef): string {
  return typeof policy === "string" ? policy : policy.header;
}
