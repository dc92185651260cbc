/**
 * Drops exact repeats of recent lines. Real SBS feeds repeat lines:
 * the St Petersburg recording in fixtures/adsb has 1,435 exact
 * duplicates, each within 34 lines of its first copy.
 */
export class DuplicateLineFilter {
  private readonly recent = new Set<string>();
  private readonly ring: Array<string | undefined>;
  private next = 0;

  /** `windowLines`: how many recent distinct lines are remembered. */
  constructor(windowLines = 256) {
    this.ring = new Array<string | undefined>(windowLines).fill(undefined);
  }

  /** Returns true when the line equals one of the last `windowLines` lines, and remembers it otherwise. */
  isDuplicate(line: string): boolean {
    if (this.recent.has(line)) {
      return true;
    }

    const evicted = this.ring[this.next];
    if (evicted !== undefined) {
      this.recent.delete(evicted);
    }
    this.ring[this.next] = line;
    this.recent.add(line);
    this.next = (this.next + 1) % this.ring.length;
    return false;
  }
}
