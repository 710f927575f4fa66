// apogee/auth: JWT and session guards, roles over them, and password hashing.

export { AuthError, type AuthErrorCode } from "./auth-error.ts";
export {
  type JwtClaims,
  type JwtGuard,
  type JwtOptions,
  jwt,
  type KeyInput,
  type SignOptions,
} from "./jwt.ts";
export { type HashOptions, hashPassword, safeEqual, verifyPassword } from "./password.ts";
export { type RoleOptions, role } from "./role.ts";
export { type SessionData, type SessionGuard, type SessionOptions, session } from "./session.ts";
