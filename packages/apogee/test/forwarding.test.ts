// Forwarding (ROCKET.md §1.7, §3.1): a route that fails to parse or whose guard forwards gives way to the next
// matching route; the last forward status reaches the catcher; a guard error stops routing at once.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  build,
  Client,
  catcher,
  error,
  forward,
  get,
  guard,
  isize,
  post,
  RawStr,
  Status,
  u8,
  usize,
} from "../src/index.ts";
import { clientFor, expectDefaultCatcher, expectResponse, TEXT } from "./support/local.ts";

const Forward401 = guard("Forward401", () => forward(Status.Unauthorized));
const Forward404 = guard("Forward404", () => forward());
const Fail403 = guard("Fail403", () => error(Status.Forbidden, "no entry"));

describe("the seed's /user/<id> trio: usize, then isize (rank 2), then RawStr (rank 3)", () => {
  const user = get("/user/<id>", { id: usize }, ({ id }) => `User #${id} (usize)`);
  const userInt = get({ uri: "/user/<id>", rank: 2 }, { id: isize }, ({ id }) => `User #${id} (isize)`);
  const userStr = get(
    { uri: "/user/<id>", rank: 3 },
    { id: RawStr },
    ({ id }) => `User "${id}" (raw string)`,
  );
  const client = clientFor(user, userInt, userStr);

  const cases: [string, string][] = [
    ["/user/12", "User #12 (usize)"],
    ["/user/+12", "User #12 (usize)"],
    ["/user/0", "User #0 (usize)"],
    ["/user/-12", "User #-12 (isize)"],
    ["/user/abc", 'User "abc" (raw string)'],
    ["/user/1.5", 'User "1.5" (raw string)'],
    ["/user/%20x", 'User "%20x" (raw string)'],
    ["/user/12abc", 'User "12abc" (raw string)'],
    ["/user/9007199254740992", 'User "9007199254740992" (raw string)'],
    ["/user/-9007199254740992", 'User "-9007199254740992" (raw string)'],
  ];
  for (const [uri, body] of cases) {
    test(`${uri} is answered by ${body.slice(body.lastIndexOf("("))}`, async () => {
      await expectResponse(await (await client).get(uri).dispatch(), {
        status: 200,
        contentType: TEXT,
        body,
      });
    });
  }

  test("/user with no id matches none of them: 404", async () => {
    await expectDefaultCatcher(await (await client).get("/user").dispatch(), 404);
  });

  test("/user/1/2 matches none of them: 404", async () => {
    await expectDefaultCatcher(await (await client).get("/user/1/2").dispatch(), 404);
  });
});

describe("the last forward status reaches the catcher", () => {
  test("a path parameter that fails to parse forwards with 422", async () => {
    const client = await clientFor(get("/age/<age>", { age: u8 }, ({ age }) => `age ${age}`));
    await expectDefaultCatcher(await client.get("/age/256").dispatch(), 422);
    await expectResponse(await client.get("/age/255").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "age 255",
    });
  });

  test("a route that fails to parse forwards to rank 2", async () => {
    const client = await clientFor(
      get("/n/<n>", { n: u8 }, ({ n }) => `u8 ${n}`),
      get({ uri: "/n/<n>", rank: 2 }, ({ n }) => `string ${n}`),
    );
    await expectResponse(await client.get("/n/300").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "string 300",
    });
  });

  test("a guard's forward(401) reaches the 401 catcher", async () => {
    const client = await clientFor(get("/secret", { auth: Forward401 }, () => "secret"));
    await expectDefaultCatcher(await client.get("/secret").dispatch(), 401);
  });

  test("forward() without a status forwards with 404", async () => {
    const client = await clientFor(get("/x", { g: Forward404 }, () => "x"));
    await expectDefaultCatcher(await client.get("/x").dispatch(), 404);
  });

  test("after forwards with 401 then 422, the catcher sees 422 (the last)", async () => {
    const client = await clientFor(
      get({ uri: "/p/<n>", rank: 1 }, { auth: Forward401 }, () => "guarded"),
      get({ uri: "/p/<n>", rank: 2 }, { n: u8 }, ({ n }) => `n ${n}`),
    );
    await expectDefaultCatcher(await client.get("/p/x").dispatch(), 422);
  });

  test("after forwards with 422 then 401, the catcher sees 401 (the last)", async () => {
    const client = await clientFor(
      get({ uri: "/p/<n>", rank: 1 }, { n: u8 }, ({ n }) => `n ${n}`),
      get({ uri: "/p/<n>", rank: 2 }, { auth: Forward401 }, () => "guarded"),
    );
    await expectDefaultCatcher(await client.get("/p/x").dispatch(), 401);
  });

  test("a registered catcher for the forward status answers it", async () => {
    const client = await Client.tracked(
      build()
        .configure({ log_level: "off" })
        .mount("/", [get("/secret", { auth: Forward401 }, () => "secret")])
        .register("/", [catcher(401, (status, req) => `${status.code} for ${req.uri}`)]),
    );
    await expectResponse(await client.get("/secret").dispatch(), {
      status: 401,
      contentType: TEXT,
      body: "401 for /secret",
    });
  });

  test("no matching route at all is 404", async () => {
    const client = await clientFor(get("/a", () => "a"));
    await expectDefaultCatcher(await client.get("/b").dispatch(), 404);
  });

  test("a method mismatch is a plain 404: there is no automatic 405", async () => {
    const client = await clientFor(get("/a", () => "a"));
    await expectDefaultCatcher(await client.post("/a").dispatch(), 404);
    await expectDefaultCatcher(await client.put("/a").dispatch(), 404);
  });
});

describe("a guard error stops routing", () => {
  test("a guard's error(403) goes to the 403 catcher; later routes are not tried", async () => {
    const tried: string[] = [];
    const client = await clientFor(
      get({ uri: "/a", rank: 1 }, { g: Fail403 }, () => {
        tried.push("rank 1");
        return "rank 1";
      }),
      get({ uri: "/a", rank: 2 }, () => {
        tried.push("rank 2");
        return "rank 2";
      }),
    );
    await expectDefaultCatcher(await client.get("/a").dispatch(), 403);
    assert.deepEqual(tried, []);
  });

  test("a custom status 599 from a guard error renders the default catcher's unknown page", async () => {
    const Weird = guard("Weird", () => error(599));
    const client = await clientFor(get("/w", { w: Weird }, () => "w"));
    await expectDefaultCatcher(await client.get("/w").dispatch(), 599);
    await expectDefaultCatcher(
      await client.get("/w").header("accept", "application/json").dispatch(),
      599,
      true,
    );
  });

  test("the guard's error reason is available to the catcher as req.error", async () => {
    const client = await Client.tracked(
      build()
        .configure({ log_level: "off" })
        .mount("/", [get("/a", { g: Fail403 }, () => "a")])
        .register("/", [catcher(403, (_s, req) => `reason: ${String(req.error)}`)]),
    );
    await expectResponse(await client.get("/a").dispatch(), {
      status: 403,
      contentType: TEXT,
      body: "reason: no entry",
    });
  });

  test("a handler returning a 4xx Status is an error: later routes are not tried", async () => {
    const client = await clientFor(
      get({ uri: "/a", rank: 1 }, () => Status.NotAcceptable),
      get({ uri: "/a", rank: 2 }, () => "rank 2"),
    );
    await expectDefaultCatcher(await client.get("/a").dispatch(), 406);
  });

  test("a handler returning null is a 404 error, not a forward", async () => {
    const client = await clientFor(
      get({ uri: "/a", rank: 1 }, () => null),
      get({ uri: "/a", rank: 2 }, () => "rank 2"),
    );
    await expectDefaultCatcher(await client.get("/a").dispatch(), 404);
  });
});

describe("only routes of the request's method are tried", () => {
  test("a POST to a path with only GET routes and a POST route elsewhere is 404", async () => {
    const client = await clientFor(
      get("/a", () => "get"),
      post("/b", () => "post"),
    );
    await expectResponse(await client.post("/b").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "post",
    });
    await expectDefaultCatcher(await client.post("/a").dispatch(), 404);
  });
});
