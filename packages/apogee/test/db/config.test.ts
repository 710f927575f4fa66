// Database configuration (ROCKET.md §14): `databases.<name>` from Apogee.toml, APOGEE_DATABASES and profiles; every
// bad key reported at once; URLs and the drivers they pick; passwords never shown; missing driver packages named.
import assert from "node:assert/strict";
import { availableParallelism } from "node:os";
import { after, describe, test } from "node:test";
import { Connection, database, MissingDriver } from "../../src/db/index.ts";
import { loadPeer } from "../../src/db/peer.ts";
import { parseDatabaseUrl, redactUrl } from "../../src/db/url.ts";
import { build, Client, Figment, get, LaunchError } from "../../src/index.ts";
import { SECRET, tempDir } from "../support/config.ts";
import { expectResponse, TEXT } from "../support/local.ts";
import { available, PG_BASE, uniqueName } from "./support.ts";

async function launchError(app: ReturnType<typeof build>): Promise<LaunchError> {
  const e = await Client.tracked(app).then(
    () => assert.fail("launched"),
    (e: unknown) => e,
  );
  assert.ok(e instanceof LaunchError);
  return e;
}

describe("database URLs", () => {
  test("the scheme picks the driver; SQLite takes relative, absolute, bare and in-memory paths", () => {
    const cases: [string, string, string | undefined][] = [
      ["sqlite://data/books.db", "sqlite", "data/books.db"],
      ["sqlite:///srv/books.db", "sqlite", "/srv/books.db"],
      ["sqlite::memory:", "sqlite", ":memory:"],
      [":memory:", "sqlite", ":memory:"],
      ["data/books.db", "sqlite", "data/books.db"],
      ["postgres://u@h/db", "postgres", undefined],
      ["postgresql://u@h/db", "postgres", undefined],
      ["mysql://root@h/db", "mysql", undefined],
      ["mariadb://root@h/db", "mysql", undefined],
      ["redis://h:6379", "redis", undefined],
      ["rediss://h:6379", "redis", undefined],
    ];
    for (const [url, driver, path] of cases) {
      const parsed = parseDatabaseUrl(url, "sqlite");
      assert.ok(typeof parsed === "object", url);
      assert.deepEqual([parsed.driver, parsed.path], [driver, path], url);
    }
  });

  test("unusable URLs are refused with the reason", () => {
    assert.equal(
      parseDatabaseUrl("mongodb://h/db", "postgres"),
      "unknown scheme `mongodb:`: expected one of sqlite:, postgres:, postgresql:, mysql:, mariadb:, redis:, rediss:",
    );
    assert.equal(
      parseDatabaseUrl("data/app.db", "postgres"),
      "expected a postgres:// URL (a bare path is only a database for the sqlite driver)",
    );
    assert.equal(
      parseDatabaseUrl("  ", "sqlite"),
      "expected a database URL, e.g. sqlite://data/app.db or postgres://user@host/db",
    );
    assert.equal(
      parseDatabaseUrl("sqlite://", "sqlite"),
      "expected a file after sqlite://, e.g. sqlite://data/app.db or sqlite::memory:",
    );
  });

  test("passwords are shown as ***, in the user part and in query parameters", () => {
    assert.equal(redactUrl("postgres://app:s3cret@db:5432/books"), "postgres://app:***@db:5432/books");
    assert.equal(redactUrl("redis://:s3cret@cache:6379/0"), "redis://:***@cache:6379/0");
    assert.equal(
      redactUrl("mysql://app@db/books?password=s3cret&ssl=true"),
      "mysql://app@db/books?password=***&ssl=true",
    );
    assert.equal(redactUrl("postgres://app@db/books"), "postgres://app@db/books");
    const parsed = parseDatabaseUrl("postgres://app:p%40ss@db/books", "postgres");
    assert.ok(typeof parsed === "object");
    assert.deepEqual([parsed.redacted, parsed.password], ["postgres://app:***@db/books", "p@ss"]);
  });
});

describe("databases.<name> configuration", () => {
  test("every bad key is reported at once, with its value and where it came from", async () => {
    const name = uniqueName("cfg");
    const Db = database(name, "sqlite");
    const e = await launchError(
      build()
        .configure({
          log_level: "off",
          databases: {
            [name]: {
              url: "sqlite::memory:",
              max_connections: 0,
              connect_timeout: -1,
              idle_timeout: "soon",
              run_migrations: "yes",
              max_conections: 9,
            },
          },
        })
        .attach(Db.init()),
    );
    assert.equal(e.kind, "fairings");
    const b = `databases.${name}`;
    assert.equal(
      e.problems[0],
      [
        `'${name}' Database Pool: invalid configuration for database \`${name}\`:`,
        `   >> ${b}.max_conections = 9 (configure(), profile debug): unknown key: expected one of url, min_connections, max_connections, connect_timeout, idle_timeout, run_migrations, migrations, extensions`,
        `   >> ${b}.max_connections = 0 (configure(), profile debug): expected a whole number (1 or more)`,
        `   >> ${b}.connect_timeout = -1 (configure(), profile debug): expected a number of seconds (more than 0)`,
        `   >> ${b}.idle_timeout = "soon" (configure(), profile debug): expected a number of seconds (more than 0)`,
        `   >> ${b}.run_migrations = "yes" (configure(), profile debug): expected true or false`,
      ].join("\n"),
    );
  });

  test("a URL's password never appears in a configuration report", async () => {
    const name = uniqueName("cfg");
    const Db = database(name, "postgres");
    const e = await launchError(
      build()
        .configure({
          log_level: "off",
          databases: { [name]: { url: "postgres://app:s3cret@db:notaport/x" } },
        })
        .attach(Db.init()),
    );
    assert.match(e.message, /postgres:\/\/app:\*\*\*@db:notaport\/x/);
    assert.doesNotMatch(e.message, /s3cret/);
  });

  test("Apogee.toml's [default.databases.<name>] configures the database (the README's snippet)", async () => {
    const dir = tempDir({
      "Apogee.toml": '[default.databases.books]\nurl = "sqlite::memory:"\nmax_connections = 3\n',
    });
    const Books = database("books", "sqlite");
    const list = get("/books", { db: Connection(Books) }, async ({ db }) => {
      await db.schema.createTable("book").ifNotExists().addColumn("title", "text").execute();
      return JSON.stringify(await db.selectFrom("book").selectAll().execute());
    });
    const client = await Client.tracked(
      build()
        .configure(Figment.apogee({ env: {}, cwd: dir }).merge({ log_level: "off" }))
        .attach(Books.init())
        .mount("/", [list]),
    );
    after(() => client.terminate());
    await expectResponse(await client.get("/books").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "[]",
    });
    assert.equal(Books.fetch(client.app)!.config.max_connections, 1);
  });

  test("APOGEE_DATABASES overrides the file's URL", async () => {
    const dir = tempDir({ "Apogee.toml": '[default.databases.books]\nurl = "sqlite://nowhere/never.db"\n' });
    const Books = database("books", "sqlite");
    const client = await Client.tracked(
      build()
        .configure(
          Figment.apogee({ env: { APOGEE_DATABASES: '{books={url="sqlite::memory:"}}' }, cwd: dir }).merge({
            log_level: "off",
          }),
        )
        .attach(Books.init()),
    );
    after(() => client.terminate());
    assert.equal(Books.fetch(client.app)!.url, "sqlite::memory:");
  });

  test('max_connections defaults to workers × 4, with workers = "auto" one per CPU', async () => {
    const Db = database(uniqueName("cfg"), "sqlite");
    const client = await Client.tracked(
      build()
        .configure({
          log_level: "off",
          workers: "auto",
          databases: { [Db.name]: { url: `sqlite://${tempDir()}/w.db` } },
        })
        .attach(Db.init()),
    );
    after(() => client.terminate());
    assert.equal(Db.fetch(client.app)!.config.max_connections, availableParallelism() * 4);
  });

  describe("profiles", async () => {
    const pg = await available("postgres");
    test("the same database runs on SQLite in debug and on PostgreSQL in release, by configuration alone", {
      skip: !pg && "no postgres server",
    }, async () => {
      const dir = tempDir({
        "Apogee.toml": `[default.databases.books]\nurl = "sqlite::memory:"\n\n[release.databases.books]\nurl = "${PG_BASE}"\n`,
      });
      const Books = database("books", "sqlite");
      const which = get("/driver", { pool: Books }, ({ pool }) => pool.driver);
      for (const [profile, driver] of [
        ["debug", "sqlite"],
        ["release", "postgres"],
      ] as const) {
        const env = { APOGEE_PROFILE: profile, APOGEE_SECRET_KEY: SECRET };
        const client = await Client.tracked(
          build()
            .configure(Figment.apogee({ env, cwd: dir }).merge({ log_level: "off" }))
            .attach(Books.init())
            .mount("/", [which]),
        );
        await expectResponse(await client.get("/driver").dispatch(), {
          status: 200,
          contentType: TEXT,
          body: driver,
        });
        await client.terminate();
      }
    });
  });
});

describe("driver packages", () => {
  test("a missing driver package is named, with the command that installs it", async () => {
    const e = await loadPeer("apogee-no-such-driver", "books", "postgres").then(
      () => assert.fail("loaded"),
      (e: unknown) => e,
    );
    assert.ok(e instanceof MissingDriver);
    assert.equal(e.package, "apogee-no-such-driver");
    assert.equal(
      e.message,
      "database `books` uses the postgres driver, but its package is not installed: run `npm install apogee-no-such-driver`",
    );
  });
});
