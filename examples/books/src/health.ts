// Health and readiness, for load balancers, orchestrators and the Dockerfile's HEALTHCHECK. Liveness answers as
// long as the process serves requests; readiness also asks the database, so an instance that lost it is taken
// out of rotation instead of answering 500s.
import { get, respond, Status } from "apogee";
import { Connection, sql } from "apogee/db";
import { Books } from "./db.ts";

/**
 * Liveness: 200 while the process serves requests.
 * @tag operations
 */
export const health = get({ uri: "/health", responses: { 200: "Alive." } }, () => ({ status: "ok" }));

/**
 * Readiness: 200 when the database answers, 503 when it does not.
 * @tag operations
 */
export const ready = get(
  { uri: "/ready", responses: { 200: "Ready to serve.", 503: "The database is unreachable." } },
  { db: Connection(Books) },
  async ({ db }) => {
    try {
      await sql`select 1`.execute(db);
      return { status: "ready" };
    } catch {
      return respond({ status: "database unreachable" }, { status: Status.ServiceUnavailable });
    }
  },
);
