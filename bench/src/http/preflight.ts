// Before any load, every server must answer every scenario exactly as expected, and refuse what it must refuse:
// a server that skipped the work (no validation, no guard) would otherwise win by cheating.
import { isDeepStrictEqual } from "node:util";
import type { Scenario } from "../scenarios.ts";

/** Checks `scenario` (and its refusals) against the server at `baseUrl`; returns what is wrong. */
export async function preflight(baseUrl: string, scenario: Scenario): Promise<string[]> {
  const problems: string[] = [];
  const res = await fetch(baseUrl + scenario.path, {
    method: scenario.method,
    headers: { ...scenario.headers },
    ...(scenario.body === undefined ? {} : { body: scenario.body }),
  });
  const text = await res.text();
  const e = scenario.expect;
  const shown = JSON.stringify(text.length > 120 ? `${text.slice(0, 120)}…` : text);
  if (res.status !== e.status) problems.push(`status ${res.status}, expected ${e.status} (body ${shown})`);
  if (e.mediaType !== undefined) {
    const type = res.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
    if (type !== e.mediaType) problems.push(`content-type ${type}, expected ${e.mediaType}`);
  }
  if (e.text !== undefined && text !== e.text)
    problems.push(`body ${shown}, expected ${JSON.stringify(e.text)}`);
  if (e.json !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (!isDeepStrictEqual(parsed, e.json)) problems.push(`body ${shown} is not the expected JSON`);
  }
  for (const [name, value] of Object.entries(e.headers ?? {})) {
    const got = res.headers.get(name);
    if (got !== value)
      problems.push(`header ${name}: ${JSON.stringify(got)}, expected ${JSON.stringify(value)}`);
  }
  for (const r of scenario.refusals ?? []) {
    const refused = await fetch(baseUrl + r.path, {
      method: r.method,
      headers: { ...r.headers },
      ...(r.body === undefined ? {} : { body: r.body }),
    });
    await refused.arrayBuffer();
    if (!r.statuses.includes(refused.status)) {
      problems.push(`${r.why}: status ${refused.status}, expected one of ${r.statuses.join(", ")}`);
    }
  }
  return problems.map((p) => `${scenario.id}: ${p}`);
}
