import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  build,
  type Catcher,
  Client,
  catcher,
  dataGuard,
  get,
  type LogLevel,
  post,
  success,
  u8,
} from "../src/index.ts";

function capture(level: LogLevel = "normal") {
  const out: string[] = [];
  const err: string[] = [];
  const app = build()
    .configure({ log_level: level })
    .logTo({ out: (l) => out.push(l), err: (l) => err.push(l) });
  return { app, out, err };
}

export const index = get("/", () => "home");
export const userStr = get({ uri: "/user/<id>", rank: 3 }, () => "user");
export const createTodo = post({ uri: "/todo", format: "json" }, () => "made");
export const notFound: Catcher = catcher(404, () => "nope");
export const fooNotFound: Catcher = catcher(404, () => "foo nope");
export const all: Catcher = catcher("default", () => "all");

describe("the launch banner", () => {
  it("prints the configuration, routes, catchers and fairings, without emoji when not a terminal", async () => {
    const { app, out } = capture();
    app
      .configure({ port: 0 })
      .mount("/", [index, userStr, createTodo])
      .register("/", [notFound, all])
      .register("/foo", [fooNotFound]);
    await Client.untracked(app);
    const text = out.join("\n");
    assert.ok(out[0] === "Configured for debug.", out[0]);
    assert.match(text, /\n {3}>> address: 127\.0\.0\.1\n {3}>> port: 0\n/);
    assert.match(text, /\n {3}>> ident: Apogee\n {3}>> IP header: X-Real-IP\n/);
    assert.match(text, /\n {3}>> log level: normal\n/);
    const routes = out.slice(out.indexOf("Routes:") + 1, out.indexOf("Catchers:"));
    assert.deepEqual(routes, [
      "   >> (index) GET /",
      "   >> (createTodo) POST /todo application/json",
      "   >> (userStr) GET /user/<id> [3]",
    ]);
    const catchers = out.slice(out.indexOf("Catchers:") + 1, out.indexOf("Fairings:"));
    assert.deepEqual(catchers, [
      "   >> (notFound) 404",
      "   >> (all) default",
      "   >> (fooNotFound) /foo 404",
    ]);
    assert.equal(out[out.indexOf("Fairings:") + 1], "   >> Shield (liftoff, response, singleton)");
    assert.deepEqual(out.slice(out.indexOf("Shield:"), out.indexOf("Shield:") + 4), [
      "Shield:",
      "   >> X-Content-Type-Options: nosniff",
      "   >> X-Frame-Options: SAMEORIGIN",
      "   >> Permissions-Policy: interest-cohort=()",
    ]);
    assert.equal(out.at(-1), "Apogee has launched locally");
    assert.ok(!/[🔧📬🥅📡🚀]/u.test(text));
  });

  it("prints nothing at log level off", async () => {
    const { app, out, err } = capture("off");
    await Client.untracked(app.mount("/", [index]));
    assert.deepEqual(out, []);
    assert.deepEqual(err, []);
  });

  it("prints launch sections but no requests at level critical", async () => {
    const { app, out } = capture("critical");
    const client = await Client.untracked(app.mount("/", [index]));
    assert.ok(out.includes("Routes:"));
    assert.ok(!out.includes("Shield:"));
    const before = out.length;
    await client.get("/").dispatch();
    assert.equal(out.length, before);
  });

  it("warns at ignite about a data key on a GET route, naming the route and its site", async () => {
    const { app, err } = capture();
    const body = dataGuard("Body", () => success(1));
    const withData = get({ uri: "/with-data", data: "<body>" }, { body }, () => "ok");
    await Client.untracked(app.mount("/", [withData]));
    const warning = err.find((l) => l.includes("withData"));
    assert.ok(warning, err.join("\n"));
    assert.match(warning, /GET requests usually have no body/);
    assert.match(warning, /launch-log\.test\.ts:\d+/);
  });
});

describe("request logs", () => {
  it("show the request, the matched route, forwards and the outcome", async () => {
    const { app, out } = capture();
    const hello = get("/hello/<age>", { age: u8 }, ({ age }) => `age ${age}`);
    const fallback = get({ uri: "/hello/<name>", rank: 2 }, ({ name }) => `name ${name}`);
    const client = await Client.untracked(app.mount("/", [hello, fallback]));
    const start = out.length;
    await client.get("/hello/bob").dispatch();
    assert.deepEqual(out.slice(start), [
      "GET /hello/bob:",
      "   >> Matched: (hello) GET /hello/<age>",
      '   >> Parameter `age` is forwarding: u8: invalid digit found in string (in "bob").',
      "   >> Outcome: Forward(422 Unprocessable Entity)",
      "   >> Matched: (fallback) GET /hello/<name> [2]",
      "   >> Outcome: Success(200 OK)",
      "   >> Response succeeded.",
    ]);
  });

  it("say which catcher answered when nothing matched", async () => {
    const { app, out } = capture();
    const client = await Client.untracked(app.mount("/", [index]).register("/", [notFound]));
    const start = out.length;
    await client.get("/missing").dispatch();
    assert.deepEqual(out.slice(start), [
      "GET /missing:",
      "   >> No matching routes for GET /missing.",
      "   >> Responding with registered (notFound) 404 catcher.",
      "   >> Response: 404 Not Found.",
    ]);
  });
});
