import { get, optional, PathBuf, result, u8, u64, usize } from "../../src/index.ts";
import { uri } from "../../src/uri/uri.ts";
import { expectType } from "./expect.ts";

const person = get("/person/<name>?<age>", { age: optional(u8) }, ({ name, age }) => `${name} ${age}`);
const big = get("/big/<id>", { id: u64 }, ({ id }) => String(id));
const files = get("/files/<path..>", { path: PathBuf }, ({ path }) => path);
const paged = get("/list?<page>", { page: result(usize) }, () => "list");
const strict = get("/s?<n>", { n: usize }, () => "s");

expectType<string>(uri(person, "Mike Smith", 28));
expectType<string>(uri(person, { name: "Mike", age: 28 }));
expectType<string>(uri(person, { name: "Mike" }));
expectType<string>(uri(person, "Mike", undefined));
expectType<string>(uri(big, 10n));
expectType<string>(uri(files, "a/b"));
expectType<string>(uri(paged, undefined));
expectType<string>(uri(paged, 2));
expectType<string>(uri.at("/api")(person, "Mike", 1));
expectType<string>(uri.at({ prefix: "/api", suffix: "#top" })(person, "Mike", 1));
// @ts-expect-error: a prefixed builder checks its arguments too
uri.at("/api")(person, "Mike");

// @ts-expect-error: a missing argument
uri(person, "Mike");
// @ts-expect-error: an extra argument
uri(person, "Mike", 28, 3);
// @ts-expect-error: the age is a u8, not a string
uri(person, "Mike", "28");
// @ts-expect-error: a u64 takes a bigint
uri(big, 10);
// @ts-expect-error: a path parameter cannot be ignored
uri(person, undefined, 28);
// @ts-expect-error: the named form needs every path parameter
uri(person, { age: 28 });
// @ts-expect-error: an unknown name
uri(person, { name: "Mike", nope: 1 });
// @ts-expect-error: a required query parameter cannot be ignored
uri(strict, undefined);
