import { isHexAt } from '../../decoder/hex.js';
import { EncodeError } from './encode-error.js';

/**
 * SBS-1 / BaseStation lines for the fleet simulator, in the field
 * layout dump1090 writes (see ../sbs.ts). Dates and times are written in
 * UTC, as readsb does, so a consumer must configure a UTC offset of 0.
 */

const FEET_TO_M = 0.3048;
const KNOTS_TO_KMH = 1.852;
const FEET_PER_MINUTE_TO_MPS = 0.00508;

export interface SbsLineTimes {
  /** Reception time of the simulated frame, ms since 1970. */
  generatedAtMs: number;
  /** Time the line is written; defaults to `generatedAtMs`. */
  loggedAtMs?: number;
}

export interface SbsAirbornePositionInput extends SbsLineTimes {
  icao: string;
  altitudeM: number;
  latDeg: number;
  lonDeg: number;
  onGround?: boolean;
}

export interface SbsVelocityInput extends SbsLineTimes {
  icao: string;
  groundSpeedKmh: number;
  trackDeg: number;
  verticalRateMps: number | null;
  onGround?: boolean;
}

/** Formats an MSG,3 (airborne position) line: altitude in ft, position with 5 decimals. */
export function formatSbsAirbornePosition(input: SbsAirbornePositionInput): string {
  const altitudeFt = Math.round(input.altitudeM / FEET_TO_M);
  const position = `${input.latDeg.toFixed(5)},${input.lonDeg.toFixed(5)}`;
  return `${header(3, input)},,${altitudeFt},,,${position},,,,,,${flag(input.onGround ?? false)}`;
}

/** Formats an MSG,4 (velocity) line: ground speed in whole kt, track in whole deg, vertical rate in ft/min. */
export function formatSbsVelocity(input: SbsVelocityInput): string {
  const groundSpeedKt = Math.round(input.groundSpeedKmh / KNOTS_TO_KMH);
  const trackDeg = Math.round(input.trackDeg) % 360;
  const verticalRateFpm = input.verticalRateMps === null ? '' : String(Math.round(input.verticalRateMps / FEET_PER_MINUTE_TO_MPS));
  return `${header(4, input)},,,${groundSpeedKt},${trackDeg},,,${verticalRateFpm},,,,,${flag(input.onGround ?? false)}`;
}

/** Fields 0-9: type, transmission type, ids, hex ident, and the two UTC date/time pairs. */
function header(transmissionType: number, input: SbsLineTimes & { icao: string }): string {
  if (input.icao.length !== 6 || !isHexAt(input.icao, 0, 6)) {
    throw new EncodeError('invalid_icao', 'icao', '6 hex digits', JSON.stringify(input.icao));
  }
  const generated = formatDateTime(input.generatedAtMs);
  const logged = formatDateTime(input.loggedAtMs ?? input.generatedAtMs);
  return `MSG,${transmissionType},1,1,${input.icao.toUpperCase()},1,${generated},${logged}`;
}

/** `YYYY/MM/DD,HH:MM:SS.mmm` in UTC. */
function formatDateTime(epochMs: number): string {
  const iso = new Date(epochMs).toISOString();
  return `${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.slice(8, 10)},${iso.slice(11, 23)}`;
}

function flag(value: boolean): string {
  return value ? '-1' : '0';
}
