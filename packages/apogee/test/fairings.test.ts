// Fairings (ROCKET.md §9): ignite fairings (order, the app they receive, fairings attached during the pass,
// collected failures), liftoff and shutdown fairings (concurrent), request fairings (rewrite and peek), response
// fairings, singletons, AdHoc, and the banner's Fairings section.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { z } from "zod";
import {
  AdHoc,
  Apogee,
  build,
  Client,
  dataGuard,
  err,
  type Fairing,
  Figment,
  get,
  guard,
  LaunchError,
  ok,
  post,
  put,
  Shield,
  State,
  success,
} from "../src/index.ts";
import { expectDefaultCatcher, expectResponse, quietApp, TEXT } from "./support/local.ts";

const Body = dataGuard("Body", async (_req, data) => {
  const { value } = await data.read(1024);
  return success(Buffer.from(value).toString());
});
const Tag = guard("Tag", (req) => success(req.header("x-tag") ?? "none"));

describe("ignite fairings", () => {
  test("run in attach order and receive the app being built", async () => {
    const seen: string[] = [];
    let received: unknown;
    const app = quietApp()
      .attach(
        AdHoc.onIgnite("First", (a) => {
          received = a;
          seen.push("first");
        }),
      )
      .attach(AdHoc.onIgnite("Second", async () => void seen.push("second")));
    await Client.untracked(app);
    assert.deepEqual(seen, ["first", "second"]);
    assert.ok(received instanceof Apogee);
    assert.equal(received, app);
  });

  test("may mount routes, configure, and attach fairings that run in the same pass", async () => {
    const seen: string[] = [];
    const late: Fairing = {
      name: "Late",
      onIgnite: () => void seen.push("late ignite"),
      onResponse: (_req, res) => void res.setHeader("x-late", "yes"),
    };
    const app = quietApp()
      .attach(
        AdHoc.onIgnite("Setup", (a) => {
          seen.push("setup");
          a.mount("/", [get("/", () => "mounted at ignite")]).configure({ ident: "Configured" });
          a.attach(late);
        }),
      )
      .attach(AdHoc.onIgnite("After", () => void seen.push("after")));
    const client = await Client.untracked(app);
    assert.deepEqual(seen, ["setup", "after", "late ignite"]);
    await expectResponse(await client.get("/").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "mounted at ignite",
      standard: false,
      headers: { server: "Configured", "x-late": "yes" },
    });
  });

  test("every failure is collected, later fairings still run, and launch aborts naming each one", async () => {
    const seen: string[] = [];
    const app = quietApp()
      .attach(AdHoc.tryOnIgnite("Database", () => err("no DATABASE_URL")))
      .attach(
        AdHoc.onIgnite("Thrower", () => {
          throw new Error("exploded");
        }),
      )
      .attach(AdHoc.tryOnIgnite("Fine", () => ok(seen.push("fine"))))
      .attach(AdHoc.tryOnIgnite("Silent", async () => err(undefined)))
      .attach(AdHoc.tryOnIgnite("WithError", () => err(new Error("bad key"))));
    const e = await Client.untracked(app).catch((x: unknown) => x);
    assert.ok(e instanceof LaunchError);
    assert.equal(e.kind, "fairings");
    assert.deepEqual(e.problems, [
      "Database: no DATABASE_URL",
      "Thrower: exploded",
      "Silent",
      "WithError: bad key",
    ]);
    assert.equal(e.abort, "aborting due to fairing failure(s)");
    assert.equal(e.message.split("\n")[0], "Apogee failed to launch due to failing fairings:");
    assert.ok(e.cause instanceof Error && e.cause.message === "exploded");
    assert.deepEqual(seen, ["fine"]);
  });

  test("a failed ignite fairing aborts before routes are checked", async () => {
    const app = quietApp([get("/", () => "a"), get("/", () => "b")]).attach(
      AdHoc.tryOnIgnite("Fails", () => err("nope")),
    );
    const e = await Client.untracked(app).catch((x: unknown) => x);
    assert.ok(e instanceof LaunchError);
    assert.equal(e.kind, "fairings");
  });

  test("attaching, during ignite, a singleton whose same-named fairing already ran its ignite is a failure", async () => {
    const single = (tag: string): Fairing => ({ name: "Single", singleton: true, onIgnite: () => void tag });
    const app = quietApp()
      .attach(single("one"))
      .attach(AdHoc.onIgnite("Replacer", (a) => void a.attach(single("two"))));
    const e = await Client.untracked(app).catch((x: unknown) => x);
    assert.ok(e instanceof LaunchError);
    assert.deepEqual(e.problems, [
      "Single: a singleton with this name already ran its ignite callback before being replaced",
    ]);
  });

  test("an ignite fairing may replace the default Shield (it has no ignite callback)", async () => {
    const app = quietApp([get("/", () => "bare")]).attach(
      AdHoc.onIgnite("NoShield", (a) => void a.attach(Shield.new())),
    );
    const client = await Client.untracked(app);
    await expectResponse(await client.get("/").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "bare",
      standard: false,
      headers: { "x-frame-options": null, "x-content-type-options": null, "permissions-policy": null },
    });
  });
});

describe("liftoff and shutdown fairings", () => {
  test("liftoff fairings run concurrently: each may wait for another", async () => {
    let release!: () => void;
    const released = new Promise<void>((r) => {
      release = r;
    });
    const seen: string[] = [];
    const app = quietApp()
      .attach(
        AdHoc.onLiftoff("Waiter", async () => {
          await released;
          seen.push("waiter");
        }),
      )
      .attach(
        AdHoc.onLiftoff("Releaser", () => {
          seen.push("releaser");
          release();
        }),
      );
    await Client.untracked(app);
    assert.deepEqual(seen, ["releaser", "waiter"]);
  });

  test("a liftoff fairing that throws is logged by name and the others still run", async () => {
    const errors: string[] = [];
    const seen: string[] = [];
    const app = build()
      .configure({ log_level: "critical" })
      .logTo({ out: () => {}, err: (l) => errors.push(l) })
      .attach(
        AdHoc.onLiftoff("Broken", () => {
          throw new Error("no liftoff");
        }),
      )
      .attach(AdHoc.onLiftoff("Fine", () => void seen.push("fine")));
    await Client.untracked(app);
    assert.deepEqual(seen, ["fine"]);
    assert.deepEqual(
      errors.filter((l) => l.startsWith("Error:")),
      ["Error: Liftoff fairing Broken failed."],
    );
  });

  test("liftoff fairings see the ignited app: its config and state", async () => {
    let port: number | undefined;
    await Client.untracked(
      quietApp()
        .configure({ port: 4242 })
        .attach(
          AdHoc.onLiftoff("P", (o) => {
            port = o.app.config.port;
          }),
        ),
    );
    assert.equal(port, 4242);
  });

  test("terminate() notifies the shutdown handle and runs shutdown fairings concurrently, once", async () => {
    let release!: () => void;
    const released = new Promise<void>((r) => {
      release = r;
    });
    const seen: string[] = [];
    const client = await Client.untracked(
      quietApp()
        .attach(
          AdHoc.onShutdown("Waiter", async (orbit) => {
            seen.push(`signal aborted: ${orbit.app.shutdown.signal.aborted}`);
            await released;
            seen.push("waiter");
          }),
        )
        .attach(
          AdHoc.onShutdown("Releaser", () => {
            seen.push("releaser");
            release();
          }),
        ),
    );
    assert.equal(client.app.shutdown.requested, false);
    await client.terminate();
    await client.terminate();
    assert.equal(client.app.shutdown.requested, true);
    assert.deepEqual(seen, ["signal aborted: true", "releaser", "waiter"]);
  });
});

describe("request fairings", () => {
  test("rewrite the method, the URI and headers before routing", async () => {
    const rewrite = AdHoc.onRequest("Rewrite", (req) => {
      if (req.path === "/old") {
        req.method = "PUT";
        req.setUri("/new?from=old");
        req.headers["x-tag"] = "rewritten";
      }
    });
    const client = await Client.untracked(
      quietApp([
        get("/old", () => "never"),
        put("/new?<from>", { tag: Tag }, ({ from, tag }) => `PUT ${from} ${tag}`),
      ]).attach(rewrite),
    );
    await expectResponse(await client.get("/old").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "PUT old rewritten",
    });
  });

  test("peek at the body before routing; the data guard still reads all of it", async () => {
    const peeked: string[] = [];
    const peek = AdHoc.onRequest("Peek", async (req) => {
      peeked.push(Buffer.from(await req.data.peek(4)).toString());
    });
    const r = post({ uri: "/", data: "<body>" }, { body: Body }, ({ body }) => `read ${body}`);
    const client = await Client.untracked(quietApp([r]).attach(peek));
    await expectResponse(await client.post("/").body("hello world").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "read hello world",
    });
    assert.deepEqual(peeked, ["hell"]);
  });

  test("run in attach order, async ones awaited before the next", async () => {
    const seen: string[] = [];
    const client = await Client.untracked(
      quietApp([get("/", () => seen.join(","))])
        .attach(
          AdHoc.onRequest("A", async () => {
            await Promise.resolve();
            seen.push("a");
          }),
        )
        .attach(AdHoc.onRequest("B", () => void seen.push("b"))),
    );
    await expectResponse(await client.get("/").dispatch(), { status: 200, contentType: TEXT, body: "a,b" });
  });
});

describe("response fairings", () => {
  test("run for every response, catchers' included, after the Server header is set", async () => {
    const seen: string[] = [];
    const tag = AdHoc.onResponse("Tag", (req, res) => {
      seen.push(`${req.uri} ${res.status} server=${String(res.headers.server)}`);
      res.setHeader("x-fairing", "ran");
    });
    const client = await Client.untracked(quietApp([get("/", () => "home")]).attach(tag));
    await expectResponse(await client.get("/").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "home",
      headers: { "x-fairing": "ran" },
    });
    await expectDefaultCatcher(await client.get("/missing").dispatch(), 404, false, { "x-fairing": "ran" });
    assert.deepEqual(seen, ["/ 200 server=Apogee", "/missing 404 server=Apogee"]);
  });
});

describe("singletons and the banner", () => {
  test("attaching a singleton removes earlier fairings with its name; others with the same name stay", async () => {
    const seen: string[] = [];
    const counter = (tag: string): Fairing => ({
      name: "Counter",
      singleton: true,
      onResponse: () => void seen.push(tag),
    });
    const client = await Client.untracked(
      quietApp([get("/", () => "x")])
        .attach(counter("first"))
        .attach(counter("second")),
    );
    await client.get("/").dispatch();
    assert.deepEqual(seen, ["second"]);
    assert.deepEqual(
      client.app.fairings.map((f) => f.name),
      ["Shield", "Counter"],
    );
  });

  test("the Fairings section lists each fairing with its kinds, in Rocket's order", async () => {
    const out: string[] = [];
    const all: Fairing = {
      name: "Everything",
      singleton: true,
      onIgnite: () => {},
      onLiftoff: () => {},
      onRequest: () => {},
      onResponse: () => {},
      onShutdown: () => {},
    };
    const app = build()
      .configure({ log_level: "normal" })
      .logTo({ out: (l) => out.push(l), err: () => {} })
      .attach(AdHoc.onIgnite("Setup", () => {}))
      .attach(all)
      .attach(AdHoc.onRequest("Logger", () => {}));
    await Client.untracked(app);
    const at = out.indexOf("Fairings:");
    assert.deepEqual(out.slice(at, at + 5), [
      "Fairings:",
      "   >> Shield (liftoff, response, singleton)",
      "   >> Setup (ignite)",
      "   >> Everything (ignite, liftoff, request, response, shutdown, singleton)",
      "   >> Logger (request)",
    ]);
  });
});

describe("AdHoc.config: a typed custom configuration in managed state", () => {
  const AppConfig = z.object({ greeting: z.string(), times: z.number().int().default(1) });
  const greet = get("/", { config: State(AppConfig) }, ({ config }) => config.greeting.repeat(config.times));

  test("extracts the section with the schema and manages it under the schema", async () => {
    const app = build()
      .configure(Figment.from({ log_level: "off", app: { greeting: "hi ", times: 2 } }))
      .attach(AdHoc.config(AppConfig, { key: "app" }))
      .mount("/", [greet]);
    const client = await Client.untracked(app);
    await expectResponse(await client.get("/").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "hi hi ",
    });
    assert.deepEqual(client.app.state(AppConfig), { greeting: "hi ", times: 2 });
  });

  test("invalid configuration fails the fairing, naming the key, and launch aborts", async () => {
    const app = build()
      .configure(Figment.from({ log_level: "off", app: { times: 2 } }))
      .attach(AdHoc.config(AppConfig, { key: "app", name: "App Config" }))
      .mount("/", [greet]);
    const e = await Client.untracked(app).catch((x: unknown) => x);
    assert.ok(e instanceof LaunchError);
    assert.equal(e.kind, "fairings");
    assert.deepEqual(e.problems, [
      "App Config: app.greeting is missing (configure(), profile debug): Invalid input: expected string, received undefined",
    ]);
  });
});
