// The accounts, their books, and the audit trail every write leaves, written with Kysely's schema builder so
// the same migration runs on SQLite and PostgreSQL (an auto-numbered key is the one thing they spell differently).
import type { Kysely, MigrationContext } from "apogee/db";

export async function up(db: Kysely<any>, { driver }: MigrationContext): Promise<void> {
  const serial = driver === "postgres" ? "serial" : "integer";
  await db.schema
    .createTable("account")
    .addColumn("id", serial, (c) => c.primaryKey())
    .addColumn("email", "varchar(254)", (c) => c.notNull().unique())
    .addColumn("password_hash", "varchar(200)", (c) => c.notNull())
    .addColumn("created_at", "varchar(32)", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("book")
    .addColumn("id", serial, (c) => c.primaryKey())
    .addColumn("owner_id", "integer", (c) => c.notNull().references("account.id").onDelete("cascade"))
    .addColumn("title", "varchar(300)", (c) => c.notNull())
    .addColumn("author", "varchar(200)", (c) => c.notNull())
    .addColumn("year", "integer")
    .addColumn("notes", "text", (c) => c.notNull())
    .addColumn("created_at", "varchar(32)", (c) => c.notNull())
    .addColumn("updated_at", "varchar(32)", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("book_owner").on("book").columns(["owner_id", "id"]).execute();
  await db.schema
    .createTable("audit")
    .addColumn("id", serial, (c) => c.primaryKey())
    .addColumn("account_id", "integer", (c) => c.notNull().references("account.id").onDelete("cascade"))
    .addColumn("action", "varchar(32)", (c) => c.notNull())
    .addColumn("book_id", "integer")
    .addColumn("at", "varchar(32)", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("audit").execute();
  await db.schema.dropTable("book").execute();
  await db.schema.dropTable("account").execute();
}
