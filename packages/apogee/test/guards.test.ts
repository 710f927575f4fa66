// Request guards, params and the data guard (ROCKET.md §1.7, §3.1, §3.2): evaluation order, sync and async
// guards, short-circuiting, and the optional/result wrappers.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  build,
  Client,
  catcher,
  dataGuard,
  error,
  fail,
  forward,
  get,
  guard,
  optional,
  param,
  post,
  Redirect,
  result,
  Status,
  success,
  u8,
  usize,
} from "../src/index.ts";
import { clientFor, expectDefaultCatcher, expectResponse, TEXT } from "./support/local.ts";

describe("evaluation order: request guards in signature key order, then path params, then query, then data", () => {
  test("the handler sees every input after guards, params, query and data ran in that order", async () => {
    const log: string[] = [];
    const G = (name: string) =>
      guard(name, () => {
        log.push(`guard ${name}`);
        return success(name);
      });
    const P = param("P", (v) => {
      log.push(`param ${v}`);
      return v;
    });
    const D = dataGuard("D", async (_req, data) => {
      log.push("data");
      const { value } = await data.read(64);
      return success(Buffer.from(value).toString());
    });
    const r = post(
      { uri: "/<p1>/<p2>?<q1>&<q2>", data: "<body>" },
      { q2: P, b: G("b"), body: D, p2: P, a: G("a"), p1: P, q1: P, c: G("c") },
      (input) => {
        log.push("handler");
        return `${input.b}${input.a}${input.c} ${input.p1}/${input.p2} ${input.q1}&${input.q2} ${input.body}`;
      },
    );
    const client = await clientFor(r);
    await expectResponse(await client.post("/x/y?q2=Q2&q1=Q1").body("payload").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "bac x/y Q1&Q2 payload",
    });
    assert.deepEqual(log, [
      "guard b",
      "guard a",
      "guard c",
      "param x",
      "param y",
      "param Q1",
      "param Q2",
      "data",
      "handler",
    ]);
  });

  test("a forwarding guard short-circuits: later guards, params, query and data never run", async () => {
    const log: string[] = [];
    const Rec = (name: string, outcome: "success" | "forward") =>
      guard(name, () => {
        log.push(name);
        return outcome === "success" ? success(name) : forward(401);
      });
    const P = param("P", (v) => {
      log.push(`param ${v}`);
      return v;
    });
    const D = dataGuard("D", () => {
      log.push("data");
      return success("d");
    });
    const client = await clientFor(
      post(
        { uri: "/<p>?<q>", data: "<d>" },
        { a: Rec("a", "success"), b: Rec("b", "forward"), c: Rec("c", "success"), p: P, q: P, d: D },
        () => "never",
      ),
    );
    await expectDefaultCatcher(await client.post("/x?q=1").dispatch(), 401);
    assert.deepEqual(log, ["a", "b"]);
  });

  test("a path param that fails forwards with 422 before query params and data run", async () => {
    const log: string[] = [];
    const Q = param("Q", (v) => {
      log.push(`query ${v}`);
      return v;
    });
    const D = dataGuard("D", () => {
      log.push("data");
      return success("d");
    });
    const client = await clientFor(
      post({ uri: "/<n>?<q>", data: "<d>" }, { n: u8, q: Q, d: D }, () => "never"),
    );
    await expectDefaultCatcher(await client.post("/300?q=1").dispatch(), 422);
    assert.deepEqual(log, []);
  });

  test("a query param that fails forwards with 422 before data runs", async () => {
    const log: string[] = [];
    const D = dataGuard("D", () => {
      log.push("data");
      return success("d");
    });
    const client = await clientFor(post({ uri: "/?<n>", data: "<d>" }, { n: u8, d: D }, () => "never"));
    await expectDefaultCatcher(await client.post("/?n=x").dispatch(), 422);
    assert.deepEqual(log, []);
  });

  test("a data guard's forward status reaches the catcher; its error status fails the request", async () => {
    const Fwd = dataGuard("Fwd", () => forward(415));
    const Err = dataGuard("Err", () => error(413, "too big"));
    const client = await clientFor(
      post({ uri: "/f", data: "<d>" }, { d: Fwd }, () => "never"),
      post({ uri: "/e", data: "<d>" }, { d: Err }, () => "never"),
      post({ uri: "/e", data: "<d>", rank: 2 }, { d: Fwd }, () => "never"),
    );
    await expectDefaultCatcher(await client.post("/f").dispatch(), 415);
    await expectDefaultCatcher(await client.post("/e").dispatch(), 413);
  });
});

describe("sync and async guards", () => {
  const Sync = guard("Sync", (req) =>
    req.header("x-user") ? success(`sync:${req.header("x-user")}`) : forward(401),
  );
  const Async = guard("Async", async (req) => {
    await new Promise((r) => setTimeout(r, 1));
    return req.header("x-user") ? success(`async:${req.header("x-user")}`) : forward(401);
  });

  test("an async guard between sync guards keeps the order and passes its value", async () => {
    const log: string[] = [];
    const Tap = (name: string) =>
      guard(name, () => {
        log.push(name);
        return success(name);
      });
    const Later = guard("Later", async () => {
      log.push("async");
      await Promise.resolve();
      return success("later");
    });
    const client = await clientFor(
      get("/", { a: Tap("one"), s: Sync, l: Later, z: Async, b: Tap("two") }, ({ a, s, l, z, b }) =>
        [a, s, l, z, b].join(" "),
      ),
    );
    await expectResponse(await client.get("/").header("x-user", "bob").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "one sync:bob later async:bob two",
    });
    assert.deepEqual(log, ["one", "async", "two"]);
  });

  test("an async guard that forwards makes the route forward with its status", async () => {
    const client = await clientFor(get("/", { u: Async }, ({ u }) => u));
    await expectDefaultCatcher(await client.get("/").dispatch(), 401);
  });

  test("an async guard that errors after an async guard stops routing with its status", async () => {
    const Later = guard("Later", async () => error(Status.Forbidden));
    const client = await clientFor(
      get("/", { u: Async, l: Later }, () => "never"),
      get({ uri: "/", rank: 2 }, () => "rank 2"),
    );
    await expectDefaultCatcher(await client.get("/").header("x-user", "a").dispatch(), 403);
  });

  test("a guard that throws fails with 500; later routes are not tried", async () => {
    const Boom = guard("Boom", () => {
      throw new Error("bug");
    });
    const AsyncBoom = guard("AsyncBoom", async () => {
      throw new Error("bug");
    });
    const client = await clientFor(
      get("/sync", { b: Boom }, () => "never"),
      get({ uri: "/sync", rank: 2 }, () => "rank 2"),
      get("/async", { b: AsyncBoom }, () => "never"),
    );
    await expectDefaultCatcher(await client.get("/sync").dispatch(), 500);
    await expectDefaultCatcher(await client.get("/async").dispatch(), 500);
  });

  test("a guard may run another guard through req.guard", async () => {
    const Admin = guard("Admin", async (req) => {
      const user = await req.guard(Sync);
      if (user.outcome !== "success") return user;
      return user.value === "sync:admin" ? success("admin") : error(Status.Forbidden);
    });
    const client = await clientFor(get("/admin", { admin: Admin }, ({ admin }) => `hello ${admin}`));
    await expectResponse(await client.get("/admin").header("x-user", "admin").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "hello admin",
    });
    await expectDefaultCatcher(await client.get("/admin").header("x-user", "bob").dispatch(), 403);
    await expectDefaultCatcher(await client.get("/admin").dispatch(), 401);
  });

  test("req.cached computes a value once per request", async () => {
    let computed = 0;
    const key = Symbol("user");
    const User = guard("User", (req) => success(req.cached(key, () => ++computed)));
    const Again = guard("Again", (req) => success(req.cached(key, () => ++computed)));
    const client = await clientFor(get("/", { a: User, b: Again }, ({ a, b }) => `${a} ${b}`));
    await expectResponse(await client.get("/").dispatch(), { status: 200, contentType: TEXT, body: "1 1" });
    await expectResponse(await client.get("/").dispatch(), { status: 200, contentType: TEXT, body: "2 2" });
  });
});

describe("optional(...) and result(...) on guards (ROCKET.md §3.2)", () => {
  const Fwd = guard("Fwd", () => forward(401));
  const Err = guard("Err", () => error(Status.Forbidden, "denied"));
  const Ok = guard("Ok", () => success("yes"));

  test("optional(guard): success gives the value", async () => {
    const client = await clientFor(get("/", { g: optional(Ok) }, ({ g }) => `value ${g}`));
    await expectResponse(await client.get("/").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "value yes",
    });
  });

  test("optional(guard): a forward gives undefined", async () => {
    const client = await clientFor(get("/", { g: optional(Fwd) }, ({ g }) => `value ${g}`));
    await expectResponse(await client.get("/").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "value undefined",
    });
  });

  test("optional(guard): an error gives undefined", async () => {
    const client = await clientFor(get("/", { g: optional(Err) }, ({ g }) => `value ${g}`));
    await expectResponse(await client.get("/").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "value undefined",
    });
  });

  test("result(guard): success gives ok(value)", async () => {
    const client = await clientFor(get("/", { g: result(Ok) }, ({ g }) => JSON.stringify(g)));
    await expectResponse(await client.get("/").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: '{"ok":true,"value":"yes"}',
    });
  });

  test("result(guard): an error gives err(reason)", async () => {
    const client = await clientFor(get("/", { g: result(Err) }, ({ g }) => JSON.stringify(g)));
    await expectResponse(await client.get("/").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: '{"ok":false,"error":"denied"}',
    });
  });

  test("result(guard): a forward still forwards, with its status", async () => {
    const client = await clientFor(
      get("/", { g: result(Fwd) }, () => "never"),
      get({ uri: "/", rank: 2 }, { g: result(Fwd) }, () => "never either"),
    );
    await expectDefaultCatcher(await client.get("/").dispatch(), 401);
  });

  test("result(guard) on an async guard", async () => {
    const AsyncErr = guard("AsyncErr", async () => error(Status.Forbidden, "later"));
    const client = await clientFor(
      get("/", { g: result(AsyncErr) }, ({ g }) => (g.ok ? "ok" : `err ${g.error}`)),
    );
    await expectResponse(await client.get("/").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "err later",
    });
  });

  test("optional and result on data guards", async () => {
    const Fwd415 = dataGuard("Fwd415", () => forward(415));
    const Err413 = dataGuard("Err413", () => error(413, "too big"));
    const client = await clientFor(
      post({ uri: "/opt", data: "<d>" }, { d: optional(Err413) }, ({ d }) => `opt ${d}`),
      post({ uri: "/res", data: "<d>" }, { d: result(Err413) }, ({ d }) => JSON.stringify(d)),
      post({ uri: "/fwd", data: "<d>" }, { d: result(Fwd415) }, () => "never"),
    );
    await expectResponse(await client.post("/opt").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "opt undefined",
    });
    await expectResponse(await client.post("/res").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: '{"ok":false,"error":"too big"}',
    });
    await expectDefaultCatcher(await client.post("/fwd").dispatch(), 415);
  });
});

describe("optional(...) and result(...) on params", () => {
  test("optional(param) in the path: a value that does not parse gives undefined, never forwards", async () => {
    const client = await clientFor(get("/u/<id>", { id: optional(usize) }, ({ id }) => `id ${id}`));
    await expectResponse(await client.get("/u/12").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "id 12",
    });
    await expectResponse(await client.get("/u/x").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "id undefined",
    });
  });

  test("result(param) in the path: the error carries the value that failed", async () => {
    const client = await clientFor(
      get("/u/<id>", { id: result(usize) }, ({ id }) =>
        id.ok ? `user ${id.value}` : `bad id ${id.error.value}`,
      ),
    );
    await expectResponse(await client.get("/u/7").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "user 7",
    });
    await expectResponse(await client.get("/u/-7").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "bad id -7",
    });
  });

  test("optional(param) in the query: absent or bad gives undefined", async () => {
    const client = await clientFor(get("/?<n>", { n: optional(u8) }, ({ n }) => `n ${n}`));
    await expectResponse(await client.get("/?n=5").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "n 5",
    });
    await expectResponse(await client.get("/?n=500").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "n undefined",
    });
    await expectResponse(await client.get("/").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "n undefined",
    });
  });

  test("result(param) in the query: absent gives an error, never forwards", async () => {
    const client = await clientFor(
      get("/?<n>", { n: result(u8) }, ({ n }) => (n.ok ? `n ${n.value}` : `error: ${n.error.message}`)),
    );
    await expectResponse(await client.get("/?n=5").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "n 5",
    });
    await expectResponse(await client.get("/").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "error: missing query parameter",
    });
  });

  test("a custom param type refuses with fail(): the route forwards with 422", async () => {
    const slug = param("slug", (s) => (/^[a-z0-9-]+$/.test(s) ? s : fail("not a slug")));
    const client = await clientFor(get("/posts/<slug>", { slug }, ({ slug }) => `post ${slug}`));
    await expectResponse(await client.get("/posts/hello-world").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "post hello-world",
    });
    await expectDefaultCatcher(await client.get("/posts/Hello").dispatch(), 422);
  });
});

describe("guards and catchers", () => {
  test("a guard error's status picks the catcher; the catcher may redirect", async () => {
    const Login = guard("Login", (req) =>
      req.header("x-user") ? success(true) : error(Status.Unauthorized),
    );
    const client = await Client.tracked(
      build()
        .configure({ log_level: "off" })
        .mount("/", [get("/admin", { l: Login }, () => "admin")])
        .register("/", [catcher(401, () => Redirect.to("/login"))]),
    );
    await expectResponse(await client.get("/admin").dispatch(), {
      status: 303,
      contentType: null,
      body: "",
      headers: { location: "/login" },
    });
  });
});
