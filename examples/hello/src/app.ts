// The hello example: the routes of the Requests and Responses seed pages that the core covers.
import {
  bool,
  build,
  catcher,
  content,
  get,
  isize,
  post,
  RawStr,
  Redirect,
  Status,
  status,
  u8,
  usize,
} from "apogee";

/** `/hello/<name>/<age>/<cool>`: typed parameters that forward when they do not parse. */
export const hello = get("/hello/<name>/<age>/<cool>", { age: u8, cool: bool }, ({ name, age, cool }) =>
  cool ? `You're a cool ${age} year old, ${name}!` : `${name}, we need to talk about your coolness.`,
);

/** The three `/user/<id>` routes of the forwarding example, tried in rank order. */
export const user = get("/user/<id>", { id: usize }, ({ id }) => `User #${id} (usize)`);
export const userInt = get({ uri: "/user/<id>", rank: 2 }, { id: isize }, ({ id }) => `User #${id} (isize)`);
export const userStr = get(
  { uri: "/user/<id>", rank: 3 },
  { id: RawStr },
  ({ id }) => `User "${id}" (raw string)`,
);

/** `status::Accepted` wrapping a string. */
export const accepted = post("/<id>", { id: usize }, ({ id }) => status.Accepted(`id: '${id}'`));

/** `content::Json` over a string. */
export const json = get("/json", () => content.Json("{ 'hi': 'world' }"));

/** Returning a `Status` hands the request to its catcher. */
export const justFail = get("/fail", () => Status.NotAcceptable);

/** Redirects. */
export const login = get("/login", () => "Please log in.");
export const admin = get("/admin", () => Redirect.to("/login"));

/** The 404 catcher of the guide. */
export const notFound = catcher(404, (_status, req) => `Sorry, '${req.uri}' is not a valid path.`);

/** The app, ready to launch or to hand to a local client. */
export function app() {
  return build()
    .mount("/", [hello, user, userInt, userStr, accepted, json, justFail, login, admin])
    .register("/", [notFound]);
}
