import { createPrivateKey, createPublicKey, createSecretKey, type JsonWebKey, KeyObject } from "node:crypto";
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  type JSONWebKeySet,
  type JWK,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
  SignJWT,
} from "jose";
import { isStandardSchema, type SchemaOutput, type StandardSchema } from "../data/standard-schema.ts";
import { Status } from "../http/status.ts";
import type { GuardDoc } from "../request/api-doc.ts";
import type { RequestGuard } from "../request/guard.ts";
import { error, forward, type Outcome, success } from "../request/outcome.ts";
import type { Request } from "../request/request.ts";
import { AuthError } from "./auth-error.ts";
import { bearerToken, challenge } from "./bearer.ts";

/** A key as configured: PEM text, a JWK, or a Node `KeyObject`. */
export type KeyInput = string | JWK | KeyObject;

/** How `jwt(...)` verifies (and, with a secret or private key, signs) tokens. Give one of `secret`, `publicKey`, `jwks`. */
export interface JwtOptions<S extends StandardSchema<any, any> | undefined = undefined> {
  /** The shared HMAC secret (HS256/384/512): text (UTF-8) or bytes, at least 32 bytes. Verifies and signs. */
  readonly secret?: string | Uint8Array;
  /** The public key tokens are verified with (RS*, PS*, ES*, EdDSA). */
  readonly publicKey?: KeyInput;
  /** The private key `sign` uses with `publicKey`. */
  readonly privateKey?: KeyInput;
  /** A JWKS: its URL (fetched, cached and refreshed when an unknown `kid` comes) or the key set itself. */
  readonly jwks?: string | URL | JSONWebKeySet;
  /** The algorithms accepted (default: `["HS256"]` with a secret; every one the key allows otherwise). */
  readonly algorithms?: readonly string[];
  /** The `iss` the token must carry (one of them, if several); `sign` sets the first. */
  readonly issuer?: string | readonly string[];
  /** The `aud` the token must carry (one of them, if several); `sign` sets them. */
  readonly audience?: string | readonly string[];
  /** A Standard Schema the claims must match; the handler gets its output (default: the claims as they are). */
  readonly claims?: S;
  /** The `Authorization` scheme (default `Bearer`, compared case-insensitively). */
  readonly scheme?: string;
  /** Seconds of clock skew tolerated on `exp` and `nbf` (default 0). */
  readonly clockTolerance?: number;
  /** The `realm` of the `WWW-Authenticate` challenge (default none). */
  readonly realm?: string;
  /** The guard's name in logs, and its security scheme's name in API documents (default `bearerAuth`). */
  readonly name?: string;
}

/** Options of `sign`: the token's lifetime and registered claims. */
export interface SignOptions {
  /** Lifetime in seconds, or a duration such as `"15m"`, `"2h"`, `"7d"` (default `"1h"`). */
  readonly expiresIn?: number | string;
  /** The `sub` claim. */
  readonly subject?: string;
  /** The `jti` claim. */
  readonly jwtId?: string;
  /** A `kid` header, for keys published in a JWKS. */
  readonly keyId?: string;
}

/** The claims a `jwt` guard yields: the schema's output, or the raw claims without a schema. */
export type JwtClaims<S> = S extends StandardSchema<any, any> ? SchemaOutput<S> : JWTPayload;

/** A JWT request guard that can also issue tokens its own checks accept. */
export interface JwtGuard<T> extends RequestGuard<T, AuthError> {
  /**
   * Signs `claims` into a token this guard accepts: `iat`, `exp` (`expiresIn`, default one hour), the first
   * `issuer` and the `audience` are set. Needs a `secret`, or a `privateKey`.
   */
  sign(claims: Readonly<Record<string, unknown>>, options?: SignOptions): Promise<string>;
}

/**
 * A request guard for JSON Web Tokens in `Authorization: Bearer <token>` (verified with `jose`), yielding the
 * token's claims, typed by the `claims` schema.
 *
 * - No `Authorization` header, or one with another scheme → forwards 401 (a lower-ranked route may answer the
 *   anonymous request); a 401 response then carries `WWW-Authenticate: Bearer`.
 * - A malformed, expired, not-yet-valid, foreign-key or wrongly-signed token, a wrong `iss`/`aud`, or claims the
 *   schema refuses → fails 401 with `WWW-Authenticate: Bearer error="invalid_token", error_description="…"`;
 *   the `AuthError` is in `req.error`. An unreachable JWKS → 500, logged.
 * - Verified once per request however many guards ask (roles built on it included).
 * - Throws at definition when no key, or a secret shorter than 32 bytes, is given.
 *
 * @example
 * const Claims = z.object({ sub: z.string(), admin: z.boolean().default(false) });
 * export const Bearer = jwt({ secret: process.env.JWT_SECRET!, issuer: "books", claims: Claims });
 * get("/me", { user: Bearer }, ({ user }) => ({ id: user.sub }));
 * post("/login", async () => ({ token: await Bearer.sign({ sub: "alice" }, { expiresIn: "2h" }) }));
 */
export function jwt<S extends StandardSchema<any, any> | undefined = undefined>(
  options: JwtOptions<S>,
): JwtGuard<JwtClaims<S>> {
  return new JwtVerifier<JwtClaims<S>>(options).guard();
}

class JwtVerifier<T> {
  readonly #name: string;
  readonly #scheme: string;
  readonly #key: KeyObject | Uint8Array | JWTVerifyGetKey;
  readonly #signingKey: KeyObject | Uint8Array | undefined;
  readonly #signingAlg: string | undefined;
  readonly #verify: Parameters<typeof jwtVerify>[2];
  readonly #issuer: readonly string[];
  readonly #audience: readonly string[];
  readonly #schema: StandardSchema | undefined;
  readonly #realm: string | undefined;

  constructor(o: JwtOptions<any>) {
    const given = [o.secret, o.publicKey, o.jwks].filter((k) => k !== undefined).length;
    if (given !== 1) throw new TypeError("jwt(): give exactly one of `secret`, `publicKey` or `jwks`");
    if (o.claims !== undefined && !isStandardSchema(o.claims))
      throw new TypeError("jwt(): `claims` must be a Standard Schema (zod, valibot, arktype, …)");
    this.#name = o.name ?? "bearerAuth";
    this.#scheme = o.scheme ?? "Bearer";
    this.#issuer = o.issuer === undefined ? [] : typeof o.issuer === "string" ? [o.issuer] : [...o.issuer];
    this.#audience =
      o.audience === undefined ? [] : typeof o.audience === "string" ? [o.audience] : [...o.audience];
    this.#schema = o.claims;
    this.#realm = o.realm;
    let algorithms = o.algorithms;
    if (o.secret !== undefined) {
      const bytes = typeof o.secret === "string" ? Buffer.from(o.secret, "utf8") : o.secret;
      if (bytes.length < 32)
        throw new TypeError(`jwt(): the secret must be at least 32 bytes (256 bits), got ${bytes.length}`);
      this.#key = createSecretKey(bytes);
      this.#signingKey = this.#key;
      algorithms ??= ["HS256"];
    } else if (o.publicKey !== undefined) {
      this.#key = publicKey(o.publicKey);
      this.#signingKey = o.privateKey === undefined ? undefined : privateKey(o.privateKey);
    } else {
      const jwks = o.jwks!;
      this.#key =
        typeof jwks === "string" || jwks instanceof URL
          ? createRemoteJWKSet(new URL(jwks))
          : createLocalJWKSet(jwks);
      this.#signingKey = o.privateKey === undefined ? undefined : privateKey(o.privateKey);
    }
    this.#signingAlg =
      algorithms?.[0] ?? (this.#signingKey instanceof Uint8Array ? undefined : algorithmOf(this.#signingKey));
    this.#verify = {
      ...(algorithms === undefined ? {} : { algorithms: [...algorithms] }),
      ...(this.#issuer.length > 0 ? { issuer: [...this.#issuer] } : {}),
      ...(this.#audience.length > 0 ? { audience: [...this.#audience] } : {}),
      ...(o.clockTolerance === undefined ? {} : { clockTolerance: o.clockTolerance }),
    };
  }

  guard(): JwtGuard<T> {
    const doc: GuardDoc = {
      security: { [this.#name]: { type: "http", scheme: this.#scheme.toLowerCase(), bearerFormat: "JWT" } },
      responses: { 401: "The bearer token is missing, malformed, expired or not signed by a trusted key." },
    };
    // One verification per request: roles built on this guard, and the guard itself, share the outcome.
    const slot = Symbol(this.#name);
    return {
      kind: "guard",
      name: this.#name,
      doc,
      fromRequest: (req) => req.cached(slot, () => this.#check(req)),
      sign: (claims, options) => this.#sign(claims, options),
    };
  }

  async #check(req: Request): Promise<Outcome<T, AuthError>> {
    const token = bearerToken(req.header("authorization"), this.#scheme);
    if (token === undefined) {
      req.addStatusHeader(401, "www-authenticate", challenge(this.#scheme, this.#realm));
      return forward(Status.Unauthorized);
    }
    let payload: JWTPayload;
    try {
      payload = (await jwtVerify(token, this.#key as Uint8Array, this.#verify)).payload;
    } catch (e) {
      return this.#refuse(req, joseError(e, typeof this.#key === "function"));
    }
    if (this.#schema === undefined) return success(payload as T);
    const out = await this.#schema["~standard"].validate(payload);
    if (out.issues !== undefined) {
      const why = out.issues.map((i) => i.message).join("; ");
      return this.#refuse(req, new AuthError("claims", `the claims do not match the schema: ${why}`));
    }
    return success(out.value as T);
  }

  #refuse(req: Request, why: AuthError): Outcome<never, AuthError> {
    if (why.code === "keys") {
      req.log.error(`Guard \`${this.#name}\`: the verification keys are unavailable: ${why.message}`);
      return error(Status.InternalServerError, why);
    }
    if (req.log.enabled("normal")) req.log.detail(`Guard \`${this.#name}\`: ${why}.`);
    req.addStatusHeader(401, "www-authenticate", challenge(this.#scheme, this.#realm, why.message));
    return error(Status.Unauthorized, why);
  }

  async #sign(claims: Readonly<Record<string, unknown>>, options: SignOptions = {}): Promise<string> {
    const key = this.#signingKey;
    const alg = this.#signingAlg;
    if (key === undefined || alg === undefined)
      throw new Error(
        `${this.#name}.sign(): signing needs a \`secret\`, or a \`privateKey\` with \`algorithms\``,
      );
    let jwt = new SignJWT({ ...claims })
      .setProtectedHeader(options.keyId === undefined ? { alg } : { alg, kid: options.keyId })
      .setIssuedAt()
      .setExpirationTime(expiry(options.expiresIn ?? "1h"));
    if (this.#issuer[0] !== undefined) jwt = jwt.setIssuer(this.#issuer[0]);
    const audience = this.#audience;
    if (audience.length > 0) jwt = jwt.setAudience(audience.length === 1 ? audience[0]! : [...audience]);
    if (options.subject !== undefined) jwt = jwt.setSubject(options.subject);
    if (options.jwtId !== undefined) jwt = jwt.setJti(options.jwtId);
    return jwt.sign(key as Uint8Array);
  }
}

// A relative lifetime for jose: seconds as a number become "<n>s" from now; durations pass through.
function expiry(expiresIn: number | string): string {
  if (typeof expiresIn === "number") {
    if (!Number.isFinite(expiresIn) || expiresIn <= 0)
      throw new TypeError("sign(): expiresIn must be positive");
    return `${Math.floor(expiresIn)}s`;
  }
  return expiresIn;
}

function publicKey(k: KeyInput): KeyObject {
  if (typeof k === "string") return createPublicKey(k);
  if (isKeyObject(k)) return k;
  return createPublicKey({ key: k as JsonWebKey, format: "jwk" });
}

function privateKey(k: KeyInput): KeyObject {
  if (typeof k === "string") return createPrivateKey(k);
  if (isKeyObject(k)) return k;
  return createPrivateKey({ key: k as JsonWebKey, format: "jwk" });
}

function isKeyObject(k: unknown): k is KeyObject {
  return k instanceof KeyObject;
}

// The signing algorithm a private key implies, for the common key types.
function algorithmOf(key: KeyObject | undefined): string | undefined {
  if (key === undefined) return undefined;
  switch (key.asymmetricKeyType) {
    case "rsa":
      return "RS256";
    case "rsa-pss":
      return "PS256";
    case "ed25519":
      return "EdDSA";
    case "ec": {
      const curve = key.asymmetricKeyDetails?.namedCurve;
      return curve === "prime256v1"
        ? "ES256"
        : curve === "secp384r1"
          ? "ES384"
          : curve === "secp521r1"
            ? "ES512"
            : undefined;
    }
    default:
      return undefined;
  }
}

// jose's failures, by code, as the guard reports them; anything else is the client's token, unless the keys come
// from a remote JWKS (then a failed fetch is the server's problem).
function joseError(e: unknown, remote: boolean): AuthError {
  const code = (e as { code?: unknown })?.code;
  const claim = (e as { claim?: unknown })?.claim;
  switch (code) {
    case "ERR_JWT_EXPIRED":
      return new AuthError("expired", "the token has expired");
    case "ERR_JWT_CLAIM_VALIDATION_FAILED":
      return claim === "nbf"
        ? new AuthError("expired", "the token is not valid yet")
        : new AuthError("claims", `the "${String(claim)}" claim is not accepted`);
    case "ERR_JWS_SIGNATURE_VERIFICATION_FAILED":
      return new AuthError("signature", "the signature does not verify");
    case "ERR_JWKS_NO_MATCHING_KEY":
    case "ERR_JWKS_MULTIPLE_MATCHING_KEYS":
      return new AuthError("signature", "no trusted key matches the token");
    case "ERR_JOSE_ALG_NOT_ALLOWED":
      return new AuthError("algorithm", "the token's algorithm is not allowed");
    case "ERR_JWKS_TIMEOUT":
    case "ERR_JWKS_INVALID":
      return new AuthError("keys", e instanceof Error ? e.message : String(e));
    default:
      if (remote && !(typeof code === "string" && code.startsWith("ERR_")))
        return new AuthError("keys", e instanceof Error ? e.message : String(e));
      return new AuthError("malformed", "the token is not a valid JWT");
  }
}
