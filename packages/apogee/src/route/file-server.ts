import { realpathSync, statSync } from "node:fs";
import { realpath, stat } from "node:fs/promises";
import { join, resolve, sep } from "node:path";
import { guard, type RequestGuard } from "../request/guard.ts";
import { forward, success } from "../request/outcome.ts";
import { ParamError } from "../request/param.ts";
import { toPathBuf } from "../request/path-param-types.ts";
import type { Request } from "../request/request.ts";
import { NamedFile, type NamedFileOptions } from "../response/named-file.ts";
import { Redirect } from "../response/redirect.ts";
import { get, type Route } from "./route.ts";

/** How a `FileServer` serves its directory (Rocket's `Options`, plus caching and precompression). */
export interface FileServerOptions extends NamedFileOptions {
  /** Serve `index.html` for a directory (default `true`). */
  readonly index?: boolean;
  /** Allow path segments starting with `.` (default `false`: such requests forward). */
  readonly dotFiles?: boolean;
  /** Redirect a directory requested without a trailing `/` to the same URI with one (308, query kept). */
  readonly normalizeDirs?: boolean;
  /** The root is a single file, served at the mount point itself. */
  readonly indexFile?: boolean;
  /** Don't throw at construction when the root does not exist. */
  readonly missing?: boolean;
  /** The route's rank (default 10, so other routes at the same paths win). */
  readonly rank?: number;
}

type Found = NamedFile | Redirect;

/**
 * A route serving the files under `root` (Rocket's `FileServer`): a single `GET /<path..>` at rank 10, named
 * `FileServer: <root>`. A miss, a dotfile, or a directory without an index forwards with 404, so other routes
 * still match. Paths can never leave `root`: segments follow `PathBuf`'s rules, and the resolved path (symbolic
 * links included) must stay inside the root's real path.
 *
 * @example
 * build().mount("/", [FileServer("static", { cacheControl: "public, max-age=3600", precompressed: true })]);
 */
export function FileServer(root: string, options: FileServerOptions = {}): Route {
  const dir = resolve(root);
  const exists = statSync(dir, { throwIfNoEntry: false });
  if (exists === undefined && !options.missing) {
    throw new Error(
      `FileServer: ${JSON.stringify(root)} does not exist (pass { missing: true } to allow it)`,
    );
  }
  if (
    exists !== undefined && options.indexFile
      ? !exists.isFile()
      : exists !== undefined && !exists.isDirectory()
  ) {
    throw new Error(
      `FileServer: ${JSON.stringify(root)} is not a ${options.indexFile ? "file" : "directory"}`,
    );
  }
  const realRoot = exists === undefined ? dir : realpathSync(dir);
  const file = guard<Found>(`FileServer: ${root}`, (req) => find(req, dir, realRoot, options));
  return get(
    { uri: "/<path..>", rank: options.rank ?? 10, name: `FileServer: ${root}` },
    { file } as { file: RequestGuard<Found> },
    ({ file }) => file,
  ) as unknown as Route;
}

async function find(req: Request, dir: string, realRoot: string, options: FileServerOptions) {
  const route = req.route!;
  const baseLength = route.base === "/" ? 0 : route.base.split("/").length - 1;
  const segments = req.segments.slice(baseLength);
  const fileOptions: NamedFileOptions = {
    ...(options.cacheControl !== undefined ? { cacheControl: options.cacheControl } : {}),
    ...(options.precompressed !== undefined ? { precompressed: options.precompressed } : {}),
  };

  if (options.indexFile) {
    if (segments.length > 0) return forward(404);
    const named = await NamedFile.open(dir, fileOptions);
    return named === null ? forward(404) : success<Found>(named);
  }

  const relative = toPathBuf(segments, options.dotFiles === true);
  if (relative instanceof ParamError) return forward(404);
  const path = join(dir, relative);
  const real = await realpath(path).catch(() => undefined);
  if (real === undefined || (real !== realRoot && !real.startsWith(realRoot + sep))) return forward(404);

  const stats = await stat(real).catch(() => undefined);
  if (stats === undefined) return forward(404);
  if (stats.isDirectory()) {
    if (options.normalizeDirs && !req.path.endsWith("/")) {
      const query = req.query === undefined ? "" : `?${req.query}`;
      return success<Found>(Redirect.permanent(`${req.path}/${query}`));
    }
    if (options.index === false) return forward(404);
    const index = await NamedFile.open(join(real, "index.html"), fileOptions);
    return index === null ? forward(404) : success<Found>(index);
  }
  const named = await NamedFile.open(real, fileOptions);
  return named === null ? forward(404) : success<Found>(named);
}
