/**
 * Reads `bitCount` (at most 32) bits of a frame as an unsigned number.
 * `firstBit` is 1-based and counts from the most significant bit of the
 * first byte, as ICAO Annex 10 Vol IV numbers frame bits.
 */
export function readBits(frame: Uint8Array, firstBit: number, bitCount: number): number {
  const startBit = firstBit - 1;
  const endBit = startBit + bitCount;
  const firstByte = startBit >> 3;
  const lastByte = (endBit - 1) >> 3;
  const unusedLowBits = (lastByte + 1) * 8 - endBit;

  if (lastByte - firstByte < 4) {
    // Fast path with 32-bit integer operations: every Mode S field spans at most 4 bytes.
    let value = 0;
    for (let byteIndex = firstByte; byteIndex <= lastByte; byteIndex++) {
      value = ((value << 8) | (frame[byteIndex] ?? 0)) >>> 0;
    }
    value >>>= unusedLowBits;
    return bitCount >= 32 ? value : (value & ((1 << bitCount) - 1)) >>> 0;
  }

  let value = 0;
  for (let byteIndex = firstByte; byteIndex <= lastByte; byteIndex++) {
    value = value * 256 + (frame[byteIndex] ?? 0);
  }
  return Math.floor(value / 2 ** unusedLowBits) % 2 ** bitCount;
}

/** Offset of ME bit 1 in a 112-bit DF17/18 frame: DF(5) CA(3) AA(24) come first. */
export const ME_OFFSET = 32;

/** Reads bits of the 56-bit ME field of an extended squitter, 1-based like DO-260B. */
export function readMeBits(frame: Uint8Array, firstBit: number, bitCount: number): number {
  return readBits(frame, ME_OFFSET + firstBit, bitCount);
}
