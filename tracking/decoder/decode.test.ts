import { describe, expect, it } from 'vitest';
import { decodeFrame } from './decode.js';
import { hexToBytes } from './hex.js';
import { writeParity } from './crc.js';
import type { ModeSMessage } from './messages.js';

// EZY85MH identification, pyModeS tests/test_bds08.py and the Riddle book's CRC example.
const VALID_IDENTIFICATION = '8D406B902015A678D4D220AA4BDA';

function decodeOk(input: string | Uint8Array): ModeSMessage {
  const result = decodeFrame(input);
  if (!result.ok) {
    throw new Error(`expected success, got ${result.error.message}`);
  }
  return result.value;
}

function errorOf(input: string | Uint8Array): { code: string; message: string } {
  const result = decodeFrame(input);
  if (result.ok) {
    throw new Error('expected a rejection');
  }
  return { code: result.error.code, message: result.error.message };
}

describe('decodeFrame', () => {
  it('accepts lowercase hex', () => {
    expect(decodeFrame(VALID_IDENTIFICATION.toLowerCase()).ok).toBe(true);
  });

  it('accepts bytes', () => {
    expect(decodeFrame(hexToBytes(VALID_IDENTIFICATION)!).ok).toBe(true);
  });

  it('rejects frame with bad CRC', () => {
    const corrupted = `${VALID_IDENTIFICATION.slice(0, 27)}B`;
    expect(errorOf(corrupted).code).toBe('bad_crc');
  });

  it('rejects truncated frame with expected and got', () => {
    const error = errorOf(VALID_IDENTIFICATION.slice(0, 26));
    expect(error.code).toBe('too_short');
    expect(error.message).toBe('frame: expected 28 hex chars, got 26');
  });

  it('rejects long frame given short DF length', () => {
    const error = errorOf('5D484FDEA248F500');
    expect(error.code).toBe('bad_length');
    expect(error.message).toBe('frame: expected 14 hex chars, got 16');
  });

  it('rejects truncated bytes', () => {
    expect(errorOf(hexToBytes(VALID_IDENTIFICATION)!.subarray(0, 10)).code).toBe('too_short');
  });

  it('rejects empty input', () => {
    expect(errorOf('').code).toBe('too_short');
    expect(errorOf(new Uint8Array(0)).code).toBe('too_short');
  });

  it('rejects non-hex garbage', () => {
    expect(errorOf('8D406B902015A678D4D220AA4BDZ').code).toBe('invalid_hex');
    expect(errorOf('hello world, this is no frame').code).toBe('invalid_hex');
    expect(errorOf('8D406B902015A678D4D220AA4B\u00e9A').code).toBe('invalid_hex');
  });

  it('rejects unsupported DF19 and DF24', () => {
    expect(errorOf('98000000000000000000000000000').code).toBe('bad_length');
    expect(errorOf('9800000000000000000000000000').code).toBe('unsupported_df');
    expect(errorOf('C000000000000000000000000000').code).toBe('unsupported_df');
  });

  it('never throws on random input', () => {
    let seed = 12345;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let index = 0; index < 2000; index++) {
      const bytes = new Uint8Array(Math.floor(random() * 16));
      bytes.forEach((_, byteIndex) => {
        bytes[byteIndex] = Math.floor(random() * 256);
      });
      expect(() => decodeFrame(bytes)).not.toThrow();
    }
  });

  it('marks DF4 address as recovered from parity', () => {
    // pyModeS tests/test_surv.py test_v2_df4_altitude_36000.
    expect(decodeOk('20001718029FCD').addressSource).toBe('parity');
  });

  it('reads squawk from aircraft status', () => {
    // St Petersburg recording (fixtures/adsb/feeds): TC 28 of 4248E7, whose DF5 replies also report 0210.
    const result = decodeFrame('8D4248E7E1100800000000388754');
    const message = result.ok ? result.value : null;
    expect(message?.kind).toBe('aircraft_status');
    expect(message?.kind === 'aircraft_status' ? message.squawk : '').toBe('0210');
    expect(message?.kind === 'aircraft_status' ? message.emergencyState : -1).toBe(0);
  });

  it('reads DF0 and DF16 air-to-air altitude', () => {
    // St Petersburg recording: DF0 of 780C5D at 31000 ft, DF16 of 504DD9 at 6400 ft.
    const short = decodeOk('02E1941026BC90');
    const long = decodeOk('80A18498902583B6A913421BF699');
    if (short.kind !== 'air_to_air' || long.kind !== 'air_to_air') {
      throw new Error('expected air-to-air replies');
    }
    expect(short.altitudeM).toBeCloseTo(31000 * 0.3048, 6);
    expect(short.icao).toBe('780C5D');
    expect(long.altitudeM).toBeCloseTo(6400 * 0.3048, 6);
    expect(long.icao).toBe('504DD9');
  });

  it('marks DF18 with CF 0 as ICAO address', () => {
    // pyModeS tests/test_cpr.py TestSurfacePositionPair: DF18 surface frame at Toulouse.
    const message = decodeOk('903a23ff426a38565950432ebf95');
    if (message.kind !== 'surface_position') {
      throw new Error(`expected a surface position, got ${message.kind}`);
    }
    expect(message.df).toBe(18);
    expect(message.addressIsIcao).toBe(true);
  });

  it('labels type codes 20-22 as GNSS altitude', () => {
    // Riddle book position frame of 40621D with its type code changed from 11 to 20 and parity recomputed.
    const frame = hexToBytes('8D40621D58C382D690C8AC2863A7')!;
    frame[4] = (20 << 3) | (frame[4]! & 0x07);
    writeParity(frame);
    const result = decodeFrame(frame);
    const message = result.ok ? result.value : null;
    expect(message?.kind === 'airborne_position' ? message.altitudeSource : null).toBe('gnss');
    expect(message?.kind === 'airborne_position' ? message.altitudeM : null).toBeCloseTo(38000 * 0.3048, 6);
  });
});
