/**
 * Media types (Rocket's `MediaType`): parsing, the `format = "..."` shorthands, the known types and the
 * `collides` relation used by format matching and route collision checks (ROCKET.md §1.1, §1.4, §1.6).
 *
 * Pure HTTP vocabulary: imports nothing.
 */

/** A media-type parameter: `[name, value]`. Names are lower-cased; values are kept as sent (unquoted). */
export type MediaParam = readonly [name: string, value: string];

// RFC 7230 `tchar` as Rocket's `is_valid_token` accepts it: `0-9 A-Z ^-~ #-' ! * + - .`
// (`^`..`~` also takes in `{`, `|`, `}` — Rocket's quirk, kept).
const TOKEN = new Uint8Array(128);
for (let c = 0x30; c <= 0x39; c++) TOKEN[c] = 1;
for (let c = 0x41; c <= 0x5a; c++) TOKEN[c] = 1;
for (let c = 0x5e; c <= 0x7e; c++) TOKEN[c] = 1;
for (let c = 0x23; c <= 0x27; c++) TOKEN[c] = 1;
for (const ch of "!*+-.") TOKEN[ch.charCodeAt(0)] = 1;

function isTokenChar(c: number): boolean {
  return c < 128 && TOKEN[c] === 1;
}

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

function isToken(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) if (!isTokenChar(s.charCodeAt(i))) return false;
  return true;
}

// Rust's `f32::from_str` decimal grammar (the `inf`/`infinity`/`nan` spellings are handled separately).
const RUST_FLOAT = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

/**
 * Rocket's weight rule (`core/http/src/parse/accept.rs`): only a *first* parameter named `q` (any case)
 * counts; a value longer than 5 characters is no weight at all; otherwise it must parse as a float in
 * `[0, 1]`. Returns `undefined` for "no weight" and `null` for "an invalid weight" (Rocket rejects the
 * Accept header then). `nan` is accepted, as Rust accepts it (it never compares greater).
 */
function weightOf(params: readonly MediaParam[]): number | undefined | null {
  const first = params[0];
  if (first === undefined || first[0] !== "q") return undefined;
  const value = first[1];
  if (value.length > 5) return undefined;
  if (!RUST_FLOAT.test(value)) {
    // Rust also parses `inf`/`nan` (optionally signed): ±inf is out of range, NaN is a (useless) weight.
    const unsigned = value.charCodeAt(0) === 0x2b || value.charCodeAt(0) === 0x2d ? value.slice(1) : value;
    return unsigned.toLowerCase() === "nan" ? Number.NaN : null;
  }
  const q = Number(value);
  if (q > 1 || q < 0) return null;
  return q;
}

function quoteIfNeeded(value: string): string {
  if (isToken(value)) return value;
  return `"${value.replace(/(["\\])/g, "\\$1")}"`;
}

/** A media type `top/sub; k=v…`. Immutable. `top`, `sub` and parameter names are lower-cased. */
export class MediaType {
  /** The top-level type, lower-cased (`*` for a wildcard). */
  readonly top: string;
  /** The subtype, lower-cased (`*` for a wildcard). */
  readonly sub: string;
  /** The parameters in source order, names lower-cased, values unquoted (as sent otherwise). */
  readonly params: readonly MediaParam[];
  readonly #q: number | undefined | null;
  #text: string | undefined;

  /**
   * Builds a media type from its parts. Parts are lower-cased (parameter values are not); no validation
   * is done — use {@link MediaType.parse} for untrusted text.
   */
  constructor(top: string, sub: string, params: readonly (readonly [string, string])[] = []) {
    this.top = top.toLowerCase();
    this.sub = sub.toLowerCase();
    this.params = Object.freeze(params.map(([k, v]) => Object.freeze([k.toLowerCase(), v] as const)));
    this.#q = weightOf(this.params);
  }

  /**
   * The weight: the value of a *leading* `q` parameter, exactly as Rocket reads it (only the first
   * parameter counts, values over 5 characters are ignored). `undefined` when absent or invalid.
   */
  get q(): number | undefined {
    return this.#q ?? undefined;
  }

  /** Whether a leading `q` parameter is present but invalid (unparsable or outside `[0, 1]`). */
  get hasInvalidQ(): boolean {
    return this.#q === null;
  }

  /** The number of non-`*` parts: 0 for any/any, 1 for `text/` + any, 2 for `text/html`. */
  get specificity(): 0 | 1 | 2 {
    return ((this.top !== "*" ? 1 : 0) + (this.sub !== "*" ? 1 : 0)) as 0 | 1 | 2;
  }

  /** The value of the first parameter named `name` (case-insensitively), if any. */
  param(name: string): string | undefined {
    const key = name.toLowerCase();
    for (const [k, v] of this.params) if (k === key) return v;
    return undefined;
  }

  /** Whether this and `other` collide (see {@link collides}). */
  collides(other: MediaType): boolean {
    return collides(this, other);
  }

  /** Whether top and sub are equal to `other`'s (params ignored) — Rocket's `MediaType == MediaType`. */
  exactEquals(other: MediaType): boolean {
    return exactEquals(this, other);
  }

  /** Canonical form: `top/sub` then `; name=value` per parameter, values quoted when not tokens. */
  toString(): string {
    if (this.#text === undefined) {
      let s = `${this.top}/${this.sub}`;
      for (const [k, v] of this.params) s += `; ${k}=${quoteIfNeeded(v)}`;
      this.#text = s;
    }
    return this.#text;
  }

  /**
   * Parses an RFC 7231 `media-type` (`type "/" subtype *( OWS ";" OWS name "=" value )`, values tokens
   * or quoted strings). Leading/trailing whitespace is ignored. `undefined` when invalid (as Rocket:
   * `a/b;`, `a/b; x = y`, `text/`, an unterminated quote…).
   */
  static parse(text: string): MediaType | undefined {
    let end = text.length;
    let i = 0;
    while (i < end && isWs(text.charCodeAt(i))) i++;
    while (end > i && isWs(text.charCodeAt(end - 1))) end--;

    const topStart = i;
    while (i < end && isTokenChar(text.charCodeAt(i))) i++;
    if (i === topStart || i >= end || text.charCodeAt(i) !== 0x2f /* / */) return undefined;
    const top = text.slice(topStart, i);
    i++;
    const subStart = i;
    while (i < end && isTokenChar(text.charCodeAt(i))) i++;
    if (i === subStart) return undefined;
    const sub = text.slice(subStart, i);

    const params: [string, string][] = [];
    for (;;) {
      while (i < end && isWs(text.charCodeAt(i))) i++;
      if (i >= end) break;
      if (text.charCodeAt(i) !== 0x3b /* ; */) return undefined;
      i++;
      while (i < end && isWs(text.charCodeAt(i))) i++;
      const keyStart = i;
      while (i < end && isTokenChar(text.charCodeAt(i))) i++;
      if (i === keyStart || i >= end || text.charCodeAt(i) !== 0x3d /* = */) return undefined;
      const key = text.slice(keyStart, i);
      i++;
      let value: string;
      if (i < end && text.charCodeAt(i) === 0x22 /* " */) {
        i++;
        value = "";
        let runStart = i;
        for (;;) {
          if (i >= end) return undefined; // unterminated
          const c = text.charCodeAt(i);
          if (c === 0x22) break;
          if (c === 0x5c /* \ */) {
            if (i + 1 >= end) return undefined;
            value += text.slice(runStart, i);
            runStart = i + 1; // keep the escaped character
            i += 2;
            continue;
          }
          i++;
        }
        value += text.slice(runStart, i);
        i++; // closing quote
      } else {
        const valueStart = i;
        while (i < end && isTokenChar(text.charCodeAt(i))) i++;
        if (i === valueStart) return undefined;
        value = text.slice(valueStart, i);
      }
      params.push([key, value]);
    }
    return new MediaType(top, sub, params);
  }

  /**
   * A `format = "..."` value: a shorthand (case-insensitive: `any`, `binary`, `bytes`, `html`, `plain`,
   * `text`, `json`, `msgpack`, `form`, `js`, `css`, `multipart`, `xml`, `pdf`, `markdown`, `md`) or else
   * a full media type (Rocket's `MediaType::parse_flexible`). `undefined` when neither.
   */
  static parseFormat(text: string): MediaType | undefined {
    return SHORTHANDS.get(text.toLowerCase()) ?? MediaType.parse(text);
  }

  /** The known media type for a file extension (case-insensitive, without the dot), as Rocket maps them. */
  static fromExtension(ext: string): MediaType | undefined {
    return EXTENSIONS.get(ext.toLowerCase());
  }

  /** Whether `mt` is (by top/sub, params ignored) one of Rocket's known media types. */
  static isKnown(mt: MediaType): boolean {
    return KNOWN.has(`${mt.top}/${mt.sub}`);
  }

  static readonly Any = new MediaType("*", "*");
  static readonly Binary = new MediaType("application", "octet-stream");
  static readonly Bytes = new MediaType("application", "octet-stream");
  static readonly HTML = new MediaType("text", "html", [["charset", "utf-8"]]);
  static readonly Plain = new MediaType("text", "plain", [["charset", "utf-8"]]);
  static readonly Text = new MediaType("text", "plain", [["charset", "utf-8"]]);
  static readonly JSON = new MediaType("application", "json");
  static readonly MsgPack = new MediaType("application", "msgpack");
  static readonly Form = new MediaType("application", "x-www-form-urlencoded");
  static readonly JavaScript = new MediaType("text", "javascript");
  static readonly CSS = new MediaType("text", "css", [["charset", "utf-8"]]);
  static readonly FormData = new MediaType("multipart", "form-data");
  static readonly XML = new MediaType("text", "xml", [["charset", "utf-8"]]);
  static readonly CSV = new MediaType("text", "csv", [["charset", "utf-8"]]);
  static readonly PNG = new MediaType("image", "png");
  static readonly GIF = new MediaType("image", "gif");
  static readonly BMP = new MediaType("image", "bmp");
  static readonly JPEG = new MediaType("image", "jpeg");
  static readonly WEBP = new MediaType("image", "webp");
  static readonly AVIF = new MediaType("image", "avif");
  static readonly SVG = new MediaType("image", "svg+xml");
  static readonly Icon = new MediaType("image", "x-icon");
  static readonly WEBM = new MediaType("video", "webm");
  static readonly WEBA = new MediaType("audio", "webm");
  static readonly OGG = new MediaType("video", "ogg");
  static readonly FLAC = new MediaType("audio", "flac");
  static readonly WAV = new MediaType("audio", "wav");
  static readonly PDF = new MediaType("application", "pdf");
  static readonly TTF = new MediaType("application", "font-sfnt");
  static readonly OTF = new MediaType("application", "font-sfnt");
  static readonly WOFF = new MediaType("application", "font-woff");
  static readonly WOFF2 = new MediaType("font", "woff2");
  static readonly JsonApi = new MediaType("application", "vnd.api+json");
  static readonly WASM = new MediaType("application", "wasm");
  static readonly TIFF = new MediaType("image", "tiff");
  static readonly AAC = new MediaType("audio", "aac");
  static readonly Calendar = new MediaType("text", "calendar");
  static readonly MPEG = new MediaType("video", "mpeg");
  static readonly TAR = new MediaType("application", "x-tar");
  static readonly GZIP = new MediaType("application", "gzip");
  static readonly MOV = new MediaType("video", "quicktime");
  static readonly MP4 = new MediaType("video", "mp4");
  static readonly ZIP = new MediaType("application", "zip");
  static readonly EventStream = new MediaType("text", "event-stream");
  static readonly SEP2 = new MediaType("application", "sep+xml");
  static readonly Markdown = new MediaType("text", "markdown", [["charset", "utf-8"]]);
}

/**
 * Rocket's format collision: top and sub each equal (case-insensitively) or either side `*`; params
 * ignored. Used both for matching a request's format against a route's and for route collisions.
 */
export function collides(a: MediaType, b: MediaType): boolean {
  return (
    (a.top === b.top || a.top === "*" || b.top === "*") && (a.sub === b.sub || a.sub === "*" || b.sub === "*")
  );
}

/** Top and sub equal (case-insensitively; parts are stored lower-cased), params ignored. */
export function exactEquals(a: MediaType, b: MediaType): boolean {
  return a.top === b.top && a.sub === b.sub;
}

const SHORTHANDS: ReadonlyMap<string, MediaType> = new Map([
  ["any", MediaType.Any],
  ["binary", MediaType.Binary],
  ["bytes", MediaType.Bytes],
  ["html", MediaType.HTML],
  ["plain", MediaType.Plain],
  ["text", MediaType.Text],
  ["json", MediaType.JSON],
  ["msgpack", MediaType.MsgPack],
  ["form", MediaType.Form],
  ["js", MediaType.JavaScript],
  ["css", MediaType.CSS],
  ["multipart", MediaType.FormData],
  ["xml", MediaType.XML],
  ["pdf", MediaType.PDF],
  ["markdown", MediaType.Markdown],
  ["md", MediaType.Markdown],
]);

const EXTENSIONS: ReadonlyMap<string, MediaType> = new Map([
  ["txt", MediaType.Plain],
  ["html", MediaType.HTML],
  ["htm", MediaType.HTML],
  ["xml", MediaType.XML],
  ["csv", MediaType.CSV],
  ["js", MediaType.JavaScript],
  ["css", MediaType.CSS],
  ["json", MediaType.JSON],
  ["png", MediaType.PNG],
  ["gif", MediaType.GIF],
  ["bmp", MediaType.BMP],
  ["jpeg", MediaType.JPEG],
  ["jpg", MediaType.JPEG],
  ["webp", MediaType.WEBP],
  ["avif", MediaType.AVIF],
  ["svg", MediaType.SVG],
  ["ico", MediaType.Icon],
  ["flac", MediaType.FLAC],
  ["wav", MediaType.WAV],
  ["webm", MediaType.WEBM],
  ["weba", MediaType.WEBA],
  ["ogg", MediaType.OGG],
  ["ogv", MediaType.OGG],
  ["pdf", MediaType.PDF],
  ["ttf", MediaType.TTF],
  ["otf", MediaType.OTF],
  ["woff", MediaType.WOFF],
  ["woff2", MediaType.WOFF2],
  ["mp4", MediaType.MP4],
  ["mpeg4", MediaType.MP4],
  ["wasm", MediaType.WASM],
  ["aac", MediaType.AAC],
  ["ics", MediaType.Calendar],
  ["bin", MediaType.Binary],
  ["mpg", MediaType.MPEG],
  ["mpeg", MediaType.MPEG],
  ["tar", MediaType.TAR],
  ["gz", MediaType.GZIP],
  ["tif", MediaType.TIFF],
  ["tiff", MediaType.TIFF],
  ["mov", MediaType.MOV],
  ["zip", MediaType.ZIP],
  ["md", MediaType.Markdown],
  ["markdown", MediaType.Markdown],
]);

const KNOWN: ReadonlySet<string> = new Set(
  Object.values(MediaType)
    .filter((v): v is MediaType => v instanceof MediaType)
    .map((mt) => `${mt.top}/${mt.sub}`),
);
