// The note table, written with Kysely's schema builder so the same migration runs on SQLite and PostgreSQL (an
// auto-numbered key is the one thing they spell differently).
import type { Kysely, MigrationContext } from "apogee/db";

export async function up(db: Kysely<any>, { driver }: MigrationContext): Promise<void> {
  await db.schema
    .createTable("note")
    .addColumn("id", driver === "postgres" ? "serial" : "integer", (c) => c.primaryKey())
    .addColumn("title", "varchar(200)", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "varchar(32)", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("note").execute();
}
