// The books example in its release profile, launched on a real socket against PostgreSQL: the same API flow as
// on SQLite, over HTTP, with JSON logs. Each run gets its own schema. Skipped (loudly) when PostgreSQL is not on
// 127.0.0.1:5432, except in CI, where that is a failure.
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { app } from "../src/app.ts";
import { Books } from "../src/db.ts";
import { type Answer, apiFlow, type Send } from "./flow.ts";
import { figment, listening } from "./support.ts";

const PG = "postgres://postgres@127.0.0.1:5432/test";

function fetchSend(base: string): Send {
  return async (method, path, call = {}) => {
    const headers: Record<string, string> = { ...call.headers };
    if (call.token !== undefined) headers.authorization = `Bearer ${call.token}`;
    if (call.json !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(`${base}${path}`, {
      method,
      headers,
      ...(call.json === undefined ? {} : { body: JSON.stringify(call.json) }),
    });
    const text = await res.text();
    return {
      status: res.status,
      header: (name) => res.headers.get(name) ?? undefined,
      text,
    } satisfies Answer;
  };
}

describe("the books example on PostgreSQL (release profile, real socket)", async () => {
  const pg = await listening(5432);
  if (!pg && process.env.CI === "true")
    throw new Error("CI=true but PostgreSQL is not listening on 127.0.0.1:5432");
  if (!pg)
    console.error("\n!!! SKIPPING the books example on PostgreSQL: nothing listens on 127.0.0.1:5432.\n");

  test("the whole API flow over HTTP, with JSON request logs", {
    skip: !pg && "no postgres server",
  }, async () => {
    const { default: pgModule } = await import("pg");
    const schema = `books_${process.pid}_${Date.now()}`;
    const admin = new pgModule.Client({ connectionString: PG });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    after(async () => {
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    });
    const url = `${PG}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const lines: string[] = [];
    const orbit = await app()
      .configure(
        figment({
          APOGEE_PROFILE: "release",
          APOGEE_SECRET_KEY: Buffer.alloc(32, 7).toString("base64"),
          APOGEE_DATABASES: `{books={url="${url}"}}`,
          APOGEE_ADDRESS: "127.0.0.1",
          APOGEE_PORT: "0",
        }).merge({ log_level: "normal" }),
      )
      .logTo({ out: (line) => lines.push(line), err: (line) => lines.push(line) })
      .launch();
    after(() => orbit.shutdown());
    assert.equal(Books.fetch(orbit.app)!.driver, "postgres");
    await apiFlow(fetchSend(orbit.url));
    // Every line is JSON; each request has one, with its method, path, route and status.
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const me = logged.find((l) => l.path === "/accounts/me");
    assert.ok(me !== undefined, `no log line for /accounts/me in:\n${lines.slice(0, 5).join("\n")}`);
    assert.deepEqual([me.level, me.method, me.route, me.status], ["info", "GET", "/accounts/me", 200]);
  });
});
