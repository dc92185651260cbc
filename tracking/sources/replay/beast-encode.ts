/**
 * Writes Beast binary records, the inverse of the formats layer's
 * BeastFramer: 0x1a, type ('1' Mode A/C, '2' Mode S short, '3' Mode S
 * long), 6-byte big-endian timestamp, signal byte, payload, with every
 * 0x1a after the first byte sent twice.
 */

const ESCAPE = 0x1a;
const TWO_POW_32 = 4294967296;
/** Record type by payload length: '1' Mode A/C, '2' Mode S short, '3' Mode S long. */
const BEAST_TYPE_BY_FRAME_BYTES: Record<number, number> = { 2: 0x31, 7: 0x32, 14: 0x33 };

export function encodeBeastRecord(frame: Uint8Array, timestampTicks: number, signalLevel: number): Buffer {
  const type = BEAST_TYPE_BY_FRAME_BYTES[frame.length];
  if (type === undefined) {
    throw new Error(`frame: expected 2, 7 or 14 bytes, got ${frame.length}`);
  }
  const high = Math.floor(timestampTicks / TWO_POW_32);
  const low = timestampTicks % TWO_POW_32;
  const body = [
    (high >> 8) & 0xff,
    high & 0xff,
    (low >>> 24) & 0xff,
    (low >>> 16) & 0xff,
    (low >>> 8) & 0xff,
    low & 0xff,
    signalLevel & 0xff,
    ...frame,
  ];

  const bytes = [ESCAPE, type];
  for (const byte of body) {
    bytes.push(byte);
    if (byte === ESCAPE) {
      bytes.push(ESCAPE);
    }
  }
  return Buffer.from(bytes);
}
