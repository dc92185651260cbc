import { CprPairer, decodeFrame, type CprFrame, type DecodeErrorCode, type ModeSMessage, type PositionFix } from "../decoder/index.js";
import type { Observation, RejectReason } from "../observation.js";
import { isValidLonLat, relocateLonLat, type Relocation } from "./relocation.js";
import type { ObservationSink, SourceStats } from "./stats.js";

/**
 * Turns raw Mode S frames of one feed source into Observations: decodes
 * each frame, resolves CPR positions per aircraft, applies the source's
 * relocation and hands the result to the sink. Every frame that yields
 * nothing is counted on the source's stats by reason; nothing throws.
 */

export interface ModeSSourceOptions {
  stats: SourceStats;
  sink: ObservationSink;
  /**
   * Receiver position `[lon, lat]`, the reference for local CPR decoding.
   * It must be where the traffic was received (before any relocation):
   * a frame decoded locally against a receiver hundreds of km away lands
   * in the wrong CPR zone.
   */
  receiverLonLat?: [number, number] | null;
  /**
   * Maximum distance in km of a fix from the receiver. Defaults to 180 NM
   * (333 km), the limit within which local CPR decoding is unambiguous.
   */
  receiverRangeKm?: number;
  relocate?: Relocation | null;
}

/** Local CPR decoding is only unambiguous within 180 NM of the reference. */
const DEFAULT_RECEIVER_RANGE_KM = 180 * 1.852;

/**
 * How long a DF11/17/18 address stays confirmed for Address/Parity
 * frames. Those frames carry the address only as the CRC remainder, so
 * any corrupted frame yields some address. Accepting them only for
 * addresses heard in the clear keeps CRC-valid garbage out.
 */
const CONFIRMED_ADDRESS_TTL_MS = 60_000;

/** Forget per-aircraft CPR and address state this long after the last frame. */
const STATE_TTL_MS = 300_000;

/** Decoder reasons that mean the CPR frame is waiting for its pair or a reference; not a rejection. */
const POSITION_PENDING_CODES: ReadonlySet<DecodeErrorCode> = new Set(["pair_too_old", "no_reference", "zone_mismatch", "surface_airborne_mix"]);

export class ModeSSource {
  private readonly stats: SourceStats;
  private readonly sink: ObservationSink;
  private readonly relocation: Relocation | null;
  private readonly pairer: CprPairer;
  private readonly confirmedAtMs = new Map<string, number>();
  private lastPruneMs = 0;

  constructor(options: ModeSSourceOptions) {
    this.stats = options.stats;
    this.sink = options.sink;
    this.relocation = options.relocate ?? null;

    const receiver = options.receiverLonLat ?? null;
    this.pairer = new CprPairer({
      receiverPosition: receiver === null ? null : { lonDeg: receiver[0], latDeg: receiver[1] },
      receiverRangeKm: receiver === null ? null : (options.receiverRangeKm ?? DEFAULT_RECEIVER_RANGE_KM),
    });
  }

  /**
   * Decodes one frame received at `timeMs` (UTC epoch ms) and hands any
   * observation to the sink. The caller has already counted the frame
   * as received.
   */
  ingestFrame(frame: Uint8Array | string, timeMs: number): void {
    this.pruneState(timeMs);

    const result = decodeFrame(frame);
    if (!result.ok) {
      this.stats.countRejected(rejectReasonOf(result.error.code));
      return;
    }

    const observation = this.toObservation(result.value, timeMs);
    if (observation === null) {
      return;
    }
    this.stats.decoded++;
    this.sink.ingest(observation);
  }

  private toObservation(message: ModeSMessage, timeMs: number): Observation | null {
    // DF18 from anonymous or ground-vehicle addresses names no ICAO address.
    if ("addressIsIcao" in message && message.addressIsIcao === false) {
      this.stats.countRejected("unsupported");
      return null;
    }

    if (message.addressSource === "clear") {
      this.confirmedAtMs.set(message.icao, timeMs);
    } else if (!this.isConfirmed(message.icao, timeMs)) {
      this.stats.countRejected("bad_crc");
      return null;
    }

    const base: Observation = { icaoAddress: message.icao, timeMs, sourceId: this.stats.sourceId };
    switch (message.kind) {
      case "identification":
        return { ...base, callsign: message.callsign, emitterCategory: message.categoryCode === 0 ? null : message.category };
      case "airborne_position":
        return this.withPosition({ ...base, altitudeM: message.altitudeM, onGround: false }, message.icao, message.cpr, timeMs);
      case "surface_position":
        return this.withPosition(
          { ...base, onGround: true, groundSpeedKmh: message.groundSpeedKmh, trackDeg: message.trackDeg },
          message.icao,
          message.cpr,
          timeMs,
        );
      case "airborne_velocity":
        return this.velocityObservation(base, message);
      case "aircraft_status":
        return { ...base, squawk: message.squawk };
      case "surveillance_altitude":
        return { ...base, altitudeM: message.altitudeM, onGround: message.onGround };
      case "surveillance_identity":
        return { ...base, squawk: message.squawk, onGround: message.onGround };
      case "air_to_air":
        return { ...base, altitudeM: message.altitudeM, onGround: message.onGround };
      case "all_call":
        return base;
      case "extended_squitter_other":
        this.stats.countRejected("unsupported");
        return null;
    }
  }

  private velocityObservation(base: Observation, message: Extract<ModeSMessage, { kind: "airborne_velocity" }>): Observation {
    const observation: Observation = { ...base, verticalRateMps: message.verticalRateMps, onGround: false };
    // Subtypes 3/4 carry airspeed and heading, not ground speed and track.
    if (message.groundSpeedKmh !== null) {
      observation.groundSpeedKmh = message.groundSpeedKmh;
      observation.trackDeg = message.trackDeg;
    }
    return observation;
  }

  /**
   * Adds the resolved, relocated position to the observation. A frame
   * still waiting for its CPR pair keeps its other fields. An impossible
   * position (out of receiver range, too fast, off the globe) drops the
   * whole frame, because such a frame is most likely garbage.
   */
  private withPosition(
    observation: Observation,
    icao: string,
    cpr: CprFrame,
    timeMs: number,
  ): Observation | null {
    const fix = this.pairer.resolve(icao, cpr, timeMs);
    if (!fix.ok) {
      if (POSITION_PENDING_CODES.has(fix.error.code)) {
        return observation;
      }
      this.stats.countRejected(rejectReasonOf(fix.error.code));
      return null;
    }

    const lonLat = this.relocatedLonLat(fix.value);
    if (lonLat === null) {
      this.stats.countRejected("out_of_range");
      return null;
    }
    return { ...observation, lonLat };
  }

  private relocatedLonLat(fix: PositionFix): [number, number] | null {
    const lonLat = relocateLonLat([fix.lonDeg, fix.latDeg], this.relocation);
    if (lonLat === null || !isValidLonLat(lonLat)) {
      return null;
    }
    return lonLat;
  }

  private isConfirmed(icao: string, timeMs: number): boolean {
    const confirmedMs = this.confirmedAtMs.get(icao);
    return confirmedMs !== undefined && timeMs - confirmedMs <= CONFIRMED_ADDRESS_TTL_MS;
  }

  private pruneState(timeMs: number): void {
    if (timeMs - this.lastPruneMs < STATE_TTL_MS / 5) {
      return;
    }

    this.lastPruneMs = timeMs;
    this.pairer.prune(timeMs - STATE_TTL_MS);
    for (const [icao, confirmedMs] of this.confirmedAtMs) {
      if (timeMs - confirmedMs > STATE_TTL_MS) {
        this.confirmedAtMs.delete(icao);
      }
    }
  }
}

/** Maps a decoder error code onto the per-source reject reason. */
export function rejectReasonOf(code: DecodeErrorCode): RejectReason {
  switch (code) {
    case "bad_crc":
      return "bad_crc";
    case "unsupported_df":
    case "unsupported_type_code":
      return "unsupported";
    case "out_of_range":
    case "implausible_speed":
    case "reference_too_far":
      return "out_of_range";
    default:
      return "unparseable";
  }
}
