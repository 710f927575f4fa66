/**
 * The switch for hot-path shortcuts that duplicate a readable path (percent-decoding through
 * `decodeURIComponent`, the cookie jar's one-name scan, the router's static filter and small-node scan). On by
 * default; `APOGEE_NO_FAST_PATHS=1` turns them all off, so the test suite can run both ways (`scripts/test.mjs`
 * reruns the routing, query and cookie tests so).
 */
export const FAST_PATHS: { enabled: boolean } = { enabled: process.env.APOGEE_NO_FAST_PATHS !== "1" };
