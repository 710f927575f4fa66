// What every server of the benchmark shares: the schemas the validated scenarios use (zod, as a Standard Schema),
// the 1 KB order the JSON POST sends, the session store behind the cookie guard, and the security headers.
import { z } from "zod";

/** The order a client POSTs to `/orders`: validated, then echoed. */
export const orderSchema = z.object({
  id: z.number().int().positive(),
  customer: z.object({
    name: z.string().min(1).max(100),
    email: z.email(),
    vip: z.boolean(),
  }),
  items: z
    .array(
      z.object({
        sku: z.string().regex(/^[A-Z]{3}-\d{4}$/),
        name: z.string().min(1).max(100),
        quantity: z.number().int().min(1).max(999),
        price: z.number().nonnegative(),
      }),
    )
    .min(1)
    .max(50),
  shipping: z.object({
    street: z.string(),
    city: z.string(),
    postcode: z.string(),
    country: z.string().length(2),
  }),
  tags: z.array(z.string().max(32)).max(10),
  note: z.string().max(500),
});

/** A valid order. */
export type Order = z.infer<typeof orderSchema>;

/** The body of the JSON POST scenario: a valid order of about 1 KB. */
export const ORDER: Order = {
  id: 48213,
  customer: { name: "Ada Lovelace", email: "ada@analytical.engine", vip: true },
  items: [
    { sku: "ENG-0001", name: "Difference engine gear", quantity: 12, price: 4.25 },
    { sku: "ENG-0002", name: "Brass column, 30 cm", quantity: 4, price: 19.9 },
    { sku: "CRD-1843", name: "Punched card deck", quantity: 200, price: 0.05 },
    { sku: "LIT-0007", name: "Sketch of the Analytical Engine", quantity: 1, price: 24 },
    { sku: "TOL-0311", name: "Precision file set", quantity: 2, price: 37.5 },
    { sku: "INK-0100", name: "Bottle of iron gall ink", quantity: 3, price: 6.75 },
    { sku: "MAP-0042", name: "Folding map of London", quantity: 1, price: 8.5 },
  ],
  shipping: { street: "12 St James's Square", city: "London", postcode: "SW1Y 4JH", country: "GB" },
  tags: ["engines", "first-program", "bernoulli", "priority"],
  note: "Please pack the gears separately from the brass columns; the deck of punched cards must stay in order, as it holds the program that computes the Bernoulli numbers. Deliver before noon if possible.",
};

/** `ORDER` as sent on the wire. */
export const ORDER_JSON = JSON.stringify(ORDER);

/** The query of the query scenario, parsed into typed fields. */
export const searchSchema = z.object({
  q: z.string().min(1),
  page: z.coerce.number().int().min(0).max(4294967295),
  limit: z.coerce.number().int().min(0).max(65535),
  exact: z.stringbool(),
});

/** The signed-in user a session cookie stands for. */
export interface User {
  readonly id: number;
  readonly name: string;
}

/** The session id the cookie scenario sends. */
export const SESSION_ID = "c2Vzc2lvbi1hZGEtMTgxNS0xMi0xMA";

/** The server-side session store: session id → user. */
export const SESSIONS: ReadonlyMap<string, User> = new Map([[SESSION_ID, { id: 1815, name: "Ada" }]]);

/** The `Cookie` header of the cookie scenario: the session among a few ordinary cookies. */
export const COOKIE_HEADER = `theme=dark; lang=en-GB; sid=${SESSION_ID}; _ga=GA1.2.1234567890.1700000000`;

/**
 * The value of cookie `name` in a `Cookie` header, or `undefined`. The peers without a built-in cookie reader
 * (node:http, Fastify and Express without their cookie plugins) use this one.
 */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  let start = 0;
  while (start < header.length) {
    let end = header.indexOf(";", start);
    if (end === -1) end = header.length;
    while (header.charCodeAt(start) === 32) start++;
    const eq = header.indexOf("=", start);
    if (eq !== -1 && eq < end && eq - start === name.length && header.startsWith(name, start)) {
      return header.slice(eq + 1, end).trim();
    }
    start = end + 1;
  }
  return undefined;
}

/** The security headers of the Shield scenario: Apogee's Shield defaults (Rocket's `Shield::default()`). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "SAMEORIGIN",
  "permissions-policy": "interest-cohort=()",
};

/** The plaintext and JSON scenarios' payloads. */
export const HELLO = "Hello, World!";
/** The JSON scenario's body. */
export const HELLO_JSON = { message: HELLO } as const;
/** The Shield scenario's body. */
export const SECURE_TEXT = "Shielded.";
