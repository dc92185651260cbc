import { writeParity } from '../../decoder/crc.js';
import { isHexAt } from '../../decoder/hex.js';
import { callsignCharCode } from '../../decoder/identification.js';
import { encodeCpr } from '../../decoder/position/cpr-encode.js';
import { EncodeError } from './encode-error.js';
import { writeBits, writeMeBits } from './bit-writer.js';

/**
 * DF17 extended squitter encoder for the fleet simulator, from metric
 * inputs. Bit layouts are the ones the decoder reads (DO-260B 2.2.3):
 * identification TC 1-4, airborne position TC 9-18, velocity TC 19
 * subtypes 1/2. Frames get DF 17, CA (default 5, airborne) and a valid
 * CRC-24 parity.
 */

const FRAME_BYTES = 14;
const FEET_TO_M = 0.3048;
const KNOTS_TO_KMH = 1.852;
const FEET_PER_MINUTE_TO_MPS = 0.00508;
const TYPE_CODE_BY_CATEGORY_SET: Record<string, number> = { A: 4, B: 3, C: 2, D: 1 };

/** Barometric position type code 11 is what most airliners send (NIC 8, containment radius < 0.1 NM). */
const DEFAULT_POSITION_TYPE_CODE = 11;

export interface SquitterHeader {
  /** 6 hex digits. */
  icao: string;
  /** DF17 capability, 0-7; 5 = level 2+ transponder, airborne. */
  capability?: number;
}

export interface IdentificationInput extends SquitterHeader {
  /** Up to 8 of A-Z, 0-9 and space. */
  callsign: string;
  /** Emitter category such as "A1" (light) or "A7" (rotorcraft); default "A0". */
  category?: string;
}

export interface AirbornePositionInput extends SquitterHeader {
  latDeg: number;
  lonDeg: number;
  /** Barometric altitude, -304.8 ... 15293.34 m (-1000 ... 50175 ft, 25-ft steps). */
  altitudeM: number;
  /** Barometric position type code 9-18; default 11. */
  typeCode?: number;
}

export interface AirborneVelocityInput extends SquitterHeader {
  groundSpeedKmh: number;
  trackDeg: number;
  /** Positive up; null for not available. */
  verticalRateMps: number | null;
  verticalRateSource?: 'gnss' | 'barometric';
  /** GNSS minus barometric altitude; null or omitted for not available. */
  gnssMinusBaroM?: number | null;
  /** IFR capability flag (ME bit 10); default false. */
  ifrCapable?: boolean;
}

export function encodeIdentificationFrame(input: IdentificationInput): Uint8Array {
  const category = input.category ?? 'A0';
  const typeCode = TYPE_CODE_BY_CATEGORY_SET[category.charAt(0)];
  const categoryCode = Number(category.slice(1));
  if (typeCode === undefined || category.length !== 2 || !(categoryCode >= 0 && categoryCode <= 7)) {
    throw new EncodeError('invalid_category', 'category', 'A0-D7', JSON.stringify(category));
  }

  const frame = newSquitter(input);
  writeMeBits(frame, 1, 5, typeCode);
  writeMeBits(frame, 6, 3, categoryCode);
  writeCallsign(frame, input.callsign);
  writeParity(frame);
  return frame;
}

/** Encodes one airborne position frame of the given CPR format (0 even, 1 odd). */
export function encodeAirbornePositionFrame(input: AirbornePositionInput, format: 0 | 1): Uint8Array {
  const typeCode = input.typeCode ?? DEFAULT_POSITION_TYPE_CODE;
  if (typeCode < 9 || typeCode > 18) {
    throw new EncodeError('out_of_range', 'typeCode', '9-18 (barometric position)', String(typeCode));
  }
  checkRange('latDeg', input.latDeg, -90, 90);
  checkRange('lonDeg', input.lonDeg, -180, 180);

  const cpr = encodeCpr(input.latDeg, input.lonDeg, format);
  const frame = newSquitter(input);
  writeMeBits(frame, 1, 5, typeCode);
  writeMeBits(frame, 9, 12, encodeAltitude12(input.altitudeM));
  writeMeBits(frame, 22, 1, format);
  writeMeBits(frame, 23, 17, cpr.latCpr);
  writeMeBits(frame, 40, 17, cpr.lonCpr);
  writeParity(frame);
  return frame;
}

/** Encodes the even and odd airborne position frames of one position. */
export function encodeAirbornePositionPair(input: AirbornePositionInput): { even: Uint8Array; odd: Uint8Array } {
  return { even: encodeAirbornePositionFrame(input, 0), odd: encodeAirbornePositionFrame(input, 1) };
}

/**
 * Encodes an airborne velocity frame with ground speed and track:
 * subtype 1, or subtype 2 (4-kt steps) when a component exceeds 1022 kt.
 */
export function encodeAirborneVelocityFrame(input: AirborneVelocityInput): Uint8Array {
  checkRange('groundSpeedKmh', input.groundSpeedKmh, 0, 4088 * KNOTS_TO_KMH);
  checkRange('trackDeg', input.trackDeg, 0, 360);

  const groundSpeedKt = input.groundSpeedKmh / KNOTS_TO_KMH;
  const trackRad = (input.trackDeg * Math.PI) / 180;
  const eastKt = groundSpeedKt * Math.sin(trackRad);
  const northKt = groundSpeedKt * Math.cos(trackRad);
  const supersonic = Math.max(Math.abs(eastKt), Math.abs(northKt)) > 1022;
  const scale = supersonic ? 4 : 1;

  const frame = newSquitter(input);
  writeMeBits(frame, 1, 5, 19);
  writeMeBits(frame, 6, 3, supersonic ? 2 : 1);
  writeMeBits(frame, 10, 1, input.ifrCapable === true ? 1 : 0);
  writeMeBits(frame, 14, 1, eastKt < 0 ? 1 : 0);
  writeMeBits(frame, 15, 10, Math.min(Math.round(Math.abs(eastKt) / scale) + 1, 1023));
  writeMeBits(frame, 25, 1, northKt < 0 ? 1 : 0);
  writeMeBits(frame, 26, 10, Math.min(Math.round(Math.abs(northKt) / scale) + 1, 1023));
  writeMeBits(frame, 36, 1, input.verticalRateSource === 'barometric' ? 1 : 0);
  writeVerticalRate(frame, input.verticalRateMps);
  writeGnssMinusBaro(frame, input.gnssMinusBaroM ?? null);
  writeParity(frame);
  return frame;
}

function newSquitter(header: SquitterHeader): Uint8Array {
  const icao = header.icao;
  const validIcao = icao.length === 6 && isHexAt(icao, 0, 6);
  if (!validIcao) {
    throw new EncodeError('invalid_icao', 'icao', '6 hex digits', JSON.stringify(icao));
  }
  const capability = header.capability ?? 5;
  checkRange('capability', capability, 0, 7);

  const frame = new Uint8Array(FRAME_BYTES);
  writeBits(frame, 1, 5, 17);
  writeBits(frame, 6, 3, capability);
  writeBits(frame, 9, 24, Number.parseInt(icao, 16));
  return frame;
}

function writeCallsign(frame: Uint8Array, callsign: string): void {
  if (callsign.length > 8) {
    throw new EncodeError('invalid_callsign', 'callsign', 'at most 8 characters', JSON.stringify(callsign));
  }

  const padded = callsign.toUpperCase().padEnd(8, ' ');
  for (let index = 0; index < 8; index++) {
    const code = callsignCharCode(padded.charAt(index));
    if (code < 0) {
      throw new EncodeError('invalid_callsign', 'callsign', 'A-Z, 0-9 and space', JSON.stringify(callsign));
    }
    writeMeBits(frame, 9 + 6 * index, 6, code);
  }
}

/** 12-bit Q=1 altitude code: N = (ft + 1000) / 25 with the Q bit inserted after N's 7th bit. */
function encodeAltitude12(altitudeM: number): number {
  const altitudeFt = altitudeM / FEET_TO_M;
  const n = Math.round((altitudeFt + 1000) / 25);
  if (!(n >= 0 && n <= 2047)) {
    throw new EncodeError('out_of_range', 'altitudeM', '-304.8 to 15293.34 m', String(altitudeM));
  }
  return ((n >> 4) << 5) | (1 << 4) | (n & 0x0f);
}

function writeVerticalRate(frame: Uint8Array, verticalRateMps: number | null): void {
  if (verticalRateMps === null) {
    return;
  }
  const steps = Math.min(Math.round(Math.abs(verticalRateMps / FEET_PER_MINUTE_TO_MPS) / 64), 510);
  writeMeBits(frame, 37, 1, verticalRateMps < 0 ? 1 : 0);
  writeMeBits(frame, 38, 9, steps + 1);
}

function writeGnssMinusBaro(frame: Uint8Array, gnssMinusBaroM: number | null): void {
  if (gnssMinusBaroM === null) {
    return;
  }
  const steps = Math.min(Math.round(Math.abs(gnssMinusBaroM / FEET_TO_M) / 25), 126);
  writeMeBits(frame, 49, 1, gnssMinusBaroM < 0 ? 1 : 0);
  writeMeBits(frame, 50, 7, steps + 1);
}

function checkRange(field: string, value: number, min: number, max: number): void {
  if (!(value >= min && value <= max)) {
    throw new EncodeError('out_of_range', field, `${min} to ${max}`, String(value));
  }
}
