import type { StandardSchema } from "../data/standard-schema.ts";

/**
 * A name for managed state that is not keyed by its class: numbers, strings, plain objects, maps (any value
 * whose class other values share). Create it once, next to the code that uses it.
 *
 * @example
 * const HitCount = stateKey<{ count: number }>("hit count");
 * build().manage(HitCount, { count: 0 });
 * get("/", { hits: State(HitCount) }, ({ hits }) => `visit #${++hits.count}`);
 */
export class StateKey<T> {
  /** Shown in logs and launch errors. */
  readonly name: string;
  /** Carries the value's type; never set at runtime. */
  declare readonly type?: T;
  // Makes keys nominal: a class (which also has a `name`) is never mistaken for one.
  readonly #key = true;

  constructor(name: string) {
    this.name = name;
  }

  /** Whether `value` is a key made by `stateKey(...)`. */
  static isKey(value: unknown): value is StateKey<unknown> {
    return typeof value === "object" && value !== null && #key in value;
  }

  toString(): string {
    return this.name;
  }
}

/** Creates a key for managed state of type `T` (see {@link StateKey}). */
export function stateKey<T>(name: string): StateKey<T> {
  return new StateKey<T>(name);
}

/** A class: its instances are managed, and found, under the class itself. */
export type StateClass<T = any> = abstract new (...args: any[]) => T;

/**
 * What managed state can be keyed by: a class, a `stateKey(...)`, or a Standard Schema (`AdHoc.config(schema)`
 * manages the configuration it validated under the schema itself).
 */
export type StateKeyLike = StateKey<any> | StateClass | StandardSchema<any, any>;

/** The type of the value managed under key `K`. */
export type StateValue<K> =
  K extends StateClass<infer I>
    ? I
    : K extends StateKey<infer T>
      ? T
      : K extends StandardSchema<any, infer O>
        ? O
        : never;

/** The name of a state key, as logs and launch errors show it: the class name, or the key's name. */
export function stateKeyName(key: unknown): string {
  if (StateKey.isKey(key)) return key.name;
  if (typeof key === "function") return key.name === "" ? "<anonymous class>" : key.name;
  if (isConfigSchema(key)) return "config schema";
  return String(key);
}

/** Whether `key` can key managed state. */
export function isStateKey(key: unknown): key is StateKeyLike {
  return StateKey.isKey(key) || typeof key === "function" || isConfigSchema(key);
}

function isConfigSchema(key: unknown): key is StandardSchema {
  return (
    typeof key === "object" &&
    key !== null &&
    typeof (key as { "~standard"?: { validate?: unknown } })["~standard"]?.validate === "function"
  );
}

// Built-in classes whose instances are too common to key state by their class: one app-wide `Map` is a trap.
const SHARED_CLASSES: ReadonlySet<Function> = new Set<Function>([
  Object,
  Array,
  Map,
  Set,
  WeakMap,
  WeakSet,
  Date,
  RegExp,
  Promise,
  Error,
  ArrayBuffer,
  Uint8Array,
  Buffer,
  String,
  Number,
  Boolean,
  BigInt,
  Symbol,
  Function,
]);

/**
 * The values an app manages (Rocket's managed state): one value per key, a key managed twice is an error.
 * The app owns one while it is built; ignition freezes a copy.
 */
export class ManagedState {
  readonly #values: Map<unknown, unknown>;
  #frozen = false;

  constructor(values?: ReadonlyMap<unknown, unknown>) {
    this.#values = new Map(values);
  }

  /**
   * Stores `value` under `key`. Throws when the key is already managed, when the state is frozen, or when `key`
   * cannot key state.
   */
  set(key: unknown, value: unknown): void {
    if (!isStateKey(key)) {
      throw new TypeError(
        `manage(): ${describe(key)} cannot key managed state: use a class, or a key made with stateKey(name)`,
      );
    }
    if (this.#frozen) throw new Error(`manage(): state is frozen once the app has ignited`);
    if (this.#values.has(key))
      throw new Error(`manage(): state for ${stateKeyName(key)} is already being managed`);
    this.#values.set(key, value);
  }

  /** The key a lone value is managed under: its class. Throws, with the fix, for values that need a key. */
  static classOf(value: unknown): StateClass {
    if (value === null || (typeof value !== "object" && typeof value !== "function")) {
      throw new TypeError(
        `manage(${describe(value)}): a ${typeof value} has no class to key it; name it with a key: ` +
          `const Key = stateKey<${tsType(value)}>("name"); app.manage(Key, value)`,
      );
    }
    const proto: unknown = Object.getPrototypeOf(value);
    const ctor = (proto as { constructor?: unknown } | null)?.constructor;
    if (typeof ctor !== "function" || SHARED_CLASSES.has(ctor) || typeof value === "function") {
      const what = typeof ctor === "function" && typeof value !== "function" ? ctor.name : typeof value;
      throw new TypeError(
        `manage(): a ${what} would be keyed by a class every such value shares; name it with a key: ` +
          `const Key = stateKey<…>("name"); app.manage(Key, value)`,
      );
    }
    return ctor as StateClass;
  }

  /** Whether `key` is managed. */
  has(key: unknown): boolean {
    return this.#values.has(key);
  }

  /** The value managed under `key`, or `undefined`. */
  get<K>(key: K): StateValue<K> | undefined {
    return this.#values.get(key) as StateValue<K> | undefined;
  }

  /** A frozen copy: what an ignited app serves from. */
  freeze(): ManagedState {
    const copy = new ManagedState(this.#values);
    copy.#frozen = true;
    return copy;
  }
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "function") return `function ${value.name}`;
  if (typeof value === "object" && value !== null) return "an object";
  return String(value);
}

function tsType(value: unknown): string {
  return value === null || value === undefined ? String(value) : typeof value;
}
