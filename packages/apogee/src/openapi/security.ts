// An operation's security: the requirements its guards' security schemes make, and the schemes the document
// lists in its components.

import type { GuardDoc, SecuritySchemeDoc } from "../request/api-doc.ts";

/** A security requirement: scheme name → scopes. */
export type Requirement = Readonly<Record<string, readonly string[]>>;

// Every guard must pass, and each is satisfied by any one of its schemes: the requirements are the product of
// the guards' alternatives (an optional guard adds "no credentials").
export function securityOf(
  docs: readonly GuardDoc[],
  schemes: Map<string, { scheme: SecuritySchemeDoc; by: string }>,
  where: string,
  problems: string[],
): Requirement[] | undefined {
  let product: Record<string, string[]>[] | undefined;
  for (const doc of docs) {
    const security = doc.security;
    if (security === undefined || Object.keys(security).length === 0) continue;
    const alternatives: Record<string, string[]>[] = [];
    for (const [name, scheme] of Object.entries(security)) {
      const known = schemes.get(name);
      if (known === undefined) schemes.set(name, { scheme, by: where });
      else if (JSON.stringify(known.scheme) !== JSON.stringify(scheme)) {
        problems.push(
          `${where}: the security scheme "${name}" differs from the one ${known.by} uses; name them apart`,
        );
      }
      alternatives.push({ [name]: [...(doc.scopes ?? [])] });
    }
    if (doc.optional === true) alternatives.push({});
    const acc: Record<string, string[]>[] = product ?? [{}];
    product = acc.flatMap((a) => alternatives.map((b) => join(a, b)));
  }
  return product === undefined ? undefined : dedupe(product);
}

function join(a: Record<string, string[]>, b: Record<string, string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = [...new Set([...(out[k] ?? []), ...v])];
  return out;
}

/** Security requirements without repeats (compared by content). */
export function dedupe(list: readonly Requirement[]): Requirement[] {
  const seen = new Set<string>();
  return list.filter((r) => {
    const key = JSON.stringify(Object.entries(r).sort());
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
