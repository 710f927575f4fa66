import { DEFAULT_LIMITS } from "../config/limits.ts";
import type { BodyDoc } from "../request/api-doc.ts";
import type { DataGuard } from "../request/guard.ts";
import { error, type Outcome, success } from "../request/outcome.ts";
import type { Request } from "../request/request.ts";
import type { Capped, Data } from "./data.ts";
import { DataErrors } from "./data-error.ts";
import { decodeUtf8 } from "./data-stream.ts";

/** The configured limit `name` (`file/png` falls back to `file`), in bytes. */
export function limitOf(req: Request, name: string): number {
  // A name with no limit of its own (not even a parent) reads with the `bytes` default.
  return req.app.config.limits.get(name) ?? DEFAULT_LIMITS.bytes!;
}

/** A data guard that reads the body against a named limit, and can be `capped(...)` to never fail on it. */
export interface LimitedGuard<T> extends DataGuard<T, DataErrors> {
  /** The named limit the guard reads with (`string`, `bytes`, …). */
  readonly limit: string;
  /** Reads the body, cut at the limit instead of failing. */
  readCapped(req: Request, data: Data): Promise<Outcome<Capped<T>, DataErrors>>;
}

/** A connection failure while reading, as the 400 error data guards answer with. */
export function ioError(e: unknown): DataErrors {
  return DataErrors.of(
    null,
    "io",
    `the body could not be read: ${e instanceof Error ? e.message : String(e)}`,
  );
}

/** The 400 "over the limit" error of the raw guards (`Text`, `Bytes`, `TempFile`): not 413, as Rocket. */
function tooLarge(limitName: string, limit: number): DataErrors {
  return DataErrors.of(
    null,
    "tooLarge",
    `the body is larger than the \`${limitName}\` limit of ${limit} bytes`,
    400,
  );
}

/** What the raw guards answer when the body is over their limit or cannot be read, for API documents. */
export const TOO_LARGE_400 = "The body is larger than its limit, or could not be read.";

/**
 * A limited guard from a capped read: fails with 400 when the body went past its limit, named `limitName` or, when
 * it depends on the request, by `limitFor(req)` (a temp file's `file/<ext>`). `doc` documents the body.
 */
export function limited<T>(
  name: string,
  limitName: string,
  read: (req: Request, data: Data) => Promise<Outcome<Capped<T>, DataErrors>>,
  limitFor?: (req: Request) => string,
  doc?: BodyDoc,
): LimitedGuard<T> {
  return {
    kind: "data",
    name,
    limit: limitName,
    readCapped: read,
    ...(doc === undefined ? {} : { doc }),
    async fromData(req, data) {
      const out = await read(req, data);
      if (out.outcome !== "success") return out;
      if (!out.value.complete) {
        const which = limitFor === undefined ? limitName : limitFor(req);
        return error(400, tooLarge(which, limitOf(req, which)));
      }
      return success(out.value.value);
    },
  };
}

/**
 * The body as UTF-8 text (Rocket's `String` data guard), read with the `string` limit (8 KiB by default).
 *
 * - Over the limit → 400 (not 413, as Rocket), code `tooLarge`; invalid UTF-8 → 400 `utf8`; I/O → 400 `io`.
 * - No Content-Type check. `capped(Text)` never fails on the limit.
 *
 * @example
 * post({ uri: "/echo", data: "<msg>" }, { msg: Text }, ({ msg }) => msg);
 */
export const Text: LimitedGuard<string> = limited(
  "Text",
  "string",
  async (req, data) => {
    let bytes: Capped<Uint8Array>;
    try {
      bytes = await data.read(limitOf(req, "string"));
    } catch (e) {
      return error(400, ioError(e));
    }
    try {
      return success({ value: decodeUtf8(bytes.value, bytes.complete), complete: bytes.complete });
    } catch {
      return error(400, DataErrors.of(null, "utf8", "the body is not valid UTF-8"));
    }
  },
  undefined,
  {
    mediaTypes: ["text/plain"],
    json: { type: "string" },
    responses: { 400: "The body is larger than its limit, not UTF-8, or could not be read." },
  },
);

/**
 * The body as bytes (Rocket's `Vec<u8>` data guard), read with the `bytes` limit (8 KiB by default).
 * Over the limit → 400, code `tooLarge`; I/O → 400. `capped(Bytes)` never fails on the limit.
 */
export const Bytes: LimitedGuard<Uint8Array> = limited(
  "Bytes",
  "bytes",
  async (req, data) => {
    try {
      return success(await data.read(limitOf(req, "bytes")));
    } catch (e) {
      return error(400, ioError(e));
    }
  },
  undefined,
  { mediaTypes: ["application/octet-stream"], responses: { 400: TOO_LARGE_400 } },
);

const IO_400 = "The body could not be read.";

/**
 * Rocket's `Capped<T>`: the guard's value cut at its limit instead of failing, with `complete` telling
 * whether the whole body fit.
 *
 * @example
 * post({ uri: "/note", data: "<note>" }, { note: capped(Text) }, ({ note }) =>
 *   note.complete ? note.value : `${note.value}… (truncated)`);
 */
export function capped<T>(guard: LimitedGuard<T>): DataGuard<Capped<T>, DataErrors> {
  if (typeof guard?.readCapped !== "function") {
    throw new TypeError("capped() takes a limited data guard: Text, Bytes or TempFile");
  }
  const doc = guard.doc === undefined ? undefined : { ...guard.doc, responses: { 400: IO_400 } };
  return {
    kind: "data",
    name: `Capped<${guard.name}>`,
    fromData: (req, data) => guard.readCapped(req, data),
    ...(doc === undefined ? {} : { doc }),
  };
}
