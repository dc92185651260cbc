import { describe, expect, it } from 'vitest';
import { decodeSquawk, isEmergencySquawk, isValidSquawk } from './squawk.js';

/** ID13 code from four octal digits, bits C1 A1 C2 A2 C4 A4 X B1 D1 B2 D2 B4 D4. */
function encodeId13(squawk: string): number {
  const [a, b, c, d] = squawk.split('').map(Number) as [number, number, number, number];
  const bit = (digit: number, weight: number): number => (digit & weight ? 1 : 0);
  return (
    (bit(c, 1) << 12) | (bit(a, 1) << 11) | (bit(c, 2) << 10) | (bit(a, 2) << 9) | (bit(c, 4) << 8) | (bit(a, 4) << 7) |
    (bit(b, 1) << 5) | (bit(d, 1) << 4) | (bit(b, 2) << 3) | (bit(d, 2) << 2) | (bit(b, 4) << 1) | bit(d, 4)
  );
}

describe('squawk', () => {
  it('decodes every octal code', () => {
    for (let value = 0; value < 4096; value++) {
      const squawk = value.toString(8).padStart(4, '0');
      expect(decodeSquawk(encodeId13(squawk))).toBe(squawk);
    }
  });

  it('flags emergency codes', () => {
    expect(isEmergencySquawk('7700')).toBe(true);
    expect(isEmergencySquawk('7600')).toBe(true);
    expect(isEmergencySquawk('7500')).toBe(true);
    expect(isEmergencySquawk('7000')).toBe(false);
  });

  it('rejects malformed squawk text', () => {
    // "d276" occurs in a real readsb aircraft.json (sdre-rust-adsb-parser test data).
    expect(isValidSquawk('d276')).toBe(false);
    expect(isValidSquawk('7800')).toBe(false);
    expect(isValidSquawk('123')).toBe(false);
    expect(isValidSquawk('0356')).toBe(true);
  });
});
