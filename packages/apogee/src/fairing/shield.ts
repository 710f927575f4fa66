import type { Request } from "../request/request.ts";
import type { Response } from "../response/response.ts";
import type { Fairing, OrbitInfo } from "./fairing.ts";

/** A security header Shield adds to every response that does not already have it. */
export interface ShieldPolicy {
  /** The header name, e.g. `X-Frame-Options`. */
  readonly header: string;
  readonly value: string;
}

/** The three policies Shield enables by default (Rocket's `Shield::default()`). */
export const DEFAULT_POLICIES: readonly ShieldPolicy[] = [
  { header: "X-Content-Type-Options", value: "nosniff" },
  { header: "X-Frame-Options", value: "SAMEORIGIN" },
  { header: "Permissions-Policy", value: "interest-cohort=()" },
];

/**
 * Shield: a response fairing that adds security headers, never overwriting one a response already has.
 * A response that sets one of these headers itself keeps its own value.
 * Attached by default with `nosniff`, `SAMEORIGIN` framing and no interest-cohort; `Shield.none()` (or any
 * `Shield` attached later) replaces the default one.
 */
export class Shield implements Fairing {
  readonly name = "Shield";
  readonly singleton = true;
  readonly policies: readonly ShieldPolicy[];
  // Lower-cased names, so the hot path does no string work.
  readonly #entries: readonly (readonly [string, string])[];

  constructor(policies: readonly ShieldPolicy[]) {
    this.policies = policies;
    this.#entries = policies.map((p) => [p.header.toLowerCase(), p.value] as const);
  }

  /** Shield with the three default policies. */
  static default(): Shield {
    return new Shield(DEFAULT_POLICIES);
  }

  /** Shield with no policies (Rocket's `Shield::new()`). */
  static none(): Shield {
    return new Shield([]);
  }

  /** A new Shield with `policy` added (replacing a policy for the same header). */
  enable(policy: ShieldPolicy): Shield {
    const lower = policy.header.toLowerCase();
    return new Shield([...this.policies.filter((p) => p.header.toLowerCase() !== lower), policy]);
  }

  /** Prints the policies in force, as the launch banner's Shield section. */
  onLiftoff(orbit: OrbitInfo): void {
    if (this.policies.length === 0) return;
    orbit.log.info(orbit.log.emoji("🛡️", "Shield:"));
    for (const p of this.policies) orbit.log.detail(`${p.header}: ${p.value}`);
  }

  onResponse(_req: Request, res: Response): void {
    const headers = res.headers;
    const entries = this.#entries;
    for (let i = 0; i < entries.length; i++) {
      const [name, value] = entries[i]!;
      if (headers[name] === undefined) headers[name] = value;
    }
  }
}
