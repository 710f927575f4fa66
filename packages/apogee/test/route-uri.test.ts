// Route URI grammar (ROCKET.md §1.1): malformed URIs and signatures are errors thrown at definition, with the
// position of the problem; well-formed ones parse into the segments routing uses.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { dataGuard, get, guard, post, type Route, success, u8, usize } from "../src/index.ts";
import { clientFor, expectResponse, TEXT } from "./support/local.ts";

// Untyped views of the builders, so the runtime checks can be reached with signatures the types reject.
const anyGet = get as unknown as (...args: unknown[]) => Route;
const anyPost = post as unknown as (...args: unknown[]) => Route;

const ok = () => "ok";
const Body = dataGuard("Body", () => success("body"));
const Auth = guard("Auth", () => success("auth"));

/** Asserts that declaring `uri` throws a RouteUriError pointing at `position` with `problem` in its message. */
function assertUriError(uri: string, position: number, problem: RegExp): void {
  assert.throws(
    () => anyGet(uri, ok),
    (e: any) => {
      assert.equal(e.name, "RouteUriError");
      assert.equal(e.uri, uri);
      assert.equal(e.position, position, `position of the problem in ${uri}`);
      assert.match(e.message, problem);
      // The message quotes the URI and puts a caret under the problem.
      assert.ok(
        e.message.includes(`\n    ${uri}\n    ${" ".repeat(position)}^\n  hint: `),
        `caret at ${position} in:\n${e.message}`,
      );
      return true;
    },
  );
}

describe("route URI grammar errors are thrown at definition with the position", () => {
  test("a URI that does not start with '/' is rejected at position 0", () => {
    assertUriError("hello", 0, /must start with '\/'/);
  });

  test("an empty segment in the middle of the path is rejected where it is", () => {
    assertUriError("/a//b", 3, /route URIs cannot contain empty segments/);
  });

  test("a trailing slash is an empty segment, pointed at the slash itself", () => {
    assertUriError("/a/b/", 4, /route URIs cannot contain empty segments/);
    assert.throws(() => anyGet("/a/b/", ok), /remove the trailing '\/'/);
  });

  test("an empty query segment ('&&') is rejected where it is", () => {
    assertUriError("/?a&&b", 4, /route URIs cannot contain empty segments/);
  });

  test("an empty query after '?' is rejected, pointed at the '?'", () => {
    assertUriError("/a?", 2, /route URIs cannot contain empty segments/);
  });

  test("a trailing <x..> that is not the last path segment is rejected at the segment after it", () => {
    assertUriError("/<a..>/b", 7, /trailing parameter <a\.\.> must be the last path segment/);
  });

  test("a trailing <rest..> that is not the last query segment is rejected", () => {
    assertUriError("/?<rest..>&<q>", 11, /trailing parameter <rest\.\.> must be the last query segment/);
  });

  test("a parameter declared twice in the path is rejected at the second", () => {
    assertUriError("/<a>/<a>", 5, /the parameter <a> is declared twice/);
  });

  test("a parameter declared in both path and query is rejected at the query one", () => {
    assertUriError("/<a>?<a>", 5, /the parameter <a> is declared twice/);
  });

  test("<_> in the query is rejected", () => {
    assertUriError("/a?<_>", 3, /<_> is not allowed in the query/);
  });

  test("<_> may be used several times in the path", () => {
    assert.doesNotThrow(() => get("/<_>/<_>/<_..>", ok));
  });

  test("a parameter name that is not an identifier is rejected at the name", () => {
    assertUriError("/a/<1x>", 4, /"1x" is not a valid parameter name/);
    assertUriError("/<a-b>", 2, /"a-b" is not a valid parameter name/);
    assertUriError("/<>", 2, /"" is not a valid parameter name/);
  });

  test("a parameter that does not span its whole segment is rejected", () => {
    assertUriError("/a<b>", 2, /a parameter must span a whole segment/);
    assertUriError("/<a>b", 1, /a parameter must span a whole segment/);
    assertUriError("/x?a=<b>", 5, /a parameter must span a whole segment/);
  });
});

describe("signature errors are thrown at definition, naming the declaration site", () => {
  const site = /\(declared at packages\/apogee\/test\/route-uri\.test\.ts:\d+\)/;

  test("data naming a key the signature lacks is rejected", () => {
    assert.throws(
      () => anyPost({ uri: "/", data: "<body>" }, {}, ok),
      (e: any) =>
        e instanceof TypeError && /the signature has no "body" key/.test(e.message) && site.test(e.message),
    );
  });

  test("a data key that is also a URI parameter is rejected", () => {
    assert.throws(
      () => anyPost({ uri: "/<body>", data: "<body>" }, { body: Body }, ok),
      (e: any) => e instanceof TypeError && /the data key <body> is also a URI parameter/.test(e.message),
    );
  });

  test("data must be written <name>", () => {
    assert.throws(
      () => anyPost({ uri: "/", data: "body" }, { body: Body }, ok),
      /data must name a signature key/,
    );
    assert.throws(
      () => anyPost({ uri: "/", data: "<_>" }, { _: Body }, ok),
      /data must name a signature key/,
    );
    assert.throws(
      () => anyPost({ uri: "/", data: "<b..>" }, { b: Body }, ok),
      /data must name a signature key/,
    );
  });

  test("the data key must hold a data guard", () => {
    assert.throws(() => anyPost({ uri: "/", data: "<body>" }, { body: Auth }, ok), /must hold a data guard/);
  });

  test("a param type on a key the URI does not declare is rejected", () => {
    assert.throws(
      () => anyGet("/user", { id: usize }, ok),
      (e: any) =>
        e instanceof TypeError && /"id" is a param type, but the URI "\/user" has no <id>/.test(e.message),
    );
  });

  test("a request guard on a URI parameter is rejected", () => {
    assert.throws(
      () => anyGet("/user/<id>", { id: Auth }, ok),
      (e: any) =>
        e instanceof TypeError &&
        /"id" is a URI parameter, so its signature entry must be a param/.test(e.message),
    );
  });

  test("a trailing parameter needs a segments param type", () => {
    assert.throws(() => anyGet("/<p..>", { p: u8 }, ok), /must accept segments/);
  });

  test("a data guard under a key that is not the data key is rejected", () => {
    assert.throws(
      () => anyPost("/", { body: Body }, ok),
      /"body" is neither a URI parameter nor a request guard/,
    );
  });

  test("a signature entry that is neither a param type nor a guard is rejected", () => {
    assert.throws(() => anyGet("/", { x: 42 }, ok), /"x" is neither a URI parameter nor a request guard/);
  });

  test("a rank that is not an integer is rejected", () => {
    assert.throws(() => anyGet({ uri: "/", rank: 1.5 }, ok), /rank must be an integer/);
  });

  test("an unparsable format is rejected", () => {
    assert.throws(
      () => anyGet({ uri: "/", format: "not a type" }, ok),
      /is not a media type or a known shorthand/,
    );
  });

  test("a handler that is not a function is rejected", () => {
    assert.throws(() => anyGet("/", {}, "nope"), /the route handler must be a function/);
  });
});

describe("well-formed route URIs", () => {
  test("any UTF-8 text is allowed in static parts, and static query parts must be present", async () => {
    const odd = get("/hello süper $?a&?&<value>", ({ value }) => `value=${value}`);
    assert.deepEqual(odd.uri.path, [{ kind: "static", value: "hello süper $" }]);
    const client = await clientFor(odd);
    await expectResponse(await client.get("/hello%20s%C3%BCper%20$?a&?&value=1").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "value=1",
    });
    const missing = await client.get("/hello%20s%C3%BCper%20$?a&value=1").dispatch();
    assert.equal(missing.status, 404);
  });

  test("'/' has no segments and no query", () => {
    const r = get("/", ok);
    assert.deepEqual(r.uri.path, []);
    assert.equal(r.uri.query, undefined);
  });

  test("names starting with '_' other than '_' itself are ordinary parameters", async () => {
    const client = await clientFor(get("/<_id>", ({ _id }) => `id ${_id}`));
    await expectResponse(await client.get("/7").dispatch(), { status: 200, contentType: TEXT, body: "id 7" });
  });

  test("a query segment name=value is a static pair; a bare name has the value ''", () => {
    const r = get("/?a=1&b&<c>&<d..>", ok);
    assert.deepEqual(r.staticQuery, [
      ["a", "1"],
      ["b", ""],
    ]);
    assert.deepEqual(
      r.queryParams.map((q) => q.key),
      ["c"],
    );
    assert.equal(r.queryRest, "d");
  });
});
