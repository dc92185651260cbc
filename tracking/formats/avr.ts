import { hexToBytes, hexToNumber } from '../decoder/hex.js';
import { reject, preview, type ParseResult } from './rejection.js';

/**
 * AVR raw hex lines (dump1090 and readsb port 30002).
 * Source: flightaware/dump1090 net_io.c (modesSendRawOutput,
 * send_raw_heartbeat).
 *
 *   *8D4840D6202CC371C32CE0576098;              frame only
 *   @030BF18ECEF78F400159E1181500000000D94095;  12 hex digits of the 48-bit
 *                                                12 MHz MLAT counter, then frame
 * The frame is 14 hex chars (56-bit), 28 (112-bit) or 4 (Mode A/C).
 * `*0000;` is a heartbeat. Lines in other forms (other prefixes,
 * lengths) are rejected so the source can count them.
 */

export type AvrFrameKind = 'mode_s' | 'mode_ac';

export interface AvrFrame {
  kind: AvrFrameKind;
  frame: Uint8Array;
  /** 48-bit 12 MHz counter of the `@` form, in ticks; null for `*` lines. Not clock time. */
  mlatTicks: number | null;
}

const MLAT_TIMESTAMP_CHARS = 12;

export function parseAvrLine(line: string): ParseResult<AvrFrame> {
  const end = trimmedEnd(line);
  if (end === 0) {
    return reject('empty', 'line', 'line: expected an AVR frame, got an empty line');
  }

  const prefix = line.charCodeAt(0);
  if (prefix !== 0x2a && prefix !== 0x40) {
    return reject('unsupported', 'prefix', `prefix: expected "*" or "@", got ${preview(line.slice(0, 1))}`);
  }
  if (line.charCodeAt(end - 1) !== 0x3b) {
    return reject('unparseable', 'terminator', `terminator: expected ";" at the end, got ${preview(line.slice(0, end))}`);
  }

  let hexStart = 1;
  let mlatTicks: number | null = null;
  if (prefix === 0x40) {
    mlatTicks = end - 2 >= MLAT_TIMESTAMP_CHARS ? hexToNumber(line, 1, MLAT_TIMESTAMP_CHARS) : -1;
    if (mlatTicks < 0) {
      return reject('invalid_hex', 'timestamp', `timestamp: expected 12 hex digits, got ${preview(line.slice(1, end - 1))}`);
    }
    hexStart += MLAT_TIMESTAMP_CHARS;
  }

  return parseFramePart(line, hexStart, end - 1 - hexStart, mlatTicks);
}

function parseFramePart(line: string, start: number, charCount: number, mlatTicks: number | null): ParseResult<AvrFrame> {
  if (charCount !== 4 && charCount !== 14 && charCount !== 28) {
    return reject('bad_length', 'frame', `frame: expected 4, 14 or 28 hex chars, got ${charCount}`);
  }

  const frame = hexToBytes(line, start, charCount);
  if (frame === null) {
    return reject('invalid_hex', 'frame', `frame: expected hex digits, got ${preview(line.slice(start, start + charCount))}`);
  }

  if (charCount === 4) {
    if (frame[0] === 0 && frame[1] === 0) {
      return reject('heartbeat', 'frame', 'frame: all-zero Mode A/C frame is a heartbeat');
    }
    return { ok: true, value: { kind: 'mode_ac', frame, mlatTicks } };
  }
  return { ok: true, value: { kind: 'mode_s', frame, mlatTicks } };
}

/** Index after the last character that is not whitespace (CR, LF, space, tab). */
export function trimmedEnd(line: string): number {
  let end = line.length;
  while (end > 0) {
    const charCode = line.charCodeAt(end - 1);
    if (charCode !== 0x0d && charCode !== 0x0a && charCode !== 0x20 && charCode !== 0x09) {
      break;
    }
    end--;
  }
  return end;
}
