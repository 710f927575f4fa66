// Timer helpers for shutdown deadlines.

/** Node timers hold at most 2^31-1 ms (~24.8 days); longer configured times are capped there. */
export const MAX_TIMER = 2 ** 31 - 1;

/** Waits for `p` at most `ms`; tells whether it settled in time. */
export async function settle(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((r) => {
    timer = setTimeout(() => r(false), Math.min(ms, MAX_TIMER));
  });
  const ok = await Promise.race([p.then(() => true), timeout]);
  clearTimeout(timer);
  return ok;
}

/** `shutdown.signals` (and SIGINT when `ctrlc`) as Node's signal names. */
export function shutdownSignals(shutdown: {
  readonly ctrlc: boolean;
  readonly signals: readonly string[];
}): string[] {
  return [
    ...new Set([
      ...(shutdown.ctrlc ? ["SIGINT"] : []),
      ...shutdown.signals.map((s) => `SIG${s.toUpperCase()}`),
    ]),
  ];
}
