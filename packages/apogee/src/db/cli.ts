import { Figment, isTable } from "../config/figment.ts";
import { readDatabaseConfig } from "./db-config.ts";
import { DbPool } from "./db-pool.ts";
import { MigrationError, type MigrationStatus, Migrator } from "./migrations/migrator.ts";
import { parseDatabaseUrl } from "./url.ts";

/** Where the command reads its configuration and writes its report (the process's own by default). */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
}

const USAGE = `Usage: apogee db <migrate|rollback|status> [options]

  migrate              apply every pending migration
  rollback [steps]     undo the last applied migration (or the last \`steps\`)
  status               list the migrations: applied, pending, changed or missing

Options:
  --database <name>    only this database (default: every SQL database in the configuration)
  --profile <name>     the configuration profile (default: APOGEE_PROFILE, else debug)
  --config <file>      the configuration file (default: APOGEE_CONFIG, else Apogee.toml)

Databases and their migrations folders come from \`databases.<name>\` in Apogee.toml and APOGEE_DATABASES
(\`migrations\`, default migrations/<name>). Migrations are .sql files (a \`-- down\` line starts the part that
undoes them) or modules exporting up(db) and down(db).`;

interface Options {
  readonly command: "migrate" | "rollback" | "status";
  readonly steps: number;
  readonly database: string | undefined;
  readonly profile: string | undefined;
  readonly config: string | undefined;
}

/**
 * The `apogee` command (`npx apogee db migrate|rollback|status`): runs migrations outside the app, against the
 * databases the configuration names. Resolves with the exit code: 0 when all went well, 1 when something
 * failed (every failure reported), 2 for a usage error.
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const options = parseArgs(argv);
  if (typeof options === "string") {
    io.err(options === "" ? USAGE : `${options}\n\n${USAGE}`);
    return options === "" ? 0 : 2;
  }
  const env = { ...(io.env ?? process.env) };
  if (options.profile !== undefined) env.APOGEE_PROFILE = options.profile;
  if (options.config !== undefined) env.APOGEE_CONFIG = options.config;
  const figment = Figment.apogee({ env, ...(io.cwd === undefined ? {} : { cwd: io.cwd }) });
  for (const p of figment.problems) io.err(`error: ${p.source ?? "configuration"}: ${p.message}`);
  if (figment.problems.length > 0) return 1;

  const all = figment.find("databases")?.value;
  const names = isTable(all) ? Object.keys(all) : [];
  const selected = options.database === undefined ? names : [options.database];
  if (options.database !== undefined && !names.includes(options.database)) {
    io.err(`error: no database \`${options.database}\` in the configuration (profile ${figment.profile})`);
    return 1;
  }
  if (selected.length === 0) {
    io.err(
      `error: the configuration names no databases (profile ${figment.profile}): add [default.databases.<name>]`,
    );
    return 1;
  }
  let failed = false;
  for (const name of selected) {
    const rawUrl = (isTable(all) && isTable(all[name]) ? all[name].url : undefined) as unknown;
    const parsed = typeof rawUrl === "string" ? parseDatabaseUrl(rawUrl, "sqlite") : undefined;
    const driver = typeof parsed === "object" ? parsed.driver : "sqlite";
    if (driver === "redis") {
      if (options.database !== undefined) {
        io.err(`error: database \`${name}\` is Redis: it has no migrations`);
        failed = true;
      }
      continue;
    }
    if (!(await runOne(name, driver, figment, options, io))) failed = true;
  }
  return failed ? 1 : 0;
}

async function runOne(
  name: string,
  driver: "sqlite" | "postgres" | "mysql",
  figment: Figment,
  options: Options,
  io: CliIo,
): Promise<boolean> {
  const report = readDatabaseConfig(figment, name, driver);
  if (!report.ok) {
    for (const p of report.problems)
      io.err(`error: ${p.key}: ${p.message}${p.source ? ` (${p.source})` : ""}`);
    return false;
  }
  const config = { ...report.config, min_connections: 0, max_connections: 1 };
  let pool: DbPool<any, "sql">;
  try {
    pool = await DbPool.open(name, config);
  } catch (e) {
    io.err(`error: could not connect to database \`${name}\` at ${config.url.redacted}: ${message(e)}`);
    return false;
  }
  try {
    const migrator = new Migrator(pool, config.migrations);
    if (options.command === "status") {
      io.out(`${name} (${config.url.redacted}, ${config.migrations})`);
      const rows = await migrator.status();
      if (rows.length === 0) io.out("  no migrations");
      for (const row of rows) io.out(statusLine(row));
      return !rows.some((r) => r.state === "changed" || r.state === "missing");
    }
    const done =
      options.command === "migrate" ? await migrator.migrate() : await migrator.rollback(options.steps);
    const verb = options.command === "migrate" ? "applied" : "rolled back";
    io.out(done.length === 0 ? `${name}: nothing to do` : `${name}: ${verb} ${done.join(", ")}`);
    return true;
  } catch (e) {
    if (e instanceof MigrationError) io.err(`error: ${e.message}`);
    else io.err(`error: database \`${name}\`: ${message(e)}`);
    return false;
  } finally {
    await pool.close(0);
  }
}

function statusLine(row: MigrationStatus): string {
  const when = row.appliedAt === undefined ? "" : `  ${row.appliedAt}`;
  return `  ${row.state.padEnd(8)} ${row.name}${when}`;
}

function parseArgs(argv: readonly string[]): Options | string {
  const args = [...argv];
  if (args.length === 0 || args.includes("--help") || args.includes("-h")) return "";
  if (args[0] !== "db") return `unknown command \`${args[0]}\``;
  const command = args[1];
  if (command !== "migrate" && command !== "rollback" && command !== "status") {
    return command === undefined ? "missing a db command" : `unknown db command \`${command}\``;
  }
  let steps = 1;
  let database: string | undefined;
  let profile: string | undefined;
  let config: string | undefined;
  for (let i = 2; i < args.length; i++) {
    const a = args[i]!;
    const value = () => {
      const v = args[++i];
      if (v === undefined || v.startsWith("--")) throw new Error(`${a} needs a value`);
      return v;
    };
    try {
      if (a === "--database") database = value();
      else if (a === "--profile") profile = value();
      else if (a === "--config") config = value();
      else if (command === "rollback" && /^\d+$/.test(a) && Number(a) >= 1) steps = Number(a);
      else return `unexpected argument \`${a}\``;
    } catch (e) {
      return message(e);
    }
  }
  return { command, steps, database, profile, config };
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function processIo(): CliIo {
  return { out: (line) => console.log(line), err: (line) => console.error(line) };
}
