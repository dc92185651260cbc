/**
 * Reconnect delays: exponential growth from `initialMs`, capped at
 * `maxMs`, with "equal jitter" (half the delay fixed, half random) so
 * that many sources dropped by one receiver restart do not reconnect in
 * step while each still waits at least half its delay.
 */
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  /** Source of randomness in [0, 1); tests pass a fixed one. */
  random?: () => number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 30_000 };

/** Delay in ms before reconnect attempt `attempt` (0 for the first retry). */
export function backoffDelayMs(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const random = options.random ?? Math.random;
  const exponent = Math.min(Math.max(attempt, 0), 30);
  const cappedMs = Math.min(options.maxMs, options.initialMs * 2 ** exponent);
  return cappedMs / 2 + random() * (cappedMs / 2);
}
