// The README's Databases section: its first snippet is this fixture, word for word, and it works.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { Client } from "../../src/index.ts";
import { expectResponse, JSON_TYPE } from "../support/local.ts";
import { app, Books } from "./fixtures/readme-books.ts";

const HERE = dirname(fileURLToPath(import.meta.url));

describe("the README's Databases section", () => {
  test("shows the fixture's code exactly", () => {
    const readme = readFileSync(join(HERE, "../../../../README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Databases"));
    const snippet = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    assert.equal(snippet, readFileSync(join(HERE, "fixtures/readme-books.ts"), "utf8"));
  });

  test("its snippet serves the books table", async () => {
    const client = await Client.tracked(
      app.configure({ log_level: "off", databases: { books: { url: "sqlite::memory:" } } }),
    );
    after(() => client.terminate());
    const db = Books.fetch(client.app)!.kysely;
    await db.schema
      .createTable("book")
      .addColumn("id", "integer", (c) => c.primaryKey())
      .addColumn("title", "text")
      .execute();
    await db.insertInto("book").values({ id: 1, title: "Dune" }).execute();
    await expectResponse(await client.get("/books").dispatch(), {
      status: 200,
      contentType: JSON_TYPE,
      body: '[{"id":1,"title":"Dune"}]',
    });
  });
});
