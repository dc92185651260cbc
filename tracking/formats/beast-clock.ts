/**
 * Beast and AVR-MLAT timestamps are a 48-bit counter, not clock time.
 * Source: flightaware/dump1090 net_io.c; denzen84/beastblackbox README.
 *
 * dump1090, readsb and RTL-SDR receivers run a free 12 MHz counter that
 * wraps after 2^48 / 12e6 s (about 271 days) and restarts from zero
 * when the decoder restarts. Radarcape and other GPS receivers pack
 * seconds of the UTC day into the upper 18 bits and nanoseconds into
 * the lower 30 bits, rolling over at UTC midnight.
 */

export const COUNTER_MODULUS = 2 ** 48;
export const TICKS_PER_SECOND = 12_000_000;
const TICKS_PER_MS = TICKS_PER_SECOND / 1000;

/** Ticks from `previous` to `current` modulo 2^48, so a wrap counts forward. */
export function elapsedTicks(previous: number, current: number): number {
  const delta = current - previous;
  return delta >= 0 ? delta : delta + COUNTER_MODULUS;
}

/** Ticks from `previous` to `current` taking the shorter way round, so a frame slightly out of order comes out negative. */
export function signedElapsedTicks(previous: number, current: number): number {
  const forward = elapsedTicks(previous, current);
  return forward > COUNTER_MODULUS / 2 ? forward - COUNTER_MODULUS : forward;
}

/** Seconds of the UTC day and nanoseconds of a Radarcape GPS timestamp. */
export function readGpsTimestamp(ticks: number): { secondsOfDay: number; nanoseconds: number } {
  const nanosecondBits = 2 ** 30;
  return { secondsOfDay: Math.floor(ticks / nanosecondBits), nanoseconds: ticks % nanosecondBits };
}

/**
 * Maps a 12 MHz counter onto our receive clock. The first frame anchors
 * the counter to its receive time, and later frames get the anchor plus
 * the elapsed counter time, which keeps the counter's sub-millisecond
 * spacing for CPR pairing. When the counter disagrees with the receive
 * clock by more than `maxDriftMs` (decoder restart, wrap, a jump), the
 * clock re-anchors on the current frame and counts a reset.
 */
export class CounterClock {
  resets = 0;

  private anchorTicks: number | null = null;
  private anchorMs = 0;

  constructor(private readonly maxDriftMs = 5000) {}

  toEpochMs(ticks: number, receivedAtMs: number): number {
    if (this.anchorTicks === null) {
      this.anchor(ticks, receivedAtMs);
      return receivedAtMs;
    }

    const counterMs = this.anchorMs + signedElapsedTicks(this.anchorTicks, ticks) / TICKS_PER_MS;
    if (Math.abs(counterMs - receivedAtMs) > this.maxDriftMs) {
      this.resets++;
      this.anchor(ticks, receivedAtMs);
      return receivedAtMs;
    }
    return counterMs;
  }

  private anchor(ticks: number, receivedAtMs: number): void {
    this.anchorTicks = ticks;
    this.anchorMs = receivedAtMs;
  }
}
