// Requests › Multiple Segments: `<path..>` takes the rest of the path, made safe by PathBuf.
import { get, PathBuf } from "apogee";

/** `/page/<path..>`: `..` pops, dotfiles and `*`-prefixed segments are refused (the request forwards). */
export const page = get("/page/<path..>", { path: PathBuf }, ({ path }) => `Page: ${path}`);
