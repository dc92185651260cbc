import { describe, expect, it } from 'vitest';
import { CPR_MAX, decodeCprGlobal, decodeCprLocal, numberOfLongitudeZones, type CprFrame } from './cpr.js';

function frame(format: 0 | 1, latCpr: number, lonCpr: number, surface = false): CprFrame {
  return { format, latCpr, lonCpr, surface };
}

/** CPR latitude value of an exact latitude, as the encoder computes it (DO-260B A.1.7.1). */
function latCprOf(latDeg: number, format: 0 | 1): number {
  const zoneSize = 360 / (60 - format);
  const fraction = (((latDeg % zoneSize) + zoneSize) % zoneSize) / zoneSize;
  return Math.floor(CPR_MAX * fraction + 0.5) % CPR_MAX;
}

describe('numberOfLongitudeZones', () => {
  it('matches DO-260B at the equator and poles', () => {
    expect(numberOfLongitudeZones(0)).toBe(59);
    expect(numberOfLongitudeZones(87)).toBe(2);
    expect(numberOfLongitudeZones(-87)).toBe(2);
    expect(numberOfLongitudeZones(87.0001)).toBe(1);
    expect(numberOfLongitudeZones(89.9)).toBe(1);
  });

  it('matches the transition table near Bayannur', () => {
    // DO-260B transition latitudes: NL 46 -> 45 at 39.9226 deg, 45 -> 44 at 41.3865 deg.
    expect(numberOfLongitudeZones(39.92)).toBe(46);
    expect(numberOfLongitudeZones(40.76)).toBe(45);
    expect(numberOfLongitudeZones(41.386)).toBe(45);
    expect(numberOfLongitudeZones(41.387)).toBe(44);
  });

  it('is symmetric about the equator', () => {
    for (let lat = 0; lat <= 90; lat += 0.37) {
      expect(numberOfLongitudeZones(-lat)).toBe(numberOfLongitudeZones(lat));
    }
  });
});

describe('decodeCprGlobal', () => {
  it('rejects pair across a latitude-zone boundary', () => {
    // Aircraft crossing the NL 45/44 boundary (41.3865 deg) between its even and odd frames.
    const even = frame(0, latCprOf(41.37, 0), 0);
    const odd = frame(1, latCprOf(41.40, 1), 0);
    expect(numberOfLongitudeZones(41.37)).not.toBe(numberOfLongitudeZones(41.4));

    const result = decodeCprGlobal(even, odd, 1);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error.code).toBe('zone_mismatch');
  });

  it('decodes pair inside one zone near Linhe', () => {
    // Linhe (Bayannur) 40.76 N 107.42 E; even and odd latitude of the same point.
    const even = frame(0, latCprOf(40.76, 0), 0);
    const odd = frame(1, latCprOf(40.76, 1), 0);
    const result = decodeCprGlobal(even, odd, 0);
    expect(result.ok).toBe(true);
    expect(result.ok ? result.value.latDeg : NaN).toBeCloseTo(40.76, 4);
  });

  it('rejects surface pair without reference', () => {
    const result = decodeCprGlobal(frame(0, 100, 100, true), frame(1, 100, 100, true), 0);
    expect(result.ok ? '' : result.error.code).toBe('no_reference');
  });

  it('rejects surface frame paired with airborne', () => {
    const result = decodeCprGlobal(frame(0, 100, 100, true), frame(1, 100, 100, false), 0, { latDeg: 0, lonDeg: 0 });
    expect(result.ok ? '' : result.error.code).toBe('surface_airborne_mix');
  });
});

describe('decodeCprLocal', () => {
  it('rejects reference farther than 180 NM', () => {
    // Riddle book even frame of 40621D (52.2572 N, 3.9194 E) against a reference 5 deg of
    // longitude east: the nearest candidate lies about 185 NM away, beyond the limit.
    const result = decodeCprLocal(frame(0, 93000, 51372), { latDeg: 52.258, lonDeg: 8.9 });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error.code).toBe('reference_too_far');
  });

  it('trusts a surface reference only within 45 NM', () => {
    // Riddle book surface frame of 484175 near Schiphol (52.3206 N, 4.7357 E). A surface
    // latitude zone is only 1.5 deg, so a reference 1 deg away lands a zone off and
    // still looks plausible: the caller must only pass references known to be close.
    const surface = frame(1, 39195, 110320, true);
    const near = decodeCprLocal(surface, { latDeg: 52.32, lonDeg: 4.73 });
    const far = decodeCprLocal(surface, { latDeg: 53.32, lonDeg: 4.73 });
    expect(near.ok ? near.value.latDeg : NaN).toBeCloseTo(52.3206, 3);
    expect(far.ok ? far.value.latDeg : NaN).not.toBeCloseTo(52.3206, 1);
  });
});
