// Responses: wrapping responders, content types, Status, strings and Option.
import { content, get, post, Status, status, usize } from "apogee";

/** `status::Accepted` wrapping a String. */
export const accepted = post("/<id>", { id: usize }, ({ id }) => status.Accepted(`id: '${id}'`));

/** `content::Json` setting the type of a plain string. */
export const json = get("/json", () => content.Json("{ 'hi': 'world' }"));

/** A `Status` forwards to its catcher. */
export const justFail = get("/fail", () => Status.NotAcceptable);

/** Strings respond as `text/plain`. */
export const string = get("/string", () => "Hello there! I'm a string!");

const books: Record<string, string> = { "1": "The Rust Programming Language" };

/** `Option`: `undefined` answers 404 through the catcher. */
export const book = get("/book/<id>", ({ id }) => books[id]);
