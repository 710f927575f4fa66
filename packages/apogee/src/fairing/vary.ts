import type { Response } from "../response/response.ts";

/** The lower-cased, trimmed items of a comma-separated header, empty ones dropped. */
export function splitList(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== "");
}

/** Adds `names` to the response's `Vary` header, keeping what it had and never listing a name twice. */
export function appendVary(res: Response, names: string): void {
  const prev = res.headers.vary;
  const current = prev === undefined ? "" : Array.isArray(prev) ? prev.join(", ") : prev;
  if (current.trim() === "*") return;
  const have = new Set(splitList(current));
  const add = names
    .split(",")
    .map((n) => n.trim())
    .filter((n) => !have.has(n.toLowerCase()));
  if (add.length === 0) return;
  res.headers.vary = current === "" ? add.join(", ") : `${current}, ${add.join(", ")}`;
}
