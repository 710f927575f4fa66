import { createReadStream, type Stats } from "node:fs";
import { stat } from "node:fs/promises";
import { extname } from "node:path";
import { MediaType } from "../http/media-type.ts";
import type { Request } from "../request/request.ts";
import { BodyStream } from "./body-stream.ts";
import type { Responded, Responder } from "./responder.ts";
import { Response } from "./response.ts";

/** How a file is served, beyond its bytes. */
export interface NamedFileOptions {
  /** A `Cache-Control` value sent with the file (e.g. `"public, max-age=3600"`). */
  readonly cacheControl?: string;
  /** Serve a `.br` or `.gz` sibling when the client accepts that encoding (it must be next to the file). */
  readonly precompressed?: boolean;
}

const ENCODINGS = [
  ["br", ".br"],
  ["gzip", ".gz"],
] as const;

/**
 * A file on disk as a responder (Rocket's `NamedFile`): `Content-Type` from its extension, streamed with a
 * known length. Beyond Rocket it answers conditional and range requests:
 *
 * - `ETag` (weak, from size and modification time) and `Last-Modified`; `If-None-Match` / `If-Modified-Since`
 *   answer `304 Not Modified`.
 * - `Range: bytes=…` (one range) answers `206` with `Content-Range`; an unsatisfiable range answers `416`;
 *   several ranges, or an `If-Range` that no longer matches, get the whole file. `Accept-Ranges: bytes` is sent.
 *
 * @example
 * get("/<file..>", { file: PathBuf }, ({ file }) => NamedFile.open(join("static", file))); // null → 404
 */
export class NamedFile implements Responder {
  /** The file's path. */
  readonly path: string;
  readonly #stats: Stats;
  readonly #options: NamedFileOptions;

  private constructor(path: string, stats: Stats, options: NamedFileOptions) {
    this.path = path;
    this.#stats = stats;
    this.#options = options;
  }

  /** Opens `path` if it is a readable regular file; `null` otherwise (so returning it answers 404). */
  static async open(path: string, options: NamedFileOptions = {}): Promise<NamedFile | null> {
    try {
      const stats = await stat(path);
      return stats.isFile() ? new NamedFile(path, stats, options) : null;
    } catch {
      return null;
    }
  }

  /** The file's size in bytes. */
  get size(): number {
    return this.#stats.size;
  }

  /** The media type its extension names, if known. */
  get contentType(): MediaType | undefined {
    return MediaType.fromExtension(extname(this.path).slice(1));
  }

  async respondTo(req: Request): Promise<Responded> {
    const res = new Response();
    const type = this.contentType;
    if (type !== undefined) res.setHeader("content-type", type.toString());
    if (this.#options.cacheControl !== undefined) res.setHeader("cache-control", this.#options.cacheControl);

    // A precompressed sibling is a different representation: its own length and tag.
    let path = this.path;
    let stats = this.#stats;
    if (this.#options.precompressed) {
      res.setHeader("vary", "accept-encoding");
      const accepted = acceptedEncodings(req.header("accept-encoding"));
      for (const [encoding, suffix] of ENCODINGS) {
        if (!accepted.has(encoding)) continue;
        const sibling = await stat(path + suffix).catch(() => undefined);
        if (sibling?.isFile()) {
          path += suffix;
          stats = sibling;
          res.setHeader("content-encoding", encoding);
          break;
        }
      }
    }

    const etag = `W/"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`;
    const lastModified = new Date(Math.floor(stats.mtimeMs / 1000) * 1000);
    res.setHeader("etag", etag);
    res.setHeader("last-modified", lastModified.toUTCString());
    res.setHeader("accept-ranges", "bytes");

    if (req.method === "GET" || req.method === "HEAD") {
      if (notModified(req, etag, lastModified)) {
        res.status = 304;
        res.removeHeader("content-type");
        return res;
      }
    }

    const size = stats.size;
    const range = req.header("range");
    if (
      range !== undefined &&
      (req.method === "GET" || req.method === "HEAD") &&
      ifRangeHolds(req, etag, lastModified)
    ) {
      const parsed = parseRange(range, size);
      if (parsed === "unsatisfiable") {
        res.status = 416;
        res.setHeader("content-range", `bytes */${size}`);
        res.removeHeader("content-type");
        res.body = "";
        return res;
      }
      if (parsed !== undefined) {
        const [start, end] = parsed;
        res.status = 206;
        res.setHeader("content-range", `bytes ${start}-${end}/${size}`);
        return sized(res, new BodyStream(createReadStream(path, { start, end }), end - start + 1));
      }
    }
    return sized(res, new BodyStream(createReadStream(path), size));
  }
}

// A file's length is known up front, so the response states it (locally as on the wire).
function sized(res: Response, body: BodyStream): Response {
  res.body = body;
  res.setHeader("content-length", String(body.length));
  return res;
}

function acceptedEncodings(header: string | undefined): Set<string> {
  const out = new Set<string>();
  if (header === undefined) return out;
  for (const part of header.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    if (name && (q === undefined || Number(q.slice(2)) > 0)) out.add(name);
  }
  return out;
}

// RFC 9110 §13.1: If-None-Match wins over If-Modified-Since.
function notModified(req: Request, etag: string, lastModified: Date): boolean {
  const inm = req.header("if-none-match");
  if (inm !== undefined) {
    if (inm.trim() === "*") return true;
    const weak = (t: string) => t.trim().replace(/^W\//, "");
    return inm.split(",").some((t) => weak(t) === weak(etag));
  }
  const ims = req.header("if-modified-since");
  if (ims !== undefined) {
    const since = Date.parse(ims);
    return !Number.isNaN(since) && lastModified.getTime() <= since;
  }
  return false;
}

// If-Range with a (strong-compared) tag or a date; our tags are weak, so only the date form can hold.
function ifRangeHolds(req: Request, etag: string, lastModified: Date): boolean {
  const ifRange = req.header("if-range");
  if (ifRange === undefined) return true;
  if (ifRange.startsWith('"') || ifRange.startsWith("W/")) return ifRange === etag && !etag.startsWith("W/");
  const date = Date.parse(ifRange);
  return !Number.isNaN(date) && lastModified.getTime() === date;
}

/** One byte range of a `size`-byte file: `[start, end]` inclusive; `undefined` to ignore the header. */
export function parseRange(header: string, size: number): [number, number] | "unsatisfiable" | undefined {
  const m = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header.trim());
  if (!m) return undefined; // malformed or several ranges: serve the whole file
  const [, a, b] = m;
  if (a === "" && b === "") return undefined;
  if (a === "") {
    const suffix = Number(b);
    if (suffix === 0) return "unsatisfiable";
    return [Math.max(0, size - suffix), size - 1];
  }
  const start = Number(a);
  const end = b === "" ? size - 1 : Math.min(Number(b), size - 1);
  if (b !== "" && Number(b) < start) return undefined;
  if (start >= size) return "unsatisfiable";
  return [start, end];
}
