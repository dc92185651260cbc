/**
 * Drops exact repeats among recent keys: SBS lines, AVR lines, or a
 * Beast record's timestamp plus frame hex. Real feeds repeat. In the
 * St Petersburg capture in fixtures/adsb every Beast record occurs twice
 * with the same timestamp, the copy at most 99 records later. The SBS
 * decode of it has 1,435 exact duplicate lines, each within 34 lines of
 * its first copy.
 */
export class DuplicateFilter {
  private readonly recent = new Set<string>();
  private readonly ring: Array<string | undefined>;
  private next = 0;

  /** `windowSize`: how many recent distinct keys are remembered. */
  constructor(windowSize = 256) {
    this.ring = new Array<string | undefined>(windowSize).fill(undefined);
  }

  /** Returns true when the key equals one of the last `windowSize` distinct keys, and remembers it otherwise. */
  isDuplicate(key: string): boolean {
    if (this.recent.has(key)) {
      return true;
    }

    const evicted = this.ring[this.next];
    if (evicted !== undefined) {
      this.recent.delete(evicted);
    }
    this.ring[this.next] = key;
    this.recent.add(key);
    this.next = (this.next + 1) % this.ring.length;
    return false;
  }
}
