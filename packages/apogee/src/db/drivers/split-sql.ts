/**
 * Splits an SQL script into statements at the `;` that end them, leaving alone the semicolons inside quotes
 * (`'…'`, `"…"`, `` `…` ``) and comments (`-- …`, `# …`, `/* … *∕`). Empty statements are dropped. (MySQL runs one
 * statement per query unless a connection allows several, which Apogee never turns on.)
 */
export function splitSql(script: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  const n = script.length;
  while (i < n) {
    const c = script[i]!;
    if (c === "'" || c === '"' || c === "`") {
      i = skipQuoted(script, i, c);
    } else if ((c === "-" && script[i + 1] === "-") || c === "#") {
      const end = script.indexOf("\n", i);
      i = end === -1 ? n : end + 1;
    } else if (c === "/" && script[i + 1] === "*") {
      const end = script.indexOf("*/", i + 2);
      i = end === -1 ? n : end + 2;
    } else if (c === ";") {
      push(out, script.slice(start, i));
      start = ++i;
    } else i++;
  }
  push(out, script.slice(start));
  return out;
}

// Past the closing quote; a doubled quote or a backslash escape stays inside.
function skipQuoted(s: string, at: number, quote: string): number {
  let i = at + 1;
  while (i < s.length) {
    const c = s[i]!;
    if (c === "\\" && quote !== "`") i += 2;
    else if (c === quote) {
      if (s[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return i;
}

function push(out: string[], statement: string): void {
  if (hasCode(statement)) out.push(statement.trim());
}

// Whether anything but whitespace and comments is left.
function hasCode(s: string): boolean {
  const stripped = s.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(--|#)[^\n]*/g, "");
  return stripped.trim() !== "";
}
