/**
 * Writes `bitCount` (at most 32) bits of `value` into a frame. `firstBit`
 * is 1-based from the most significant bit, as in ICAO Annex 10 Vol IV
 * and as `readBits` reads them.
 */
export function writeBits(frame: Uint8Array, firstBit: number, bitCount: number, value: number): void {
  for (let offset = 0; offset < bitCount; offset++) {
    const bit = Math.floor(value / 2 ** (bitCount - 1 - offset)) % 2;
    const position = firstBit - 1 + offset;
    const mask = 0x80 >> (position & 7);
    const byteIndex = position >> 3;
    frame[byteIndex] = bit === 1 ? frame[byteIndex]! | mask : frame[byteIndex]! & ~mask;
  }
}

/** Offset of ME bit 1 in a DF17/18 frame. */
const ME_OFFSET = 32;

export function writeMeBits(frame: Uint8Array, firstBit: number, bitCount: number, value: number): void {
  writeBits(frame, ME_OFFSET + firstBit, bitCount, value);
}
