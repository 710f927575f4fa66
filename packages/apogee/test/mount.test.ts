// Mount points (ROCKET.md §1.10): a static base, normalised; the same routes can be mounted at many bases;
// parameters are read relative to the mount point.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { build, Client, get, guard, type Route, success } from "../src/index.ts";
import { expectDefaultCatcher, expectResponse, TEXT } from "./support/local.ts";

const Base = guard("Base", (req) => success(req.route?.base ?? "none"));

function quiet() {
  return build().configure({ log_level: "off" });
}

describe("mount bases are normalised", () => {
  test("a trailing slash and empty segments in the base are dropped: /api/ is /api", async () => {
    const r = get("/x", { base: Base }, ({ base }) => `base ${base}`);
    const app = quiet().mount("/api/", [r]).mount("//v1//beta/", [r]);
    assert.deepEqual(
      app.routes.map((m) => m.uri),
      ["/api/x", "/v1/beta/x"],
    );
    const client = await Client.tracked(app);
    await expectResponse(await client.get("/api/x").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "base /api",
    });
    await expectResponse(await client.get("/v1/beta/x").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "base /v1/beta",
    });
  });

  test("a query in the base is dropped", async () => {
    const app = quiet().mount("/api?x=1", [get("/x", () => "x")]);
    assert.deepEqual(
      app.routes.map((m) => m.uri),
      ["/api/x"],
    );
    const client = await Client.tracked(app);
    await expectResponse(await client.get("/api/x").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "x",
    });
  });

  test("the full URI joins base and route: / at /api is /api, /?<q> at /api is /api?<q>", () => {
    const app = quiet().mount("/api", [get("/", () => ""), get("/?<q>", () => ""), get("/<a>/b", () => "")]);
    assert.deepEqual(
      app.routes.map((m) => m.uri),
      ["/api", "/api?<q>", "/api/<a>/b"],
    );
  });

  test("a route / mounted at /api answers /api and /api/", async () => {
    const client = await Client.tracked(quiet().mount("/api", [get("/", () => "api root")]));
    for (const uri of ["/api", "/api/"]) {
      await expectResponse(await client.get(uri).dispatch(), {
        status: 200,
        contentType: TEXT,
        body: "api root",
      });
    }
    await expectDefaultCatcher(await client.get("/").dispatch(), 404);
  });
});

describe("invalid mount bases throw at mount", () => {
  const routes: Route<any, any, any, any>[] = [get("/", () => "")];

  test("a dynamic base throws", () => {
    assert.throws(() => quiet().mount("/<x>", routes), /mount bases cannot contain dynamic parameters/);
    assert.throws(() => quiet().mount("/api/<v..>", routes), /mount bases cannot contain dynamic parameters/);
  });

  test("a base that does not start with '/' throws", () => {
    assert.throws(() => quiet().mount("<name>", routes), /it must start with '\/'/);
    assert.throws(() => quiet().mount("api", routes), /it must start with '\/'/);
    assert.throws(() => quiet().mount("", routes), /it must start with '\/'/);
  });

  test("a base with characters not allowed in a URI throws", () => {
    assert.throws(() => quiet().mount("/a b", routes), /it is not a valid origin URI/);
  });

  test("mounting something that is not a route throws", () => {
    assert.throws(() => quiet().mount("/", [{} as unknown as Route]), /mount\("\/"\): item 0 is not a route/);
  });
});

describe("the same routes at several bases", () => {
  test("each mount answers under its own base", async () => {
    const hello = get("/hello/<name>", { base: Base }, ({ name, base }) => `hello ${name} from ${base}`);
    const client = await Client.tracked(
      quiet().mount("/", [hello]).mount("/v1", [hello]).mount("/v2/x", [hello]),
    );
    await expectResponse(await client.get("/hello/a").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "hello a from /",
    });
    await expectResponse(await client.get("/v1/hello/b").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "hello b from /v1",
    });
    await expectResponse(await client.get("/v2/x/hello/c").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "hello c from /v2/x",
    });
    await expectDefaultCatcher(await client.get("/v3/hello/c").dispatch(), 404);
  });

  test("parameters are read relative to the mount point, trailing ones too", async () => {
    const r = get("/<a>/<rest..>", ({ a, rest }) => `a=${a} rest=${rest.join(",")}`);
    const client = await Client.tracked(quiet().mount("/one/two", [r]));
    await expectResponse(await client.get("/one/two/x/y/z").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "a=x rest=y,z",
    });
    await expectResponse(await client.get("/one//two/x").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "a=x rest=",
    });
  });

  test("a mount base is matched against decoded request segments", async () => {
    const client = await Client.tracked(quiet().mount("/api", [get("/x", () => "x")]));
    await expectResponse(await client.get("/%61pi/x").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "x",
    });
  });
});
