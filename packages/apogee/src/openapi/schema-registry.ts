// JSON Schema for the document: Standard Schemas converted through their Standard JSON Schema hook (or a fallback
// converter), with their named definitions hoisted into `components.schemas` so every `$ref` resolves in the
// document.

import type { StandardSchema } from "../data/standard-schema.ts";
import type { JsonSchema } from "../request/api-doc.ts";

/** Whether a schema describes what a request sends (`input`) or what a response holds (`output`). */
export type SchemaSide = "input" | "output";

type Mutable = Record<string, unknown>;
type Converter = (schema: StandardSchema, side: SchemaSide) => Record<string, unknown>;

const COMPONENT_NAME = /[^A-Za-z0-9._-]/g;
const TARGET = { target: "draft-2020-12" } as const;

/**
 * The document's schemas: converts Standard Schemas, hoists their definitions into `components.schemas`
 * (same name and content: shared; same name, other content: suffixed), and collects every problem found.
 */
export class SchemaRegistry {
  /** `components.schemas`, by name. */
  readonly components: Record<string, JsonSchema> = {};
  /** Problems found, each naming where (`GET /books: the response 200 schema …`). */
  readonly problems: string[] = [];
  readonly #byContent = new Map<string, string>();
  readonly #cache = new Map<StandardSchema, Partial<Record<SchemaSide, JsonSchema>>>();
  #valibot: Converter | null | undefined;

  /** Registers a component under `name` (or a free variant of it; the same schema is shared) and refers to it. */
  component(name: string, schema: JsonSchema, side: SchemaSide = "output"): JsonSchema {
    return { $ref: ref(this.#claim(name, schema, side)) };
  }

  /**
   * The JSON Schema of `schema`, as the request sends it (`input`) or the response holds it (`output`).
   * `where` names the place for problems and, for a schema that refers to itself, its component.
   */
  async standard(schema: StandardSchema, side: SchemaSide, where: string, name: string): Promise<JsonSchema> {
    const cached = this.#cache.get(schema)?.[side];
    if (cached !== undefined) return cached;
    const raw = await this.#convert(schema, side, where);
    const out = raw === undefined ? {} : this.#hoist(raw, side, name);
    const entry = this.#cache.get(schema) ?? {};
    entry[side] = out;
    this.#cache.set(schema, entry);
    return out;
  }

  async #convert(schema: StandardSchema, side: SchemaSide, where: string): Promise<Mutable | undefined> {
    const std = schema["~standard"] as StandardSchema["~standard"] & {
      readonly jsonSchema?: Partial<Record<SchemaSide, (o: typeof TARGET) => Record<string, unknown>>>;
    };
    const vendor = std.vendor;
    try {
      const hook = std.jsonSchema?.[side];
      if (typeof hook === "function") return structuredClone(hook(TARGET));
      const own = ownConverter(schema);
      if (own !== undefined) return structuredClone(own());
      if (vendor === "valibot") {
        const valibot = await this.#loadValibot();
        if (valibot === null) {
          this.problems.push(
            `${where}: converting a valibot schema to JSON Schema needs the optional \`@valibot/to-json-schema\` package: npm install @valibot/to-json-schema`,
          );
          return undefined;
        }
        return structuredClone(valibot(schema, side));
      }
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      this.problems.push(`${where}: the ${vendor} schema cannot be expressed as JSON Schema (${why})`);
      return undefined;
    }
    this.problems.push(
      `${where}: the ${vendor} schema has no JSON Schema (it implements no Standard JSON Schema hook); give the route a JSON Schema instead`,
    );
    return undefined;
  }

  async #loadValibot(): Promise<Converter | null> {
    if (this.#valibot !== undefined) return this.#valibot;
    try {
      const mod = (await import("@valibot/to-json-schema")) as unknown as {
        toStandardJsonSchema(s: unknown): { "~standard": { jsonSchema: Record<SchemaSide, Converter> } };
      };
      this.#valibot = (schema, side) =>
        (
          mod.toStandardJsonSchema(schema)["~standard"].jsonSchema[side] as unknown as (
            o: typeof TARGET,
          ) => Record<string, unknown>
        )(TARGET);
    } catch {
      this.#valibot = null;
    }
    return this.#valibot;
  }

  // `$defs` (2020-12) and `definitions` (draft-07) become components, and so does the root of a schema that
  // refers to itself (`#`); refs are rewritten to point there. A definition keeps its name unless a different
  // schema has it (then `BookInput` for request schemas, else `Book2`); the same schema seen again is shared.
  #hoist(raw: Mutable, side: SchemaSide, name: string): JsonSchema {
    delete raw.$schema;
    delete raw.$id;
    const defs: [string, unknown][] = Object.entries({
      ...(raw.$defs as Mutable | undefined),
      ...(raw.definitions as Mutable | undefined),
    });
    delete raw.$defs;
    delete raw.definitions;
    if (refersToRoot(raw)) defs.push([ROOT, raw]);
    const wanted = (key: string) => (key === ROOT ? (typeof raw.title === "string" ? raw.title : name) : key);
    const renames = new Map(defs.map(([key]) => [key, sanitize(wanted(key))]));
    for (;;) {
      const rewritten = defs.map(([key, def]) => [key, retarget(structuredClone(def), renames)] as const);
      const clash = rewritten.find(([key, def]) => {
        const at = renames.get(key)!;
        const existing = this.components[at];
        const twice = [...renames].some(([k, n]) => k !== key && n === at);
        return twice || (existing !== undefined && JSON.stringify(existing) !== JSON.stringify(def));
      });
      if (clash === undefined) {
        for (const [key, def] of rewritten) this.#settle(renames.get(key)!, def as JsonSchema);
        const root = renames.get(ROOT);
        return root === undefined ? (retarget(raw, renames) as JsonSchema) : { $ref: ref(root) };
      }
      renames.set(clash[0], this.#free(wanted(clash[0]), side, renames));
    }
  }

  // A name no component and no other definition of this schema has.
  #free(wanted: string, side: SchemaSide, taken: ReadonlyMap<string, string>): string {
    const base = side === "input" ? `${sanitize(wanted)}Input` : sanitize(wanted);
    const used = new Set(taken.values());
    let name = base;
    for (let i = 2; Object.hasOwn(this.components, name) || used.has(name); i++) name = `${base}${i}`;
    return name;
  }

  #settle(name: string, schema: JsonSchema): void {
    this.components[name] = schema;
    const key = JSON.stringify(schema);
    if (!this.#byContent.has(key)) this.#byContent.set(key, name);
  }

  #claim(wanted: string, schema: JsonSchema, side: SchemaSide): string {
    const key = JSON.stringify(schema);
    const same = this.#byContent.get(key);
    if (same !== undefined) return same;
    const name = Object.hasOwn(this.components, sanitize(wanted))
      ? this.#free(wanted, side, new Map())
      : sanitize(wanted);
    this.#settle(name, schema);
    return name;
  }
}

const ROOT = "#";

function ref(name: string): string {
  return `#/components/schemas/${name}`;
}

// Points `$ref`s at the components their definitions became (`const` and `default` values are data, not schema).
function retarget(node: unknown, renames: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(node)) {
    for (const n of node) retarget(n, renames);
    return node;
  }
  if (node === null || typeof node !== "object") return node;
  const obj = node as Mutable;
  for (const [k, v] of Object.entries(obj)) {
    if (k === "$ref" && typeof v === "string") {
      const m = /^#\/(?:\$defs|definitions)\/(.+)$/.exec(v);
      const key = v === "#" ? ROOT : m === null ? undefined : m[1]!.replace(/~1/g, "/").replace(/~0/g, "~");
      const to = key === undefined ? undefined : renames.get(key);
      if (to !== undefined) obj.$ref = ref(to);
    } else if (k !== "const" && k !== "default" && k !== "examples") retarget(v, renames);
  }
  return node;
}

function sanitize(name: string): string {
  const clean = name.replace(COMPONENT_NAME, "_");
  return clean === "" ? "Schema" : clean;
}

function refersToRoot(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(refersToRoot);
  if (node === null || typeof node !== "object") return false;
  for (const [k, v] of Object.entries(node)) {
    if (k === "$ref" && v === "#") return true;
    if (k !== "const" && k !== "default" && refersToRoot(v)) return true;
  }
  return false;
}

// Libraries that predate the Standard JSON Schema hook but convert on their own (arktype's `toJsonSchema()`).
function ownConverter(schema: StandardSchema): (() => Record<string, unknown>) | undefined {
  const s = schema as unknown as { toJsonSchema?: () => Record<string, unknown> };
  return typeof s.toJsonSchema === "function" ? () => s.toJsonSchema!() : undefined;
}
