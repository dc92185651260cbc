import { describe, expect, it } from 'vitest';
import { decodeFrame } from '../../decoder/decode.js';
import { bytesToHex, hexToBytes } from '../../decoder/hex.js';
import { decodeCprGlobal, decodeCprLocal } from '../../decoder/position/cpr.js';
import { encodeCpr } from '../../decoder/position/cpr-encode.js';
import { CprPairer } from '../../decoder/position/resolver.js';
import type { ModeSMessage } from '../../decoder/messages.js';
import {
  encodeAirbornePositionFrame,
  encodeAirbornePositionPair,
  encodeAirborneVelocityFrame,
  encodeIdentificationFrame,
} from './adsb-encoder.js';
import { EncodeError } from './encode-error.js';
import { formatAvrLine } from './avr-encoder.js';
import { parseAvrLine } from '../avr.js';

const FEET_TO_M = 0.3048;
const KNOTS_TO_KMH = 1.852;
const FPM_TO_MPS = 0.00508;

function decodeOk(frame: Uint8Array): ModeSMessage {
  const result = decodeFrame(frame);
  if (!result.ok) {
    throw new Error(`encoded frame did not decode: ${result.error.message}`);
  }
  return result.value;
}

/** Deterministic pseudo-random generator, so a failure reproduces. */
function randomGenerator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('encoder against published vectors', () => {
  it('rebuilds EZY85MH identification frame', () => {
    // pyModeS tests/test_bds08.py and the Riddle book: 8D406B902015A678D4D220AA4BDA.
    const frame = encodeIdentificationFrame({ icao: '406B90', callsign: 'EZY85MH', category: 'A0' });
    expect(bytesToHex(frame)).toBe('8D406B902015A678D4D220AA4BDA');
  });

  it('rebuilds KLM1023 identification frame', () => {
    // The 1090 MHz Riddle, identification chapter: 8D4840D6202CC371C32CE0576098.
    const frame = encodeIdentificationFrame({ icao: '4840D6', callsign: 'KLM1023' });
    expect(bytesToHex(frame)).toBe('8D4840D6202CC371C32CE0576098');
  });

  it('rebuilds Riddle even position frame', () => {
    // The 1090 MHz Riddle, airborne position chapter: 40621D at 38000 ft, even frame
    // 8D40621D58C382D690C8AC2863A7 decodes to exactly 52.2572021484375, 3.91937255859375.
    const frame = encodeAirbornePositionFrame(
      { icao: '40621D', latDeg: 52.2572021484375, lonDeg: 3.91937255859375, altitudeM: 38000 * FEET_TO_M },
      0,
    );
    expect(bytesToHex(frame)).toBe('8D40621D58C382D690C8AC2863A7');
  });

  it('reproduces CPR values of the Riddle pair', () => {
    // Same vector: cpr even (93000, 51372), odd (74158, 50194). The odd frame's own position
    // comes from local decoding against the even fix.
    expect(encodeCpr(52.2572021484375, 3.91937255859375, 0)).toMatchObject({ latCpr: 93000, lonCpr: 51372 });
    const odd = decodeCprLocal({ format: 1, latCpr: 74158, lonCpr: 50194, surface: false }, { latDeg: 52.2572, lonDeg: 3.9194 });
    const oddPosition = odd.ok ? odd.value : { latDeg: NaN, lonDeg: NaN };
    expect(encodeCpr(oddPosition.latDeg, oddPosition.lonDeg, 1)).toMatchObject({ latCpr: 74158, lonCpr: 50194 });
  });

  it('rebuilds published velocity frame', () => {
    // The Riddle book and pyModeS test_bds09: 8D485020994409940838175B284F, subtype 1,
    // 159.2 kt, 182.88 deg, -832 ft/min GNSS, GNSS minus baro +550 ft, IFR bit set.
    const published = decodeOk(hexToBytes('8D485020994409940838175B284F')!);
    if (published.kind !== 'airborne_velocity') {
      throw new Error('vector is not a velocity frame');
    }
    const frame = encodeAirborneVelocityFrame({
      icao: '485020',
      groundSpeedKmh: published.groundSpeedKmh!,
      trackDeg: published.trackDeg!,
      verticalRateMps: published.verticalRateMps,
      verticalRateSource: published.verticalRateSource,
      gnssMinusBaroM: published.gnssMinusBaroM,
      ifrCapable: true,
    });
    expect(bytesToHex(frame)).toBe('8D485020994409940838175B284F');
  });
});

describe('encoder round trip', () => {
  it('decodes identification with category', () => {
    const message = decodeOk(encodeIdentificationFrame({ icao: '78A1B2', callsign: 'B7341', category: 'A7' }));
    expect(message.kind).toBe('identification');
    expect(message.kind === 'identification' ? message.callsign : '').toBe('B7341');
    expect(message.kind === 'identification' ? message.category : '').toBe('A7');
    expect(message.icao).toBe('78A1B2');
  });

  it('decodes position pairs worldwide within 6 m', () => {
    const random = randomGenerator(7);
    for (let index = 0; index < 2000; index++) {
      const latDeg = -86 + 172 * random();
      const lonDeg = -180 + 360 * random();
      const pair = encodeAirbornePositionPair({ icao: '78A1B2', latDeg, lonDeg, altitudeM: 3000 });
      const even = decodeOk(pair.even);
      const odd = decodeOk(pair.odd);
      if (even.kind !== 'airborne_position' || odd.kind !== 'airborne_position') {
        throw new Error('not a position frame');
      }

      const position = decodeCprGlobal(even.cpr, odd.cpr, 1);
      expect(position.ok, `${latDeg}, ${lonDeg}`).toBe(true);
      const value = position.ok ? position.value : { latDeg: NaN, lonDeg: NaN };
      expect(Math.abs(value.latDeg - latDeg), `${latDeg}, ${lonDeg}`).toBeLessThan(6e-5);
      const lonErrorDeg = Math.abs(((value.lonDeg - lonDeg + 540) % 360) - 180);
      expect(lonErrorDeg * Math.cos((latDeg * Math.PI) / 180), `${latDeg}, ${lonDeg}`).toBeLessThan(6e-5);
    }
  });

  it('decodes altitude in 25 ft steps', () => {
    for (const altitudeFt of [-1000, -325, 0, 25, 3500, 38000, 50175]) {
      const message = decodeOk(encodeAirbornePositionFrame({ icao: '78A1B2', latDeg: 40.76, lonDeg: 107.42, altitudeM: altitudeFt * FEET_TO_M }, 0));
      expect(message.kind === 'airborne_position' ? message.altitudeM : null).toBeCloseTo(altitudeFt * FEET_TO_M, 6);
    }
  });

  it('feeds the pairer a track near Linhe', () => {
    // A helicopter leaving Linhe (40.76 N, 107.42 E) north-east at about 220 km/h, one pair a second.
    const pairer = new CprPairer();
    let fixes = 0;
    for (let second = 0; second < 60; second++) {
      const latDeg = 40.76 + second * 0.0004;
      const lonDeg = 107.42 + second * 0.0005;
      const frame = encodeAirbornePositionFrame({ icao: '78A1B2', latDeg, lonDeg, altitudeM: 1200 }, (second % 2) as 0 | 1);
      const message = decodeOk(frame);
      if (message.kind !== 'airborne_position') {
        throw new Error('not a position frame');
      }
      const fix = pairer.resolve(message.icao, message.cpr, second * 1000);
      if (fix.ok) {
        fixes++;
        expect(Math.abs(fix.value.latDeg - latDeg)).toBeLessThan(1e-4);
        expect(Math.abs(fix.value.lonDeg - lonDeg)).toBeLessThan(1e-4);
      }
    }
    expect(fixes).toBe(59);
  });

  it('decodes velocity in metric units', () => {
    const cases = [
      { groundSpeedKmh: 220, trackDeg: 45, verticalRateMps: 5 },
      { groundSpeedKmh: 850, trackDeg: 270, verticalRateMps: -12 },
      { groundSpeedKmh: 0, trackDeg: 0, verticalRateMps: 0 },
      { groundSpeedKmh: 2500, trackDeg: 180, verticalRateMps: null },
    ];
    for (const input of cases) {
      const message = decodeOk(encodeAirborneVelocityFrame({ icao: '78A1B2', ...input, verticalRateSource: 'barometric' }));
      if (message.kind !== 'airborne_velocity') {
        throw new Error('not a velocity frame');
      }
      const stepKmh = (message.subtype === 2 ? 4 : 1) * KNOTS_TO_KMH;
      expect(Math.abs(message.groundSpeedKmh! - input.groundSpeedKmh)).toBeLessThan(stepKmh);
      if (input.groundSpeedKmh > 0) {
        expect(Math.abs(((message.trackDeg! - input.trackDeg + 540) % 360) - 180)).toBeLessThan(0.5);
      }
      if (input.verticalRateMps === null) {
        expect(message.verticalRateMps).toBeNull();
      } else {
        expect(Math.abs(message.verticalRateMps! - input.verticalRateMps)).toBeLessThanOrEqual(32 * FPM_TO_MPS);
      }
      expect(message.verticalRateSource).toBe('barometric');
    }
  });

  it('writes AVR lines the parser reads', () => {
    const frame = encodeIdentificationFrame({ icao: '78A1B2', callsign: 'B7341' });
    const plain = parseAvrLine(formatAvrLine(frame));
    const timed = parseAvrLine(formatAvrLine(frame, 0x030bf18cc2ab));
    expect(plain.ok ? bytesToHex(plain.value.frame) : '').toBe(bytesToHex(frame));
    expect(timed.ok ? timed.value.mlatTicks : null).toBe(0x030bf18cc2ab);
  });
});

describe('encoder input checks', () => {
  it('rejects invalid inputs with codes', () => {
    const codeOf = (encode: () => unknown): string => {
      try {
        encode();
        return 'none';
      } catch (error) {
        return error instanceof EncodeError ? error.code : 'other';
      }
    };
    expect(codeOf(() => encodeIdentificationFrame({ icao: '78A1B', callsign: 'B7341' }))).toBe('invalid_icao');
    expect(codeOf(() => encodeIdentificationFrame({ icao: '78A1B2', callsign: 'B-7341' }))).toBe('invalid_callsign');
    expect(codeOf(() => encodeIdentificationFrame({ icao: '78A1B2', callsign: 'TOOLONG99' }))).toBe('invalid_callsign');
    expect(codeOf(() => encodeIdentificationFrame({ icao: '78A1B2', callsign: 'B7341', category: 'E1' }))).toBe('invalid_category');
    expect(codeOf(() => encodeAirbornePositionFrame({ icao: '78A1B2', latDeg: 40, lonDeg: 107, altitudeM: 20_000 }, 0))).toBe('out_of_range');
    expect(codeOf(() => encodeAirbornePositionFrame({ icao: '78A1B2', latDeg: 91, lonDeg: 107, altitudeM: 1000 }, 0))).toBe('out_of_range');
  });

  it('states expected and got', () => {
    expect(() => encodeAirbornePositionFrame({ icao: '78A1B2', latDeg: 40, lonDeg: 107, altitudeM: 20_000 }, 0)).toThrow(
      'altitudeM: expected -304.8 to 15293.34 m, got 20000',
    );
  });
});
