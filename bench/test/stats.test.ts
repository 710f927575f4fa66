import assert from "node:assert/strict";
import { test } from "node:test";
import { geomean, LatencyHistogram, median, spread } from "../src/stats.ts";

test("the median of an odd count is the middle value, of an even count the mean of the middle two", () => {
  assert.equal(median([5, 1, 3]), 3);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.ok(Number.isNaN(median([])));
});

test("the spread is (max − min) ÷ median, and 0 for one round", () => {
  assert.equal(spread([90, 100, 110]), 0.2);
  assert.equal(spread([100]), 0);
});

test("the geometric mean of ratios", () => {
  assert.equal(geomean([4, 1]), 2);
  assert.ok(Math.abs(geomean([0.5, 2]) - 1) < 1e-12);
});

test("latency percentiles are the upper edge of their 10 µs bucket", () => {
  const h = new LatencyHistogram();
  for (let i = 1; i <= 100; i++) h.record(i / 100); // 0.01 … 1.00 ms
  assert.equal(h.count, 100);
  assert.equal(h.percentile(50).toFixed(2), "0.51");
  assert.equal(h.percentile(99).toFixed(2), "1.00");
  h.reset();
  assert.ok(Number.isNaN(h.percentile(99)));
});

test("latencies past the last bucket land in it", () => {
  const h = new LatencyHistogram();
  h.record(60_000);
  assert.equal(h.percentile(99), 10_000);
});
