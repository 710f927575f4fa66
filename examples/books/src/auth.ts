// Who may use the API. Passwords are hashed (scrypt); a caller proves who they are with a JWT bearer token (API
// clients) or a session cookie (browsers): the `User` guard accepts either. The token key is derived from the
// app's `secret_key` at ignite, so every instance behind a load balancer that shares the secret accepts the
// same tokens and cookies, and nothing about a login lives in process memory.
import { hkdfSync, randomBytes } from "node:crypto";
import { guard, type Outcome, SecretKey, State, success } from "apogee";
import { hashPassword, type JwtGuard, jwt, session, verifyPassword } from "apogee/auth";
import { z } from "zod";

/** The claims of the API's tokens: `sub` is the account's id. */
export const Claims = z.object({ sub: z.string().regex(/^[1-9][0-9]{0,9}$/) });

/** The browser session: a private (encrypted and authenticated) cookie holding the account's id. */
export const Session = session({
  cookie: "books_session",
  ttl: "12h",
  schema: z.object({ id: z.number().int().positive() }),
});

/** The signed-in account, as the handlers see it. */
export interface User {
  readonly id: number;
}

/** A token's lifetime, in seconds. */
export const TOKEN_TTL = 2 * 60 * 60;

/** The app's authentication settings, built at ignite from its configuration (managed state). */
export class Auth {
  /** The JWT guard whose key is derived from the app's secret key. */
  readonly bearer: JwtGuard<z.infer<typeof Claims>>;
  /** The scrypt cost (log2 N) new passwords are hashed with; `undefined` keeps the library's strong default. */
  readonly passwordCost: number | undefined;

  constructor(secretKey: string | undefined, passwordCost: number | undefined) {
    this.bearer = jwt({ secret: tokenKey(secretKey), issuer: "apogee-books", claims: Claims });
    this.passwordCost = passwordCost;
  }

  /** A token for `account`, valid for `TOKEN_TTL` seconds. */
  sign(account: User): Promise<string> {
    return this.bearer.sign({}, { subject: String(account.id), expiresIn: TOKEN_TTL });
  }

  /** The hash stored for `password`. */
  hash(password: string): Promise<string> {
    return hashPassword(password, this.passwordCost === undefined ? {} : { cost: this.passwordCost });
  }

  /** Whether `password` matches `hash`; with no account, a decoy hash is checked so timing tells nothing. */
  verify(password: string, hash: string | undefined): Promise<boolean> {
    return verifyPassword(password, hash ?? DECOY).then((ok) => ok && hash !== undefined);
  }
}

// The token key: HKDF over the configured secret key, so tokens and private cookies never share a key. Without
// a secret key (only `debug` may launch so) a fresh random one: tokens then last as long as the process.
function tokenKey(secretKey: string | undefined): Uint8Array {
  if (secretKey === undefined) return randomBytes(32);
  const parsed = SecretKey.parse(secretKey);
  if (!(parsed instanceof SecretKey)) return randomBytes(32); // the core refuses it at ignite, naming the key
  const material = parsed.encryption.export();
  return new Uint8Array(hkdfSync("sha256", material, "apogee-books", "jwt", 32));
}

const DECOY = "$scrypt$ln=12,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

const AuthState = State(Auth);

/**
 * The signed-in account: from `Authorization: Bearer <token>` when the request carries one, else from the
 * session cookie.
 *
 * - No credentials → forwards 401 with `WWW-Authenticate: Bearer` (the catcher answers JSON).
 * - A bad, expired or foreign token → 401 with `error="invalid_token"`; a stale cookie is removed and forwards 401.
 */
export const CurrentUser = guard<User>(
  "User",
  async (req): Promise<Outcome<User>> => {
    const auth = await req.guard(AuthState);
    if (auth.outcome !== "success") return auth;
    if (req.header("authorization") === undefined) {
      const s = await req.guard(Session);
      if (s.outcome === "success") return success({ id: s.value.id });
    }
    const claims = await req.guard(auth.value.bearer);
    return claims.outcome === "success" ? success({ id: Number(claims.value.sub) }) : claims;
  },
  {
    uses: [AuthState, Session],
    doc: {
      security: { bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "JWT" } },
      responses: { 401: "The token or session is missing, invalid or expired." },
    },
  },
);
