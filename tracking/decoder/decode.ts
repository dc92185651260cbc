import { rejected, type DecodeResult } from './errors.js';
import { checkFrameBytes, downlinkFormat, parseHexFrame } from './frame.js';
import { decodeExtendedSquitter } from './extended-squitter.js';
import {
  decodeAirToAir,
  decodeAllCall,
  decodeSurveillanceAltitude,
  decodeSurveillanceIdentity,
} from './surveillance.js';
import type { ModeSMessage } from './messages.js';

/**
 * Decodes one Mode S frame, given as bytes or as 14/28 hex characters.
 * Never throws on bad input: a frame that is too short, not hex, fails
 * CRC or has a DF this decoder does not read comes back as
 * `{ ok: false, error }` with a stable `error.code`.
 *
 * Supported DFs: 0, 4, 5, 11, 16, 17, 18, 20, 21. DF19 (military),
 * DF22 and DF24 (Comm-D) are rejected as `unsupported_df`.
 */
export function decodeFrame(input: Uint8Array | string): DecodeResult<ModeSMessage> {
  const parsed = typeof input === 'string' ? parseHexFrame(input) : checkFrameBytes(input);
  if (!parsed.ok) {
    return parsed;
  }

  const frame = parsed.value;
  const df = downlinkFormat(frame[0]!);
  switch (df) {
    case 17:
    case 18:
      return decodeExtendedSquitter(frame, df);
    case 11:
      return decodeAllCall(frame);
    case 4:
    case 20:
      return decodeSurveillanceAltitude(frame, df);
    case 5:
    case 21:
      return decodeSurveillanceIdentity(frame, df);
    case 0:
    case 16:
      return decodeAirToAir(frame, df);
    default:
      return rejected('unsupported_df', {
        field: 'df',
        expected: 'one of 0, 4, 5, 11, 16, 17, 18, 20, 21',
        got: String(df),
        messageZh: `不支持的下行格式 DF${df}`,
      });
  }
}
