// Fastify 5, as its docs recommend: async handlers, JSON Schema response serialisation, validation through a
// validator compiler (zod here, so every peer validates with the same schemas), a `preHandler` hook as the guard
// with a request decorator for the user, and the security headers set by an encapsulated plugin's hook.
import Fastify, { type FastifyReply, type FastifyRequest } from "fastify";
import type { z } from "zod";
import { API_ROUTES, ISSUE_ROUTE } from "../shared/api-routes.ts";
import { bookFinder } from "../shared/library.ts";
import {
  HELLO,
  orderSchema,
  readCookie,
  SECURE_TEXT,
  SECURITY_HEADERS,
  SESSIONS,
  searchSchema,
  type User,
} from "../shared/payload.ts";

declare module "fastify" {
  interface FastifyRequest {
    user: User | null;
  }
}

const helloSchema = { type: "object", properties: { message: { type: "string" } } } as const;
const issueSchema = {
  type: "object",
  properties: { owner: { type: "string" }, repo: { type: "string" }, issue_number: { type: "integer" } },
} as const;
const searchResponseSchema = {
  type: "object",
  properties: {
    q: { type: "string" },
    page: { type: "integer" },
    limit: { type: "integer" },
    exact: { type: "boolean" },
  },
} as const;

const bookSchema = {
  type: "object",
  properties: {
    id: { type: "integer" },
    title: { type: "string" },
    author: { type: "string" },
    year: { type: "integer" },
  },
} as const;

async function requireUser(req: FastifyRequest, reply: FastifyReply) {
  const sid = readCookie(req.headers.cookie, "sid");
  const user = sid === undefined ? undefined : SESSIONS.get(sid);
  if (user === undefined) return reply.code(401).send("Unauthorized");
  req.user = user;
}

/** The benchmark app. */
export function app() {
  const fastify = Fastify({ logger: false });
  fastify.setValidatorCompiler(({ schema }) => (data: unknown) => {
    const result = (schema as z.ZodType).safeParse(data);
    return result.success ? { value: result.data } : { error: result.error };
  });
  fastify.decorateRequest("user", null);
  const findBook = bookFinder();

  fastify.get("/plaintext", async () => HELLO);
  fastify.get("/json", { schema: { response: { 200: helloSchema } } }, async () => ({ message: HELLO }));
  fastify.get(
    "/search",
    { schema: { querystring: searchSchema, response: { 200: searchResponseSchema } } },
    async (req) => req.query,
  );
  fastify.post("/orders", { schema: { body: orderSchema } }, async (req) => req.body);
  fastify.get("/me", { preHandler: requireUser }, async (req) => `Hello, ${req.user!.name}!`);
  fastify.get<{ Params: { id: string } }>(
    "/books/:id",
    { schema: { response: { 200: bookSchema } } },
    async (req, reply) => {
      const id = Number(req.params.id);
      const found = Number.isInteger(id) ? findBook(id) : undefined;
      return found ?? reply.callNotFound();
    },
  );
  fastify.register(async (scope) => {
    scope.addHook("onRequest", async (_req, reply) => {
      reply.headers(SECURITY_HEADERS);
    });
    scope.get("/secure", async () => SECURE_TEXT);
  });

  fastify.register(
    async (api) => {
      for (const r of API_ROUTES) {
        if (r.method === "GET" && r.path === ISSUE_ROUTE) {
          api.get<{ Params: { owner: string; repo: string; issue_number: string } }>(
            ISSUE_ROUTE,
            { schema: { response: { 200: issueSchema } } },
            async (req, reply) => {
              const { owner, repo } = req.params;
              const issue_number = Number(req.params.issue_number);
              if (!Number.isInteger(issue_number) || issue_number < 0) return reply.callNotFound();
              return { owner, repo, issue_number };
            },
          );
        } else api.route({ method: r.method, url: r.path, handler: async () => "ok" });
      }
    },
    { prefix: "/api" },
  );
  return fastify;
}

/** Listens on 127.0.0.1:`port`. */
export function listen(port: number): Promise<unknown> {
  return app().listen({ port, host: "127.0.0.1" });
}
