/**
 * The `Accept` header: parsing and Rocket's "preferred media type" (ROCKET.md §1.4,
 * `core/http/src/header/accept.rs`), reproduced exactly, quirk included.
 *
 * Pure HTTP vocabulary: imports nothing but `media-type.ts`.
 */
import { exactEquals, MediaType } from "./media-type.ts";

/**
 * Calls `each` with every comma-separated entry of `header` (commas inside quoted parameter values do
 * not split), untrimmed (`MediaType.parse` ignores surrounding whitespace). Stops early, returning
 * `false`, when `each` returns `false`.
 */
function forEachEntry(header: string, each: (entry: string) => boolean): boolean {
  let start = 0;
  let quoted = false;
  const n = header.length;
  for (let i = 0; i < n; i++) {
    const c = header.charCodeAt(i);
    if (quoted) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) quoted = false;
    } else if (c === 0x22) {
      quoted = true;
    } else if (c === 0x2c /* , */) {
      if (!each(header.slice(start, i))) return false;
      start = i + 1;
    }
  }
  return each(header.slice(start));
}

function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09) return false;
  }
  return true;
}

/**
 * The media types of an `Accept` header, in order. Lenient: empty entries and entries that are not valid
 * media types — or whose leading `q` is unparsable or outside `[0, 1]` — are skipped. `""` gives `[]`.
 */
export function parseAccept(header: string): MediaType[] {
  const out: MediaType[] = [];
  forEachEntry(header, (entry) => {
    const mt = MediaType.parse(entry);
    if (mt !== undefined && !mt.hasInvalidQ) out.push(mt);
    return true;
  });
  return out;
}

/**
 * The media types of an `Accept` header as Rocket parses it: `undefined` if any entry is invalid (empty
 * entries included), in which case Rocket treats the request as having no `Accept` header. A blank
 * header gives `[]`.
 */
export function parseAcceptStrict(header: string): MediaType[] | undefined {
  if (isBlank(header)) return [];
  const out: MediaType[] = [];
  const ok = forEachEntry(header, (entry) => {
    const mt = MediaType.parse(entry);
    if (mt === undefined || mt.hasInvalidQ) return false;
    out.push(mt);
    return true;
  });
  return ok ? out : undefined;
}

/**
 * Rocket's `Accept::preferred` over already-parsed entries: start with the first (or any/any if none);
 * each later entry `m` replaces the current `p` when
 * 1. `m` has no `q` and `p` has one; or
 * 2. `m.q` (default 0) > `p.q` (default 1); or
 * 3. `m` is more specific than `p` — **even with a lower `q`** (Rocket's quirk); or
 * 4. `m` and `p` are equal and `m` has more parameters (`q` counted). "Equal" is Rocket's `QMediaType ==`:
 *    same type/subtype (params ignored) **and the same weight** (both absent or numerically equal) —
 *    so `a/b;q=0.6;v=1, a/b;q=0.5;v=1;c=2` keeps the first.
 */
export function preferredOf(entries: readonly MediaType[]): MediaType {
  let p = entries[0];
  if (p === undefined) return MediaType.Any;
  for (let i = 1; i < entries.length; i++) {
    const m = entries[i]!;
    const mq = m.q;
    const pq = p.q;
    if (
      (mq === undefined && pq !== undefined) ||
      (mq ?? 0) > (pq ?? 1) ||
      m.specificity > p.specificity ||
      (exactEquals(m, p) && mq === pq && m.params.length > p.params.length)
    ) {
      p = m;
    }
  }
  return p;
}

/**
 * The client's preferred media type for an `Accept` header value (ROCKET.md §1.4). A missing or blank
 * header, or one with no valid entry, gives any/any. Invalid entries are skipped (see {@link parseAccept});
 * note that Rocket instead ignores the whole header when any entry is invalid (see {@link parseAcceptStrict}).
 */
export function preferredMediaType(header: string | undefined): MediaType {
  if (header === undefined || header.length === 0) return MediaType.Any;
  return preferredOf(parseAccept(header));
}
