/**
 * Altitude codes of Mode S replies and ADS-B airborne position.
 * Sources: ICAO Annex 10 Vol IV 3.1.2.6.5.4 (AC field), DO-260B 2.2.3.2.3.4
 * (12-bit altitude in the airborne position ME), "The 1090 MHz Riddle"
 * airborne position chapter.
 *
 * 13-bit AC field of DF0/4/16/20 (frame bits 20-32):
 *   C1 A1 C2 A2 C4 A4 M B1 Q B2 D2 B4 D4
 * 12-bit ADS-B altitude (ME bits 9-20) is the same without the M bit:
 *   C1 A1 C2 A2 C4 A4 B1 Q B2 D2 B4 D4
 *
 * Q = 1: the 11 bits left after removing Q (and M) are N, and the
 *   altitude is 25 * N - 1000 ft, so -1000 ... 50175 ft. Negative values
 *   are real (airports below sea level) and 0 is a valid altitude.
 * Q = 0: 100-ft Gillham (Mode C Gray) code, used above 50175 ft and by
 *   older transponders. CRC-valid garbage often lands here too.
 * All bits zero: altitude not available.
 */

const FEET_TO_M = 0.3048;

/** Altitude in feet of a 12-bit ADS-B altitude field, or null when unknown or invalid. */
export function decodeAltitude12Ft(code: number): number | null {
  if (code === 0) {
    return null;
  }

  const qBit = (code >> 4) & 1;
  if (qBit === 1) {
    const n = ((code >> 5) << 4) | (code & 0x0f);
    return 25 * n - 1000;
  }

  return decodeGillhamFt(insertBit(code, 6, 0));
}

/**
 * Altitude in feet of a 13-bit AC field, or null when unknown, invalid
 * or metric.
 */
export function decodeAltitude13Ft(code: number): number | null {
  if (code === 0) {
    return null;
  }

  const mBit = (code >> 6) & 1;
  if (mBit === 1) {
    // NOTE: the metric AC encoding (M = 1) is unused in practice and
    // dump1090 also treats it as invalid, so it is not decoded here.
    return null;
  }

  const qBit = (code >> 4) & 1;
  if (qBit === 1) {
    const n = ((code >> 7) << 5) | (((code >> 5) & 1) << 4) | (code & 0x0f);
    return 25 * n - 1000;
  }

  return decodeGillhamFt(code);
}

/** Inserts `bitValue` at bit position `position` (0 = LSB), shifting higher bits up. */
function insertBit(value: number, position: number, bitValue: number): number {
  const low = value & ((1 << position) - 1);
  const high = value >> position;
  return (high << (position + 1)) | (bitValue << position) | low;
}

/**
 * Decodes a 13-bit AC field with Q = 0 as Gillham code (ICAO Annex 10
 * Vol IV 3.1.1.7.12.2.3). The 500-ft count is a Gray code over
 * D2 D4 A1 A2 A4 B1 B2 B4, since D1 is never used for altitude. The
 * 100-ft count is a 5-step reflected code over C1 C2 C4 that runs
 * backwards when the 500-ft count is odd. Returns null for codes that
 * no transponder sends (C bits all zero, or the 100-ft count 0, 5 or 6
 * after mapping 7 to 5).
 */
export function decodeGillhamFt(code: number): number | null {
  const bit = (shift: number): number => (code >> shift) & 1;
  const c1 = bit(12);
  const a1 = bit(11);
  const c2 = bit(10);
  const a2 = bit(9);
  const c4 = bit(8);
  const a4 = bit(7);
  const b1 = bit(5);
  const b2 = bit(3);
  const d2 = bit(2);
  const b4 = bit(1);
  const d4 = bit(0);

  const fiveHundredsGray = (d2 << 7) | (d4 << 6) | (a1 << 5) | (a2 << 4) | (a4 << 3) | (b1 << 2) | (b2 << 1) | b4;
  const fiveHundreds = grayToBinary(fiveHundredsGray);

  let oneHundreds = grayToBinary((c1 << 2) | (c2 << 1) | c4);
  if (oneHundreds === 7) {
    oneHundreds = 5;
  }
  if (oneHundreds < 1 || oneHundreds > 5) {
    return null;
  }
  if (fiveHundreds % 2 === 1) {
    oneHundreds = 6 - oneHundreds;
  }

  return fiveHundreds * 500 + oneHundreds * 100 - 1300;
}

function grayToBinary(gray: number): number {
  let binary = gray;
  for (let shift = gray >> 1; shift !== 0; shift >>= 1) {
    binary ^= shift;
  }
  return binary;
}

export function feetToMetres(feet: number): number {
  return feet * FEET_TO_M;
}
