import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/** A driver package that is not installed: launch aborts with this, naming the package to install. */
export class MissingDriver extends Error {
  /** The npm package to install. */
  readonly package: string;

  constructor(pkg: string, database: string, driver: string) {
    super(
      `database \`${database}\` uses the ${driver} driver, but its package is not installed: ` +
        `run \`npm install ${pkg}\``,
    );
    this.name = "MissingDriver";
    this.package = pkg;
  }
}

const loaded = new Map<string, Promise<unknown>>();

/**
 * Loads an optional peer dependency (a driver package) by name: from Apogee's own location first, then from the
 * app's working directory (where a strict package manager puts the app's dependencies). The specifier is a
 * variable on purpose: type-checking the app never requires a driver it does not use.
 */
export function loadPeer<T>(pkg: string, database: string, driver: string): Promise<T> {
  let p = loaded.get(pkg);
  if (p === undefined) {
    p = importPeer(pkg);
    loaded.set(pkg, p);
    p.catch(() => loaded.delete(pkg));
  }
  return p.then(
    (mod) => mod as T,
    (e: unknown) => {
      if (isNotFound(e, pkg)) throw new MissingDriver(pkg, database, driver);
      throw e;
    },
  );
}

async function importPeer(pkg: string): Promise<unknown> {
  const specifier: string = pkg;
  try {
    return unwrap(await import(specifier));
  } catch (e) {
    if (!isNotFound(e, pkg)) throw e;
    const fromApp = createRequire(join(process.cwd(), "package.json"));
    let resolved: string;
    try {
      resolved = fromApp.resolve(pkg);
    } catch {
      throw e;
    }
    return unwrap(await import(pathToFileURL(resolved).href));
  }
}

// CommonJS packages (pg, mysql2, better-sqlite3) arrive as `{ default: module.exports }`.
function unwrap(mod: unknown): unknown {
  const m = mod as { default?: unknown };
  return m.default !== undefined && m.default !== null ? m.default : mod;
}

function isNotFound(e: unknown, pkg: string): boolean {
  const err = e as NodeJS.ErrnoException;
  return (
    (err?.code === "ERR_MODULE_NOT_FOUND" || err?.code === "MODULE_NOT_FOUND") &&
    typeof err.message === "string" &&
    err.message.includes(`'${pkg}'`)
  );
}
