import { promisify } from "node:util";
import {
  brotliCompress,
  brotliCompressSync,
  constants,
  createBrotliCompress,
  createGzip,
  gzip,
  gzipSync,
} from "node:zlib";
import { MediaType } from "../http/media-type.ts";
import type { Request } from "../request/request.ts";
import { BodyStream } from "../response/body-stream.ts";
import type { Response } from "../response/response.ts";
import type { Fairing } from "./fairing.ts";
import { appendVary } from "./vary.ts";

/** A content coding `Compression` can apply. */
export type Encoding = "br" | "gzip";

/** What `Compression` compresses, and how. */
export interface CompressionOptions {
  /** Bodies smaller than this many bytes are sent as they are (default 1024). */
  readonly threshold?: number;
  /** The codings to offer, best first (default `["br", "gzip"]`); the client's `Accept-Encoding` q-values rank first. */
  readonly encodings?: readonly Encoding[];
  /** More media types never to compress (`"application/x-custom"`, or a whole top type as `"model/*"`). */
  readonly exclude?: readonly string[];
  /** Brotli quality, 0–11 (default 4: fast, for dynamic responses). */
  readonly brotliQuality?: number;
  /** Gzip level, 1–9 (default 6). */
  readonly gzipLevel?: number;
}

// Already compressed or not worth it: images (but SVG), audio, video, archives, fonts in compressed formats.
const SKIPPED_TOPS = new Set(["image", "audio", "video"]);
const SKIPPED = new Set([
  "application/zip",
  "application/gzip",
  "application/x-gzip",
  "application/x-bzip2",
  "application/x-xz",
  "application/x-7z-compressed",
  "application/x-rar-compressed",
  "application/zstd",
  "application/pdf",
  "application/octet-stream",
  "application/wasm",
  "font/woff",
  "font/woff2",
  // Server-sent events must reach the client event by event.
  "text/event-stream",
]);
const COMPRESSIBLE_IMAGES = new Set(["image/svg+xml", "image/x-icon", "image/bmp"]);
const NO_TRANSFORM = /(?:^|,)\s*no-transform\s*(?:,|$)/i;
// Above this size a buffered body is compressed on the thread pool rather than inline.
const ASYNC_ABOVE = 64 * 1024;

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/**
 * The compression fairing: compresses response bodies with Brotli or gzip, as the client's `Accept-Encoding`
 * allows, and sets `Content-Encoding` and `Vary: Accept-Encoding`.
 *
 * - Skipped: bodies under `threshold` bytes, responses that already have a `Content-Encoding` (a precompressed
 *   file), `Cache-Control: no-transform`, partial (206) and bodiless responses, media types that are compressed
 *   already (images but SVG, audio, video, archives, `woff2`, PDF, octet streams) or must stream event by event
 *   (`text/event-stream`), and responses without a `Content-Type`.
 * - The coding is the client's best by q-value (`identity`/`q=0` respected), ties broken by `encodings` order.
 * - A strong `ETag` becomes weak (the bytes differ from the uncompressed representation). Streams of unknown
 *   length are compressed as they flow, flushed chunk by chunk.
 *
 * @example
 * build().attach(Compression({ threshold: 512 }));
 */
export function Compression(options: CompressionOptions = {}): Fairing {
  const c = new Compressor(options);
  return { name: "Compression", singleton: true, onResponse: (req, res) => c.compress(req, res) };
}

class Compressor {
  readonly #threshold: number;
  readonly #encodings: readonly Encoding[];
  readonly #exclude: ReadonlySet<string>;
  readonly #brotli: { readonly params: Record<number, number> };
  readonly #gzip: { readonly level: number };

  constructor(o: CompressionOptions) {
    this.#threshold = o.threshold ?? 1024;
    this.#encodings = o.encodings ?? ["br", "gzip"];
    this.#exclude = new Set((o.exclude ?? []).map((t) => t.toLowerCase()));
    this.#brotli = { params: { [constants.BROTLI_PARAM_QUALITY]: o.brotliQuality ?? 4 } };
    this.#gzip = { level: o.gzipLevel ?? 6 };
  }

  compress(req: Request, res: Response): void | Promise<void> {
    const body = res.body;
    if (body === null || res.status === 206 || res.status === 204 || res.status === 304) return;
    if (res.headers["content-encoding"] !== undefined) return;
    const length = res.bodyLength;
    if (length !== undefined && length < this.#threshold) return;
    if (!this.#compressible(res.getHeader("content-type"))) return;
    if (NO_TRANSFORM.test(res.getHeader("cache-control") ?? "")) return;
    // The representation depends on Accept-Encoding from here on, whether or not this client gets it compressed.
    appendVary(res, "Accept-Encoding");
    const coding = this.#choose(req.headers["accept-encoding"]);
    if (coding === undefined) return;
    res.headers["content-encoding"] = coding;
    delete res.headers["content-length"];
    const etag = res.getHeader("etag");
    if (etag?.startsWith('"')) res.headers.etag = `W/${etag}`;
    if (body instanceof BodyStream) {
      const flush = { flush: constants.Z_SYNC_FLUSH };
      const zip =
        coding === "br"
          ? createBrotliCompress({ ...this.#brotli, flush: constants.BROTLI_OPERATION_FLUSH })
          : createGzip({ ...this.#gzip, ...flush });
      const source = body.toReadable();
      source.on("error", (e) => zip.destroy(e));
      res.body = new BodyStream(source.pipe(zip));
      return;
    }
    const bytes = typeof body === "string" ? Buffer.from(body) : body;
    if (bytes.length <= ASYNC_ABOVE) {
      res.body = coding === "br" ? brotliCompressSync(bytes, this.#brotli) : gzipSync(bytes, this.#gzip);
      return;
    }
    const pending = coding === "br" ? brotliAsync(bytes, this.#brotli) : gzipAsync(bytes, this.#gzip);
    return pending.then((out) => {
      res.body = out;
    });
  }

  #compressible(contentType: string | undefined): boolean {
    if (contentType === undefined) return false;
    const mt = MediaType.parse(contentType);
    if (mt === undefined) return false;
    const essence = `${mt.top}/${mt.sub}`.toLowerCase();
    const top = mt.top.toLowerCase();
    if (this.#exclude.has(essence) || this.#exclude.has(`${top}/*`)) return false;
    if (SKIPPED.has(essence)) return false;
    return !SKIPPED_TOPS.has(top) || COMPRESSIBLE_IMAGES.has(essence);
  }

  // The client's preferred coding among ours (RFC 9110 §12.5.3): highest q wins, ties go to our order; `*`
  // stands for every coding not named; a coding at q=0 is refused.
  #choose(header: string | undefined): Encoding | undefined {
    if (header === undefined || header === "") return undefined;
    const q = new Map<string, number>();
    for (const part of header.split(",")) {
      const [name = "", ...params] = part.split(";");
      const coding = name.trim().toLowerCase();
      if (coding === "") continue;
      let weight = 1;
      for (const p of params) {
        const [k, v] = p.split("=");
        if (k?.trim().toLowerCase() === "q" && v !== undefined) {
          const n = Number(v.trim());
          weight = Number.isFinite(n) ? Math.min(Math.max(n, 0), 1) : 0;
        }
      }
      q.set(coding, weight);
    }
    let best: Encoding | undefined;
    let bestQ = 0;
    for (const e of this.#encodings) {
      const w = q.get(e) ?? (e === "gzip" ? q.get("x-gzip") : undefined) ?? q.get("*") ?? 0;
      if (w > bestQ) {
        best = e;
        bestQ = w;
      }
    }
    return best;
  }
}
