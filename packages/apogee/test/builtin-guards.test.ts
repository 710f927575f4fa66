// Built-in request guards (ROCKET.md §3.3): Method, Origin, Host, MatchedRoute, Accept, ContentType, ClientIp,
// RemoteAddress, Config, Limits and Shutdown, with their exact outcomes; guards calling guards; and the
// request-local cache that lets an expensive guard run once per request.
import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import { describe, test } from "node:test";
import {
  Accept,
  AdHoc,
  build,
  Client,
  ClientIp,
  Config,
  ContentType,
  error,
  get,
  guard,
  Host,
  Limits,
  MatchedRoute,
  Method,
  Origin,
  optional,
  post,
  RemoteAddress,
  type Request,
  route,
  Shutdown,
  Status,
  success,
} from "../src/index.ts";
import { clientFor, expectDefaultCatcher, expectResponse, quietApp, TEXT } from "./support/local.ts";

describe("Method and Origin always succeed", () => {
  test("Method is the method routing used, after _method", async () => {
    const client = await clientFor(
      route("PATCH", "/", { m: Method }, ({ m }) => `method ${m}`),
      route("PUT", "/", { m: Method }, ({ m }) => `method ${m}`),
    );
    await expectResponse(await client.patch("/").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "method PATCH",
    });
    await expectResponse(
      await client
        .post("/")
        .header("content-type", "application/x-www-form-urlencoded")
        .body("_method=put")
        .dispatch(),
      { status: 200, contentType: TEXT, body: "method PUT" },
    );
  });

  test("Origin is the target: path and query, as sent", async () => {
    const client = await clientFor(
      get("/<_..>", { o: Origin }, ({ o }) => `path=${o.path} query=${o.query ?? "none"} all=${o}`),
    );
    await expectResponse(await client.get("/a/b%20c?x=1&y").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "path=/a/b%20c query=x=1&y all=/a/b%20c?x=1&y",
    });
    await expectResponse(await client.get("/a").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "path=/a query=none all=/a",
    });
  });
});

describe("Host: the Host header, parsed; missing or malformed forwards with 500", () => {
  const show = get(
    "/",
    { host: Host },
    ({ host }) => `domain=${host.domain} port=${host.port ?? "none"} all=${host}`,
  );

  test("a name and port, a bare name, an IPv6 literal", async () => {
    const client = await clientFor(show);
    const cases: [string, string][] = [
      ["example.com:8000", "domain=example.com port=8000 all=example.com:8000"],
      ["Example.COM", "domain=Example.COM port=none all=Example.COM"],
      ["[::1]:80", "domain=[::1] port=80 all=[::1]:80"],
      ["localhost:", "domain=localhost port=none all=localhost"],
    ];
    for (const [header, body] of cases) {
      await expectResponse(await client.get("/").header("host", header).dispatch(), {
        status: 200,
        contentType: TEXT,
        body,
      });
    }
  });

  test("missing or malformed: forward with 500, which optional(Host) turns into undefined", async () => {
    const client = await clientFor(show);
    await expectDefaultCatcher(await client.get("/").dispatch(), 500);
    for (const bad of ["bad host", "a:99999", "[nope]:1", "a:b", "user@a"]) {
      await expectDefaultCatcher(await client.get("/").header("host", bad).dispatch(), 500);
    }
    const lenient = await clientFor(get("/", { host: optional(Host) }, ({ host }) => `${host ?? "no host"}`));
    await expectResponse(await lenient.get("/").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "no host",
    });
  });

  test("a forward lets a lower-ranked route answer", async () => {
    const client = await clientFor(
      show,
      get({ uri: "/", rank: 2 }, () => "fallback"),
    );
    await expectResponse(await client.get("/").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "fallback",
    });
  });
});

describe("MatchedRoute: the route being run, with its mount point", () => {
  test("name, method, base, full URI and rank", async () => {
    const whoami = get({ uri: "/who/<id>", rank: 7 }, { r: MatchedRoute }, ({ r }) =>
      [r.name, r.method, r.base, r.uri, r.rank].join(" "),
    );
    const client = await Client.untracked(quietApp().mount("/api", [whoami]));
    await expectResponse(await client.get("/api/who/3").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "whoami GET /api /api/who/<id> 7",
    });
  });
});

describe("Accept and ContentType: missing forwards with 500", () => {
  test("Accept gives the media types in order and the preferred one", async () => {
    const client = await clientFor(
      get(
        "/",
        { accept: Accept },
        ({ accept }) => `${accept.mediaTypes.length}: ${accept} → ${accept.preferred}`,
      ),
    );
    await expectResponse(
      await client.get("/").header("accept", "text/html;q=0.5, application/json").dispatch(),
      { status: 200, contentType: TEXT, body: "2: text/html; q=0.5, application/json → application/json" },
    );
    await expectDefaultCatcher(await client.get("/").dispatch(), 500);
    // An invalid entry makes Rocket treat the header as missing.
    await expectDefaultCatcher(await client.get("/").header("accept", "text/html, nope").dispatch(), 500);
  });

  test("ContentType gives the parsed media type; without one the route forwards to the next", async () => {
    const client = await clientFor(
      post(
        "/",
        { ct: ContentType },
        ({ ct }) => `${ct.top}/${ct.sub} charset=${ct.param("charset") ?? "none"}`,
      ),
      post({ uri: "/", rank: 2 }, () => "no content type"),
    );
    await expectResponse(
      await client.post("/").header("content-type", "text/plain; charset=utf-8").dispatch(),
      { status: 200, contentType: TEXT, body: "text/plain charset=utf-8" },
    );
    await expectResponse(await client.post("/").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "no content type",
    });
  });
});

describe("ClientIp and RemoteAddress", () => {
  const ip = get("/", { ip: ClientIp }, ({ ip }) => ip);

  test("ClientIp is X-Real-IP when it parses as an IP, else the remote address", async () => {
    const client = await clientFor(ip);
    await expectResponse(
      await client.get("/").header("x-real-ip", "203.0.113.9").remote("10.0.0.1:4000").dispatch(),
      {
        status: 200,
        contentType: TEXT,
        body: "203.0.113.9",
      },
    );
    await expectResponse(await client.get("/").header("x-real-ip", "::1").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "::1",
    });
    await expectResponse(
      await client.get("/").header("x-real-ip", "not an ip").remote("10.0.0.1:4000").dispatch(),
      {
        status: 200,
        contentType: TEXT,
        body: "10.0.0.1",
      },
    );
  });

  test("ClientIp forwards with 500 when there is neither a valid header nor a remote address", async () => {
    const client = await clientFor(ip);
    await expectDefaultCatcher(await client.get("/").dispatch(), 500);
    await expectDefaultCatcher(await client.get("/").header("x-real-ip", "999.1.1.1").dispatch(), 500);
  });

  test("the header is the configured ip_header; with ip_header = false only the remote address counts", async () => {
    const custom = await Client.untracked(quietApp([ip]).configure({ ip_header: "X-Forwarded-For" }));
    await expectResponse(
      await custom.get("/").header("x-real-ip", "1.1.1.1").header("x-forwarded-for", "2.2.2.2").dispatch(),
      { status: 200, contentType: TEXT, body: "2.2.2.2" },
    );
    const off = await Client.untracked(quietApp([ip]).configure({ ip_header: false }));
    await expectDefaultCatcher(await off.get("/").header("x-real-ip", "1.1.1.1").dispatch(), 500);
    await expectResponse(await off.get("/").header("x-real-ip", "1.1.1.1").remote("[::2]:9").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "::2",
    });
  });

  test("RemoteAddress is the peer's address and port; none forwards with 500", async () => {
    const client = await clientFor(
      get("/", { peer: RemoteAddress }, ({ peer }) => `${peer.address} ${peer.port}`),
    );
    await expectResponse(await client.get("/").remote("10.0.0.1:4000").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "10.0.0.1 4000",
    });
    await expectDefaultCatcher(await client.get("/").dispatch(), 500);
  });
});

describe("Config and Limits always succeed", () => {
  test("the app's effective configuration and data limits", async () => {
    const r = get(
      "/",
      { config: Config, limits: Limits },
      ({ config, limits }) =>
        `${config.profile} ${config.port} ${config.ident} json=${limits.get("json")} file/jpg=${limits.get("file/jpg")}`,
    );
    const client = await Client.untracked(quietApp([r]).configure({ port: 9001, limits: { json: 4096 } }));
    await expectResponse(await client.get("/").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "debug 9001 Apogee json=4096 file/jpg=1048576",
    });
  });
});

describe("Shutdown: notify() starts a graceful shutdown", () => {
  const stop = get("/shutdown", { shutdown: Shutdown }, ({ shutdown }) => {
    shutdown.notify();
    return "Shutting down...";
  });

  test("under a launched server, the response goes out, then the server drains and shutdown fairings run", async () => {
    const seen: string[] = [];
    const orbit = await quietApp([stop])
      .configure({ port: 0 })
      .attach(AdHoc.onShutdown("Bye", () => void seen.push("shutdown fairing")))
      .launch();
    const body = await new Promise<string>((resolve, reject) => {
      const req = httpRequest(`${orbit.url}/shutdown`, { agent: false }, (res) => {
        let text = "";
        res.on("data", (c: Buffer) => {
          text += c.toString();
        });
        res.on("end", () => resolve(`${res.statusCode} ${text}`));
      });
      req.on("error", reject);
      req.end();
    });
    assert.equal(body, "200 Shutting down...");
    await orbit.closed;
    assert.equal(orbit.app.shutdown.requested, true);
    assert.equal(orbit.app.shutdown.signal.aborted, true);
    assert.deepEqual(seen, ["shutdown fairing"]);
    await orbit.shutdown();
  });

  test("under a local client, notify() aborts the signal; terminate() runs the shutdown fairings", async () => {
    const seen: string[] = [];
    const client = await Client.untracked(
      quietApp([stop]).attach(AdHoc.onShutdown("Bye", () => void seen.push("shutdown fairing"))),
    );
    await expectResponse(await client.get("/shutdown").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "Shutting down...",
    });
    assert.equal(client.app.shutdown.signal.aborted, true);
    assert.deepEqual(seen, []);
    await client.terminate();
    assert.deepEqual(seen, ["shutdown fairing"]);
  });
});

describe("guards using guards, and the request-local cache", () => {
  test("a custom guard may run other guards with req.guard", async () => {
    const Tenant = guard("Tenant", async (req) => {
      const host = await req.guard(Host);
      if (host.outcome !== "success") return error(Status.BadRequest, "no host");
      return success(host.value.domain.split(".")[0]!);
    });
    const client = await clientFor(get("/", { tenant: Tenant }, ({ tenant }) => `tenant ${tenant}`));
    await expectResponse(await client.get("/").header("host", "acme.example.com").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "tenant acme",
    });
    await expectDefaultCatcher(await client.get("/").dispatch(), 400);
  });

  test("an expensive async lookup shared by several guards runs once per request", async () => {
    let lookups = 0;
    const USER = Symbol("user");
    const lookupUser = (req: Request) =>
      req.cached(USER, async () => {
        lookups++;
        await new Promise((r) => setTimeout(r, 5));
        const id = req.header("x-user");
        return id === undefined ? undefined : { id, admin: id === "root" };
      });
    const User = guard("User", async (req) => {
      const user = await lookupUser(req);
      return user === undefined ? error(Status.Unauthorized) : success(user);
    });
    const Admin = guard("Admin", async (req) => {
      const user = await lookupUser(req);
      return user?.admin ? success(user) : error(Status.Forbidden);
    });
    const client = await clientFor(
      get(
        "/",
        { user: User, admin: Admin, again: User },
        ({ user, admin, again }) => `${user.id} ${admin.id} ${again.id}`,
      ),
    );
    await expectResponse(await client.get("/").header("x-user", "root").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "root root root",
    });
    assert.equal(lookups, 1);
    await expectDefaultCatcher(await client.get("/").header("x-user", "bob").dispatch(), 403);
    assert.equal(lookups, 2);
  });
});

describe("built-in guards' names", () => {
  test("logs and wrappers name them", () => {
    assert.deepEqual(
      [
        Method,
        Origin,
        Host,
        MatchedRoute,
        Accept,
        ContentType,
        ClientIp,
        RemoteAddress,
        Config,
        Limits,
        Shutdown,
      ].map((g) => g.name),
      [
        "Method",
        "Origin",
        "Host",
        "MatchedRoute",
        "Accept",
        "ContentType",
        "ClientIp",
        "RemoteAddress",
        "Config",
        "Limits",
        "Shutdown",
      ],
    );
    assert.equal(optional(Host).name, "Option<Host>");
    void build;
  });
});
