/**
 * Mode A identity code (squawk) of DF5/21 replies.
 * Source: ICAO Annex 10 Vol IV 3.1.2.6.7.1 (ID field, frame bits 20-32).
 *
 * 13-bit ID field: C1 A1 C2 A2 C4 A4 X B1 D1 B2 D2 B4 D4.
 * Each of A, B, C, D is one octal digit (bit 4 the highest), printed in
 * the order A B C D, e.g. "7700".
 */
export function decodeSquawk(code: number): string {
  const bit = (shift: number): number => (code >> shift) & 1;
  const a = (bit(7) << 2) | (bit(9) << 1) | bit(11);
  const b = (bit(1) << 2) | (bit(3) << 1) | bit(5);
  const c = (bit(8) << 2) | (bit(10) << 1) | bit(12);
  const d = (bit(0) << 2) | (bit(2) << 1) | bit(4);
  return `${a}${b}${c}${d}`;
}

/** Emergency squawks: 7500 unlawful interference, 7600 radio failure, 7700 general emergency. */
export function isEmergencySquawk(squawk: string): boolean {
  return squawk === '7500' || squawk === '7600' || squawk === '7700';
}

/** True for exactly four octal digits, the only form a squawk can have. */
export function isValidSquawk(text: string): boolean {
  if (text.length !== 4) {
    return false;
  }
  for (let index = 0; index < 4; index++) {
    const charCode = text.charCodeAt(index);
    if (charCode < 48 || charCode > 55) {
      return false;
    }
  }
  return true;
}
