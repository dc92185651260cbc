import { decodeCprLocal } from "../decoder/position/cpr.js";
import { encodeCpr } from "../decoder/position/cpr-encode.js";
import {
  encodeAirbornePositionFrame,
  encodeAirborneVelocityFrame,
  encodeIdentificationFrame,
} from "../formats/encode/adsb-encoder.js";
import { formatAvrLine } from "../formats/encode/avr-encoder.js";
import { formatSbsAirbornePosition, formatSbsVelocity } from "../formats/encode/sbs-encoder.js";
import type { SimulatedAircraft, SimulatedState } from "./flight.js";

/**
 * The wire messages one aircraft sends per simulator tick, as a
 * dump1090 receiver would output them. Every tick has an airborne
 * position and a velocity, with even and odd CPR formats alternating so
 * a receiver can pair them. Every `identificationEveryTicks` ticks add
 * an identification.
 * AVR lines carry the MLAT `@` timestamp, so repeated identical frames
 * stay distinct lines and the listener times them to the tick.
 * SBS lines carry the position as a receiver decodes it from that tick's
 * CPR frame, as dump1090 derives its SBS output (port 30003) from the
 * frames it also sends raw (port 30002). A consumer of both ports then
 * receives the same position twice and merges it. An aircraft on the ground
 * sends no AVR position (see below).
 */

export interface TickMessages {
  /** AVR lines without the newline. */
  avr: string[];
  /** SBS MSG,1/3/4 lines without the newline. */
  sbs: string[];
}

export function messagesForTick(
  aircraft: SimulatedAircraft,
  state: SimulatedState,
  timeMs: number,
  tick: number,
  identificationEveryTicks: number,
): TickMessages {
  const icao = aircraft.icaoAddress;
  const [lonDeg, latDeg] = state.lonLat;
  const cprFormat = (tick % 2) as 0 | 1;
  const mlatTicks = counterTicksAt(timeMs);

  const avr: string[] = [];
  const sbs: string[] = [];
  if (state.onGround) {
    // NOTE: the ADS-B encoder has no surface position (type codes 5-8), so
    // on the ground AVR carries identification only. SBS carries the position
    // as MSG,3 with the ground flag set, where dump1090 would write MSG,2,
    // which the SBS encoder lacks.
    sbs.push(
      formatSbsAirbornePosition({ icao, latDeg, lonDeg, altitudeM: state.altitudeM, generatedAtMs: timeMs, onGround: true }),
      formatSbsVelocity({ icao, groundSpeedKmh: 0, trackDeg: state.trackDeg, verticalRateMps: 0, generatedAtMs: timeMs, onGround: true }),
    );
  } else {
    avr.push(
      formatAvrLine(encodeAirbornePositionFrame({ icao, latDeg, lonDeg, altitudeM: state.altitudeM }, cprFormat), mlatTicks),
      formatAvrLine(
        encodeAirborneVelocityFrame({ icao, groundSpeedKmh: state.groundSpeedKmh, trackDeg: state.trackDeg, verticalRateMps: state.verticalRateMps, verticalRateSource: "barometric" }),
        mlatTicks,
      ),
    );
    const decodedLatLon = decodedPosition(latDeg, lonDeg, cprFormat);
    sbs.push(
      formatSbsAirbornePosition({ icao, latDeg: decodedLatLon.latDeg, lonDeg: decodedLatLon.lonDeg, altitudeM: state.altitudeM, generatedAtMs: timeMs }),
      formatSbsVelocity({ icao, groundSpeedKmh: state.groundSpeedKmh, trackDeg: state.trackDeg, verticalRateMps: state.verticalRateMps, generatedAtMs: timeMs }),
    );
  }

  if (tick % identificationEveryTicks === 0) {
    avr.push(formatAvrLine(encodeIdentificationFrame({ icao, callsign: aircraft.callsign, category: aircraft.emitterCategory }), mlatTicks));
    sbs.push(formatSbsIdentification(icao, aircraft.callsign, timeMs));
  }
  return { avr, sbs };
}

/**
 * Formats an SBS MSG,1 (identification) line: the callsign padded to 8
 * characters in field 10, the other value fields empty, times in UTC.
 * NOTE: the formats layer's SBS encoder writes only MSG,3 and MSG,4;
 * this belongs beside them once it gains MSG,1.
 */
export function formatSbsIdentification(icao: string, callsign: string, timeMs: number): string {
  const dateTime = formatSbsDateTime(timeMs);
  const fields = ["MSG", "1", "1", "1", icao.toUpperCase(), "1", dateTime, dateTime, callsign.padEnd(8, " ")];
  for (let field = 11; field <= 20; field++) {
    fields.push("");
  }
  fields.push("0");
  return fields.join(",");
}

/**
 * Returns the position a receiver decodes from a CPR frame of the given
 * position: on the CPR grid, within about 5 m of it for airborne frames.
 */
function decodedPosition(latDeg: number, lonDeg: number, cprFormat: 0 | 1): { latDeg: number; lonDeg: number } {
  const result = decodeCprLocal(encodeCpr(latDeg, lonDeg, cprFormat), { latDeg, lonDeg });
  // The result lies within metres of its reference, far inside the local
  // decoding range, so the fallback is never taken for valid positions.
  return result.ok ? result.value : { latDeg, lonDeg };
}

const COUNTER_MODULUS = 2n ** 48n;

/**
 * Returns a 12 MHz receiver counter at `timeMs`, as dump1090 writes it: epoch
 * ticks modulo 2^48, so it wraps every 271 days like a real one. BigInt,
 * because epoch ms times 12,000 exceeds 2^53.
 */
export function counterTicksAt(timeMs: number): number {
  return Number((BigInt(Math.round(timeMs)) * 12_000n) % COUNTER_MODULUS);
}

/** `YYYY/MM/DD,HH:MM:SS.mmm` in UTC: two SBS fields. */
function formatSbsDateTime(timeMs: number): string {
  const iso = new Date(timeMs).toISOString();
  return `${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.slice(8, 10)},${iso.slice(11, 23)}`;
}
