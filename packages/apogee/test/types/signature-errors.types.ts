// Signatures that name nothing, or hold the wrong kind of entry, are compile errors at the offending key.

import { bool, dataGuard, get, guard, PathBuf, post, route, success, u8, usize } from "apogee";

const CurrentUser = guard("CurrentUser", () => success({ id: 1 }));
const TaskBody = dataGuard("TaskBody", () => success({ title: "x" }));

// ---------------------------------------------------------------------------------------------------------------
// A key that the URI does not declare

// @ts-expect-error: `age` holds a param type, but the URI has no <age>
get("/hello/<name>", { age: u8 }, ({ name }) => name);

// @ts-expect-error: a typo in the key of a query parameter
get("/search?<page>", { pgae: usize }, ({ page }) => page);

// @ts-expect-error: a key that is neither a URI parameter nor a guard
get("/plain", { limit: 10 }, () => "x");

// @ts-expect-error: a data guard under a key, without `data: "<body>"` in the options
post("/no-data-option", { body: TaskBody }, ({ body }) => body.title);

// ---------------------------------------------------------------------------------------------------------------
// A URI parameter holding something other than a param type

// @ts-expect-error: <name> is a path parameter, not a guard
get("/hello/<name>", { name: CurrentUser }, ({ name }) => `${name}`);

// @ts-expect-error: <q> is a query parameter, not a data guard
get("/search?<q>", { q: TaskBody }, () => "x");

// @ts-expect-error: a number is not a param type
get("/page/<n>", { n: 1 }, () => "x");

// @ts-expect-error: a trailing <path..> needs a segments param type, and u8 is not one
get("/files/<path..>", { path: u8 }, () => "x");

// @ts-expect-error: bool has no segments parser either
get("/files/<path..>", { path: bool }, () => "x");

// @ts-expect-error: a trailing query parameter takes no signature entry
get("/filter?<rest..>", { rest: usize }, () => "x");

// ---------------------------------------------------------------------------------------------------------------
// The data key

// @ts-expect-error: `data: "<task>"` but the signature has no `task`
post({ uri: "/todo", data: "<task>" }, { user: CurrentUser }, () => "x");

// @ts-expect-error: `data: "<task>"` with the three-argument form and an empty signature
post({ uri: "/todo", data: "<task>" }, {}, () => "x");

// @ts-expect-error: the data key holds a request guard
post({ uri: "/todo", data: "<task>" }, { task: CurrentUser }, () => "x");

// @ts-expect-error: the data key holds a param type
post({ uri: "/todo", data: "<task>" }, { task: PathBuf }, () => "x");

// @ts-expect-error: `data` names its key in angle brackets
post({ uri: "/todo", data: "task" }, { task: TaskBody }, () => "x");

// @ts-expect-error: `data` without a signature names nothing
post({ uri: "/todo", data: "<task>" }, () => "x");

// @ts-expect-error: route(method, …) checks the same way
route("PUT", { uri: "/todo/<id>", data: "<task>" }, { id: usize }, ({ id }) => `${id}`);

// ---------------------------------------------------------------------------------------------------------------
// The handler's input

// @ts-expect-error: `nam` is not in the input (the URI says <name>)
get("/hello/<name>", ({ nam }) => `${nam}`);

// @ts-expect-error: a guard's key the signature does not have
get("/me", { user: CurrentUser }, ({ session }) => `${session}`);

// @ts-expect-error: `<_>` binds nothing
get("/skip/<_>", ({ _ }) => `${_}`);

// A static query segment binds nothing.
// @ts-expect-error: `flag` is static
get("/search?flag&<q>", ({ flag }) => `${flag}`);

// @ts-expect-error: `age` is a u8, so a number, not a string
get("/hello/<name>/<age>", { age: u8 }, ({ age }) => age.toUpperCase());

get("/hello/<name>/<age>", { age: u8 }, ({ name, age }) => {
  // @ts-expect-error: a number is not assignable to a string
  const text: string = age;
  return `${name} ${text}`;
});

get("/count?<n>", { n: usize }, ({ n }) => {
  // @ts-expect-error: without a signature entry <name> would be a string; with usize it is a number
  n.startsWith("1");
  return `${n}`;
});
