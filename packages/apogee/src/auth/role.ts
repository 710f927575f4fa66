import { Status } from "../http/status.ts";
import { mergeGuardDocs } from "../request/api-doc.ts";
import type { RequestGuard } from "../request/guard.ts";
import { forward, isPromiseLike, type Outcome, success } from "../request/outcome.ts";
import type { Request } from "../request/request.ts";

/** Options of `role(...)`. */
export interface RoleOptions {
  /** The guard's name in logs (default `Role<base>`). */
  readonly name?: string;
  /** The status it forwards with when the check fails (default 403). */
  readonly status?: number;
  /** The scopes the check amounts to, for API documents (OAuth2 and OpenID schemes). */
  readonly scopes?: readonly string[];
}

/**
 * A guard that passes when `base` passes and `check` holds for its value (the seed's `AdminUser` over `User`).
 * Ranks compose them: route the same URI three times, `role(User, isAdmin)` first, `User` at rank 2, a redirect to
 * the login page at rank 3, and each request lands on the first that fits.
 *
 * - `base` forwarding or failing is passed on as it is (no user: 401).
 * - `check` false → forwards `status` (403 by default), so a lower-ranked route can answer.
 * - Roles nest: `role(role(User, isStaff), isAdmin)`. `jwt` and `session` guards verify once per request, however
 *   many roles ask.
 *
 * @example
 * const AdminUser = role(User, (user) => user.admin, { name: "AdminUser" });
 * get("/admin", { admin: AdminUser }, () => "Hello, administrator. This is the admin panel!");
 * get({ uri: "/admin", rank: 2 }, { user: User }, () => "Sorry, you must be an administrator to access this page.");
 * get({ uri: "/admin", rank: 3 }, () => Redirect.to("/login"));
 */
export function role<T, E>(
  base: RequestGuard<T, E>,
  check: (value: T, req: Request) => boolean | PromiseLike<boolean>,
  options: RoleOptions = {},
): RequestGuard<T, E> {
  const name = options.name ?? `Role<${base.name}>`;
  const status = Status.from(options.status ?? 403);
  const doc = mergeGuardDocs([
    base.doc,
    {
      responses: { [status.code]: `The user lacks the rights (${name}).` },
      ...(options.scopes === undefined ? {} : { scopes: options.scopes }),
    },
  ]);
  const decide = (req: Request, out: Outcome<T, E>): Outcome<T, E> | Promise<Outcome<T, E>> => {
    if (out.outcome !== "success") return out;
    const ok = check(out.value, req);
    return isPromiseLike<boolean>(ok)
      ? Promise.resolve(ok).then((yes) => (yes ? success(out.value) : refused(req)))
      : ok
        ? success(out.value)
        : refused(req);
  };
  const refused = (req: Request) => {
    if (req.log.enabled("normal"))
      req.log.detail(`Guard \`${name}\`: the check failed; forwarding (${status}).`);
    return forward(status);
  };
  return {
    kind: "guard",
    name,
    ...(base.sentinel === undefined ? {} : { sentinel: base.sentinel }),
    ...(doc === undefined ? {} : { doc }),
    fromRequest(req) {
      const out = base.fromRequest(req);
      return isPromiseLike<Outcome<T, E>>(out)
        ? Promise.resolve(out).then((o) => decide(req, o))
        : decide(req, out);
    },
  };
}
