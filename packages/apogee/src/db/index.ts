// apogee/db: databases for Apogee (Rocket's rocket_db_pools): pools opened at ignite and closed at shutdown,
// request guards for connections and transactions, typed Kysely queries, and migrations. A curated list.

export type { Generated, Insertable, Kysely, Selectable, Updateable } from "kysely";
export { sql } from "kysely";
export { Database, database } from "./database.ts";
export type { DatabaseConfig } from "./db-config.ts";
export { type ConnectionValue, type DatabaseFamily, DbPool, Lease } from "./db-pool.ts";
export type { RedisClient, RedisMulti } from "./drivers/redis.ts";
export { Connection, Native, Transaction, type Unavailable } from "./guards.ts";
export type { MigrationContext, MigrationFile, MigrationModule } from "./migrations/files.ts";
export {
  MIGRATIONS_TABLE,
  MigrationError,
  type MigrationState,
  type MigrationStatus,
  Migrator,
  runMigrations,
} from "./migrations/migrator.ts";
export { MissingDriver } from "./peer.ts";
export { PoolError, type PoolStats } from "./pool.ts";
export { type Params, Prepared } from "./prepared.ts";
export { type DriverName, redactUrl, type SqlDriverName } from "./url.ts";
