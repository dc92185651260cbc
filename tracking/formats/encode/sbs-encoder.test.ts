import { describe, expect, it } from 'vitest';
import { parseSbsLine } from '../sbs.js';
import { formatSbsAirbornePosition, formatSbsVelocity } from './sbs-encoder.js';

const GENERATED_AT_MS = Date.UTC(2026, 11, 4, 8, 30, 15, 250);

describe('SBS encoder', () => {
  it('writes MSG,3 in the dump1090 layout', () => {
    const line = formatSbsAirbornePosition({ icao: '78a1b2', generatedAtMs: GENERATED_AT_MS, altitudeM: 762, latDeg: 40.76, lonDeg: 107.42 });
    expect(line).toBe('MSG,3,1,1,78A1B2,1,2026/12/04,08:30:15.250,2026/12/04,08:30:15.250,,2500,,,40.76000,107.42000,,,,,,0');
  });

  it('round-trips MSG,3 through the parser', () => {
    const line = formatSbsAirbornePosition({ icao: '78A1B2', generatedAtMs: GENERATED_AT_MS, altitudeM: 1200, latDeg: 40.761234, lonDeg: 107.421234 });
    const result = parseSbsLine(line, { utcOffsetMin: 0 });
    const message = result.ok ? result.value : null;
    expect(message?.transmissionType).toBe(3);
    expect(message?.generatedAtMs).toBe(GENERATED_AT_MS);
    expect(Math.abs(message!.altitudeM! - 1200)).toBeLessThanOrEqual(0.1524);
    expect(message?.latDeg).toBe(40.76123);
    expect(message?.lonDeg).toBe(107.42123);
  });

  it('round-trips MSG,4 through the parser', () => {
    const line = formatSbsVelocity({ icao: '78A1B2', generatedAtMs: GENERATED_AT_MS, groundSpeedKmh: 220, trackDeg: 45.4, verticalRateMps: -2.5 });
    const result = parseSbsLine(line, { utcOffsetMin: 0 });
    const message = result.ok ? result.value : null;
    expect(message?.transmissionType).toBe(4);
    expect(Math.abs(message!.groundSpeedKmh! - 220)).toBeLessThanOrEqual(0.926);
    expect(message?.trackDeg).toBe(45);
    expect(Math.abs(message!.verticalRateMps! + 2.5)).toBeLessThanOrEqual(0.00254);
  });

  it('matches a recorded MSG,4 line', () => {
    // St Petersburg SBS recording: MSG,4,...,42460C,...,,,418,170,,,0,,,,,0 (times differ).
    const line = formatSbsVelocity({
      icao: '42460C',
      generatedAtMs: Date.UTC(2018, 3, 3, 19, 2, 28, 336),
      loggedAtMs: Date.UTC(2018, 3, 10, 21, 24, 39, 437),
      groundSpeedKmh: 418 * 1.852,
      trackDeg: 170,
      verticalRateMps: 0,
    });
    expect(line).toBe('MSG,4,1,1,42460C,1,2018/04/03,19:02:28.336,2018/04/10,21:24:39.437,,,418,170,,,0,,,,,0');
  });
});
