// JSON data as YAML 1.2 block style: mappings and sequences indented by two, strings plain when YAML would read
// them back as the same string, else double-quoted with JSON's escapes (which YAML reads the same way).

// Plain scalars limited to what no YAML reader takes for anything but a string.
const PLAIN = /^[A-Za-z_/][A-Za-z0-9_ ./()-]*$/;
const RESERVED = /^(?:true|false|null|yes|no|on|off|y|n|~)$/i;

function scalar(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "boolean") return String(value);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "null";
  const s = String(value);
  return PLAIN.test(s) && !RESERVED.test(s) && !s.endsWith(" ") && !s.includes(" #") ? s : JSON.stringify(s);
}

function isBlock(value: unknown): value is object {
  if (value === null || typeof value !== "object") return false;
  return Array.isArray(value) ? value.length > 0 : Object.keys(value).length > 0;
}

function inline(value: unknown): string {
  if (Array.isArray(value)) return "[]";
  if (value !== null && typeof value === "object") return "{}";
  return scalar(value);
}

function block(value: object, indent: number, out: string[]): void {
  const pad = " ".repeat(indent);
  if (Array.isArray(value)) {
    for (const item of value) {
      if (!isBlock(item)) {
        out.push(`${pad}- ${inline(item)}`);
        continue;
      }
      const at = out.length;
      block(item, indent + 2, out);
      // The item's first line moves up beside its dash.
      out[at] = `${pad}- ${out[at]!.slice(indent + 2)}`;
    }
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue;
    if (isBlock(item)) {
      out.push(`${pad}${scalar(key)}:`);
      block(item, indent + 2, out);
    } else out.push(`${pad}${scalar(key)}: ${inline(item)}`);
  }
}

/**
 * JSON-compatible data as a YAML document (the OpenAPI document's `.yaml` form).
 *
 * @example
 * toYaml({ openapi: "3.1.0", paths: {} }); // "openapi: \"3.1.0\"\npaths: {}\n"
 */
export function toYaml(value: unknown): string {
  if (!isBlock(value)) return `${inline(value)}\n`;
  const out: string[] = [];
  block(value, 0, out);
  return `${out.join("\n")}\n`;
}
