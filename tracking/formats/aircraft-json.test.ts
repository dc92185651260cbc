import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAircraftJson } from './aircraft-json.js';

/** Returns the parsed value, or fails the test with the rejection message. */
function okValue<T>(result: { ok: true; value: T } | { ok: false; message?: string; error?: { message: string } }): T {
  if (!result.ok) {
    throw new Error(`expected success, got ${result.message ?? result.error?.message}`);
  }
  return result.value;
}

function snapshot(aircraft: unknown[]): string {
  return JSON.stringify({ now: 1700513836.875, messages: 5, aircraft });
}

describe('parseAircraftJson', () => {
  it('maps wire fields to metric names', () => {
    const result = parseAircraftJson(
      snapshot([{ hex: 'a3e31a', flight: 'N35GR   ', alt_baro: 45000, gs: 489, track: 67.26, baro_rate: -64, lat: 35.2, lon: -110.4, seen_pos: 1.5, seen: 0.1, squawk: '3471' }]),
    );
    const state = result.ok ? result.value.aircraft[0] : undefined;
    expect(state?.icao).toBe('A3E31A');
    expect(state?.callsign).toBe('N35GR');
    expect(state?.altitudeBaroM).toBeCloseTo(13716, 6);
    expect(state?.groundSpeedKmh).toBeCloseTo(905.628, 6);
    expect(state?.baroRateMps).toBeCloseTo(-0.32512, 6);
    expect(state?.positionAtMs).toBe(1700513836875 - 1500);
    expect(state?.onGround).toBe(false);
  });

  it('reads alt_baro ground', () => {
    const result = parseAircraftJson(snapshot([{ hex: 'a3e31a', alt_baro: 'ground' }]));
    const state = result.ok ? result.value.aircraft[0] : undefined;
    expect(state?.onGround).toBe(true);
    expect(state?.altitudeBaroM).toBeNull();
  });

  it('marks non-ICAO tilde address', () => {
    const result = parseAircraftJson(snapshot([{ hex: '~2d0f3a' }]));
    const state = result.ok ? result.value.aircraft[0] : undefined;
    expect(state?.icao).toBe('2D0F3A');
    expect(state?.addressIsIcao).toBe(false);
  });

  it('nulls malformed squawk and records it', () => {
    const result = parseAircraftJson(snapshot([{ hex: 'a3e31a', squawk: 'd276' }]));
    expect(okValue(result).aircraft[0]?.squawk).toBeNull();
    expect(okValue(result).rejections[0]?.field).toBe('squawk');
    expect(okValue(result).rejections[0]?.reason).toBe('out_of_range');
  });

  it('drops aircraft with invalid hex', () => {
    const result = parseAircraftJson(snapshot([{ hex: 'xyz' }, 'nonsense', { hex: 'a3e31a' }]));
    expect(okValue(result).aircraft.length).toBe(1);
    expect(okValue(result).rejections.map((rejection) => rejection.reason)).toEqual(['invalid_hex', 'unparseable']);
  });

  it('rejects bad JSON without throwing', () => {
    expect(parseAircraftJson('{"now": 1, "aircraft": [').ok).toBe(false);
    expect(parseAircraftJson('[]').ok).toBe(false);
    expect(parseAircraftJson(null).ok).toBe(false);
  });

  it('parses recorded readsb snapshot', () => {
    // readsb snapshot over Arizona, sdr-enthusiasts/sdre-rust-adsb-parser test_data/aircraft_1.json (MIT).
    const text = readFileSync(new URL('../fixtures/adsb/feeds/sdre_aircraft_1.json', import.meta.url), 'utf8');
    const result = parseAircraftJson(text);
    expect(result.ok).toBe(true);
    const value = result.ok ? result.value : null;
    expect(value?.aircraft).toHaveLength(64);
    expect(value?.rejections).toEqual([]);
    expect(value?.aircraft.filter((state) => state.onGround === true)).toHaveLength(2);
    expect(value?.aircraft.filter((state) => state.latDeg !== null)).toHaveLength(63);
    expect(value?.aircraft.every((state) => state.altitudeBaroM === null || state.altitudeBaroM < 20_000)).toBe(true);
  });
});
