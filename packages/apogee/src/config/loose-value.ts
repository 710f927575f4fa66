// The loose value syntax of `APOGEE_*` environment variables (figment's `Value::from_str`).

/** A value read from an environment variable: a scalar, a list or a table of them. */
export type LooseValue = string | number | boolean | LooseValue[] | { [key: string]: LooseValue };

const FLOAT = /^[+-]?(?:\d+\.\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;
const KEY = /[A-Za-z0-9_\-/]/;

/**
 * Parses an environment variable's value as loose TOML, the way Rocket reads `ROCKET_*` variables.
 *
 * - `true`/`false` are booleans; `8001` and `-3` integers; a token with a dot that reads as a number (`1.5`) a
 *   float; `"…"` a string (no escapes) and `'c'` a one-character string.
 * - `[a, b]` is a list and `{k = v, …}` a table (keys of letters, digits, `_`, `-` and `/`, or quoted); values
 *   inside may be any of these, and bare words are strings: `[term, hup]`, `{form = 64 KiB}`.
 * - Anything else, or any input that does not parse as a whole, is the raw string (`127.0.0.1`, `/tmp/x`).
 *
 * @example
 * parseLooseValue('{json = "2 MiB"}'); // { json: "2 MiB" }
 */
export function parseLooseValue(text: string): LooseValue {
  const parser = new LooseParser(text);
  const value = parser.value();
  return value !== undefined && parser.atEnd() ? value : text;
}

class LooseParser {
  readonly #text: string;
  #at = 0;

  constructor(text: string) {
    this.#text = text;
  }

  atEnd(): boolean {
    return this.#at === this.#text.length;
  }

  /** One value with the whitespace around it, or `undefined` when the input does not parse. */
  value(): LooseValue | undefined {
    this.#skipSpace();
    const t = this.#text;
    let out: LooseValue | undefined;
    const c = t[this.#at];
    if (t.startsWith("true", this.#at)) {
      this.#at += 4;
      out = true;
    } else if (t.startsWith("false", this.#at)) {
      this.#at += 5;
      out = false;
    } else if (c === "{") out = this.#table();
    else if (c === "[") out = this.#list();
    else if (c === '"') out = this.#quoted();
    else if (c === "'") {
      const ch = t[this.#at + 1];
      if (ch === undefined || t[this.#at + 2] !== "'") return undefined;
      this.#at += 3;
      out = ch;
    } else out = this.#bare();
    this.#skipSpace();
    return out;
  }

  #bare(): LooseValue {
    const t = this.#text;
    const start = this.#at;
    while (this.#at < t.length && !",{}[]".includes(t[this.#at]!)) this.#at++;
    const token = t.slice(start, this.#at).trimEnd();
    this.#at = start + token.length;
    if (FLOAT.test(token)) return Number(token);
    if (INTEGER.test(token)) {
      const n = Number(token);
      // Integers past 64 bits stay strings, as in Rust; inside that range they are numbers.
      return Math.abs(n) < 2 ** 64 ? n : token;
    }
    return token;
  }

  #quoted(): string | undefined {
    const end = this.#text.indexOf('"', this.#at + 1);
    if (end === -1) return undefined;
    const s = this.#text.slice(this.#at + 1, end);
    this.#at = end + 1;
    return s;
  }

  #list(): LooseValue[] | undefined {
    this.#at++;
    const items: LooseValue[] = [];
    this.#skipSpace();
    if (this.#eat("]")) return items;
    for (;;) {
      const v = this.value();
      if (v === undefined) return undefined;
      items.push(v);
      if (this.#eat("]")) return items;
      if (!this.#eat(",")) return undefined;
    }
  }

  #table(): { [key: string]: LooseValue } | undefined {
    this.#at++;
    const table: { [key: string]: LooseValue } = {};
    this.#skipSpace();
    if (this.#eat("}")) return table;
    for (;;) {
      this.#skipSpace();
      const key = this.#text[this.#at] === '"' ? this.#quoted() : this.#key();
      if (key === undefined) return undefined;
      this.#skipSpace();
      if (!this.#eat("=")) return undefined;
      const v = this.value();
      if (v === undefined) return undefined;
      // defineProperty: a key named `__proto__` is data, never the prototype.
      Object.defineProperty(table, key, { value: v, enumerable: true, writable: true, configurable: true });
      if (this.#eat("}")) return table;
      if (!this.#eat(",")) return undefined;
    }
  }

  #key(): string | undefined {
    const start = this.#at;
    while (this.#at < this.#text.length && KEY.test(this.#text[this.#at]!)) this.#at++;
    return this.#at === start ? undefined : this.#text.slice(start, this.#at);
  }

  #eat(c: string): boolean {
    if (this.#text[this.#at] !== c) return false;
    this.#at++;
    return true;
  }

  #skipSpace(): void {
    while (this.#at < this.#text.length && /\s/.test(this.#text[this.#at]!)) this.#at++;
  }
}
