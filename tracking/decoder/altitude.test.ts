import { describe, expect, it } from 'vitest';
import { decodeAltitude12Ft, decodeAltitude13Ft, decodeGillhamFt } from './altitude.js';

/** Builds a 13-bit AC field from Gillham digit bits named as in Annex 10. */
function gillham(bits: Partial<Record<'C1' | 'A1' | 'C2' | 'A2' | 'C4' | 'A4' | 'B1' | 'B2' | 'D2' | 'B4' | 'D4', 1>>): number {
  const positions = { C1: 12, A1: 11, C2: 10, A2: 9, C4: 8, A4: 7, B1: 5, B2: 3, D2: 2, B4: 1, D4: 0 };
  let code = 0;
  for (const [name, position] of Object.entries(positions)) {
    if (bits[name as keyof typeof positions] === 1) {
      code |= 1 << position;
    }
  }
  return code;
}

describe('altitude codes', () => {
  it('reads Q=1 as 25 ft steps from -1000 ft', () => {
    // N = 0 after removing Q: -1000 ft; all 11 bits set: 50175 ft.
    expect(decodeAltitude12Ft(0b000000010000)).toBe(-1000);
    expect(decodeAltitude12Ft(0b111111111111)).toBe(50175);
  });

  it('treats all-zero altitude as unknown', () => {
    expect(decodeAltitude12Ft(0)).toBeNull();
    expect(decodeAltitude13Ft(0)).toBeNull();
  });

  it('skips the M bit in 13-bit codes', () => {
    // 36000 ft is N = 1480; bits 12-7 carry N's top 6 bits, bit 6 is M, bit 4 is Q.
    const n = (36000 + 1000) / 25;
    const code13 = ((n >> 5) << 7) | (((n >> 4) & 1) << 5) | (1 << 4) | (n & 0x0f);
    expect(decodeAltitude13Ft(code13)).toBe(36000);
  });

  it('returns null for metric M=1 codes', () => {
    expect(decodeAltitude13Ft(1 << 6)).toBeNull();
  });

  it('decodes Gillham (Q=0) altitudes', () => {
    // First rows of the Mode C table (ICAO Annex 10 Vol IV, Gillham code):
    // the C bits step 001, 011, 010, 110, 100 and run backwards once B4 is set.
    expect(decodeGillhamFt(gillham({ C4: 1 }))).toBe(-1200);
    expect(decodeGillhamFt(gillham({ C2: 1, C4: 1 }))).toBe(-1100);
    expect(decodeGillhamFt(gillham({ C2: 1 }))).toBe(-1000);
    expect(decodeGillhamFt(gillham({ C1: 1, C2: 1 }))).toBe(-900);
    expect(decodeGillhamFt(gillham({ C1: 1 }))).toBe(-800);
    expect(decodeGillhamFt(gillham({ B4: 1, C1: 1 }))).toBe(-700);
    expect(decodeGillhamFt(gillham({ B4: 1, C4: 1 }))).toBe(-300);
  });

  it('reads the 27900 ft Gillham phantom', () => {
    // pyModeS docs/interesting_messages.md: 8D4845565C6AAA206D6E6095C950 ALT field 0x6AA.
    expect(decodeAltitude12Ft(0x6aa)).toBe(27900);
  });

  it('rejects Gillham codes with no C bits', () => {
    expect(decodeGillhamFt(gillham({ A1: 1, B2: 1 }))).toBeNull();
  });

  it('round-trips every Q=1 altitude', () => {
    for (let n = 1; n < 2048; n++) {
      const code12 = ((n >> 4) << 5) | (1 << 4) | (n & 0x0f);
      expect(decodeAltitude12Ft(code12)).toBe(25 * n - 1000);
    }
  });
});
