import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { get, optional, PathBuf, result, u8, usize } from "../src/index.ts";
import { uri } from "../src/uri/uri.ts";

const person = get("/person/<name>?<age>", { age: optional(u8) }, ({ name, age }) => `${name} ${age}`);
const complex = get("/name/<name>?<foo>&type=10&<type>&<query..>", { foo: usize }, ({ name }) => name);
const files = get("/files/<path..>", { path: PathBuf }, ({ path }) => path);
const root = get("/", () => "root");
const wild = get("/a/<_>/<id>", ({ id }) => id);
const search = get("/search?<q>&<tags>&<page>", { page: result(usize) }, ({ q }) => q);

describe("uri(): typed URIs", () => {
  test("the seed's example: positional path and query arguments", () => {
    assert.equal(uri(person, "Mike Smith", 28), "/person/Mike%20Smith?age=28");
  });

  test("the named form, in any order; an ignorable query parameter may be left out or undefined", () => {
    assert.equal(uri(person, { age: 28, name: "Mike Smith" }), "/person/Mike%20Smith?age=28");
    assert.equal(uri(person, { name: "Bob" }), "/person/Bob");
    assert.equal(uri(person, "Bob", undefined), "/person/Bob");
  });

  test("Rocket's complex example: static query copied, rest fields unprefixed", () => {
    assert.equal(
      uri(complex, "no idea", 10, "high", { name: "A B C", nickname: "a c" }),
      "/name/no%20idea?foo=10&type=10&type=high&name=A%20B%20C&nickname=a%20c",
    );
  });

  test("values use Rocket's encoding set in paths and queries", () => {
    assert.equal(uri(person, "John[]|\\%@^", undefined), "/person/John[]%7C%5C%25@%5E");
    assert.equal(uri(person, "!?", undefined), "/person/!%3F");
    assert.equal(uri(search, "@M+s&OU=", "", undefined), "/search?q=@M%2Bs%26OU%3D&tags=");
    assert.equal(uri(person, "ünï cödé", undefined), "/person/%C3%BCn%C3%AF%20c%C3%B6d%C3%A9");
  });

  test("arrays repeat the name, objects nest as parent.field", () => {
    // Lists and nested objects come from form-typed query parameters (untyped here).
    const loose = uri as (...args: unknown[]) => string;
    assert.equal(loose(search, "x", ["a", "b c"], 2), "/search?q=x&tags=a&tags=b%20c&page=2");
    const nested = get("/n?<person>", ({ person: p }) => p);
    assert.equal(
      loose(nested, { person: { name: "Fi Fo", pet: { age: 1 } } }),
      "/n?person.name=Fi%20Fo&person.pet.age=1",
    );
  });

  test("a trailing path parameter renders its components, empty ones dropped", () => {
    assert.equal(uri(files, "one/tw o/"), "/files/one/tw%20o");
    assert.equal(uri(files, ""), "/files");
  });

  test("an ignored <_> segment still takes an argument", () => {
    assert.equal(uri(wild, "x", "7"), "/a/x/7");
  });

  test("a prefix is the mount point or an origin; '/' never doubles", () => {
    assert.equal(uri.at("/api")(person, "Bob", undefined), "/api/person/Bob");
    assert.equal(uri.at("/api/")(person, "Bob", undefined), "/api/person/Bob");
    assert.equal(uri.at("/")(person, "Bob", undefined), "/person/Bob");
    assert.equal(uri.at("https://rocket.rs/")(root), "https://rocket.rs");
    assert.equal(uri.at("https://rocket.rs")(person, "Bob", 3), "https://rocket.rs/person/Bob?age=3");
  });

  test("a suffix adds a fragment, and a query only when the route rendered none", () => {
    assert.equal(uri.at({ suffix: "?x=1#top" })(person, "Bob", undefined), "/person/Bob?x=1#top");
    assert.equal(uri.at({ suffix: "?x=1#top" })(person, "Bob", 4), "/person/Bob?age=4#top");
    assert.equal(uri.at({ prefix: "/api", suffix: "#s" })(root), "/api#s");
  });

  test("wrong arity, unknown names and missing path values are refused at run time too", () => {
    assert.throws(() => (uri as (...a: unknown[]) => string)(person, "Bob"), /takes 2 argument\(s\), got 1/);
    assert.throws(
      () => (uri as (...a: unknown[]) => string)(person, { name: "Bob", nope: 1 }),
      /no parameter <nope>/,
    );
    assert.throws(() => (uri as (...a: unknown[]) => string)(person, undefined, 1), /<name> needs a value/);
    assert.throws(() => (uri as (...a: unknown[]) => string)({}), /expected a route/);
    assert.throws(() => (uri.at("/x") as (...a: unknown[]) => string)("/p"), /expected a route/);
  });
});

describe("app.uri(): typed URIs with the mount point", () => {
  test("a route mounted once gets its base in front; Redirect.to takes the result", async () => {
    const { build, Client, Redirect } = await import("../src/index.ts");
    const go = get("/go", () => Redirect.to(app.uri(person, "Bob", 3)));
    const app = build().configure({ log_level: "off" }).mount("/api", [person]).mount("/", [go]);
    assert.equal(app.uri(person, "Bob", 3), "/api/person/Bob?age=3");
    const res = await (await Client.untracked(app)).get("/go").dispatch();
    assert.equal(res.status, 303);
    assert.equal(res.headers.get("location"), "/api/person/Bob?age=3");
  });

  test("a route mounted at several bases, or not at all, is refused with a clear message", async () => {
    const { build } = await import("../src/index.ts");
    const twice = build().mount("/a", [person]).mount("/b", [person]);
    assert.throws(
      () => twice.uri(person, "Bob", undefined),
      /mounted at \/a, \/b; pick one with uri\.at\(base\)/,
    );
    assert.throws(() => build().uri(person, "Bob", undefined), /is not mounted/);
  });
});
