// apogee/auth's `session` guard (private-cookie sessions: login, logout, expiry, rolling renewal) and `role`
// guards composed by ranks, as the seed's AdminUser / User / redirect trio.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { z } from "zod";
import { role, session } from "../src/auth/index.ts";
import { Client, Cookies, get, post, Redirect } from "../src/index.ts";
import { expectDefaultCatcher, expectResponse, JSON_TYPE, quietApp, TEXT } from "./support/local.ts";

interface Account {
  readonly id: number;
  readonly name: string;
  readonly admin: boolean;
}
const ACCOUNTS: Readonly<Record<string, Account>> = {
  alice: { id: 1, name: "alice", admin: true },
  bob: { id: 2, name: "bob", admin: false },
};

const User = session<Account>({ cookie: "user", ttl: "1h" });
const AdminUser = role(User, (u) => u.admin, { name: "AdminUser" });

const login = post("/login/<name>", { cookies: Cookies }, ({ name, cookies }) => {
  const account = ACCOUNTS[name];
  if (account === undefined) return null;
  User.login(cookies, account);
  return Redirect.to("/admin");
});
const logout = post("/logout", { cookies: Cookies }, ({ cookies }) => {
  User.logout(cookies);
  return Redirect.to("/login");
});
const me = get("/me", { user: User }, ({ user }) => user);
const adminPanel = get(
  "/admin",
  { admin: AdminUser },
  () => "Hello, administrator. This is the admin panel!",
);
const adminPanelUser = get(
  { uri: "/admin", rank: 2 },
  { user: User },
  () => "Sorry, you must be an administrator to access this page.",
);
const adminPanelRedirect = get({ uri: "/admin", rank: 3 }, () => Redirect.to("/login"));

function app() {
  return quietApp([login, logout, me, adminPanel, adminPanelUser, adminPanelRedirect]);
}

/** The `Set-Cookie` the response sends for `user`, or undefined. */
function userCookie(res: { headers: { getAll(n: string): string[] } }): string | undefined {
  return res.headers.getAll("set-cookie").find((c) => c.startsWith("user="));
}

describe("session", () => {
  test("login seals the data in a private cookie expiring with the ttl; the guard reads it back", async () => {
    const c = await Client.tracked(app());
    const res = await c.post("/login/bob").dispatch();
    assert.equal(res.status, 303);
    const cookie = userCookie(res);
    assert.ok(cookie !== undefined);
    assert.match(
      cookie,
      /^user=[^;]+; HttpOnly; SameSite=Strict; Path=\/; Expires=[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT$/,
    );
    const expires = Date.parse(cookie.split("Expires=")[1]!);
    assert.ok(Math.abs(expires - (Date.now() + 3_600_000)) < 5_000, "expires in an hour");
    assert.ok(!cookie.includes("bob"), "the value is sealed");
    await expectResponse(await c.get("/me").dispatch(), {
      status: 200,
      contentType: JSON_TYPE,
      body: '{"id":2,"name":"bob","admin":false}',
    });
  });

  test("rolling: each request through the guard re-seals the cookie with a fresh expiry", async () => {
    const c = await Client.tracked(app());
    await c.post("/login/bob").dispatch();
    const before = c.cookies.get("user");
    const res = await c.get("/me").dispatch();
    const renewed = userCookie(res);
    assert.ok(renewed !== undefined, "a fresh cookie");
    assert.notEqual(c.cookies.get("user"), before);
    assert.equal((await c.get("/me").dispatch()).status, 200);
  });

  test("without rolling, reading the session sends no cookie", async () => {
    const Fixed = session<Account>({ cookie: "user", ttl: 3600, rolling: false });
    const fixedMe = get("/fixed", { user: Fixed }, ({ user }) => user.name);
    const c = await Client.tracked(quietApp([login, fixedMe]));
    await c.post("/login/alice").dispatch();
    const res = await c.get("/fixed").dispatch();
    await expectResponse(res, {
      status: 200,
      contentType: TEXT,
      body: "alice",
      headers: { "set-cookie": null },
    });
  });

  test("no session forwards 401: with no other route, the 401 catcher answers", async () => {
    const c = await Client.untracked(app());
    await expectDefaultCatcher(await c.get("/me").dispatch(), 401, false, { "set-cookie": null });
  });

  test("an expired session (by the expiry sealed inside) forwards, and the stale cookie is removed", async () => {
    const c = await Client.untracked(app());
    const stale = JSON.stringify({ d: ACCOUNTS.alice, x: Date.now() - 1000 });
    const res = await c.get("/admin").privateCookie("user", stale).dispatch();
    assert.equal(res.status, 303);
    assert.equal(res.headers.get("location"), "/login");
    assert.match(userCookie(res) ?? "", /^user=; SameSite=Lax; Path=\/; Max-Age=0; Expires=/);
  });

  test("a cookie that does not open (forged, or sealed with another key) forwards and is removed", async () => {
    const c = await Client.untracked(app());
    const res = await c
      .get("/admin")
      .cookie("user", JSON.stringify({ d: ACCOUNTS.alice, x: Date.now() + 1e6 }))
      .dispatch();
    assert.equal(res.status, 303);
    assert.match(userCookie(res) ?? "", /^user=; /);
  });

  test("sealed data that is not a session forwards", async () => {
    const c = await Client.untracked(app());
    for (const value of ["not json", "[]", '{"d":1}', '{"x":"soon","d":1}']) {
      const res = await c.get("/me").privateCookie("user", value).dispatch();
      assert.equal(res.status, 401, value);
    }
  });

  test("logout removes the session", async () => {
    const c = await Client.tracked(app());
    await c.post("/login/alice").dispatch();
    const res = await c.post("/logout").dispatch();
    assert.match(userCookie(res) ?? "", /^user=; SameSite=Lax; Path=\/; Max-Age=0/);
    assert.equal(c.cookies.has("user"), false);
    assert.equal((await c.get("/me").dispatch()).status, 401);
  });

  test("a schema checks the data read back; data that no longer matches forwards", async () => {
    const Shape = z.object({ id: z.number(), name: z.string() });
    const Checked = session({ cookie: "user", ttl: "10m", schema: Shape });
    const route = get("/checked", { user: Checked }, ({ user }) => `${user.id} ${user.name}`);
    const c = await Client.untracked(quietApp([route]));
    const good = JSON.stringify({ d: { id: 3, name: "carol" }, x: Date.now() + 60_000 });
    await expectResponse(await c.get("/checked").privateCookie("user", good).dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "3 carol",
    });
    const old = JSON.stringify({ d: { id: "3" }, x: Date.now() + 60_000 });
    assert.equal((await c.get("/checked").privateCookie("user", old).dispatch()).status, 401);
  });

  test("a bad ttl or schema throws at definition", () => {
    assert.throws(
      () => session({ ttl: "soon" }),
      /ttl must be positive seconds or a duration such as "2h", got soon/,
    );
    assert.throws(() => session({ ttl: 0 }), /ttl must be positive/);
    assert.throws(() => session({ ttl: "1h", schema: {} as never }), /`schema` must be a Standard Schema/);
  });
});

describe("role guards by rank: the AdminUser / User / redirect trio", () => {
  test("an administrator gets the admin panel", async () => {
    const c = await Client.tracked(app());
    await c.post("/login/alice").dispatch();
    await expectResponse(await c.get("/admin").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "Hello, administrator. This is the admin panel!",
    });
  });

  test("a user who is no administrator gets the apology (AdminUser forwards 403, User answers)", async () => {
    const c = await Client.tracked(app());
    await c.post("/login/bob").dispatch();
    await expectResponse(await c.get("/admin").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "Sorry, you must be an administrator to access this page.",
    });
  });

  test("nobody logged in is redirected to the login page", async () => {
    const c = await Client.tracked(app());
    const res = await c.get("/admin").dispatch();
    await expectResponse(res, { status: 303, contentType: null, body: "", headers: { location: "/login" } });
  });

  test("alone, a failed role check forwards 403 to the catcher; a missing user stays 401", async () => {
    const only = get("/only-admins", { admin: AdminUser }, () => "admins");
    const c = await Client.tracked(quietApp([login, only]));
    await expectDefaultCatcher(await c.get("/only-admins").dispatch(), 401);
    await c.post("/login/bob").dispatch();
    await expectDefaultCatcher(await c.get("/only-admins").dispatch(), 403);
  });

  test("roles nest, checks may be async, and the status is configurable", async () => {
    const Staff = role(User, async (u) => u.id < 10, { name: "Staff", status: 404 });
    const Boss = role(Staff, (u) => u.name === "alice", { name: "Boss" });
    const route = get("/boss", { boss: Boss }, ({ boss }) => `boss ${boss.name}`);
    const c = await Client.tracked(quietApp([login, route]));
    await c.post("/login/alice").dispatch();
    await expectResponse(await c.get("/boss").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "boss alice",
    });
    await c.post("/login/bob").dispatch();
    await expectDefaultCatcher(await c.get("/boss").dispatch(), 403);
    assert.deepEqual(Boss.doc?.responses, {
      401: "There is no session, or it has expired.",
      403: "The user lacks the rights (Boss).",
      404: "The user lacks the rights (Staff).",
    });
  });
});
