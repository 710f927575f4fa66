// Managed state and sentinels (ROCKET.md §10): `manage`, the `State(key)` guard, launch aborts for unmanaged state
// (every one, with its definition site), and the 500 a guard gets when it reaches unmanaged state at request time.
import assert from "node:assert/strict";
import { relative } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import {
  AdHoc,
  build,
  Client,
  dataGuard,
  get,
  guard,
  LaunchError,
  optional,
  post,
  result,
  State,
  stateKey,
  success,
} from "../src/index.ts";
import {
  callerLine,
  clientFor,
  expectDefaultCatcher,
  expectResponse,
  quietApp,
  TEXT,
} from "./support/local.ts";

// Definition sites are shown relative to the working directory.
const FILE = relative(process.cwd(), fileURLToPath(import.meta.url));

class HitCount {
  count = 0;
}
class Db {
  readonly name = "main";
}
const Greeting = stateKey<string>("greeting");

describe("managed state", () => {
  test("the seed's hit counter: a class instance is managed under its class and counts every visit", async () => {
    const count = get("/count", { hits: State(HitCount) }, ({ hits }) => `Number of visits: ${++hits.count}`);
    const client = await Client.tracked(quietApp([count]).manage(new HitCount()));
    for (const n of [1, 2, 3]) {
      await expectResponse(await client.get("/count").dispatch(), {
        status: 200,
        contentType: TEXT,
        body: `Number of visits: ${n}`,
      });
    }
  });

  test("values without a class of their own are managed under a stateKey", async () => {
    const Visits = stateKey<Map<string, number>>("visits");
    const hello = get(
      "/<name>",
      { greeting: State(Greeting), visits: State(Visits) },
      ({ name, greeting, visits }) => {
        visits.set(name, (visits.get(name) ?? 0) + 1);
        return `${greeting}, ${name} (${visits.get(name)})`;
      },
    );
    const app = quietApp([hello]).manage(Greeting, "Hello").manage(Visits, new Map());
    const c = await Client.untracked(app);
    await expectResponse(await c.get("/Ann").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "Hello, Ann (1)",
    });
    await expectResponse(await c.get("/Ann").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "Hello, Ann (2)",
    });
  });

  test("managing the same class twice throws, naming it", () => {
    const app = build().manage(new HitCount());
    assert.throws(() => app.manage(new HitCount()), {
      message: "manage(): state for HitCount is already being managed",
    });
    assert.throws(() => app.manage(HitCount, new HitCount()), {
      message: "manage(): state for HitCount is already being managed",
    });
  });

  test("managing the same key twice throws, naming it", () => {
    const app = build().manage(Greeting, "hi");
    assert.throws(() => app.manage(Greeting, "hello"), {
      message: "manage(): state for greeting is already being managed",
    });
  });

  test("a lone value without a class of its own is refused with the fix", () => {
    assert.throws(() => build().manage({ count: 0 }), {
      message:
        'manage(): a Object would be keyed by a class every such value shares; name it with a key: const Key = stateKey<…>("name"); app.manage(Key, value)',
    });
    assert.throws(() => build().manage(new Map()), /a Map would be keyed by a class every such value shares/);
    assert.throws(() => (build().manage as (v: unknown) => unknown)(5), {
      message:
        'manage(5): a number has no class to key it; name it with a key: const Key = stateKey<number>("name"); app.manage(Key, value)',
    });
  });

  test("two keys with the same name are different keys", async () => {
    const A = stateKey<string>("same");
    const B = stateKey<string>("same");
    const r = get("/", { a: State(A), b: State(B) }, ({ a, b }) => `${a}${b}`);
    const client = await Client.untracked(quietApp([r]).manage(A, "a").manage(B, "b"));
    await expectResponse(await client.get("/").dispatch(), { status: 200, contentType: TEXT, body: "ab" });
  });

  test("state managed as undefined is still managed", async () => {
    const Maybe = stateKey<string | undefined>("maybe");
    const r = get("/", { m: State(Maybe) }, ({ m }) => `${m ?? "none"}`);
    const client = await Client.untracked(quietApp([r]).manage(Maybe, undefined));
    await expectResponse(await client.get("/").dispatch(), { status: 200, contentType: TEXT, body: "none" });
  });

  test("the ignited app and the app being built expose state by key", async () => {
    const app = quietApp().manage(new HitCount()).manage(Greeting, "hey");
    assert.equal(app.state(Greeting), "hey");
    assert.equal(app.state(Db), undefined);
    const client = await Client.untracked(app);
    assert.equal(client.app.state(Greeting), "hey");
    assert.ok(client.app.state(HitCount) instanceof HitCount);
  });

  test("state is frozen at ignition: managing afterwards does not reach the ignited app", async () => {
    const app = quietApp();
    const client = await Client.untracked(app);
    app.manage(Greeting, "late");
    assert.equal(client.app.state(Greeting), undefined);
  });

  test("ignite fairings may manage state", async () => {
    const r = get("/", { g: State(Greeting) }, ({ g }) => g);
    const app = quietApp([r]).attach(
      AdHoc.onIgnite("Greeter", (a) => void a.manage(Greeting, "from ignite")),
    );
    const client = await Client.untracked(app);
    await expectResponse(await client.get("/").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "from ignite",
    });
  });
});

describe("sentinels: unmanaged state aborts launch", () => {
  test("every route asking for unmanaged state is reported at once, with its definition site", async () => {
    const line = callerLine();
    const count = get("/count", { hits: State(HitCount) }, ({ hits }) => `${hits.count}`);
    const db = get("/db", { db: State(Db) }, ({ db }) => db.name);
    const fine = get("/fine", { g: State(Greeting) }, ({ g }) => g);
    const app = quietApp([count, db, fine]).manage(Greeting, "hi");
    const e = await Client.untracked(app).then(
      () => assert.fail("launch should abort"),
      (x: unknown) => x,
    );
    assert.ok(e instanceof LaunchError);
    assert.equal(e.kind, "sentinels");
    assert.deepEqual(e.problems, [
      `State<HitCount> in (count) GET /count (${FILE}:${line + 1}): HitCount is not managed: call app.manage(…) for it before launch`,
      `State<Db> in (db) GET /db (${FILE}:${line + 2}): Db is not managed: call app.manage(…) for it before launch`,
    ]);
    assert.equal(e.abort, "aborting due to sentinel-triggered abort(s)");
    assert.equal(e.message.split("\n")[0], "Apogee failed to launch due to aborting sentinels:");
  });

  test("optional(State(T)) and result(State(T)) still abort: the wrappers delegate", async () => {
    const line = callerLine();
    const a = get("/a", { hits: optional(State(HitCount)) }, ({ hits }) => `${hits?.count}`);
    const b = get("/b", { hits: result(State(HitCount)) }, ({ hits }) => `${hits.ok}`);
    const e = await Client.untracked(quietApp([a, b])).catch((x: unknown) => x);
    assert.ok(e instanceof LaunchError);
    assert.deepEqual(e.problems, [
      `Option<State<HitCount>> in (a) GET /a (${FILE}:${line + 1}): HitCount is not managed: call app.manage(…) for it before launch`,
      `Result<State<HitCount>> in (b) GET /b (${FILE}:${line + 2}): HitCount is not managed: call app.manage(…) for it before launch`,
    ]);
  });

  test("only mounted routes are checked", async () => {
    get("/unmounted", { hits: State(HitCount) }, ({ hits }) => `${hits.count}`);
    const client = await Client.untracked(quietApp([get("/", () => "ok")]));
    await expectResponse(await client.get("/").dispatch(), { status: 200, contentType: TEXT, body: "ok" });
  });

  test("a route mounted at two bases is reported once", async () => {
    const count = get("/count", { hits: State(HitCount) }, ({ hits }) => `${hits.count}`);
    const e = await Client.untracked(quietApp().mount("/a", [count]).mount("/b", [count])).catch(
      (x: unknown) => x,
    );
    assert.ok(e instanceof LaunchError);
    assert.equal(e.problems.length, 1);
    assert.match(e.problems[0]!, /^State<HitCount> in \(count\) GET \/a\/count /);
  });

  test("a custom guard declares the guards it uses, and their sentinels abort launch", async () => {
    const User = guard(
      "User",
      async (req) => {
        const db = await req.guard(State(Db));
        return db.outcome === "success" ? success(`user from ${db.value.name}`) : db;
      },
      { uses: [State(Db)] },
    );
    const line = callerLine();
    const me = get("/me", { user: User }, ({ user }) => user);
    const e = await Client.untracked(quietApp([me])).catch((x: unknown) => x);
    assert.ok(e instanceof LaunchError);
    assert.deepEqual(e.problems, [
      `User in (me) GET /me (${FILE}:${line + 1}): Db is not managed: call app.manage(…) for it before launch`,
    ]);
    const ok = await Client.untracked(quietApp([me]).manage(new Db()));
    await expectResponse(await ok.get("/me").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "user from main",
    });
  });

  test("a guard's own sentinel and a data guard's sentinel are queried", async () => {
    const Flagged = guard("Flagged", () => success(1), {
      sentinel: (app) => (app.config.port === 1 ? "port 1 is reserved" : undefined),
    });
    const Body = { ...dataGuard("Body", () => success("b")), sentinel: () => "no body today" };
    const line = callerLine();
    const r = post({ uri: "/", data: "<body>" }, { f: Flagged, body: Body }, ({ body }) => body);
    const e = await Client.untracked(quietApp([r]).configure({ port: 1 })).catch((x: unknown) => x);
    assert.ok(e instanceof LaunchError);
    assert.deepEqual(e.problems, [
      `Flagged in (r) POST / (${FILE}:${line + 1}): port 1 is reserved`,
      `Body in (r) POST / (${FILE}:${line + 1}): no body today`,
    ]);
  });

  test("a sentinel that throws aborts launch with what it threw", async () => {
    const Broken = guard("Broken", () => success(1), {
      sentinel: () => {
        throw new Error("boom");
      },
    });
    const r = get("/", { b: Broken }, () => "x");
    const e = await Client.untracked(quietApp([r])).catch((x: unknown) => x);
    assert.ok(e instanceof LaunchError);
    assert.match(e.problems[0]!, /^Broken in \(r\) GET \/ \(.*\): its sentinel threw: boom$/);
  });
});

describe("unmanaged state at request time", () => {
  test("a guard reaching unmanaged state through req.guard fails the request with 500", async () => {
    const Sneaky = guard("Sneaky", (req) => req.guard(State(Db)));
    const r = get("/", { db: Sneaky }, ({ db }) => db.name);
    const client = await clientFor(r);
    await expectDefaultCatcher(await client.get("/").dispatch(), 500);
  });

  test("optional(...) around such a guard turns the failure into undefined", async () => {
    const Sneaky = guard("Sneaky", (req) => req.guard(State(Db)));
    const r = get("/", { db: optional(Sneaky) }, ({ db }) => db?.name ?? "no db");
    const client = await clientFor(r);
    await expectResponse(await client.get("/").dispatch(), { status: 200, contentType: TEXT, body: "no db" });
  });
});
