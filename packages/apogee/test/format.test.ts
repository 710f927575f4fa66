// `format` (ROCKET.md §1.4): payload methods match a fully specific Content-Type; the others match the preferred
// Accept type (with Rocket's quirky preference), and a request without Accept matches.
import { describe, test } from "node:test";
import { del, get, options, patch, post, put } from "../src/index.ts";
import { clientFor, expectDefaultCatcher, expectResponse, TEXT } from "./support/local.ts";

describe("payload methods match the Content-Type", () => {
  const client = clientFor(post({ uri: "/", format: "json" }, () => "json"));

  test("an exact Content-Type matches, parameters ignored, case-insensitive", async () => {
    for (const ct of ["application/json", "application/json; charset=utf-8", "Application/JSON"]) {
      await expectResponse(await (await client).post("/").header("content-type", ct).dispatch(), {
        status: 200,
        contentType: TEXT,
        body: "json",
      });
    }
  });

  test("no Content-Type does not match", async () => {
    await expectDefaultCatcher(await (await client).post("/").dispatch(), 404);
  });

  test("a Content-Type with a wildcard is not fully specific and does not match", async () => {
    for (const ct of ["application/*", "*/*", "*/json"]) {
      await expectDefaultCatcher(await (await client).post("/").header("content-type", ct).dispatch(), 404);
    }
  });

  test("another Content-Type does not match", async () => {
    await expectDefaultCatcher(
      await (await client).post("/").header("content-type", "text/plain").dispatch(),
      404,
    );
  });

  test("an unparsable Content-Type does not match", async () => {
    await expectDefaultCatcher(await (await client).post("/").header("content-type", "json").dispatch(), 404);
  });

  test("Accept is ignored for payload methods", async () => {
    // The built-in catcher still answers JSON for that Accept.
    await expectDefaultCatcher(
      await (await client).post("/").header("accept", "application/json").dispatch(),
      404,
      true,
    );
  });

  test("PUT, DELETE and PATCH are payload methods too", async () => {
    const c = await clientFor(
      put({ uri: "/", format: "json" }, () => "put"),
      del({ uri: "/", format: "json" }, () => "delete"),
      patch({ uri: "/", format: "json" }, () => "patch"),
    );
    for (const [method, body] of [
      ["PUT", "put"],
      ["DELETE", "delete"],
      ["PATCH", "patch"],
    ] as const) {
      await expectResponse(await c.req(method, "/").header("content-type", "application/json").dispatch(), {
        status: 200,
        contentType: TEXT,
        body,
      });
      await expectDefaultCatcher(
        await c.req(method, "/").header("accept", "application/json").dispatch(),
        404,
        true,
      );
    }
  });

  test("a route format with a wildcard matches any specific Content-Type it covers", async () => {
    const c = await clientFor(post({ uri: "/", format: "image/*" }, () => "image"));
    await expectResponse(await c.post("/").header("content-type", "image/png").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "image",
    });
    await expectDefaultCatcher(await c.post("/").header("content-type", "text/png").dispatch(), 404);
    await expectDefaultCatcher(await c.post("/").header("content-type", "image/*").dispatch(), 404);
  });

  test("the route's format shorthand 'form' is application/x-www-form-urlencoded", async () => {
    const c = await clientFor(post({ uri: "/", format: "form" }, () => "form"));
    await expectResponse(
      await c.post("/").header("content-type", "application/x-www-form-urlencoded").dispatch(),
      {
        status: 200,
        contentType: TEXT,
        body: "form",
      },
    );
  });
});

describe("non-payload methods match the preferred Accept type", () => {
  const client = clientFor(get({ uri: "/", format: "json" }, () => "json"));

  async function accepts(accept: string | undefined, matches: boolean) {
    const req = (await client).get("/");
    if (accept !== undefined) req.header("accept", accept);
    const res = await req.dispatch();
    if (matches) await expectResponse(res, { status: 200, contentType: TEXT, body: "json" });
    else await expectDefaultCatcher(res, 404);
  }

  test("no Accept header matches", async () => {
    await accepts(undefined, true);
  });

  test("the exact type matches, case-insensitive, parameters ignored", async () => {
    await accepts("application/json", true);
    await accepts("APPLICATION/Json", true);
    await accepts("application/json; q=0.5", true);
  });

  test("wildcards in Accept match: */* and application/*", async () => {
    await accepts("*/*", true);
    await accepts("application/*", true);
  });

  test("another preferred type does not match", async () => {
    await accepts("text/html", false);
  });

  test("only the preferred entry counts: the first of equals", async () => {
    await accepts("text/html, application/json", false);
    await accepts("application/json, text/html", true);
  });

  test("an entry without q beats an earlier one with q", async () => {
    await accepts("application/json;q=0.5, text/html", false);
    await accepts("text/html;q=0.9, application/json", true);
  });

  test("a higher q beats a lower q", async () => {
    await accepts("text/html;q=0.5, application/json;q=0.9", true);
    await accepts("application/json;q=0.5, text/html;q=0.9", false);
  });

  test("the quirk: a more specific entry wins even with a lower q", async () => {
    await accepts("*/*, application/json;q=0.1", true);
    await accepts("*/*, text/html;q=0.1", false);
    await accepts("application/*;q=0.9, text/html;q=0.1", false);
  });

  test("an Accept with no valid entry counts as any type", async () => {
    await accepts("garbage", true);
  });

  test("HEAD and OPTIONS use Accept too", async () => {
    const c = await clientFor(options({ uri: "/", format: "html" }, () => "options"));
    await expectResponse(await c.options("/").header("accept", "text/html").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "options",
    });
    await expectDefaultCatcher(
      await c.options("/").header("accept", "application/json").dispatch(),
      404,
      true,
    );
    await expectDefaultCatcher(
      await c.options("/").header("content-type", "text/html").header("accept", "text/plain").dispatch(),
      404,
    );
  });

  test("routes for two formats at different ranks are chosen by Accept", async () => {
    const c = await clientFor(
      get({ uri: "/page", format: "json", rank: 1 }, () => "as json"),
      get({ uri: "/page", format: "html", rank: 2 }, () => "as html"),
    );
    await expectResponse(await c.get("/page").header("accept", "text/html").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "as html",
    });
    await expectResponse(await c.get("/page").header("accept", "application/json").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "as json",
    });
    await expectResponse(await c.get("/page").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "as json",
    });
    await expectDefaultCatcher(await c.get("/page").header("accept", "image/png").dispatch(), 404);
  });

  test("a route without a format matches any Accept or Content-Type", async () => {
    const c = await clientFor(
      get("/", () => "any"),
      post("/", () => "any post"),
    );
    await expectResponse(await c.get("/").header("accept", "image/png").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "any",
    });
    await expectResponse(await c.post("/").header("content-type", "image/png").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "any post",
    });
  });

  test("a format mismatch is a 404, not a 406: the format is a match condition, not a forward", async () => {
    const c = await clientFor(
      get({ uri: "/", format: "json" }, () => "json"),
      get({ uri: "/", rank: 2 }, () => "fallback"),
    );
    await expectResponse(await c.get("/").header("accept", "text/html").dispatch(), {
      status: 200,
      contentType: TEXT,
      body: "fallback",
    });
  });
});
