import { describe, expect, it } from 'vitest';
import { decodeFrame } from '../decode.js';
import { CprPairer } from './resolver.js';
import type { CprFrame } from './cpr.js';

/** Returns the parsed value, or fails the test with the rejection message. */
function okValue<T>(result: { ok: true; value: T } | { ok: false; message?: string; error?: { message: string } }): T {
  if (!result.ok) {
    throw new Error(`expected success, got ${result.message ?? result.error?.message}`);
  }
  return result.value;
}

/** CPR part of a position frame; frames below are published vectors (see fixtures/adsb/vectors.jsonl). */
function cprOf(hex: string): CprFrame {
  const result = decodeFrame(hex);
  if (!result.ok || (result.value.kind !== 'airborne_position' && result.value.kind !== 'surface_position')) {
    throw new Error(`${hex} is not a position frame`);
  }
  return result.value.cpr;
}

// The 1090 MHz Riddle, airborne position chapter: 40621D at 52.2572 N, 3.9194 E.
const RIDDLE_EVEN = cprOf('8D40621D58C382D690C8AC2863A7');
const RIDDLE_ODD = cprOf('8D40621D58C386435CC412692AD6');
// pyModeS tests/test_cpr.py: 40058B near 49.82 N, 6.08 E.
const EUROPE_EVEN = cprOf('8D40058B58C901375147EFD09357');
const EUROPE_ODD = cprOf('8D40058B58C904A87F402D3B8C59');
// The 1090 MHz Riddle, surface position chapter: 484175 at Schiphol, 52.3206 N, 4.7347 E.
const SURFACE_EVEN = cprOf('8C4841753AAB238733C8CD4020B1');
const SURFACE_ODD = cprOf('8C4841753A8A35323FAEBDAC702D');

describe('CprPairer', () => {
  it('decodes pair within 10 s globally', () => {
    const pairer = new CprPairer();
    expect(pairer.resolve('40621D', RIDDLE_ODD, 0).ok).toBe(false);

    const result = pairer.resolve('40621D', RIDDLE_EVEN, 2000);
    expect(result.ok).toBe(true);
    const fix = result.ok ? result.value : null;
    expect(fix?.method).toBe('global');
    expect(fix?.latDeg).toBeCloseTo(52.2572, 4);
    expect(fix?.lonDeg).toBeCloseTo(3.91937, 4);
  });

  it('rejects pair older than 10 s', () => {
    const pairer = new CprPairer();
    pairer.resolve('40621D', RIDDLE_ODD, 0);

    const result = pairer.resolve('40621D', RIDDLE_EVEN, 10_001);
    expect(result.ok ? '' : result.error.code).toBe('pair_too_old');
  });

  it('falls back to receiver without pair', () => {
    const pairer = new CprPairer({ receiverPosition: { latDeg: 52.0, lonDeg: 4.0 } });
    const first = pairer.resolve('40621D', RIDDLE_ODD, 0);
    expect(okValue(first).method).toBe('local_receiver');

    // The pair is stale, so the even frame is decoded against the fix the odd one gave.
    const second = pairer.resolve('40621D', RIDDLE_EVEN, 30_000);
    expect(okValue(second).method).toBe('local_last_fix');
    expect(okValue(second).latDeg).toBeCloseTo(52.2572, 4);
  });

  it('decodes single frame against last fix', () => {
    const pairer = new CprPairer();
    pairer.resolve('40621D', RIDDLE_ODD, 0);
    pairer.resolve('40621D', RIDDLE_EVEN, 2000);

    const result = pairer.resolve('40621D', RIDDLE_ODD, 15_000);
    expect(okValue(result).method).toBe('local_last_fix');
    expect(pairer.lastFix('40621D')?.receivedAtMs).toBe(15_000);
  });

  it('keeps aircraft apart', () => {
    const pairer = new CprPairer();
    pairer.resolve('40621D', RIDDLE_ODD, 0);

    const result = pairer.resolve('40058B', EUROPE_EVEN, 1000);
    expect(result.ok ? '' : result.error.code).toBe('no_reference');
  });

  it('rejects jump faster than 1200 km/h', () => {
    const pairer = new CprPairer();
    pairer.resolve('40621D', RIDDLE_ODD, 0);
    pairer.resolve('40621D', RIDDLE_EVEN, 2000);

    // The same address suddenly reports a position 310 km away, 11 s later.
    pairer.resolve('40621D', EUROPE_EVEN, 12_500);
    const result = pairer.resolve('40621D', EUROPE_ODD, 13_000);
    expect(result.ok ? '' : result.error.code).toBe('implausible_speed');
    expect(pairer.lastFix('40621D')?.latDeg).toBeCloseTo(52.2572, 4);
  });

  it('rejects fix beyond receiver range', () => {
    const pairer = new CprPairer({ receiverPosition: { latDeg: 40.76, lonDeg: 107.42 }, receiverRangeKm: 400 });
    pairer.resolve('40621D', RIDDLE_ODD, 0);

    const result = pairer.resolve('40621D', RIDDLE_EVEN, 2000);
    expect(result.ok ? '' : result.error.code).toBe('out_of_range');
  });

  it('needs reference for surface pair', () => {
    const pairer = new CprPairer();
    pairer.resolve('484175', SURFACE_EVEN, 0);

    const result = pairer.resolve('484175', SURFACE_ODD, 2000);
    expect(result.ok ? '' : result.error.code).toBe('no_reference');
  });

  it('decodes surface pair near receiver', () => {
    const pairer = new CprPairer({ receiverPosition: { latDeg: 51.99, lonDeg: 4.375 } });
    pairer.resolve('484175', SURFACE_EVEN, 0);

    const result = pairer.resolve('484175', SURFACE_ODD, 2000);
    expect(okValue(result).method).toBe('global');
    expect(okValue(result).latDeg).toBeCloseTo(52.320607, 5);
    expect(okValue(result).lonDeg).toBeCloseTo(4.734735, 5);
    expect(okValue(result).surface).toBe(true);
  });

  it('never pairs surface with airborne', () => {
    const pairer = new CprPairer();
    pairer.resolve('484175', RIDDLE_EVEN, 0);

    const result = pairer.resolve('484175', SURFACE_ODD, 1000);
    expect(result.ok ? '' : result.error.code).toBe('no_reference');
  });

  it('reports zone mismatch without reference', () => {
    // pyModeS tests/test_cpr.py test_pair_zone_mismatch_returns_none: raw CPR straddling NL 23/24.
    const pairer = new CprPairer();
    pairer.resolve('ABCDEF', { format: 1, latCpr: 114688, lonCpr: 0, surface: false }, 0);

    const result = pairer.resolve('ABCDEF', { format: 0, latCpr: 8192, lonCpr: 0, surface: false }, 1000);
    expect(result.ok ? '' : result.error.code).toBe('zone_mismatch');
  });

  it('prunes silent aircraft', () => {
    const pairer = new CprPairer();
    pairer.resolve('40621D', RIDDLE_ODD, 0);
    pairer.resolve('40058B', EUROPE_ODD, 50_000);

    expect(pairer.prune(10_000)).toBe(1);
    expect(pairer.resolve('40621D', RIDDLE_EVEN, 51_000).ok).toBe(false);
  });
});
