import { describe, expect, it } from 'vitest';
import { parseSbsLine } from './sbs.js';
import { DuplicateFilter } from './duplicate-filter.js';

/** Returns the parsed value, or fails the test with the rejection message. */
function okValue<T>(result: { ok: true; value: T } | { ok: false; message?: string; error?: { message: string } }): T {
  if (!result.ok) {
    throw new Error(`expected success, got ${result.message ?? result.error?.message}`);
  }
  return result.value;
}

const UNKNOWN_ZONE = { utcOffsetMin: null };
const UTC = { utcOffsetMin: 0 };

// Lines from the St Petersburg SBS recording in fixtures/adsb/feeds.
const MSG3 = 'MSG,3,1,1,400159,1,2018/04/03,19:03:29.021,2018/04/10,21:24:39.724,,2625,,,59.74472,30.57192,,,,,,0';
const MSG4 = 'MSG,4,1,1,42460C,1,2018/04/03,19:02:28.336,2018/04/10,21:24:39.437,,,418,170,,,0,,,,,0';

function reasonOf(line: string): string {
  const result = parseSbsLine(line, UTC);
  return result.ok ? 'ok' : result.reason;
}

describe('parseSbsLine', () => {
  it('converts airborne position to metric', () => {
    const result = parseSbsLine(MSG3, UTC);
    expect(result.ok).toBe(true);
    const message = result.ok ? result.value : null;
    expect(message?.transmissionType).toBe(3);
    expect(message?.icao).toBe('400159');
    expect(message?.altitudeM).toBeCloseTo(800.1, 6);
    expect(message?.altitudeSource).toBe('barometric');
    expect(message?.latDeg).toBe(59.74472);
    expect(message?.lonDeg).toBe(30.57192);
    expect(message?.onGround).toBe(false);
    expect(message?.squawk).toBeNull();
  });

  it('converts velocity to metric', () => {
    const result = parseSbsLine(MSG4, UTC);
    const message = result.ok ? result.value : null;
    expect(message?.groundSpeedKmh).toBeCloseTo(418 * 1.852, 6);
    expect(message?.trackDeg).toBe(170);
    expect(message?.verticalRateMps).toBe(0);
  });

  it('keeps time zone unknown without offset', () => {
    const result = parseSbsLine(MSG3, UNKNOWN_ZONE);
    const message = result.ok ? result.value : null;
    expect(message?.generatedAtMs).toBeNull();
    expect(message?.generated?.text).toBe('2018/04/03 19:03:29.021');
    expect(message?.logged?.text).toBe('2018/04/10 21:24:39.724');
  });

  it('applies configured UTC offset', () => {
    const utc = parseSbsLine(MSG3, UTC);
    const shanghai = parseSbsLine(MSG3, { utcOffsetMin: 480 });
    expect(okValue(utc).generatedAtMs).toBe(Date.UTC(2018, 3, 3, 19, 3, 29, 21));
    expect(okValue(shanghai).generatedAtMs).toBe(Date.UTC(2018, 3, 3, 11, 3, 29, 21));
  });

  it('trims padded callsign', () => {
    const line = 'MSG,1,1,1,4CA2D6,1,2018/04/03,19:02:30.000,2018/04/10,21:24:39.500,FD467   ,,,,,,,,,,,';
    const result = parseSbsLine(line, UTC);
    expect(okValue(result).callsign).toBe('FD467');
  });

  it('reads GNSS H suffix', () => {
    const line = 'MSG,3,1,1,4CA2D6,1,2018/04/03,19:02:30.000,2018/04/10,21:24:39.500,,35025H,,,,,1024H,,,,,0';
    const result = parseSbsLine(line, UTC);
    expect(okValue(result).altitudeSource).toBe('gnss');
    expect(okValue(result).altitudeM).toBeCloseTo(35025 * 0.3048, 6);
    expect(okValue(result).verticalRateSource).toBe('gnss');
  });

  it('reads squawk and flags', () => {
    const line = 'MSG,6,1,1,4CA2D6,1,2018/04/03,19:02:30.000,2018/04/10,21:24:39.500,,,,,,,,7700,0,-1,0,0';
    const result = parseSbsLine(line, UTC);
    expect(okValue(result).squawk).toBe('7700');
    expect(okValue(result).emergency).toBe(true);
    expect(okValue(result).squawkChanged).toBe(false);
  });

  it('accepts non-ICAO address marker', () => {
    const line = MSG3.replace('400159', '~400159');
    const result = parseSbsLine(line, UTC);
    expect(okValue(result).addressIsIcao).toBe(false);
    expect(okValue(result).icao).toBe('400159');
  });

  it('rejects malformed lines with reasons', () => {
    expect(reasonOf('')).toBe('empty');
    expect(reasonOf('Total processed 13954 messages')).toBe('unparseable');
    expect(reasonOf('SEL,,496,2286,4CA4E5,27215,2010/02/19,18:06:07.710,2010/02/19,18:06:07.710,RYR1427')).toBe('unsupported');
    expect(reasonOf('MSG,3,1,1,400159,1,2018/04/03')).toBe('unparseable');
    expect(reasonOf(MSG3.replace('MSG,3', 'MSG,9'))).toBe('out_of_range');
    expect(reasonOf(MSG3.replace('400159', '40015Z'))).toBe('invalid_hex');
    expect(reasonOf(MSG3.replace('59.74472', '99.74472'))).toBe('out_of_range');
    expect(reasonOf(MSG3.replace('59.74472', 'north'))).toBe('unparseable');
    expect(reasonOf(MSG3.replace(',30.57192', ','))).toBe('unparseable');
    expect(reasonOf(MSG3.replace('2018/04/03', '2018-04-03'))).toBe('unparseable');
    expect(reasonOf(MSG3.replace('19:03:29.021', '25:03:29.021'))).toBe('unparseable');
    expect(reasonOf(MSG4.replace(',418,', ',-4,'))).toBe('out_of_range');
  });

  it('rejects malformed squawk', () => {
    const line = 'MSG,6,1,1,4CA2D6,1,2018/04/03,19:02:30.000,2018/04/10,21:24:39.500,,,,,,,,d276,0,0,0,0';
    const result = parseSbsLine(line, UTC);
    expect(result.ok ? '' : result.message).toBe('squawk: expected 4 octal digits, got "d276"');
  });
});

describe('DuplicateFilter', () => {
  it('drops repeats within the window', () => {
    const filter = new DuplicateFilter(2);
    expect(filter.isDuplicate('a')).toBe(false);
    expect(filter.isDuplicate('b')).toBe(false);
    expect(filter.isDuplicate('a')).toBe(true);
    expect(filter.isDuplicate('c')).toBe(false);
    expect(filter.isDuplicate('a')).toBe(false);
  });
});
