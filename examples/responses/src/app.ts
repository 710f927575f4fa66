// The responses example: files, streams, server-sent events and typed URIs.
import { build, FileServer } from "apogee";
import { explained, files, STATIC } from "./files.ts";
import { clock, countdown } from "./streaming.ts";
import { mike, person } from "./uris.ts";

/** The app, ready to launch or to hand to a local client. */
export function app() {
  return build()
    .mount("/", [files, explained, countdown, clock, person, mike])
    .mount("/", [FileServer(STATIC, { cacheControl: "public, max-age=60" })]);
}
