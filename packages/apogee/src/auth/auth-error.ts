/** Why an auth guard refused a request: a stable code, and a sentence for logs and catchers. */
export type AuthErrorCode =
  /** The token is not a well-formed JWT (or the scheme carries no token). */
  | "malformed"
  /** The signature does not verify, or no trusted key matches the token (signed with a foreign key). */
  | "signature"
  /** The token's algorithm is not one of those allowed. */
  | "algorithm"
  /** The token has expired (`exp`), or is not valid yet (`nbf`). */
  | "expired"
  /** A registered claim is wrong (`iss`, `aud`, …) or the claims do not match the schema. */
  | "claims"
  /** The keys could not be fetched (a JWKS endpoint unreachable): the server's problem. */
  | "keys";

/**
 * The error an auth guard fails with (in `req.error` for catchers, and in `result(guard)`'s `error`).
 *
 * @example
 * get("/me", { user: result(Bearer) }, ({ user }) => (user.ok ? user.value.sub : `refused: ${user.error.code}`));
 */
export class AuthError {
  readonly code: AuthErrorCode;
  readonly message: string;

  constructor(code: AuthErrorCode, message: string) {
    this.code = code;
    this.message = message;
  }

  toString(): string {
    return `${this.code}: ${this.message}`;
  }
}
