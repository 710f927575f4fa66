// The part of autocannon's programmatic API the benchmark uses (the package ships no types).
declare module "autocannon" {
  /** Options of one load run. */
  export interface Options {
    url: string;
    connections?: number;
    pipelining?: number;
    /** Seconds. */
    duration?: number;
    /** Requests to send before stopping (overrides `duration`). */
    amount?: number;
    /** Seconds before a request times out. */
    timeout?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
  }
  /** A histogram summary. */
  export interface Histogram {
    readonly average: number;
    readonly p50: number;
    readonly p99: number;
    readonly total: number;
  }
  /** What a run reports. */
  export interface Result {
    readonly requests: Histogram & { readonly sent: number };
    readonly latency: Histogram;
    /** Seconds. */
    readonly duration: number;
    readonly errors: number;
    readonly timeouts: number;
    readonly non2xx: number;
    readonly statusCodeStats: Readonly<Record<string, { readonly count: number }>>;
  }
  /** A running load test: an event emitter that is also a promise of its result. */
  export interface Instance extends PromiseLike<Result> {
    /** Every response: its status, size and latency in milliseconds (sub-millisecond precision). */
    on(
      event: "response",
      listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void,
    ): this;
    stop(): void;
  }
  /** Starts a load run. */
  export default function autocannon(options: Options): Instance;
}
