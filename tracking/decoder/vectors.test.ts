/**
 * Every case of the published vector file, table-driven.
 * Provenance: tracking/fixtures/adsb/vectors.jsonl; each line names its
 * source (junzis/pyModeS@a49921bb tests, GPL-3.0, or the worked examples
 * of "The 1090 MHz Riddle", junzis/the-1090mhz-riddle@299a40cc).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeFrame } from './decode.js';
import { crcSyndrome } from './crc.js';
import { hexToBytes } from './hex.js';
import { decodeAirborneVelocity } from './velocity.js';
import { decodeCprGlobal, decodeCprLocal, type CprFrame } from './position/cpr.js';
import type { LatLon } from './position/geo.js';
import type { ModeSMessage } from './messages.js';

interface Vector {
  source: string;
  kind: string;
  messages: string[];
  expect: Record<string, any>;
  notes: string;
  cpr_raw?: { even: [number, number]; odd: [number, number]; surface: boolean; even_is_newer: boolean; reference?: [number, number] };
  timestamps?: Array<number | string>;
  tolerance_deg?: number;
}

const FEET_TO_M = 0.3048;
const KNOTS_TO_KMH = 1.852;
const FPM_TO_MPS = 0.00508;

const vectors: Vector[] = readFileSync(new URL('../fixtures/adsb/vectors.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Vector);

function decodeOk(hex: string): ModeSMessage {
  const result = decodeFrame(hex);
  if (!result.ok) {
    throw new Error(`${hex} did not decode: ${result.error.message}`);
  }
  return result.value;
}

function cprOf(hex: string): CprFrame {
  const message = decodeOk(hex);
  if (message.kind !== 'airborne_position' && message.kind !== 'surface_position') {
    throw new Error(`${hex} is ${message.kind}, not a position`);
  }
  return message.cpr;
}

function referenceOf(pair: [number, number] | undefined): LatLon | null {
  return pair === undefined ? null : { latDeg: pair[0], lonDeg: pair[1] };
}

function expectPosition(position: LatLon, lat: number, lon: number, toleranceDeg: number): void {
  expect(Math.abs(position.latDeg - lat)).toBeLessThanOrEqual(toleranceDeg);
  expect(Math.abs(position.lonDeg - lon)).toBeLessThanOrEqual(toleranceDeg);
}

/** Decodes a pair given in time order or with an explicit newer frame. */
function decodePair(vector: Vector, newer: 'even' | 'odd', reference: LatLon | null): ReturnType<typeof decodeCprGlobal> {
  const frames = vector.messages.map(cprOf);
  const even = frames.find((frame) => frame.format === 0)!;
  const odd = frames.find((frame) => frame.format === 1)!;
  return decodeCprGlobal(even, odd, newer === 'even' ? 0 : 1, reference);
}

function newerFromTimestamps(vector: Vector): 'even' | 'odd' {
  const [first, second] = vector.timestamps as [number, number];
  const newerHex = second > first ? vector.messages[1]! : vector.messages[0]!;
  return cprOf(newerHex).format === 0 ? 'even' : 'odd';
}

function checkIdentification(vector: Vector): void {
  const expected = vector.expect;
  const message = decodeOk(vector.messages[0]!);
  expect(message.df).toBe(expected.df);
  if (expected.icao !== undefined) {
    expect(message.icao).toBe(expected.icao);
  }

  if (message.kind === 'identification') {
    expect(message.typeCode).toBe(expected.typecode);
    expect(message.categoryCode).toBe(expected.category);
    expect(message.callsign).toBe(expected.callsign);
  } else if (message.kind === 'surveillance_identity') {
    expect(message.squawk).toBe(expected.squawk);
    expect(message.flightStatus).toBe(expected.flight_status);
  } else if (message.kind === 'all_call') {
    expect(message.capability).toBe(expected.capability);
  } else {
    throw new Error(`unexpected kind ${message.kind}`);
  }
}

function checkCrc(vector: Vector): void {
  const expected = vector.expect;
  vector.messages.forEach((hex, index) => {
    const frame = hexToBytes(hex)!;
    const valid = Array.isArray(expected.crc_valid) ? expected.crc_valid[index] : expected.crc_valid;
    const remainder = Array.isArray(expected.crc_remainder) ? expected.crc_remainder[index] : expected.crc_remainder;
    if (remainder !== undefined) {
      expect(crcSyndrome(frame)).toBe(remainder);
    }
    if (valid === false) {
      const result = decodeFrame(hex);
      expect(result.ok).toBe(false);
      expect(result.ok ? '' : result.error.code).toBe('bad_crc');
    }
    if (valid === true) {
      expect(decodeFrame(hex).ok).toBe(true);
    }
    if (expected.icao_from_parity !== undefined) {
      expect(decodeOk(hex).icao).toBe(expected.icao_from_parity[index]);
      expect(decodeOk(hex).addressSource).toBe('parity');
    }
  });

  const content = expected.content_if_decoded;
  if (content !== undefined) {
    // The CRC gate rejects this frame; its content must still read heading 0, not "missing".
    const velocity = decodeAirborneVelocity(hexToBytes(vector.messages[0]!)!);
    expect(velocity.subtype).toBe(content.subtype);
    expect(velocity.airspeedKmh).toBeCloseTo(content.airspeed * KNOTS_TO_KMH, 6);
    expect(velocity.airspeedType).toBe(content.airspeed_type.toLowerCase());
    expect(velocity.headingDeg).toBe(content.heading);
    expect(velocity.verticalRateMps).toBeCloseTo(content.vertical_rate * FPM_TO_MPS, 6);
  }
}

function checkPositionPair(vector: Vector): void {
  const expected = vector.expect;

  if (vector.cpr_raw !== undefined) {
    const raw = vector.cpr_raw;
    const even: CprFrame = { format: 0, latCpr: raw.even[0], lonCpr: raw.even[1], surface: raw.surface };
    const odd: CprFrame = { format: 1, latCpr: raw.odd[0], lonCpr: raw.odd[1], surface: raw.surface };
    const result = decodeCprGlobal(even, odd, raw.even_is_newer ? 0 : 1, referenceOf(raw.reference));
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error.code).toBe('zone_mismatch');
    return;
  }

  if (expected.result === null) {
    const frames = vector.messages.map(cprOf);
    const result = decodeCprGlobal(frames[0]!, frames[1]!, 1);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error.code).toBe('surface_airborne_mix');
    return;
  }

  const tolerance = vector.tolerance_deg ?? expected.tolerance ?? 0.001;
  const reference = referenceOf(expected.reference);

  if (expected.by_reference !== undefined) {
    for (const byReference of expected.by_reference as Array<{ reference: [number, number]; lat: number; lon: number }>) {
      const result = decodePair(vector, expected.newer, referenceOf(byReference.reference));
      expect(result.ok).toBe(true);
      expectPosition(result.ok ? result.value : { latDeg: NaN, lonDeg: NaN }, byReference.lat, byReference.lon, tolerance);
    }
    return;
  }

  if (expected.newer_odd !== undefined) {
    for (const newer of ['odd', 'even'] as const) {
      const position = expected[`newer_${newer}`] as { lat: number; lon: number };
      const result = decodePair(vector, newer, reference);
      expect(result.ok).toBe(true);
      expectPosition(result.ok ? result.value : { latDeg: NaN, lonDeg: NaN }, position.lat, position.lon, tolerance);
    }
    return;
  }

  const newer: 'even' | 'odd' = expected.newer ?? newerFromTimestamps(vector);
  const result = decodePair(vector, newer, reference);
  expect(result.ok).toBe(true);
  const position = result.ok ? result.value : { latDeg: NaN, lonDeg: NaN };
  expectPosition(position, expected.lat ?? expected.lat_approx, expected.lon ?? expected.lon_approx, tolerance);

  if (expected.altitude_ft !== undefined) {
    const message = decodeOk(vector.messages[0]!);
    expect(message.kind === 'airborne_position' ? message.altitudeM : null).toBeCloseTo(expected.altitude_ft * FEET_TO_M, 6);
  }
  if (expected.cpr !== undefined) {
    const frames = vector.messages.map(cprOf);
    expect(frames.map((frame) => [frame.format, frame.latCpr, frame.lonCpr])).toEqual(expected.cpr);
  }
}

function checkPositionLocal(vector: Vector): void {
  const expected = vector.expect;
  const message = decodeOk(vector.messages[0]!);
  if (message.kind !== 'airborne_position' && message.kind !== 'surface_position') {
    throw new Error(`unexpected kind ${message.kind}`);
  }

  const result = decodeCprLocal(message.cpr, referenceOf(expected.reference)!);
  expect(result.ok).toBe(true);
  expectPosition(result.ok ? result.value : { latDeg: NaN, lonDeg: NaN }, expected.lat, expected.lon, vector.tolerance_deg ?? 0.001);

  if (message.kind === 'surface_position') {
    expect(message.movementCode).toBe(expected.movement_code);
    expect(message.groundSpeedKmh).toBeCloseTo(expected.groundspeed_kt * KNOTS_TO_KMH, 6);
    expect(message.trackDeg).toBe(expected.track_deg);
  }
}

function checkVelocity(vector: Vector): void {
  const expected = vector.expect;

  vector.messages.forEach((hex, index) => {
    const message = decodeOk(hex);
    if (message.kind === 'surface_position') {
      expect(message.movementCode).toBe(expected.movement_code);
      if (expected.groundspeed_kt === null) {
        expect(message.groundSpeedKmh).toBeNull();
      } else {
        expect(message.groundSpeedKmh).toBeCloseTo(expected.groundspeed_kt * KNOTS_TO_KMH, 6);
      }
      if (expected.track_deg === null) {
        expect(message.trackDeg).toBeNull();
      }
      return;
    }
    if (message.kind !== 'airborne_velocity') {
      throw new Error(`unexpected kind ${message.kind}`);
    }

    const values = expected.decoded?.[index] ?? expected;
    if (expected.icao !== undefined) {
      expect(message.icao).toBe(expected.icao);
    }
    if (expected.subtype !== undefined) {
      expect(message.subtype).toBe(expected.subtype);
    }
    if (values.groundspeed_kt === null) {
      expect(message.groundSpeedKmh).toBeNull();
      expect(message.trackDeg).toBeNull();
    } else if (values.groundspeed_kt !== undefined) {
      // pyModeS publishes whole knots and tenths of a degree unless the vector gives a tolerance.
      const toleranceKt = expected.tolerance?.groundspeed_kt ?? 1;
      expect(Math.abs(message.groundSpeedKmh! / KNOTS_TO_KMH - values.groundspeed_kt)).toBeLessThanOrEqual(toleranceKt);
      const toleranceDeg = expected.tolerance?.track_deg ?? 0.1;
      expect(Math.abs(message.trackDeg! - values.track_deg)).toBeLessThanOrEqual(toleranceDeg);
    }
    if (expected.airspeed_kt !== undefined) {
      expect(message.airspeedKmh).toBeCloseTo(expected.airspeed_kt * KNOTS_TO_KMH, 6);
      expect(message.airspeedType).toBe(expected.airspeed_type.toLowerCase());
      expect(Math.abs(message.headingDeg! - expected.heading_deg)).toBeLessThanOrEqual(expected.tolerance?.heading_deg ?? 0.01);
    }
    if (expected.vertical_rate_fpm !== undefined) {
      expect(message.verticalRateMps).toBeCloseTo(expected.vertical_rate_fpm * FPM_TO_MPS, 6);
    }
    if (expected.vr_source_bit !== undefined) {
      expect(message.verticalRateSource).toBe(expected.vr_source_bit === 1 ? 'barometric' : 'gnss');
    }
    if (expected.geo_minus_baro_ft !== undefined) {
      expect(message.gnssMinusBaroM).toBeCloseTo(expected.geo_minus_baro_ft * FEET_TO_M, 6);
    }
  });
}

function checkAltitude(vector: Vector): void {
  const expected = vector.expect;

  vector.messages.forEach((hex, index) => {
    const message = decodeOk(hex);
    const altitudeFt = Array.isArray(expected.altitude_ft) ? expected.altitude_ft[index] : expected.altitude_ft;
    if (message.kind !== 'airborne_position' && message.kind !== 'surveillance_altitude') {
      throw new Error(`unexpected kind ${message.kind}`);
    }

    expect(message.altitudeM).toBeCloseTo(altitudeFt * FEET_TO_M, 6);
    if (expected.typecode !== undefined && message.kind === 'airborne_position') {
      expect(message.typeCode).toBe(expected.typecode);
    }
    if (expected.icao_from_parity !== undefined) {
      expect(message.icao).toBe(expected.icao_from_parity[index]);
    }
    if (expected.df !== undefined) {
      expect(message.df).toBe(Array.isArray(expected.df) ? expected.df[index] : expected.df);
    }
  });
}

const CHECKS: Record<string, (vector: Vector) => void> = {
  identification: checkIdentification,
  crc: checkCrc,
  position_pair: checkPositionPair,
  position_local: checkPositionLocal,
  velocity: checkVelocity,
  altitude: checkAltitude,
};

describe('published vectors', () => {
  it('contains all 53 cases', () => {
    expect(vectors).toHaveLength(53);
  });

  it.each(vectors.map((vector, index) => ({ ...vector, line: index + 1 })))(
    'matches vector line $line ($kind)',
    (vector) => {
      const check = CHECKS[vector.kind];
      expect(check, `no check for kind ${vector.kind}`).toBeDefined();
      check!(vector);
    },
  );
});
