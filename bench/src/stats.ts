// Small statistics for the report: medians over rounds, their spread, geometric means.

/** The median of `values` (the mean of the middle two for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** How far apart the rounds were: (max − min) ÷ median; 0 for a single value. */
export function spread(values: readonly number[]): number {
  if (values.length < 2) return 0;
  return (Math.max(...values) - Math.min(...values)) / median(values);
}

/** The geometric mean of positive `values`; NaN when empty. */
export function geomean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  return Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / values.length);
}

/**
 * A latency histogram with fixed 10 µs buckets up to 10 s (later values land in the last bucket): recording is
 * one array increment, so the load generator pays almost nothing for sub-millisecond percentiles.
 */
export class LatencyHistogram {
  static readonly BUCKET_MS = 0.01;
  readonly #counts = new Uint32Array(1_000_000);
  #total = 0;

  /** Records one latency in milliseconds. */
  record(ms: number): void {
    const i = Math.min(Math.floor(ms / LatencyHistogram.BUCKET_MS), this.#counts.length - 1);
    this.#counts[i]!++;
    this.#total++;
  }

  /** How many latencies were recorded. */
  get count(): number {
    return this.#total;
  }

  /** The `p`-th percentile (0–100) in milliseconds, at the upper edge of its bucket; NaN when empty. */
  percentile(p: number): number {
    if (this.#total === 0) return Number.NaN;
    const rank = Math.ceil((p / 100) * this.#total);
    let seen = 0;
    for (let i = 0; i < this.#counts.length; i++) {
      seen += this.#counts[i]!;
      if (seen >= rank) return (i + 1) * LatencyHistogram.BUCKET_MS;
    }
    return this.#counts.length * LatencyHistogram.BUCKET_MS;
  }

  /** Forgets everything recorded. */
  reset(): void {
    this.#counts.fill(0);
    this.#total = 0;
  }
}
