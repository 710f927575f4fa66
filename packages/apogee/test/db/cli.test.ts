// The `apogee db migrate|rollback|status` command: reads the databases from Apogee.toml (or APOGEE_DATABASES),
// reports what it did, exits non-zero on any problem; and the `apogee` bin runs it from a shell.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { main } from "../../src/db/cli.ts";
import { tempFolder } from "./support.ts";

const BIN = join(dirname(fileURLToPath(import.meta.url)), "../../bin/apogee.mjs");

/** An app folder: Apogee.toml naming a SQLite database `notes` with two migrations. */
function project(): string {
  const dir = tempFolder("apogee-cli-");
  writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
  writeFileSync(
    join(dir, "Apogee.toml"),
    `[default.databases.notes]\nurl = "sqlite://${join(dir, "notes.db")}"\nmigrations = "db/migrations"\n\n` +
      `[default.databases.cache]\nurl = "redis://127.0.0.1:6379"\n`,
  );
  mkdirSync(join(dir, "db", "migrations"), { recursive: true });
  writeFileSync(
    join(dir, "db", "migrations", "001_create_note.sql"),
    "create table note (id integer primary key, body text not null);\n-- down\ndrop table note;\n",
  );
  writeFileSync(
    join(dir, "db", "migrations", "002_add_tag.sql"),
    "create table tag (name text primary key);\n-- down\ndrop table tag;\n",
  );
  return dir;
}

async function run(dir: string, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env: {}, cwd: dir });
  return { code, out, err };
}

describe("apogee db", () => {
  test("migrate applies the pending migrations of every SQL database and says which", async () => {
    const dir = project();
    assert.deepEqual(await run(dir, "db", "migrate"), {
      code: 0,
      out: ["notes: applied 001_create_note, 002_add_tag"],
      err: [],
    });
    assert.deepEqual(await run(dir, "db", "migrate"), { code: 0, out: ["notes: nothing to do"], err: [] });
  });

  test("status lists every migration with its state", async () => {
    const dir = project();
    await run(dir, "db", "migrate", "--database", "notes");
    writeFileSync(join(dir, "db", "migrations", "003_more.sql"), "create table more (id integer);\n");
    const { code, out, err } = await run(dir, "db", "status");
    assert.equal(code, 0);
    assert.deepEqual(err, []);
    assert.equal(out[0], `notes (sqlite://${join(dir, "notes.db")}, ${join(dir, "db", "migrations")})`);
    assert.match(out[1]!, /^ {2}applied {2}001_create_note {2}\d{4}-\d\d-\d\dT/);
    assert.match(out[2]!, /^ {2}applied {2}002_add_tag {2}\d{4}-/);
    assert.equal(out[3], "  pending  003_more");
    assert.equal(out.length, 4);
  });

  test("rollback undoes the newest migration, or the last n", async () => {
    const dir = project();
    await run(dir, "db", "migrate");
    assert.deepEqual(await run(dir, "db", "rollback"), {
      code: 0,
      out: ["notes: rolled back 002_add_tag"],
      err: [],
    });
    assert.deepEqual(await run(dir, "db", "migrate"), {
      code: 0,
      out: ["notes: applied 002_add_tag"],
      err: [],
    });
    assert.deepEqual(await run(dir, "db", "rollback", "2"), {
      code: 0,
      out: ["notes: rolled back 002_add_tag, 001_create_note"],
      err: [],
    });
  });

  test("a changed migration makes migrate and status fail with exit code 1", async () => {
    const dir = project();
    await run(dir, "db", "migrate");
    writeFileSync(join(dir, "db", "migrations", "001_create_note.sql"), "create table note (id integer);\n");
    const migrate = await run(dir, "db", "migrate");
    assert.equal(migrate.code, 1);
    assert.deepEqual(migrate.out, []);
    assert.match(
      migrate.err[0]!,
      /^error: refusing to migrate database `notes`:\n {3}>> migration `001_create_note` changed/,
    );
    const status = await run(dir, "db", "status");
    assert.equal(status.code, 1);
    assert.match(status.out[1]!, /^ {2}changed {2}001_create_note/);
  });

  test("the configuration comes from APOGEE_DATABASES too, and --database picks one", async () => {
    const dir = tempFolder("apogee-cli-");
    mkdirSync(join(dir, "migrations", "jobs"), { recursive: true });
    writeFileSync(join(dir, "migrations", "jobs", "001_job.sql"), "create table job (id integer);\n");
    const out: string[] = [];
    const code = await main(["db", "migrate", "--database", "jobs"], {
      out: (l) => out.push(l),
      err: (l) => out.push(`ERR ${l}`),
      env: {
        APOGEE_DATABASES: `{jobs={url="sqlite://${join(dir, "jobs.db")}", migrations="${join(dir, "migrations", "jobs")}"}}`,
      },
      cwd: dir,
    });
    assert.deepEqual({ code, out }, { code: 0, out: ["jobs: applied 001_job"] });
  });

  test("usage errors exit with 2 and print the usage; an unknown database or a Redis one exits with 1", async () => {
    const dir = project();
    const bad = await run(dir, "db", "frobnicate");
    assert.equal(bad.code, 2);
    assert.match(
      bad.err[0]!,
      /^unknown db command `frobnicate`\n\nUsage: apogee db <migrate\|rollback\|status>/,
    );
    assert.equal((await run(dir, "db", "rollback", "zero")).code, 2);
    assert.deepEqual(await run(dir, "db", "migrate", "--database", "nope"), {
      code: 1,
      out: [],
      err: ["error: no database `nope` in the configuration (profile debug)"],
    });
    assert.deepEqual(await run(dir, "db", "status", "--database", "cache"), {
      code: 1,
      out: [],
      err: ["error: database `cache` is Redis: it has no migrations"],
    });
    assert.equal((await run(dir, "--help")).code, 0);
  });

  test("the apogee bin runs the command from a shell, TypeScript included", () => {
    const dir = project();
    writeFileSync(
      join(dir, "db", "migrations", "003_seed.ts"),
      'export async function up(db: any): Promise<void> {\n  await db.insertInto("note").values({ id: 1, body: "typed" }).execute();\n}\n',
    );
    const r = spawnSync(process.execPath, [BIN, "db", "migrate"], {
      cwd: dir,
      encoding: "utf8",
      env: { PATH: process.env.PATH },
    });
    assert.equal(r.stderr, "");
    assert.equal(r.stdout, "notes: applied 001_create_note, 002_add_tag, 003_seed\n");
    assert.equal(r.status, 0);
  });
});
