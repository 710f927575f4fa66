import type { Compilable, CompiledQuery, InferResult, Kysely } from "kysely";

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
 * - It runs on any `Kysely` of the database: a `Connection`, a `Transaction`, or the pool's own `kysely`.
 *
 * @example
 * const BookById = Books.prepare((db, p: Params<{ id: number }>) =>
 *   db.selectFrom("book").selectAll().where("id", "=", p.id));
 * const read = get("/books/<id>", { id: u32, db: Connection(Books) }, ({ id, db }) =>
 *   BookById.executeTakeFirst(db, { id }));
 */
export class Prepared<T, P extends object, Q extends Compilable<any>> {
  readonly #build: (db: Kysely<T>, params: Params<P>) => Q;
  // Compiled once per dialect: the key is the dialect's adapter, shared by every Kysely of a pool.
  readonly #templates = new WeakMap<object, Template>();

  /** @internal Use `Db.prepare(build)`. */
  constructor(build: (db: Kysely<T>, params: Params<P>) => Q) {
    this.#build = build;
  }

  /** Runs the query on `db` with `params`: every row (Kysely's `execute()`). */
  async execute(db: Kysely<T>, params: P): Promise<RowOf<Q>[]> {
    const result = await db.executeQuery<RowOf<Q>>(this.#bind(db, params));
    return result.rows;
  }

  /** Runs the query on `db` with `params`: the first row, or `undefined` (Kysely's `executeTakeFirst()`). */
  async executeTakeFirst(db: Kysely<T>, params: P): Promise<RowOf<Q> | undefined> {
    const result = await db.executeQuery<RowOf<Q>>(this.#bind(db, params));
    return result.rows[0];
  }

  /** The compiled SQL for `db`'s dialect, with `params` in place (what `execute` sends). */
  compile(db: Kysely<T>, params: P): CompiledQuery<RowOf<Q>> {
    return this.#bind(db, params);
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
