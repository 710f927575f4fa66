// The books example's test helpers: a client on a fresh SQLite file (or any database URL) configured from the
// example's own Apogee.toml, and sign-ups.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after } from "node:test";
import { fileURLToPath } from "node:url";
import { type Apogee, Client, Figment } from "apogee";
import { app } from "../src/app.ts";

/** The example's folder (where its Apogee.toml is). */
export const HERE = join(dirname(fileURLToPath(import.meta.url)), "..");

/** The example's configuration, with `env` as the environment and logging off. */
export function figment(env: Record<string, string>): Figment {
  return Figment.apogee({ cwd: HERE, env }).merge({ log_level: "off" });
}

/** A fresh SQLite file in a temporary folder, removed after the test file. */
export function sqliteUrl(): string {
  const dir = mkdtempSync(join(tmpdir(), "apogee-books-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return `sqlite://${join(dir, "books.db")}`;
}

/** The app configured for `env` (a fresh SQLite database unless `APOGEE_DATABASES` says otherwise). */
export function configured(env: Record<string, string> = {}): Apogee {
  return app().configure(figment({ APOGEE_DATABASES: `{books={url="${sqliteUrl()}"}}`, ...env }));
}

/** A tracked client (cookies kept) on `configured(env)`, terminated after the test file. */
export async function client(env: Record<string, string> = {}): Promise<Client> {
  const c = await Client.tracked(configured(env));
  after(() => c.terminate());
  return c;
}

/** Registers `email` with the password `correct horse battery` and returns its bearer token. */
export async function signUp(c: Client, email: string): Promise<string> {
  const res = await c.post("/accounts").json({ email, password: "correct horse battery" }).dispatch();
  assert.equal(res.status, 201);
  return ((await res.json()) as { token: string }).token;
}

/** Whether something listens on 127.0.0.1:`port`. */
export function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ port, host: "127.0.0.1" });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(500, () => done(false));
    s.once("connect", () => done(true));
    s.once("error", () => done(false));
  });
}

/** The body with the timestamps (which a test cannot know) checked and replaced by `<time>`. */
export function timeless(text: string): string {
  return text.replace(/"(created_at|updated_at)":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"/g, '"$1":"<time>"');
}
