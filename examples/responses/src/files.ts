// Responses › Option and Result: the four-line file server, and one that explains a miss.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { get, NamedFile, PathBuf, status } from "apogee";

/** The folder the example serves. */
export const STATIC = fileURLToPath(new URL("../static", import.meta.url));

/** `Option<NamedFile>`: a missing file is `null`, which answers 404. */
export const files = get("/files/<file..>", { file: PathBuf }, ({ file }) =>
  NamedFile.open(join(STATIC, file)),
);

/** `Result<NamedFile, NotFound<String>>`: a miss answers 404 with a message. */
export const explained = get("/explained/<file..>", { file: PathBuf }, async ({ file }) => {
  const path = join(STATIC, file);
  return (await NamedFile.open(path)) ?? status.NotFound(`Bad path: ${file}`);
});
