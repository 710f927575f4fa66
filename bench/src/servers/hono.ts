// Hono 4 on @hono/node-server, as its docs recommend: `c.text`/`c.json`, the built-in `validator` middleware
// (with zod), `getCookie` in a `createMiddleware` guard that sets a typed variable, the built-in `secureHeaders`
// middleware configured to Shield's three headers, and the API table as a sub-app under /api.
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { secureHeaders } from "hono/secure-headers";
import { validator } from "hono/validator";
import { API_ROUTES_BY_SPECIFICITY, ISSUE_ROUTE } from "../shared/api-routes.ts";
import { bookFinder } from "../shared/library.ts";
import { HELLO, orderSchema, SECURE_TEXT, SESSIONS, searchSchema, type User } from "../shared/payload.ts";

const requireUser = createMiddleware<{ Variables: { user: User } }>(async (c, next) => {
  const sid = getCookie(c, "sid");
  const user = sid === undefined ? undefined : SESSIONS.get(sid);
  if (user === undefined) return c.text("Unauthorized", 401);
  c.set("user", user);
  await next();
});

type PermissionsPolicy = NonNullable<NonNullable<Parameters<typeof secureHeaders>[0]>["permissionsPolicy"]>;

// Only Shield's three headers: every other header the middleware sets by default is turned off. `interest-cohort`
// is missing from Hono's directive type (the feature was withdrawn), but the middleware formats any directive.
const shield = secureHeaders({
  crossOriginResourcePolicy: false,
  crossOriginOpenerPolicy: false,
  originAgentCluster: false,
  referrerPolicy: false,
  strictTransportSecurity: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
  xContentTypeOptions: true,
  xFrameOptions: true,
  permissionsPolicy: { interestCohort: [] } as PermissionsPolicy,
});

/** The benchmark app. */
export function app() {
  const app = new Hono();
  app.get("/plaintext", (c) => c.text(HELLO));
  app.get("/json", (c) => c.json({ message: HELLO }));
  app.get(
    "/search",
    validator("query", (value, c) => {
      const result = searchSchema.safeParse(value);
      return result.success ? result.data : c.text("Bad query", 400);
    }),
    (c) => c.json(c.req.valid("query")),
  );
  app.post(
    "/orders",
    validator("json", (value, c) => {
      const result = orderSchema.safeParse(value);
      return result.success ? result.data : c.text("Invalid order", 422);
    }),
    (c) => c.json(c.req.valid("json")),
  );
  app.get("/me", requireUser, (c) => c.text(`Hello, ${c.get("user").name}!`));
  const findBook = bookFinder();
  app.get("/books/:id{[0-9]+}", (c) => {
    const found = findBook(Number(c.req.param("id")));
    return found === undefined ? c.notFound() : c.json(found);
  });
  app.use("/secure", shield);
  app.get("/secure", (c) => c.text(SECURE_TEXT));

  const api = new Hono();
  for (const r of API_ROUTES_BY_SPECIFICITY) {
    if (r.method === "GET" && r.path === ISSUE_ROUTE) {
      api.get(ISSUE_ROUTE, (c) => {
        const { owner, repo } = c.req.param();
        const issue_number = Number(c.req.param("issue_number"));
        if (!Number.isInteger(issue_number) || issue_number < 0) return c.notFound();
        return c.json({ owner, repo, issue_number });
      });
    } else api.on(r.method, r.path, (c) => c.text("ok"));
  }
  app.route("/api", api);
  return app;
}

/** Listens on 127.0.0.1:`port`. */
export function listen(port: number): Promise<unknown> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app().fetch, port, hostname: "127.0.0.1" }, () => resolve(server));
  });
}
