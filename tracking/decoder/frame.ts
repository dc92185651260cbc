import { rejected, decoded, type DecodeResult } from './errors.js';
import { hexToBytes, nibbleAt } from './hex.js';

/**
 * Frame framing facts. Source: ICAO Annex 10 Vol IV 3.1.2.3.
 * The first 5 bits are the downlink format (DF). DF0/4/5/11 are short
 * (56 bits, 7 bytes); DF16-24 are long (112 bits, 14 bytes). When the
 * first two bits are 11 the frame is DF24 (Comm-D) whatever follows.
 */

export const SHORT_FRAME_BYTES = 7;
export const LONG_FRAME_BYTES = 14;

export function downlinkFormat(firstByte: number): number {
  const df = firstByte >> 3;
  return df >= 24 ? 24 : df;
}

/** Frame length in bytes implied by a DF. */
export function frameLengthBytes(df: number): number {
  return df >= 16 ? LONG_FRAME_BYTES : SHORT_FRAME_BYTES;
}

/**
 * Checks a binary frame's length against its DF and returns it
 * unchanged.
 */
export function checkFrameBytes(frame: Uint8Array): DecodeResult<Uint8Array> {
  if (frame.length === 0) {
    return tooShort('bytes', 7, 0);
  }

  const expected = frameLengthBytes(downlinkFormat(frame[0]!));
  if (frame.length < expected) {
    return tooShort('bytes', expected, frame.length);
  }
  if (frame.length > expected) {
    return badLength('bytes', expected, frame.length);
  }
  return decoded(frame);
}

/**
 * Parses a frame written as 14 or 28 hex characters (either case),
 * checking the length against the DF in the first byte.
 */
export function parseHexFrame(hex: string): DecodeResult<Uint8Array> {
  if (hex.length < 2) {
    return tooShort('hex chars', 14, hex.length);
  }

  const high = nibbleAt(hex, 0);
  const low = nibbleAt(hex, 1);
  if (high < 0 || low < 0) {
    return invalidHex(hex);
  }

  const expectedChars = 2 * frameLengthBytes(downlinkFormat((high << 4) | low));
  if (hex.length < expectedChars) {
    return tooShort('hex chars', expectedChars, hex.length);
  }
  if (hex.length > expectedChars) {
    return badLength('hex chars', expectedChars, hex.length);
  }

  const bytes = hexToBytes(hex);
  if (bytes === null) {
    return invalidHex(hex);
  }
  return decoded(bytes);
}

function tooShort(unit: string, expected: number, got: number): DecodeResult<Uint8Array> {
  return rejected('too_short', {
    field: 'frame',
    expected: `${expected} ${unit}`,
    got: String(got),
    messageZh: `帧长度不足：应为 ${expected}，实际 ${got}`,
  });
}

function badLength(unit: string, expected: number, got: number): DecodeResult<Uint8Array> {
  return rejected('bad_length', {
    field: 'frame',
    expected: `${expected} ${unit}`,
    got: String(got),
    messageZh: `帧长度与下行格式不符：应为 ${expected}，实际 ${got}`,
  });
}

function invalidHex(hex: string): DecodeResult<Uint8Array> {
  const shown = hex.length > 32 ? `${hex.slice(0, 32)}...` : hex;
  return rejected('invalid_hex', {
    field: 'frame',
    expected: 'hex digits 0-9, A-F',
    got: JSON.stringify(shown),
    messageZh: `帧包含非十六进制字符：${JSON.stringify(shown)}`,
  });
}
