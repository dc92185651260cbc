/**
 * Hex <-> bytes without regular expressions or substrings, because the
 * AVR and SBS parsers call these once per line at line rate.
 */

const INVALID_NIBBLE = -1;

/** Nibble value of each character code, or -1; upper and lower case. */
const NIBBLE_BY_CHAR_CODE = buildNibbleTable();

function buildNibbleTable(): Int8Array {
  const table = new Int8Array(128).fill(INVALID_NIBBLE);
  for (let digit = 0; digit < 10; digit++) {
    table[48 + digit] = digit;
  }
  for (let letter = 0; letter < 6; letter++) {
    table[65 + letter] = 10 + letter;
    table[97 + letter] = 10 + letter;
  }
  return table;
}

export function nibbleAt(text: string, index: number): number {
  const charCode = text.charCodeAt(index);
  if (charCode >= 128 || Number.isNaN(charCode)) {
    return INVALID_NIBBLE;
  }
  return NIBBLE_BY_CHAR_CODE[charCode] ?? INVALID_NIBBLE;
}

/**
 * Parses `charCount` hex characters of `text` starting at `start` into
 * bytes. Returns null when any character is not a hex digit or the
 * count is odd.
 */
export function hexToBytes(text: string, start = 0, charCount = text.length - start): Uint8Array | null {
  if (charCount % 2 !== 0 || start + charCount > text.length) {
    return null;
  }

  const bytes = new Uint8Array(charCount / 2);
  for (let byteIndex = 0; byteIndex < bytes.length; byteIndex++) {
    const high = nibbleAt(text, start + 2 * byteIndex);
    const low = nibbleAt(text, start + 2 * byteIndex + 1);
    if (high < 0 || low < 0) {
      return null;
    }
    bytes[byteIndex] = (high << 4) | low;
  }
  return bytes;
}

/**
 * Parses up to 13 hex characters as one number (53-bit safe), e.g. the
 * 12-digit MLAT timestamp. Returns -1 on a non-hex character.
 */
export function hexToNumber(text: string, start: number, charCount: number): number {
  let value = 0;
  for (let index = start; index < start + charCount; index++) {
    const nibble = nibbleAt(text, index);
    if (nibble < 0) {
      return -1;
    }
    value = value * 16 + nibble;
  }
  return value;
}

const HEX_DIGITS = '0123456789ABCDEF';

/** Uppercase hex of the bytes, as dump1090 prints frames. */
export function bytesToHex(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) {
    text += HEX_DIGITS[byte >> 4]! + HEX_DIGITS[byte & 0x0f]!;
  }
  return text;
}

/** Six uppercase hex digits of a 24-bit ICAO address. */
export function formatIcaoAddress(address: number): string {
  return address.toString(16).toUpperCase().padStart(6, '0');
}

/** True when `length` characters of `text` from `start` are all hex digits. */
export function isHexAt(text: string, start: number, length: number): boolean {
  if (start + length > text.length) {
    return false;
  }
  for (let index = start; index < start + length; index++) {
    if (nibbleAt(text, index) < 0) {
      return false;
    }
  }
  return true;
}
