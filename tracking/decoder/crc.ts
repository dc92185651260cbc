/**
 * Mode S CRC-24 (ICAO Annex 10 Vol IV, 3.1.2.3.3; "The 1090 MHz Riddle",
 * error control chapter).
 *
 * Generator polynomial x^24 + x^23 + ... + x^13 + x^12 + x^10 + x^3 + 1,
 * i.e. 0x1FFF409, or 0xFFF409 without the x^24 term that a shift
 * register drops. The last 24 bits of every frame are the parity field.
 *
 * The syndrome below is the CRC of the data bits XOR the transmitted
 * parity field, which equals the remainder of dividing the whole frame
 * by the generator:
 * - DF17/18: parity is the plain CRC, so a valid frame has syndrome 0.
 * - DF11: parity is CRC XOR the interrogator code (II or SI, at most 6
 *   bits), so a valid frame has a syndrome below 0x80.
 * - DF0/4/5/16/20/21 (Address/Parity): parity is CRC XOR the ICAO
 *   address, so the syndrome IS the address. Any corrupted frame still
 *   yields some address, which is why these frames must only be used
 *   for addresses already confirmed by DF11/17/18.
 */

const GENERATOR = 0xfff409;
const PARITY_BYTES = 3;

/** CRC of each byte value, for a byte-at-a-time shift register. */
const CRC_TABLE = buildCrcTable();

function buildCrcTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte << 16;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x800000 ? ((crc << 1) ^ GENERATOR) & 0xffffff : (crc << 1) & 0xffffff;
    }
    table[byte] = crc;
  }
  return table;
}

/** CRC-24 of `byteCount` bytes of `bytes` from the start. */
export function crc24(bytes: Uint8Array, byteCount = bytes.length): number {
  let crc = 0;
  for (let index = 0; index < byteCount; index++) {
    const tableIndex = ((crc >> 16) ^ bytes[index]!) & 0xff;
    crc = ((crc << 8) & 0xffffff) ^ CRC_TABLE[tableIndex]!;
  }
  return crc;
}

/** Reads the 24-bit parity field at the end of a frame. */
export function parityField(frame: Uint8Array): number {
  const end = frame.length;
  return (frame[end - 3]! << 16) | (frame[end - 2]! << 8) | frame[end - 1]!;
}

/**
 * CRC of the data bits XOR the parity field: 0 for a valid DF17/18,
 * the interrogator code for DF11, the ICAO address for Address/Parity
 * formats.
 */
export function crcSyndrome(frame: Uint8Array): number {
  return (crc24(frame, frame.length - PARITY_BYTES) ^ parityField(frame)) >>> 0;
}

/** Writes the CRC of the data bytes into the last 3 bytes, for the encoder. */
export function writeParity(frame: Uint8Array, overlay = 0): void {
  const parity = crc24(frame, frame.length - PARITY_BYTES) ^ overlay;
  const end = frame.length;
  frame[end - 3] = (parity >> 16) & 0xff;
  frame[end - 2] = (parity >> 8) & 0xff;
  frame[end - 1] = parity & 0xff;
}
