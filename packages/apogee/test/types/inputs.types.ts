// The handler's input object, inferred from the URI literal and the signature: every kind of input, exactly.

import {
  bool,
  dataGuard,
  del,
  error,
  get,
  guard,
  head,
  optional,
  options,
  type ParamError,
  PathBuf,
  param,
  patch,
  post,
  put,
  type QueryFields,
  type Result,
  type Route,
  result,
  route,
  segments,
  success,
  u8,
  u64,
  usize,
  uuid,
} from "apogee";
import { type Equal, type Expect, expectEqual, type InputOf } from "./expect.ts";

interface User {
  readonly id: number;
  readonly name: string;
}
interface Task {
  readonly title: string;
  readonly done: boolean;
}

const CurrentUser = guard("CurrentUser", () => success<User>({ id: 1, name: "Ada" }));
const ApiKey = guard<string, "missing" | "invalid">("ApiKey", () => error(401, "missing"));
const TaskBody = dataGuard("TaskBody", () => success<Task>({ title: "write tests", done: false }));

// ---------------------------------------------------------------------------------------------------------------
// Path parameters

/** `<name>` without a signature entry is a decoded string. */
export const pathDefault = get("/hello/<name>", ({ name }) => `Hello, ${name}!`);
export type PathDefault = Expect<Equal<InputOf<typeof pathDefault>, { readonly name: string }>>;

/** The throughline: a signature types some parameters, the rest stay strings. */
export const hello = get("/hello/<name>/<age>/<cool>", { age: u8, cool: bool }, (input) => {
  expectEqual<typeof input, { readonly name: string; readonly age: number; readonly cool: boolean }>(true);
  return input.cool
    ? `You're a cool ${input.age} year old, ${input.name}!`
    : `${input.name}, we need to talk.`;
});

/** 64-bit integers are bigints; `uuid` is a string. */
export const wide = get("/big/<n>/<id>", { n: u64, id: uuid }, ({ n, id }) => `${n + 1n} ${id}`);
export type Wide = Expect<Equal<InputOf<typeof wide>, { readonly n: bigint; readonly id: string }>>;

/** A user-defined param type gives its parser's type. */
const slug = param("slug", (s) => s.split("-"));
export const posts = get("/posts/<slug>", { slug }, ({ slug }) => slug.join(" "));
export type Posts = Expect<Equal<InputOf<typeof posts>, { readonly slug: string[] }>>;

/** `<_>` and `<_..>` match but bind nothing. */
export const ignored = get("/skip/<_>/<id>/<_..>", { id: usize }, ({ id }) => `${id}`);
export type Ignored = Expect<Equal<InputOf<typeof ignored>, { readonly id: number }>>;

/** A parameter the handler does not destructure is fine. */
export const unused = get("/unused/<a>/<b>", { b: u8 }, () => "ok");
export type Unused = Expect<Equal<InputOf<typeof unused>, { readonly a: string; readonly b: number }>>;

// ---------------------------------------------------------------------------------------------------------------
// Trailing path parameters

/** `<path..>` without a signature entry is the decoded segments. */
export const trailingDefault = get("/files/<path..>", ({ path }) => path.join("/"));
export type TrailingDefault = Expect<
  Equal<InputOf<typeof trailingDefault>, { readonly path: readonly string[] }>
>;

/** `PathBuf` joins them into a safe relative path. */
export const pathBuf = get("/static/<file..>", { file: PathBuf }, ({ file }) => file);
export type PathBufInput = Expect<Equal<InputOf<typeof pathBuf>, { readonly file: string }>>;

/** `segments` is the default, spelled out. */
export const explicitSegments = get("/raw/<rest..>", { rest: segments }, ({ rest }) => rest.join(","));
export type ExplicitSegments = Expect<
  Equal<InputOf<typeof explicitSegments>, { readonly rest: readonly string[] }>
>;

// ---------------------------------------------------------------------------------------------------------------
// Query parameters

/** `?<q>` is a string by default; a static `flag` binds nothing; a typed query parameter is parsed. */
export const search = get("/search?flag&<q>&<page>", { page: usize }, (input) => {
  expectEqual<typeof input, { readonly q: string; readonly page: number }>(true);
  return `${input.q} p${input.page}`;
});

/** `?<rest..>` receives the remaining fields as `[name, value]` pairs. */
export const queryRest = get("/filter/<kind>?<sort>&<rest..>", ({ kind, sort, rest }) => {
  expectEqual<typeof rest, QueryFields>(true);
  expectEqual<typeof rest, readonly (readonly [string, string])[]>(true);
  return `${kind} ${sort} ${rest.length}`;
});
export type QueryRest = Expect<
  Equal<
    InputOf<typeof queryRest>,
    { readonly kind: string; readonly sort: string; readonly rest: QueryFields }
  >
>;

// ---------------------------------------------------------------------------------------------------------------
// Guards

/** A request guard's key gets the guard's success value. */
export const me = get("/me", { user: CurrentUser }, ({ user }) => user);
export type Me = Expect<Equal<InputOf<typeof me>, { readonly user: User }>>;

/** Guards, path and query parameters together. */
export const mixed = get("/users/<id>?<verbose>", { key: ApiKey, id: usize, verbose: bool }, (input) => {
  expectEqual<typeof input, { readonly id: number; readonly verbose: boolean; readonly key: string }>(true);
  return input.verbose ? `${input.key}: user ${input.id}` : "user";
});

// ---------------------------------------------------------------------------------------------------------------
// Data, the options form, and every method

/** The options form with `data: "<task>"`: the data guard's value is in the input. */
export const createTask = post(
  { uri: "/todo", data: "<task>", format: "json", rank: 2, name: "create_task" },
  { task: TaskBody, user: CurrentUser },
  (input) => {
    expectEqual<typeof input, { readonly task: Task; readonly user: User }>(true);
    return { created: input.task.title, by: input.user.name };
  },
);
export type CreateTask = Expect<
  Equal<InputOf<typeof createTask>, { readonly task: Task; readonly user: User }>
>;

/** The options form without a signature. */
export const ranked = get({ uri: "/item/<id>", rank: 3 }, ({ id }) => id);
export type Ranked = Expect<Equal<InputOf<typeof ranked>, { readonly id: string }>>;

/** `route(method, …)` takes any method, with every form. */
export const patchTask = route("PATCH", "/todo/<id>", { id: usize }, ({ id }) => `patched ${id}`);
export type PatchTask = Expect<Equal<InputOf<typeof patchTask>, { readonly id: number }>>;
export type PatchMethod = Expect<Equal<typeof patchTask.method, "PATCH">>;
export const traceAll = route("TRACE", "/<path..>", ({ path }) => path.join("/"));
export type TraceAll = Expect<Equal<InputOf<typeof traceAll>, { readonly path: readonly string[] }>>;
export const replaceTask = route(
  "PUT",
  { uri: "/todo/<id>", data: "<task>" },
  { id: usize, task: TaskBody },
  ({ id, task }) => `${id}: ${task.title}`,
);
export type ReplaceTask = Expect<
  Equal<InputOf<typeof replaceTask>, { readonly id: number; readonly task: Task }>
>;

/** Each builder keeps its method and URI in the route's type. */
export const methods = [
  get("/m", () => "get"),
  put("/m", () => "put"),
  post("/m", () => "post"),
  del("/m", () => "delete"),
  head("/m", () => null),
  patch("/m", () => "patch"),
  options("/m", () => "options"),
] as const;
type Methods = typeof methods;
export type MethodsKept = Expect<
  Equal<
    [Methods[0], Methods[1], Methods[2], Methods[3], Methods[4], Methods[5], Methods[6]],
    [
      Route<"GET", "/m", undefined, {}>,
      Route<"PUT", "/m", undefined, {}>,
      Route<"POST", "/m", undefined, {}>,
      Route<"DELETE", "/m", undefined, {}>,
      Route<"HEAD", "/m", undefined, {}>,
      Route<"PATCH", "/m", undefined, {}>,
      Route<"OPTIONS", "/m", undefined, {}>,
    ]
  >
>;
export type RouteType = Expect<
  Equal<
    typeof hello,
    Route<
      "GET",
      "/hello/<name>/<age>/<cool>",
      undefined,
      {
        age: typeof u8;
        cool: typeof bool;
      }
    >
  >
>;

// ---------------------------------------------------------------------------------------------------------------
// A route passed where `Route` is expected still infers its own types (no inference from the context).

export const routes: readonly Route[] = [
  get({ uri: "/ctx", rank: 1 }, { user: CurrentUser }, ({ user }) => user.name),
  get("/ctx/<id>", { id: u8 }, ({ id }) => `${id}`),
];

// ---------------------------------------------------------------------------------------------------------------
// optional(...) and result(...)

/** On params: `T | undefined` and `Result<T, ParamError>`, in the path and in the query. */
export const wrappedParams = get(
  "/w/<a>/<b>/<c..>?<q>&<r>",
  { a: optional(u8), b: result(u8), c: optional(PathBuf), q: optional(usize), r: result(bool) },
  (input) => {
    expectEqual<
      typeof input,
      {
        readonly a: number | undefined;
        readonly b: Result<number, ParamError>;
        readonly c: string | undefined;
        readonly q: number | undefined;
        readonly r: Result<boolean, ParamError>;
      }
    >(true);
    return input.b.ok ? `${input.b.value}` : input.b.error.message;
  },
);

/** On guards: `T | undefined` and `Result<T, E>` with the guard's error type. */
export const wrappedGuards = get("/wg", { user: optional(CurrentUser), key: result(ApiKey) }, (input) => {
  expectEqual<
    typeof input,
    { readonly user: User | undefined; readonly key: Result<string, "missing" | "invalid"> }
  >(true);
  return input.key.ok ? input.key.value : input.key.error;
});

/** On data guards. */
export const wrappedData = post({ uri: "/wd", data: "<task>" }, { task: optional(TaskBody) }, ({ task }) =>
  task === undefined ? null : task.title,
);
export type WrappedData = Expect<Equal<InputOf<typeof wrappedData>, { readonly task: Task | undefined }>>;
export const resultData = post({ uri: "/wr", data: "<task>" }, { task: result(TaskBody) }, ({ task }) =>
  task.ok ? task.value.title : String(task.error),
);
export type ResultData = Expect<Equal<InputOf<typeof resultData>, { readonly task: Result<Task, unknown> }>>;
