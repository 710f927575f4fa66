import assert from "node:assert/strict";
import { test } from "node:test";
import {
  API_ROUTES,
  API_ROUTES_BY_SPECIFICITY,
  samplePath,
  staticFirstRank,
  toApogeePath,
} from "../src/shared/api-routes.ts";
import { readCookie } from "../src/shared/payload.ts";

test("the API table has 379 distinct routes", () => {
  assert.equal(API_ROUTES.length, 379);
  assert.equal(new Set(API_ROUTES.map((r) => `${r.method} ${r.path}`)).size, 379);
});

test("a static segment outranks a parameter at the first depth where two routes differ", () => {
  const comments = staticFirstRank("/repos/:owner/:repo/issues/comments/:comment_id")!;
  const issue = staticFirstRank("/repos/:owner/:repo/issues/:issue_number/comments")!;
  assert.equal(comments, 0b011001);
  assert.equal(issue, 0b011010);
  assert.ok(comments < issue);
  assert.equal(staticFirstRank("/gists/starred"), undefined);
});

test("first-match routers get static routes first, then the most specific", () => {
  const order = API_ROUTES_BY_SPECIFICITY.map((r) => r.path);
  assert.ok(
    order.indexOf("/repos/:owner/:repo/issues/comments") <
      order.indexOf("/repos/:owner/:repo/issues/:issue_number"),
  );
  assert.equal(API_ROUTES_BY_SPECIFICITY.length, API_ROUTES.length);
});

test("params become Apogee's <param> segments and sample values", () => {
  assert.equal(toApogeePath("/repos/:owner/:repo/git/refs/:ref"), "/repos/<owner>/<repo>/git/refs/<ref>");
  assert.equal(samplePath("/repos/:owner/:repo/labels/:name"), "/repos/octocat/hello-world/labels/name-1");
});

test("the shared cookie reader finds a cookie among others and nothing else", () => {
  const header = "theme=dark; sid=abc; lang=en";
  assert.equal(readCookie(header, "sid"), "abc");
  assert.equal(readCookie(header, "theme"), "dark");
  assert.equal(readCookie(header, "id"), undefined);
  assert.equal(readCookie("xsid=1; sid=2", "sid"), "2");
  assert.equal(readCookie(undefined, "sid"), undefined);
});
