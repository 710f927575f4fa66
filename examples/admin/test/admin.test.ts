import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Client, LaunchError } from "apogee";
import { Accounts } from "../src/accounts.ts";
import { app } from "../src/app.ts";

const TEXT = "text/plain; charset=utf-8";

function client() {
  return Client.tracked(app().configure({ log_level: "off" }));
}

describe("the admin example (seed: Requests › Forwarding Guards, managed state)", () => {
  it("sends visitors who are not logged in to /login (rank 3)", async () => {
    const res = await (await client()).get("/admin").dispatch();
    assert.equal(res.status, 303);
    assert.equal(res.headers.get("location"), "/login");
    assert.equal(await res.text(), "");
  });

  it("tells a logged-in user who is not an administrator so (rank 2)", async () => {
    const res = await (await client()).get("/admin").privateCookie("user_id", "2").dispatch();
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), TEXT);
    assert.equal(await res.text(), "Sorry, you must be an administrator to access this page.");
  });

  it("shows the panel to an administrator", async () => {
    const res = await (await client()).get("/admin").privateCookie("user_id", "1").dispatch();
    assert.equal(res.status, 200);
    assert.equal(await res.text(), "Hello, administrator. This is the admin panel!");
  });

  it("ignores a forged session cookie (not sealed with the app's key)", async () => {
    const res = await (await client()).get("/admin").cookie("user_id", "1").dispatch();
    assert.equal(res.status, 303);
    assert.equal(res.headers.get("location"), "/login");
  });

  it("logs in and out with the session cookie a tracked client keeps", async () => {
    const c = await client();
    const login = await c.post("/login/alice").dispatch();
    assert.equal(login.status, 303);
    assert.equal(login.headers.get("location"), "/admin");
    assert.equal(
      await (await c.get("/admin").dispatch()).text(),
      "Hello, administrator. This is the admin panel!",
    );
    const logout = await c.post("/logout").dispatch();
    assert.equal(logout.status, 303);
    assert.equal((await c.get("/admin").dispatch()).headers.get("location"), "/login");
    assert.equal((await c.post("/login/mallory").dispatch()).status, 401);
  });

  it("looks the user up once per request, though AdminUser and User both ask", async () => {
    const c = await client();
    const accounts = c.app.state(Accounts)!;
    await c.get("/admin").privateCookie("user_id", "2").dispatch();
    assert.equal(accounts.lookups, 1);
  });

  it("counts every visit to the index in managed state", async () => {
    const c = await client();
    assert.equal(await (await c.get("/").dispatch()).text(), "Welcome! This page has been visited 1 time.");
    assert.equal(await (await c.get("/").dispatch()).text(), "Welcome! This page has been visited 2 times.");
  });

  it("refuses to launch without the accounts it needs, naming every route that asks", async () => {
    const { adminPanel, adminPanelUser, login } = await import("../src/admin.ts");
    const { build } = await import("apogee");
    const e = await Client.untracked(
      build().configure({ log_level: "off" }).mount("/", [adminPanel, adminPanelUser, login]),
    ).catch((x: unknown) => x);
    assert.ok(e instanceof LaunchError);
    assert.equal(e.kind, "sentinels");
    assert.deepEqual(
      e.problems.map((p) => p.replace(/ \((?:examples\/admin\/)?src\/admin\.ts:\d+\)/, "")),
      [
        "AdminUser in (adminPanel) GET /admin: Accounts is not managed: call app.manage(…) for it before launch",
        "User in (adminPanelUser) GET /admin [2]: Accounts is not managed: call app.manage(…) for it before launch",
        "State<Accounts> in (login) POST /login/<name>: Accounts is not managed: call app.manage(…) for it before launch",
      ],
    );
  });
});
