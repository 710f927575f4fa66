// The benchmark's Apogee app answers every scenario exactly as the preflight expects of every server, and refuses
// what the scenarios say it must refuse: through the local client, so a change to Apogee that breaks the bench
// shows here, not in the middle of a 15-minute run.
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { isDeepStrictEqual } from "node:util";
import { Client } from "apogee";
import { SCENARIOS } from "../src/scenarios.ts";
import { app } from "../src/servers/apogee.ts";
import { libraryFile } from "../src/shared/library.ts";
import { ORDER_JSON } from "../src/shared/payload.ts";

const STANDARD = {
  server: "Apogee",
  "x-content-type-options": "nosniff",
  "x-frame-options": "SAMEORIGIN",
  "permissions-policy": "interest-cohort=()",
};

async function send(
  client: Client,
  method: string,
  path: string,
  headers: Readonly<Record<string, string>> = {},
  body?: string,
) {
  const req = client.req(method, path);
  for (const [name, value] of Object.entries(headers)) req.header(name, value);
  if (body !== undefined) req.body(body);
  const res = await req.dispatch();
  return { res, text: await res.text() };
}

describe("the benchmark's Apogee app", async () => {
  const client = await Client.tracked(app(0, libraryFile()));
  after(() => client.terminate());

  for (const s of SCENARIOS) {
    test(`answers the ${s.id} scenario as every server must`, async () => {
      const { res, text } = await send(client, s.method, s.path, s.headers, s.body);
      assert.equal(res.status, s.expect.status, text);
      for (const [name, value] of Object.entries(STANDARD)) assert.equal(res.headers.get(name), value, name);
      if (s.expect.mediaType !== undefined) {
        assert.equal(res.headers.get("content-type")?.split(";")[0], s.expect.mediaType);
      }
      if (s.expect.text !== undefined) assert.equal(text, s.expect.text);
      if (s.expect.json !== undefined) assert.ok(isDeepStrictEqual(JSON.parse(text), s.expect.json), text);
      for (const [name, value] of Object.entries(s.expect.headers ?? {}))
        assert.equal(res.headers.get(name), value);
    });
    for (const r of s.refusals ?? []) {
      test(`refuses ${r.why} in the ${s.id} scenario`, async () => {
        const { res } = await send(client, r.method, r.path, r.headers, r.body);
        assert.ok(r.statuses.includes(res.status), `status ${res.status}`);
      });
    }
  }

  test("answers the plaintext scenario with exactly these headers and body", async () => {
    const { res, text } = await send(client, "GET", "/plaintext");
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "text/plain; charset=utf-8");
    assert.equal(text, "Hello, World!");
  });

  test("refuses a JSON POST past the 1 MiB json limit with 413", async () => {
    const big = `${ORDER_JSON.slice(0, -1)},"pad":"${"x".repeat(1024 * 1024)}"}`;
    const { res } = await send(client, "POST", "/orders", { "content-type": "application/json" }, big);
    assert.equal(res.status, 413);
  });

  test("forwards a JSON POST without a JSON content type to the 404 catcher", async () => {
    const { res } = await send(client, "POST", "/orders", { "content-type": "text/plain" }, ORDER_JSON);
    assert.equal(res.status, 404);
  });

  test("answers the other 378 API routes with ok", async () => {
    const { res, text } = await send(client, "DELETE", "/api/gists/aa5a315d61ae9438b18d/star");
    assert.equal(res.status, 200);
    assert.equal(text, "ok");
  });

  test("routes a static segment ahead of a parameter at the same depth, as find-my-way does", async () => {
    const comments = await send(client, "GET", "/api/repos/octocat/hello-world/issues/comments");
    assert.equal(comments.text, "ok");
    const issue = await send(client, "GET", "/api/repos/octocat/hello-world/issues/7");
    assert.equal(issue.text, '{"owner":"octocat","repo":"hello-world","issue_number":7}');
  });
});
