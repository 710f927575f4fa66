// apogee/auth and apogee/openapi at the type level: the claims a `jwt` guard yields (the schema's output, or
// jose's payload), session data, roles keeping their base's type, and the documentation options of a route.

import { get, type RequestGuard } from "apogee";
import { type AuthError, jwt, role, session } from "apogee/auth";
import type { JWTPayload } from "jose";
import { z } from "zod";
import type { Equal, Expect, InputOf } from "./expect.ts";

const Claims = z.object({ sub: z.string(), admin: z.boolean().default(false) });
const Typed = jwt({ secret: "0123456789abcdef0123456789abcdef", claims: Claims });
const Raw = jwt({ secret: "0123456789abcdef0123456789abcdef" });

type _typed = Expect<Equal<typeof Typed, import("apogee/auth").JwtGuard<{ sub: string; admin: boolean }>>>;
type _raw = Expect<Equal<typeof Raw, import("apogee/auth").JwtGuard<JWTPayload>>>;
type _guard = Expect<
  typeof Typed extends RequestGuard<{ sub: string; admin: boolean }, AuthError> ? true : false
>;

const me = get("/me", { user: Typed }, ({ user }) => user.sub);
type _input = Expect<Equal<InputOf<typeof me>["user"], { sub: string; admin: boolean }>>;

const User = session<{ id: number }>({ ttl: "1h" });
const Checked = session({ ttl: "1h", schema: z.object({ id: z.number(), name: z.string() }) });
type _user = Expect<Equal<typeof User, import("apogee/auth").SessionGuard<{ id: number }>>>;
type _checked = Expect<
  Equal<typeof Checked, import("apogee/auth").SessionGuard<{ id: number; name: string }>>
>;

const Admin = role(User, (u) => u.id === 1);
type _role = Expect<Equal<typeof Admin, RequestGuard<{ id: number }, never>>>;

// @ts-expect-error the check sees the base guard's value
role(User, (u) => u.name === "x");

// Documentation options of a route: responses by status, tags, summary, …
get(
  {
    uri: "/books",
    responses: { 200: Claims, 404: "Not here.", 201: { description: "Made.", schema: Claims } },
    tags: ["books"],
    summary: "Books.",
    deprecated: true,
    hidden: false,
    operationId: "books",
  },
  () => "b",
);

// @ts-expect-error a response is a schema, a description or { description, schema, … }
get({ uri: "/x", responses: { 200: 42 } }, () => "x");

// @ts-expect-error tags are a list
get({ uri: "/y", tags: "books" }, () => "y");
