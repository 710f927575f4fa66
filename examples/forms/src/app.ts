// The forms example: every data example of the seed's Requests page, and an upload page.
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "apogee";
import { laxTask, maybeQueryTask, queryTask } from "./query.ts";
import { adult, external, jsonTask, lenientTask, maybeAdult, maybeTask, newTask } from "./tasks.ts";
import { receiveUpload, streamUpload, uploadPage } from "./upload.ts";

/** Where the example writes: the streamed upload and the kept files. */
export interface FormsOptions {
  readonly uploadFile?: string;
  readonly uploadDir?: string;
}

/** The app, ready to launch or to hand to a local client. */
export function app(options: FormsOptions = {}) {
  const uploadFile = options.uploadFile ?? join(tmpdir(), "upload.txt");
  const uploadDir = options.uploadDir ?? join(tmpdir(), "apogee-forms-uploads");
  mkdirSync(uploadDir, { recursive: true });
  return build().mount("/", [
    newTask,
    maybeTask,
    lenientTask,
    external,
    adult,
    maybeAdult,
    jsonTask,
    queryTask,
    laxTask,
    maybeQueryTask,
    streamUpload(uploadFile),
    uploadPage,
    receiveUpload(uploadDir),
  ]);
}
