import type { Compilable, CompiledQuery, InferResult, Kysely, QueryResult } from "kysely";
import { Status } from "../http/status.ts";
import type { Request } from "../request/request.ts";
import type { Responded, Responder } from "../response/responder.ts";
import { DbPool, type Lease } from "./db-pool.ts";
import { warnUnavailable } from "./guards.ts";

/**
 * The parameters of a prepared query as its builder sees them: `p.id` stands for the `id` given at each run. Name
 * their types on the builder's second argument: `(db, p: Params<{ id: number }>) => …`.
 */
export type Params<P extends object> = { readonly [K in keyof P]: P[K] };

/** One row of what a prepared query's builder returns (`InferResult` of a select gives the rows). */
type RowOf<Q extends Compilable<any>> = InferResult<Q> extends readonly (infer R)[] ? R : InferResult<Q>;

// What a parameter is while the query is built and compiled: a marker the compiled parameters are searched for.
class Placeholder {
  readonly name: string;
  constructor(name: string) {
    this.name = name;
  }
}

// A query compiled for one dialect: its SQL and parameters, and where each named parameter goes in them.
interface Template {
  readonly compiled: CompiledQuery;
  readonly slots: readonly (readonly [index: number, name: string])[];
}

/**
 * A typed query built and compiled once, then run with new parameter values (Drizzle's `prepare()`, for Kysely):
 * per request it skips building the query and compiling its SQL, which is most of what a typed query costs
 * beside the database's own work. Create one with `Db.prepare(build)`.
 *
 * - `build(db, p)` runs once per dialect (the first time the query runs on SQLite, PostgreSQL or MySQL), with the
 *   parameters as placeholders: `p.id` is the `id` given to `execute(db, { id })`.
 * - A placeholder stands for one value, wherever Kysely makes a value a query parameter (`where`, `values`,
 *   `set`, `limit`, …). A list for `in` is not one value: build such a query per request. A placeholder that did
 *   not become a parameter (inlined with `sql.lit`, say) throws when the query is first compiled.
 * - It runs on any `Kysely` of the database (a `Connection`, a `Transaction`, the pool's own `kysely`), or on
 *   the pool itself (`Db` as the guard): then it takes a connection for this one query and gives it back at once,
 *   the leanest way to answer with a single query. When no connection frees up within `connect_timeout`, it
 *   throws a responder that answers 503, as the `Connection` guard does.
 *
 * @example
 * const BookById = Books.prepare((db, p: Params<{ id: number }>) =>
 *   db.selectFrom("book").selectAll().where("id", "=", p.id));
 * const read = get("/books/<id>", { id: u32, pool: Books }, ({ id, pool }) =>
 *   BookById.executeTakeFirst(pool, { id }));
 */
export class Prepared<T, P extends object, Q extends Compilable<any>> {
  readonly #build: (db: Kysely<T>, params: Params<P>) => Q;
  // Compiled once per dialect: the key is the dialect's adapter, shared by every Kysely of a pool.
  readonly #templates = new WeakMap<object, Template>();

  /** @internal Use `Db.prepare(build)`. */
  constructor(build: (db: Kysely<T>, params: Params<P>) => Q) {
    this.#build = build;
  }

  /** Runs the query on `db` (a `Kysely` of the database, or its pool) with `params`: every row (Kysely's `execute()`). */
  async execute(db: Kysely<T> | DbPool<T, "sql">, params: P): Promise<RowOf<Q>[]> {
    return (await this.#run(db, params)).rows;
  }

  /** Runs the query on `db` with `params`: the first row, or `undefined` (Kysely's `executeTakeFirst()`). */
  async executeTakeFirst(db: Kysely<T> | DbPool<T, "sql">, params: P): Promise<RowOf<Q> | undefined> {
    return (await this.#run(db, params)).rows[0];
  }

  /** The compiled SQL for `db`'s dialect, with `params` in place (what `execute` sends). */
  compile(db: Kysely<T>, params: P): CompiledQuery<RowOf<Q>> {
    return this.#bind(db, params);
  }

  #run(db: Kysely<T> | DbPool<T, "sql">, params: P): Promise<QueryResult<RowOf<Q>>> {
    if (!(db instanceof DbPool)) return db.executeQuery(this.#bind(db, params));
    const query = this.#bind(db.kysely, params);
    const lease = db.tryLease();
    return lease === undefined ? runWhenFree(db, query) : runOn(lease, query);
  }

  #bind(db: Kysely<T>, params: P): CompiledQuery<RowOf<Q>> {
    const template = this.#templateFor(db);
    const parameters = template.compiled.parameters.slice();
    for (const [index, name] of template.slots) parameters[index] = (params as Record<string, unknown>)[name];
    return { ...template.compiled, parameters } as CompiledQuery<RowOf<Q>>;
  }

  #templateFor(db: Kysely<T>): Template {
    // Kysely marks `getExecutor()` internal, but it is the one handle on a Kysely's dialect; its adapter is made
    // once per dialect instance and shared by every Kysely and transaction derived from it.
    const adapter = db.getExecutor().adapter;
    let template = this.#templates.get(adapter);
    if (template === undefined) {
      template = compileTemplate(db, this.#build);
      this.#templates.set(adapter, template);
    }
    return template;
  }
}

async function runOn<R>(lease: Lease, query: CompiledQuery<R>): Promise<QueryResult<R>> {
  try {
    return await lease.executeQuery<R>(query);
  } finally {
    lease.release();
  }
}

async function runWhenFree<R>(pool: DbPool<any, "sql">, query: CompiledQuery<R>): Promise<QueryResult<R>> {
  let lease: Lease;
  try {
    lease = await pool.lease();
  } catch (e) {
    throw new Unavailable(pool.name, e);
  }
  return runOn(lease, query);
}

// Thrown when the pool had no connection for a prepared query: answers 503 with the reason in `req.error` for
// the catcher, as the `Connection` guard does.
class Unavailable implements Responder {
  readonly #db: string;
  readonly #reason: unknown;

  constructor(db: string, reason: unknown) {
    this.#db = db;
    this.#reason = reason;
  }

  respondTo(req: Request): Responded {
    warnUnavailable(req, this.#db, this.#reason);
    req.error = this.#reason;
    return Status.ServiceUnavailable;
  }
}

function compileTemplate<T>(db: Kysely<T>, build: (db: Kysely<T>, params: any) => Compilable<any>): Template {
  const named = new Map<string, Placeholder>();
  const placeholders = new Proxy({} as Record<string, Placeholder>, {
    get(_target, name) {
      if (typeof name !== "string") return undefined;
      let p = named.get(name);
      if (p === undefined) {
        p = new Placeholder(name);
        named.set(name, p);
      }
      return p;
    },
  });
  const compiled = build(db, placeholders).compile();
  const slots: [number, string][] = [];
  compiled.parameters.forEach((value, index) => {
    if (value instanceof Placeholder) slots.push([index, value.name]);
  });
  for (const name of named.keys()) {
    if (!slots.some(([, n]) => n === name)) {
      throw new Error(
        `prepared query: the placeholder \`${name}\` did not become a query parameter (a prepared query's ` +
          "placeholder stands for one value: not a list for `in`, and not a value inlined into the SQL)",
      );
    }
  }
  return { compiled, slots };
}
