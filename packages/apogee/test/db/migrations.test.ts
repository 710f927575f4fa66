// Migrations against every SQL driver: a folder of .sql files and modules, applied in order and recorded with
// their checksums, changed or missing ones refused, rollbacks, failures rolled back, and `run_migrations` at ignite.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import {
  Connection,
  type Database,
  type DbPool,
  database,
  MIGRATIONS_TABLE,
  MigrationError,
  Migrator,
  sql,
} from "../../src/db/index.ts";
import { build, Client, get, LaunchError } from "../../src/index.ts";
import { expectResponse, JSON_TYPE } from "../support/local.ts";
import { available, sandbox, tempFolder, uniqueName } from "./support.ts";

const NOTE = `-- up
create table note (id integer primary key, body varchar(200) not null);
insert into note (id, body) values (1, 'first; with a semicolon');
-- down
drop table note;
`;

const TAG = `export async function up(db) {
  await db.schema.createTable("tag").addColumn("name", "varchar(50)", (c) => c.primaryKey()).execute();
}
export async function down(db) {
  await db.schema.dropTable("tag").execute();
}
`;

/** A folder with the two first migrations. */
function folder(): string {
  const dir = tempFolder("apogee-migrations-");
  writeFileSync(join(dir, "001_create_note.sql"), NOTE);
  writeFileSync(join(dir, "002_add_tag.mjs"), TAG);
  writeFileSync(join(dir, "README.txt"), "not a migration");
  return dir;
}

function sha256(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

// The tables of the test's own schema (PostgreSQL's introspection lists every schema's).
async function tables(pool: DbPool<any, any>): Promise<string[]> {
  const all = await pool.kysely.introspection.getTables();
  let schema: string | undefined;
  if (pool.driver === "postgres") {
    const r = await sql<{ s: string }>`select current_schema() as s`.execute(pool.kysely);
    schema = r.rows[0]!.s;
  }
  return all
    .filter((t) => schema === undefined || t.schema === schema)
    .map((t) => t.name)
    .filter((n) => n !== MIGRATIONS_TABLE)
    .sort();
}

for (const driver of ["sqlite", "postgres", "mysql"] as const) {
  describe(`${driver}: migrations`, async () => {
    const ok = await available(driver);
    const it = (name: string, fn: () => Promise<void>) =>
      test(name, { skip: !ok && `no ${driver} server` }, fn);

    // A fresh database (its own schema or file), opened by a local client.
    async function open(extra: Record<string, unknown> = {}) {
      const box = await sandbox(driver);
      after(() => box.drop());
      const name = uniqueName("mig");
      const Db = database(name, driver) as Database<any, any>;
      const notes = get("/notes", { db: Connection(Db) as any }, ({ db }) =>
        db.selectFrom("note").selectAll().orderBy("id").execute(),
      );
      const client = await Client.tracked(
        build()
          .configure({ log_level: "off", databases: { [name]: { url: box.url, ...extra } } })
          .attach(Db.init())
          .mount("/", [notes]),
      );
      after(() => client.terminate());
      return { name, client, pool: Db.fetch(client.app)! };
    }

    it("migrate applies pending migrations in name order, recording each with its checksum; again, nothing", async () => {
      const dir = folder();
      const { pool } = await open();
      const migrator = new Migrator(pool, dir);
      assert.deepEqual(await migrator.migrate(), ["001_create_note", "002_add_tag"]);
      const rows = await pool.kysely
        .selectFrom(MIGRATIONS_TABLE)
        .select(["name", "checksum"])
        .orderBy("name")
        .execute();
      assert.deepEqual(rows, [
        { name: "001_create_note", checksum: sha256(join(dir, "001_create_note.sql")) },
        { name: "002_add_tag", checksum: sha256(join(dir, "002_add_tag.mjs")) },
      ]);
      assert.deepEqual(await tables(pool), ["note", "tag"]);
      const note = await pool.kysely.selectFrom("note").select("body").executeTakeFirstOrThrow();
      assert.equal(note.body, "first; with a semicolon");
      assert.deepEqual(await migrator.migrate(), []);
    });

    it("status lists applied and pending migrations", async () => {
      const dir = folder();
      const { pool } = await open();
      const migrator = new Migrator(pool, dir);
      assert.deepEqual(await migrator.status(), [
        { name: "001_create_note", state: "pending" },
        { name: "002_add_tag", state: "pending" },
      ]);
      await migrator.migrate();
      writeFileSync(
        join(dir, "003_more.sql"),
        "create table more (id integer primary key);\n-- down\ndrop table more;\n",
      );
      const status = await migrator.status();
      assert.deepEqual(
        status.map((s) => [s.name, s.state, typeof s.appliedAt]),
        [
          ["001_create_note", "applied", "string"],
          ["002_add_tag", "applied", "string"],
          ["003_more", "pending", "undefined"],
        ],
      );
    });

    it("a migration changed or removed after it was applied is refused, every one reported, nothing run", async () => {
      const dir = folder();
      const { pool, name } = await open();
      const migrator = new Migrator(pool, dir);
      await migrator.migrate();
      writeFileSync(join(dir, "001_create_note.sql"), `${NOTE}-- an innocent comment\n`);
      rmSync(join(dir, "002_add_tag.mjs"));
      writeFileSync(join(dir, "003_more.sql"), "create table more (id integer primary key);\n");
      const e = await migrator.migrate().then(
        () => assert.fail("migrated"),
        (e: unknown) => e,
      );
      assert.ok(e instanceof MigrationError);
      assert.equal(e.message.split("\n")[0], `refusing to migrate database \`${name}\`:`);
      assert.equal(e.problems.length, 2);
      assert.match(
        e.problems[0]!,
        /^migration `001_create_note` changed after it was applied \(.+\): .+001_create_note\.sql no longer matches; an applied migration must not be edited, write a new one$/,
      );
      assert.match(e.problems[1]!, /^migration `002_add_tag` was applied \(.+\) but its file is gone from /);
      assert.deepEqual(await tables(pool), ["note", "tag"]);
      assert.deepEqual(
        (await migrator.status()).map((s) => [s.name, s.state]),
        [
          ["001_create_note", "changed"],
          ["003_more", "pending"],
          ["002_add_tag", "missing"],
        ],
      );
    });

    it("rollback undoes the newest migration with its down part and forgets it", async () => {
      const dir = folder();
      const { pool } = await open();
      const migrator = new Migrator(pool, dir);
      await migrator.migrate();
      assert.deepEqual(await migrator.rollback(), ["002_add_tag"]);
      assert.deepEqual(await tables(pool), ["note"]);
      assert.deepEqual(await migrator.rollback(5), ["001_create_note"]);
      assert.deepEqual(await tables(pool), []);
      assert.deepEqual(await pool.kysely.selectFrom(MIGRATIONS_TABLE).selectAll().execute(), []);
      assert.deepEqual(await migrator.migrate(), ["001_create_note", "002_add_tag"]);
    });

    it("a SQL migration without a down part cannot be rolled back", async () => {
      const dir = tempFolder("apogee-migrations-");
      writeFileSync(join(dir, "001_one_way.sql"), "create table one_way (id integer primary key);\n");
      const { pool, name } = await open();
      const migrator = new Migrator(pool, dir);
      await migrator.migrate();
      const e = await migrator.rollback().then(
        () => assert.fail("rolled back"),
        (e: unknown) => e,
      );
      assert.ok(e instanceof MigrationError);
      assert.equal(
        e.message,
        `cannot roll back database \`${name}\`:\n   >> migration \`001_one_way\` has no \`-- down\` part (${join(dir, "001_one_way.sql")})`,
      );
      assert.deepEqual(await tables(pool), ["one_way"]);
    });

    it("a failing migration names its file, is not recorded, and leaves nothing behind where DDL is transactional", async () => {
      const dir = folder();
      writeFileSync(
        join(dir, "003_broken.sql"),
        "create table half_done (id integer primary key);\nselect * from no_such_table;\n",
      );
      const { pool, name } = await open();
      const migrator = new Migrator(pool, dir);
      const e = await migrator.migrate().then(
        () => assert.fail("migrated"),
        (e: unknown) => e,
      );
      assert.ok(e instanceof MigrationError);
      assert.equal(e.message.split("\n")[0], `migration \`003_broken\` of database \`${name}\` failed:`);
      assert.ok(e.problems[0]!.endsWith(`(${join(dir, "003_broken.sql")})`), e.problems[0]);
      const recorded = await pool.kysely
        .selectFrom(MIGRATIONS_TABLE)
        .select("name")
        .orderBy("name")
        .execute();
      assert.deepEqual(
        recorded.map((r) => r.name),
        ["001_create_note", "002_add_tag"],
      );
      // MySQL commits DDL as it goes: the half-done table stays there.
      assert.deepEqual(
        await tables(pool),
        driver === "mysql" ? ["half_done", "note", "tag"] : ["note", "tag"],
      );
    });

    it("run_migrations = true applies them at ignite, before the first request", async () => {
      const dir = folder();
      const { client } = await open({ run_migrations: true, migrations: dir });
      await expectResponse(await client.get("/notes").dispatch(), {
        status: 200,
        contentType: JSON_TYPE,
        body: JSON.stringify([{ id: 1, body: "first; with a semicolon" }]),
      });
    });

    it("a migration failing at ignite aborts launch, naming the database and the migration", async () => {
      const dir = folder();
      writeFileSync(join(dir, "003_broken.sql"), "select * from no_such_table;\n");
      const box = await sandbox(driver);
      after(() => box.drop());
      const name = uniqueName("mig");
      const Db = database(name, driver);
      const e = await Client.tracked(
        build()
          .configure({
            log_level: "off",
            databases: { [name]: { url: box.url, run_migrations: true, migrations: dir } },
          })
          .attach(Db.init()),
      ).then(
        () => assert.fail("launched"),
        (e: unknown) => e,
      );
      assert.ok(e instanceof LaunchError);
      assert.equal(e.kind, "fairings");
      assert.ok(
        e.problems[0]!.startsWith(
          `'${name}' Database Pool: migration \`003_broken\` of database \`${name}\` failed:`,
        ),
        e.problems[0],
      );
    });

    it("raw SQL sees what the migrations made", async () => {
      const dir = folder();
      const { pool } = await open({ run_migrations: true, migrations: dir });
      const r = await sql<{ n: number }>`select count(*) as n from note`.execute(pool.kysely);
      assert.equal(Number(r.rows[0]!.n), 1);
    });
  });
}
