// Cookies and the cookie jar (ROCKET.md §1.7 step 1 and 6, §3.4): request cookie parsing, Set-Cookie output in
// Rocket's exact format, pending changes, removals, one header per name, shared jars, and the catcher rule.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { decodeCookieComponent, encodeCookieComponent } from "../src/http/cookie.ts";
import {
  Client,
  Cookie,
  CookieJar,
  Cookies,
  catcher,
  error,
  type Fairing,
  forward,
  get,
  guard,
  post,
  respond,
  Status,
  success,
} from "../src/index.ts";
import { assertExpiring, setCookies, YEAR_MS } from "./support/cookies.ts";
import { clientFor, expectResponse, quietApp, TEXT } from "./support/local.ts";

// Shows what the jar saw, one `name=value` per cookie, in the order they were parsed.
const show = get("/show", { jar: Cookies }, ({ jar }) =>
  [...jar.iter()].map((c) => `${c.name}=${c.value}`).join(";"),
);

describe("request cookies", () => {
  test("get sees the cookies the request carried, percent-decoded and unquoted", async () => {
    const client = await clientFor(
      get(
        "/",
        { jar: Cookies },
        ({ jar }) => `${jar.get("a")?.value}|${jar.get("b")?.value}|${jar.get("c")}`,
      ),
    );
    const res = await client.get("/").header("cookie", 'a=x%20y%3Bz+w; b="quoted"').dispatch();
    await expectResponse(res, { status: 200, contentType: TEXT, body: "x y;z+w|quoted|undefined" });
  });

  test("every Cookie header counts; pieces are trimmed; a later cookie of the same name wins", async () => {
    const client = await clientFor(show);
    const res = await client
      .get("/show")
      .header("cookie", " a=1 ;  b = 2 ")
      .header("cookie", "a=3")
      .dispatch();
    await expectResponse(res, { status: 200, contentType: TEXT, body: "a=3;b=2" });
  });

  test("pieces without a name, without =, or not UTF-8 once decoded are ignored", async () => {
    const client = await clientFor(show);
    const res = await client.get("/show").header("cookie", "=x; noeq; bad=%FF%FE; ok=%zz; ; e=").dispatch();
    await expectResponse(res, { status: 200, contentType: TEXT, body: "ok=%zz;e=" });
  });

  test("a UTF-8 cookie value sent as raw bytes (latin1 in Node) decodes to its text", () => {
    assert.equal(decodeCookieComponent("caf\u00c3\u00a9"), "café");
    assert.equal(decodeCookieComponent("caf%C3%A9"), "café");
    assert.equal(decodeCookieComponent("%C3"), undefined);
  });

  test("a request without cookies has an empty jar and its response no Set-Cookie", async () => {
    const client = await clientFor(show);
    const res = await client.get("/show").dispatch();
    await expectResponse(res, { status: 200, contentType: TEXT, body: "", headers: { "set-cookie": null } });
  });
});

describe("Set-Cookie output", () => {
  test("add defaults to Path=/ and SameSite=Strict", async () => {
    const client = await clientFor(
      get("/", { jar: Cookies }, ({ jar }) => {
        jar.add("message", "hello");
        return "ok";
      }),
    );
    const res = await client.get("/").dispatch();
    await expectResponse(res, {
      status: 200,
      contentType: TEXT,
      body: "ok",
      headers: { "set-cookie": "message=hello; SameSite=Strict; Path=/" },
    });
  });

  test("every attribute is written in Rocket's order: HttpOnly, SameSite, Partitioned, Secure, Path, Domain, Max-Age, Expires", async () => {
    const expires = new Date(Date.UTC(2015, 9, 21, 7, 28, 0, 999));
    const client = await clientFor(
      get("/", { jar: Cookies }, ({ jar }) => {
        jar.add(
          new Cookie("n", "v", {
            expires,
            maxAge: 60.9,
            domain: ".example.com",
            path: "/x",
            secure: true,
            partitioned: true,
            sameSite: "Lax",
            httpOnly: true,
          }),
        );
        return "ok";
      }),
    );
    const res = await client.get("/").dispatch();
    assert.deepEqual(setCookies(res), [
      "n=v; HttpOnly; SameSite=Lax; Partitioned; Secure; Path=/x; Domain=example.com; Max-Age=60; Expires=Wed, 21 Oct 2015 07:28:00 GMT",
    ]);
  });

  test("SameSite=None and Partitioned imply Secure unless secure is false (SameSite=None only)", () => {
    assert.equal(String(new Cookie("a", "1", { sameSite: "None" })), "a=1; SameSite=None; Secure");
    assert.equal(String(new Cookie("a", "1", { sameSite: "None", secure: false })), "a=1; SameSite=None");
    assert.equal(
      String(new Cookie("a", "1", { partitioned: true, secure: false })),
      "a=1; Partitioned; Secure",
    );
    assert.equal(String(new Cookie("a", "1", { httpOnly: false, secure: false })), "a=1");
  });

  test("names and values are percent-encoded with Rocket's set, keeping + and the other safe characters", async () => {
    assert.equal(
      encodeCookieComponent(' "#%(),/:;<=>?@[\\]^`{|}\x00\x1f\x7f'),
      "%20%22%23%25%28%29%2C%2F%3A%3B%3C%3D%3E%3F%40%5B%5C%5D%5E%60%7B%7C%7D%00%1F%7F",
    );
    assert.equal(encodeCookieComponent("!$&'*+-.09AZ_az~"), "!$&'*+-.09AZ_az~");
    assert.equal(encodeCookieComponent("café ☕"), "caf%C3%A9%20%E2%98%95");
    const client = await clientFor(
      get("/", { jar: Cookies }, ({ jar }) => {
        jar.add("my name", "a+b=c; d");
        return "ok";
      }),
    );
    assert.deepEqual(setCookies(await client.get("/").dispatch()), [
      "my%20name=a+b%3Dc%3B%20d; SameSite=Strict; Path=/",
    ]);
  });

  test("a cookie sent back by the client reads as the value that was set", async () => {
    const value = 'x y;z=1+2/3 "é" %41';
    const client = await clientFor(
      get("/set", { jar: Cookies }, ({ jar }) => {
        jar.add("v", value);
        return "set";
      }),
      get("/get", { jar: Cookies }, ({ jar }) => jar.get("v")?.value ?? "none"),
    );
    await client.get("/set").dispatch();
    await expectResponse(await client.get("/get").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: value,
    });
  });

  test("a cookie with an empty name, or a path or domain that could break the header, is refused", () => {
    assert.throws(() => new Cookie(""), /non-empty name/);
    assert.throws(() => new Cookie("a", "b", { path: "/a;b" }), /path "\/a;b" must be printable ASCII/);
    assert.throws(() => new Cookie("a", "b", { domain: "x\r\nSet-Cookie: y" }), /domain/);
    assert.throws(() => new Cookie("a", "b", { maxAge: Number.NaN }), /maxAge/);
    assert.throws(() => new Cookie("a", "b", { expires: new Date(Number.NaN) }), /expires/);
  });

  test("a handler that throws while adding a bad cookie answers 500, not a crash", async () => {
    const client = await clientFor(
      get("/", { jar: Cookies }, ({ jar }) => {
        jar.add("a", "b", { path: "/\n" });
        return "never";
      }),
    );
    const res = await client.get("/").dispatch();
    assert.equal(res.status, 500);
    assert.deepEqual(setCookies(res), []);
  });
});

describe("pending changes", () => {
  test("get does not see cookies added during the request; getPending does", async () => {
    const client = await clientFor(
      get("/", { jar: Cookies }, ({ jar }) => {
        jar.add("message", "hello!");
        jar.add("other", "bye!");
        return [
          jar.get("message")?.value,
          jar.get("other")?.value,
          jar.getPending("other")?.value,
          jar.getPending("message")?.value,
        ].join("|");
      }),
    );
    const res = await client.get("/").cookie("message", "hi").dispatch();
    await expectResponse(res, { status: 200, contentType: TEXT, body: "hi||bye!|hello!" });
  });

  test("getPending: the last change wins, a removal hides the cookie, no change falls back to the request's", async () => {
    const client = await clientFor(
      get("/", { jar: Cookies }, ({ jar }) => {
        const before = jar.getPending("message")?.value;
        jar.remove("message");
        const removed = jar.getPending("message");
        jar.add("message", "again");
        return `${before}|${removed}|${jar.getPending("message")?.value}|${jar.get("message")?.value}`;
      }),
    );
    const res = await client.get("/").cookie("message", "hi").dispatch();
    await expectResponse(res, { status: 200, contentType: TEXT, body: "hi|undefined|again|hi" });
  });

  test("several adds of one name send one Set-Cookie: the last", async () => {
    const client = await clientFor(
      get("/", { jar: Cookies }, ({ jar }) => {
        jar.add("a", "1");
        jar.add("b", "2");
        jar.add("a", "3", { path: "/p" });
        return "ok";
      }),
    );
    assert.deepEqual(setCookies(await client.get("/").dispatch()), [
      "a=3; SameSite=Strict; Path=/p",
      "b=2; SameSite=Strict; Path=/",
    ]);
  });

  test("remove sends a removal cookie (SameSite=Lax, Path=/, Max-Age=0, Expires a year ago) when the request carried it", async () => {
    const client = await clientFor(
      get("/", { jar: Cookies }, ({ jar }) => {
        jar.remove("message");
        return "ok";
      }),
    );
    const before = Date.now();
    const res = await client.get("/").cookie("message", "hi").dispatch();
    const after = Date.now();
    const all = setCookies(res);
    assert.equal(all.length, 1);
    assertExpiring(all[0], "message=; SameSite=Lax; Path=/; Max-Age=0", before, after, -YEAR_MS);
  });

  test("remove sends nothing when the request did not carry the cookie", async () => {
    const client = await clientFor(
      get("/", { jar: Cookies }, ({ jar }) => {
        jar.remove("message");
        return "ok";
      }),
    );
    const res = await client.get("/").cookie("other", "x").dispatch();
    await expectResponse(res, {
      status: 200,
      contentType: TEXT,
      body: "ok",
      headers: { "set-cookie": null },
    });
  });

  test("removing a cookie only added in this request cancels the add; adding after a removal sends the add", async () => {
    const client = await clientFor(
      get("/cancel", { jar: Cookies }, ({ jar }) => {
        jar.add("a", "1");
        jar.remove("a");
        return "ok";
      }),
      get("/readd", { jar: Cookies }, ({ jar }) => {
        jar.remove("a");
        jar.add("a", "2");
        return "ok";
      }),
    );
    assert.deepEqual(setCookies(await client.get("/cancel").dispatch()), []);
    assert.deepEqual(setCookies(await client.get("/readd").cookie("a", "0").dispatch()), [
      "a=2; SameSite=Strict; Path=/",
    ]);
  });

  test("a removal keeps the path, domain and SameSite it is given", async () => {
    const client = await clientFor(
      get("/", { jar: Cookies }, ({ jar }) => {
        jar.remove(
          new Cookie("a", "ignored", { path: "/sub", domain: "example.com", sameSite: "Strict", maxAge: 99 }),
        );
        return "ok";
      }),
    );
    const before = Date.now();
    const res = await client.get("/").cookie("a", "1").dispatch();
    const after = Date.now();
    assertExpiring(
      setCookies(res)[0],
      "a=; SameSite=Strict; Path=/sub; Domain=example.com; Max-Age=0",
      before,
      after,
      -YEAR_MS,
    );
  });

  test("iter lists only the cookies the request carried", async () => {
    const client = await clientFor(
      get("/", { jar: Cookies }, ({ jar }) => {
        jar.add("new", "1");
        return [...jar].map((c) => c.name).join(",");
      }),
    );
    const res = await client.get("/").cookie("a", "1").cookie("b", "2").dispatch();
    await expectResponse(res, { status: 200, contentType: TEXT, body: "a,b" });
  });

  test("several Cookies guards in one handler share one jar", async () => {
    const client = await clientFor(
      post("/", { a: Cookies, b: Cookies }, ({ a, b }) => {
        a.add("a", "v1");
        b.add("b", "v2");
        return String(a === b);
      }),
      get(
        "/",
        { a: Cookies, b: Cookies, c: Cookies },
        ({ a, b, c }) => `${a.get("a")?.value}${b.get("b")?.value}${c.get("a") === a.get("a")}`,
      ),
    );
    const added = await client.post("/").dispatch();
    await expectResponse(added, { status: 200, contentType: TEXT, body: "true" });
    assert.deepEqual(setCookies(added), ["a=v1; SameSite=Strict; Path=/", "b=v2; SameSite=Strict; Path=/"]);
    const got = await client.get("/").dispatch();
    await expectResponse(got, { status: 200, contentType: TEXT, body: "v1v2true" });
  });

  test("a custom guard and the handler share the jar through req.cookies", async () => {
    const Visitor = guard("Visitor", (req) => {
      req.cookies.add("seen", "yes");
      return success(req.cookies.get("name")?.value ?? "stranger");
    });
    const client = await clientFor(
      get("/", { who: Visitor, jar: Cookies }, ({ who, jar }) => `${who}:${jar.getPending("seen")?.value}`),
    );
    const res = await client.get("/").cookie("name", "Ann").dispatch();
    await expectResponse(res, {
      status: 200,
      contentType: TEXT,
      body: "Ann:yes",
      headers: { "set-cookie": "seen=yes; SameSite=Strict; Path=/" },
    });
  });

  test("Set-Cookie headers a responder set are kept beside the jar's", async () => {
    const client = await clientFor(
      get("/", { jar: Cookies }, ({ jar }) => {
        jar.add("b", "2");
        return respond("ok", { headers: { "set-cookie": "a=1" } });
      }),
    );
    assert.deepEqual(setCookies(await client.get("/").dispatch()), ["a=1", "b=2; SameSite=Strict; Path=/"]);
  });

  test("response fairings see the Set-Cookie headers; a HEAD response keeps them", async () => {
    let seen: unknown;
    const spy: Fairing = {
      name: "Spy",
      onResponse: (_req, res) => {
        seen = res.getHeader("set-cookie");
      },
    };
    const app = quietApp([
      get("/", { jar: Cookies }, ({ jar }) => {
        jar.add("a", "1");
        return "body";
      }),
    ]).attach(spy);
    const client = await Client.untracked(app);
    const res = await client.head("/").dispatch();
    assert.equal(seen, "a=1; SameSite=Strict; Path=/");
    await expectResponse(res, {
      status: 200,
      contentType: TEXT,
      body: "",
      headers: { "set-cookie": "a=1; SameSite=Strict; Path=/", "content-length": "4" },
    });
  });
});

describe("cookie changes and catchers", () => {
  const notFound = catcher(404, (_status, req) => {
    req.cookies.add("not_found", "404");
    return "404 - Not Found";
  });
  const addCookie: Fairing = {
    name: "Add Cookie",
    onRequest: (req) => req.cookies.add("fairing", "woo"),
  };

  test("a routed response sends the request fairing's cookie and the handler's", async () => {
    const app = quietApp([
      get("/", { jar: Cookies }, ({ jar }) => {
        jar.add("index", "hi");
        return "Hello, world!";
      }),
    ])
      .register("/", [notFound])
      .attach(addCookie);
    const client = await Client.untracked(app);
    assert.deepEqual(setCookies(await client.get("/").dispatch()), [
      "fairing=woo; SameSite=Strict; Path=/",
      "index=hi; SameSite=Strict; Path=/",
    ]);
  });

  test("pending changes are discarded before a catcher runs, the request fairing's too; the catcher's own are sent", async () => {
    const app = quietApp([]).register("/", [notFound]).attach(addCookie);
    const client = await Client.untracked(app);
    const res = await client.get("/not-existent").dispatch();
    await expectResponse(res, {
      status: 404,
      contentType: TEXT,
      body: "404 - Not Found",
      headers: { "set-cookie": "not_found=404; SameSite=Strict; Path=/" },
    });
    assert.equal(setCookies(res).length, 1);
  });

  test("a guard that fails after adding a cookie sends no cookie", async () => {
    const Picky = guard("Picky", (req) => {
      req.cookies.add("tried", "1");
      return error(Status.Forbidden);
    });
    const client = await clientFor(get("/", { p: Picky }, () => "never"));
    const res = await client.get("/").dispatch();
    assert.equal(res.status, 403);
    assert.deepEqual(setCookies(res), []);
  });

  test("a handler whose responder fails (null → 404) sends no cookie; a removal is dropped too", async () => {
    const client = await clientFor(
      get("/", { jar: Cookies }, ({ jar }) => {
        jar.add("a", "1");
        jar.remove("b");
        return null;
      }),
    );
    const res = await client.get("/").cookie("b", "x").dispatch();
    assert.equal(res.status, 404);
    assert.deepEqual(setCookies(res), []);
  });

  test("changes a forwarding route made are kept when a later route answers", async () => {
    const Fwd = guard("Fwd", (req) => {
      req.cookies.add("first", "1");
      return forward();
    });
    const client = await clientFor(
      get("/", { f: Fwd }, () => "never"),
      get({ uri: "/", rank: 2 }, { jar: Cookies }, ({ jar }) => {
        jar.add("second", "2");
        return "second";
      }),
    );
    assert.deepEqual(setCookies(await client.get("/").dispatch()), [
      "first=1; SameSite=Strict; Path=/",
      "second=2; SameSite=Strict; Path=/",
    ]);
  });
});

describe("the tracked local client", () => {
  test("it drops cookies whose Max-Age is 0 or less, or that have no Max-Age and an Expires in the past", async () => {
    const client = await clientFor(
      get("/set", () =>
        respond("set", {
          headers: {
            "set-cookie": [
              "a=1; Max-Age=0",
              "b=2; Max-Age=-5; Expires=Fri, 01 Jan 2100 00:00:00 GMT",
              "c=3; Expires=Thu, 01 Jan 1970 00:00:00 GMT",
              "d=4; Max-Age=3600; Expires=Thu, 01 Jan 1970 00:00:00 GMT",
              "e=5; Expires=Fri, 01 Jan 2100 00:00:00 GMT",
            ],
          },
        }),
      ),
      show,
    );
    await client.get("/set").dispatch();
    await expectResponse(await client.get("/show").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "d=4;e=5",
    });
  });
});

describe("cookies under TLS", () => {
  test("an app with TLS enabled sends added and private cookies Secure unless they say otherwise", async () => {
    const PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    const client = await Client.untracked(
      quietApp([
        get("/", { jar: Cookies }, ({ jar }) => {
          jar.add("a", "1");
          jar.add("b", "2", { secure: false });
          jar.addPrivate("p", "3", { expires: "session" });
          return "ok";
        }),
      ]).configure({ tls: { certs: PEM, key: PEM } }),
    );
    const [a, b, p] = setCookies(await client.get("/").dispatch());
    assert.equal(a, "a=1; SameSite=Strict; Secure; Path=/");
    assert.equal(b, "b=2; SameSite=Strict; Path=/");
    assert.match(p ?? "", /^p=[A-Za-z0-9+%]+; HttpOnly; SameSite=Strict; Secure; Path=\/$/);
  });
});

describe("CookieJar on its own", () => {
  test("under TLS, added cookies are Secure unless they say otherwise; removals are not", () => {
    const jar = new CookieJar("gone=1", { key: undefined, secure: true });
    jar.add("a", "1");
    jar.add("b", "2", { secure: false });
    jar.remove("gone");
    const [a, b, gone] = jar.delta().map(String);
    assert.equal(a, "a=1; SameSite=Strict; Secure; Path=/");
    assert.equal(b, "b=2; SameSite=Strict; Path=/");
    assert.match(gone!, /^gone=; SameSite=Lax; Path=\/; Max-Age=0; Expires=/);
  });

  test("discardPending drops every change", () => {
    const jar = new CookieJar(undefined);
    jar.add("a", "1");
    jar.discardPending();
    assert.deepEqual(jar.delta(), []);
  });

  test("a jar outside an app has no key: addPrivate throws, getPrivate finds nothing", () => {
    const jar = new CookieJar("a=b");
    assert.throws(
      () => jar.addPrivate("user_id", "1"),
      /private cookie "user_id": the request has no app secret key/,
    );
    assert.equal(jar.getPrivate("a"), undefined);
  });
});
