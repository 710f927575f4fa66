// The router's fast lookup (static map and filter, segment tree, merged candidate lists) against the readable
// rule it implements (DESIGN.md §3a.6): every route whose segments match the path, in (rank, mount order).
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { get } from "../src/index.ts";
import { Request } from "../src/request/request.ts";
import { MountedRoute } from "../src/router/mounted-route.ts";
import { Router } from "../src/router/router.ts";

/** The reference: a scan of every route, keeping those whose segments match the request's, in router order. */
function reference(routes: readonly MountedRoute[], req: Request): MountedRoute[] {
  const segments = req.segments;
  return routes.filter((r) => {
    if (r.method !== req.method) return false;
    for (let i = 0; i < r.segments.length; i++) {
      const seg = r.segments[i]!;
      if (seg.kind === "trailing") return true;
      const sent = segments[i];
      if (sent === undefined || (seg.kind === "static" && seg.value !== sent)) return false;
    }
    return r.segments.length === segments.length;
  });
}

const routeSegment = fc.constantFrom("a", "b", "c", "a%2Fb", "<p>");
const routeUri = fc.tuple(fc.array(routeSegment, { maxLength: 4 }), fc.boolean()).map(([segs, trailing]) => {
  const named = segs.map((s, i) => (s === "<p>" ? `<p${i}>` : s));
  return `/${[...named, ...(trailing ? ["<rest..>"] : [])].join("/")}`;
});
const pathSegment = fc.constantFrom("a", "b", "c", "d", "%61", "a%2Fb", "");
const path = fc
  .tuple(fc.array(pathSegment, { maxLength: 6 }), fc.boolean())
  .map(([segs, slash]) => `/${segs.join("/")}${slash ? "/" : ""}`);

test("the router finds exactly the routes a scan of every route finds, in rank then mount order", () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(routeUri, fc.integer({ min: -3, max: 3 })), { minLength: 1, maxLength: 30 }),
      fc.array(path, { minLength: 1, maxLength: 10 }),
      (declared, paths) => {
        const mounted = declared.map(
          ([uri, rank], i) =>
            new MountedRoute(
              get({ uri, rank }, () => `${i}`),
              "/",
            ),
        );
        const router = new Router(mounted);
        for (const p of paths) {
          const req = new Request("GET", p, {}, null);
          const found = router.candidates("GET", req).map((r) => r.uri);
          assert.deepEqual(
            found,
            reference(router.routes, req).map((r) => r.uri),
            `path ${p}`,
          );
        }
      },
    ),
    { numRuns: 500 },
  );
});

test("a router with many static children at one depth finds each by its map", () => {
  const names = Array.from({ length: 40 }, (_, i) => `s${i}`);
  const routes = [...names.map((n) => get(`/${n}/<id>`, () => n)), get("/<any>/<id>", () => "any")];
  const router = new Router(routes.map((r) => new MountedRoute(r, "/")));
  for (const n of names) {
    const found = router.candidates("GET", new Request("GET", `/${n}/7`, {}, null)).map((r) => r.uri);
    assert.deepEqual(found, [`/${n}/<id>`, "/<any>/<id>"]);
  }
  assert.deepEqual(
    router.candidates("GET", new Request("GET", "/zz/7", {}, null)).map((r) => r.uri),
    ["/<any>/<id>"],
  );
});
