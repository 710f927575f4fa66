// The `Authorization` header's credentials and the `WWW-Authenticate` challenge (RFC 9110 §11, RFC 6750 §3).

const TOKEN68 = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * The credentials after `scheme` in an `Authorization` header (the scheme compared case-insensitively):
 * `undefined` when the header is absent or uses another scheme; `""` when the scheme carries no well-formed
 * token (a malformed credential, refused by whoever verifies it).
 */
export function bearerToken(header: string | undefined, scheme: string): string | undefined {
  if (header === undefined) return undefined;
  const text = header.trim();
  const space = text.indexOf(" ");
  const name = space === -1 ? text : text.slice(0, space);
  if (name.toLowerCase() !== scheme.toLowerCase()) return undefined;
  const token = space === -1 ? "" : text.slice(space + 1).trim();
  return TOKEN68.test(token) ? token : "";
}

/**
 * The `WWW-Authenticate` challenge for `scheme`: bare for missing credentials (`Bearer realm="api"`), with
 * `error="invalid_token"` and the description when they were refused.
 */
export function challenge(scheme: string, realm?: string, invalid?: string): string {
  const params: string[] = [];
  if (realm !== undefined) params.push(`realm=${quote(realm)}`);
  if (invalid !== undefined) params.push('error="invalid_token"', `error_description=${quote(invalid)}`);
  return params.length === 0 ? scheme : `${scheme} ${params.join(", ")}`;
}

function quote(s: string): string {
  return `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
