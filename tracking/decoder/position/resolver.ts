import { rejected, decoded, type DecodeResult } from '../errors.js';
import { decodeCprGlobal, decodeCprLocal, type CprFrame } from './cpr.js';
import { distanceKm, type LatLon } from './geo.js';

/**
 * Per-aircraft CPR position resolver for the tracking layer.
 *
 * For each ICAO address it keeps the last even and the last odd frame
 * with their receive times, and the last accepted fix. A new frame is
 * resolved, in order:
 * 1. globally, with the other-format frame if that arrived within
 *    `maxPairAgeMs` (10 s, the pairing window of "The 1090 MHz Riddle"
 *    and dump1090) and is of the same kind (surface or airborne);
 * 2. locally, against the last fix if it is younger than
 *    `maxReferenceAgeMs`;
 * 3. locally, against the configured receiver position.
 * Every fix is then checked: within `receiverRangeKm` of the receiver
 * when both are set, and reachable from a fresh last fix at no more
 * than `maxSpeedKmh`.
 */

export interface PositionResolverOptions {
  /** Receiver (or airport) position, used for surface pairs and as a last-resort local reference. */
  receiverPosition?: LatLon | null;
  /**
   * Maximum distance in km of a fix from the receiver; null disables the
   * check. NOTE: local decoding against the receiver is only correct for
   * aircraft within 180 NM (333 km, 45 NM on the surface) of it, so set
   * this no larger than that where the receiver fallback matters.
   */
  receiverRangeKm?: number | null;
  /** Maximum time in ms between the even and odd frame of a pair. */
  maxPairAgeMs?: number;
  /** Maximum age in ms of the last fix for use as a local reference and for the speed check. */
  maxReferenceAgeMs?: number;
  /** Maximum speed in km/h implied by two fixes; faster means one of them is garbage. */
  maxSpeedKmh?: number;
}

export type PositionMethod = 'global' | 'local_last_fix' | 'local_receiver';

export interface PositionFix extends LatLon {
  surface: boolean;
  /** Receive time in ms of the frame that produced this fix. */
  receivedAtMs: number;
  method: PositionMethod;
}

interface StoredFrame {
  cpr: CprFrame;
  receivedAtMs: number;
}

interface AircraftCprState {
  even: StoredFrame | null;
  odd: StoredFrame | null;
  lastFix: PositionFix | null;
}

const DEFAULT_MAX_PAIR_AGE_MS = 10_000;

/** At 1200 km/h an aircraft covers 40 km in 120 s, well inside the 333 km local-decoding limit. */
const DEFAULT_MAX_REFERENCE_AGE_MS = 120_000;

/** jet1090 rejects fixes implying more than 1200 km/h; faster than any rescue aircraft. */
const DEFAULT_MAX_SPEED_KMH = 1200;

/** Allowance in km for CPR resolution (about 5 m airborne) and receive-time jitter in the speed check. */
const SPEED_CHECK_SLACK_KM = 0.5;

export class CprPairer {
  private readonly aircraft = new Map<string, AircraftCprState>();
  private readonly receiverPosition: LatLon | null;
  private readonly receiverRangeKm: number | null;
  private readonly maxPairAgeMs: number;
  private readonly maxReferenceAgeMs: number;
  private readonly maxSpeedKmh: number;

  constructor(options: PositionResolverOptions = {}) {
    this.receiverPosition = options.receiverPosition ?? null;
    this.receiverRangeKm = options.receiverRangeKm ?? null;
    this.maxPairAgeMs = options.maxPairAgeMs ?? DEFAULT_MAX_PAIR_AGE_MS;
    this.maxReferenceAgeMs = options.maxReferenceAgeMs ?? DEFAULT_MAX_REFERENCE_AGE_MS;
    this.maxSpeedKmh = options.maxSpeedKmh ?? DEFAULT_MAX_SPEED_KMH;
  }

  /**
   * Stores the frame and resolves a position from it, or returns why
   * none could be resolved (`pair_too_old`, `no_reference`,
   * `zone_mismatch`, `implausible_speed`, `out_of_range`, ...).
   */
  resolve(icao: string, cpr: CprFrame, receivedAtMs: number): DecodeResult<PositionFix> {
    const state = this.stateOf(icao);
    const frame = { cpr, receivedAtMs };
    if (cpr.format === 0) {
      state.even = frame;
    } else {
      state.odd = frame;
    }

    const candidate = this.resolveCandidate(state, frame);
    if (!candidate.ok) {
      return candidate;
    }

    const checked = this.checkPlausible(state, candidate.value);
    if (checked.ok) {
      state.lastFix = checked.value;
    }
    return checked;
  }

  /** Last accepted fix of an aircraft, if any. */
  lastFix(icao: string): PositionFix | null {
    return this.aircraft.get(icao)?.lastFix ?? null;
  }

  /** Drops the state of aircraft not heard from since `olderThanMs`; returns how many were dropped. */
  prune(olderThanMs: number): number {
    let dropped = 0;
    for (const [icao, state] of this.aircraft) {
      const lastHeardMs = Math.max(state.even?.receivedAtMs ?? -Infinity, state.odd?.receivedAtMs ?? -Infinity);
      if (lastHeardMs < olderThanMs) {
        this.aircraft.delete(icao);
        dropped++;
      }
    }
    return dropped;
  }

  private stateOf(icao: string): AircraftCprState {
    let state = this.aircraft.get(icao);
    if (state === undefined) {
      state = { even: null, odd: null, lastFix: null };
      this.aircraft.set(icao, state);
    }
    return state;
  }

  private resolveCandidate(state: AircraftCprState, frame: StoredFrame): DecodeResult<PositionFix> {
    const global = this.resolveGlobal(state, frame);
    if (global !== null && global.ok) {
      return global;
    }

    const local = this.resolveLocal(state, frame);
    if (local.ok || global === null) {
      return local;
    }

    // Both failed: the pair's reason (zone mismatch, too old...) explains more than "no reference".
    return local.error.code === 'no_reference' ? global : local;
  }

  /** Returns null when there is no other-format frame of the same kind to pair with. */
  private resolveGlobal(state: AircraftCprState, frame: StoredFrame): DecodeResult<PositionFix> | null {
    const other = frame.cpr.format === 0 ? state.odd : state.even;
    if (other === null || other.cpr.surface !== frame.cpr.surface) {
      return null;
    }

    const ageMs = Math.abs(frame.receivedAtMs - other.receivedAtMs);
    if (ageMs > this.maxPairAgeMs) {
      return rejected('pair_too_old', {
        field: 'cpr',
        expected: `even and odd frames within ${this.maxPairAgeMs} ms`,
        got: `${Math.round(ageMs)} ms`,
        messageZh: `CPR 奇偶帧间隔 ${Math.round(ageMs)} ms，超过 ${this.maxPairAgeMs} ms`,
      });
    }

    const newer = frame.receivedAtMs >= other.receivedAtMs ? frame : other;
    const even = frame.cpr.format === 0 ? frame : other;
    const odd = frame.cpr.format === 0 ? other : frame;
    const reference = frame.cpr.surface ? this.referenceFor(state, frame) : null;
    const position = decodeCprGlobal(even.cpr, odd.cpr, newer.cpr.format, reference?.position ?? null);
    if (!position.ok) {
      return position;
    }
    return decoded({ ...position.value, surface: frame.cpr.surface, receivedAtMs: newer.receivedAtMs, method: 'global' });
  }

  private resolveLocal(state: AircraftCprState, frame: StoredFrame): DecodeResult<PositionFix> {
    const reference = this.referenceFor(state, frame);
    if (reference === null) {
      return rejected('no_reference', {
        field: 'reference',
        expected: 'a recent fix or a receiver position for local CPR decoding',
        got: 'none',
        messageZh: '无可用参考位置（近期定位或接收机位置），无法本地解码',
      });
    }

    const position = decodeCprLocal(frame.cpr, reference.position);
    if (!position.ok) {
      return position;
    }
    return decoded({ ...position.value, surface: frame.cpr.surface, receivedAtMs: frame.receivedAtMs, method: reference.method });
  }

  private referenceFor(state: AircraftCprState, frame: StoredFrame): { position: LatLon; method: PositionMethod } | null {
    const lastFix = state.lastFix;
    if (lastFix !== null && frame.receivedAtMs - lastFix.receivedAtMs <= this.maxReferenceAgeMs) {
      return { position: lastFix, method: 'local_last_fix' };
    }
    if (this.receiverPosition !== null) {
      return { position: this.receiverPosition, method: 'local_receiver' };
    }
    return null;
  }

  private checkPlausible(state: AircraftCprState, fix: PositionFix): DecodeResult<PositionFix> {
    if (this.receiverPosition !== null && this.receiverRangeKm !== null) {
      const rangeKm = distanceKm(this.receiverPosition, fix);
      if (rangeKm > this.receiverRangeKm) {
        return rejected('out_of_range', {
          field: 'position',
          expected: `within ${this.receiverRangeKm} km of the receiver`,
          got: `${Math.round(rangeKm)} km`,
          messageZh: `定位距接收机 ${Math.round(rangeKm)} km，超出覆盖范围 ${this.receiverRangeKm} km`,
        });
      }
    }

    const lastFix = state.lastFix;
    if (lastFix === null || fix.receivedAtMs - lastFix.receivedAtMs > this.maxReferenceAgeMs) {
      return decoded(fix);
    }

    const elapsedHours = Math.max(Math.abs(fix.receivedAtMs - lastFix.receivedAtMs), 1000) / 3_600_000;
    const movedKm = distanceKm(lastFix, fix);
    const speedKmh = Math.max(movedKm - SPEED_CHECK_SLACK_KM, 0) / elapsedHours;
    if (speedKmh > this.maxSpeedKmh) {
      return rejected('implausible_speed', {
        field: 'position',
        expected: `at most ${this.maxSpeedKmh} km/h from the last fix`,
        got: `${Math.round(speedKmh)} km/h over ${movedKm.toFixed(1)} km`,
        messageZh: `定位跳变：相对上次定位速度 ${Math.round(speedKmh)} km/h，超过 ${this.maxSpeedKmh} km/h`,
      });
    }
    return decoded(fix);
  }
}
