import { bytesToHex } from '../../decoder/hex.js';

/** Formats a frame as an AVR line: `*HEX;`, or `@` + 12-digit 12 MHz counter + HEX + `;` with a timestamp. */
export function formatAvrLine(frame: Uint8Array, mlatTicks: number | null = null): string {
  if (mlatTicks === null) {
    return `*${bytesToHex(frame)};`;
  }
  const timestamp = Math.floor(mlatTicks).toString(16).toUpperCase().padStart(12, '0');
  return `@${timestamp}${bytesToHex(frame)};`;
}
