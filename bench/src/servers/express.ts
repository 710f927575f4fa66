// Express 5, as its docs recommend: `res.type().send()`/`res.json()`, `express.json()` on the POST route with the
// zod schema in the handler, a guard middleware that leaves the user in `res.locals`, a path-scoped middleware for
// the security headers, and the API table as an `express.Router()` under /api.
import express, { type NextFunction, type Request, type Response } from "express";
import { API_ROUTES_BY_SPECIFICITY, ISSUE_ROUTE } from "../shared/api-routes.ts";
import { bookFinder } from "../shared/library.ts";
import {
  HELLO,
  orderSchema,
  readCookie,
  SECURE_TEXT,
  SECURITY_HEADERS,
  SESSIONS,
  searchSchema,
} from "../shared/payload.ts";

function requireUser(req: Request, res: Response, next: NextFunction): void {
  const sid = readCookie(req.headers.cookie, "sid");
  const user = sid === undefined ? undefined : SESSIONS.get(sid);
  if (user === undefined) {
    res.status(401).type("text").send("Unauthorized");
    return;
  }
  res.locals.user = user;
  next();
}

/** The benchmark app. */
export function app() {
  const app = express();
  app.get("/plaintext", (_req, res) => {
    res.type("text").send(HELLO);
  });
  app.get("/json", (_req, res) => {
    res.json({ message: HELLO });
  });
  app.get("/search", (req, res) => {
    const result = searchSchema.safeParse(req.query);
    if (result.success) res.json(result.data);
    else res.status(400).type("text").send("Bad query");
  });
  app.post("/orders", express.json(), (req, res) => {
    const result = orderSchema.safeParse(req.body);
    if (result.success) res.json(result.data);
    else res.status(422).type("text").send("Invalid order");
  });
  app.get("/me", requireUser, (_req, res) => {
    res.type("text").send(`Hello, ${res.locals.user.name}!`);
  });
  const findBook = bookFinder();
  app.get("/books/:id", (req, res, next) => {
    const id = Number(req.params.id);
    const found = Number.isInteger(id) ? findBook(id) : undefined;
    if (found === undefined) return next();
    res.json(found);
  });
  app.use("/secure", (_req, res, next) => {
    res.set(SECURITY_HEADERS);
    next();
  });
  app.get("/secure", (_req, res) => {
    res.type("text").send(SECURE_TEXT);
  });

  const api = express.Router();
  for (const r of API_ROUTES_BY_SPECIFICITY) {
    const method = r.method.toLowerCase() as "get" | "post" | "put" | "patch" | "delete";
    if (r.method === "GET" && r.path === ISSUE_ROUTE) {
      api.get(ISSUE_ROUTE, (req, res, next) => {
        const { owner, repo } = req.params as Record<string, string>;
        const issue_number = Number(req.params.issue_number);
        if (!Number.isInteger(issue_number) || issue_number < 0) return next();
        res.json({ owner, repo, issue_number });
      });
    } else {
      api[method](r.path, (_req, res) => {
        res.type("text").send("ok");
      });
    }
  }
  app.use("/api", api);
  return app;
}

/** Listens on 127.0.0.1:`port`. */
export function listen(port: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const server = app().listen(port, "127.0.0.1", (e?: Error) => (e ? reject(e) : resolve(server)));
  });
}
