import { describe, expect, it } from 'vitest';
import { readBits } from './bits.js';
import { hexToBytes } from './hex.js';

describe('readBits', () => {
  const frame = hexToBytes('8D406B902015A678D4D220AA4BDA')!;

  it('reads fields at Annex 10 bit numbers', () => {
    expect(readBits(frame, 1, 5)).toBe(17);
    expect(readBits(frame, 6, 3)).toBe(5);
    expect(readBits(frame, 9, 24)).toBe(0x406b90);
    expect(readBits(frame, 89, 24)).toBe(0xaa4bda);
  });

  it('reads 32 bits across five bytes', () => {
    expect(readBits(frame, 5, 32)).toBe(0xd406b902);
    expect(readBits(frame, 1, 32)).toBe(0x8d406b90);
  });

  it('matches a bit-by-bit reference', () => {
    for (let firstBit = 1; firstBit <= 80; firstBit += 3) {
      for (let bitCount = 1; bitCount <= 32; bitCount++) {
        let expected = 0;
        for (let bit = firstBit - 1; bit < firstBit - 1 + bitCount; bit++) {
          expected = expected * 2 + ((frame[bit >> 3]! >> (7 - (bit & 7))) & 1);
        }
        expect(readBits(frame, firstBit, bitCount), `${firstBit}/${bitCount}`).toBe(expected);
      }
    }
  });
});
