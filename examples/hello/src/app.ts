// The hello example: every seed example the core covers, one file per seed section.
import { build } from "apogee";
import { notFound } from "./catchers.ts";
import { hello } from "./dynamic-segments.ts";
import { account, user, userInt, userStr } from "./forwarding.ts";
import { accepted, book, json, justFail, string } from "./responses.ts";
import { page } from "./segments.ts";

/** The app, ready to launch or to hand to a local client. */
export function app() {
  return build()
    .mount("/", [hello, user, userInt, userStr, account, page, accepted, json, justFail, string, book])
    .register("/", [notFound]);
}
