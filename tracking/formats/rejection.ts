import type { DecodeError } from '../decoder/errors.js';

/**
 * Reason codes for a feed line or record that is not used. The source
 * layer counts rejections per source and reason, so codes are stable.
 * `heartbeat` and `duplicate` are normal traffic, not faults.
 */
export type RejectReason =
  | 'empty'
  | 'heartbeat'
  | 'duplicate'
  | 'unparseable'
  | 'unsupported'
  | 'invalid_hex'
  | 'bad_length'
  | 'bad_crc'
  | 'out_of_range';

export interface Rejection {
  ok: false;
  reason: RejectReason;
  /** Field or part of the line that failed, e.g. `prefix`, `hex ident`, `latitude`. */
  field: string;
  /** English, shows expected against got. */
  message: string;
}

/** Outcome of parsing one line or record; parsers return this and never throw on bad input. */
export type ParseResult<T> = { ok: true; value: T } | Rejection;

export function reject(reason: RejectReason, field: string, message: string): Rejection {
  return { ok: false, reason, field, message };
}

/** Maps a decoder error onto the feed rejection reasons, for counting decoded lines and frames together. */
export function rejectionFromDecodeError(error: DecodeError): Rejection {
  switch (error.code) {
    case 'bad_crc':
      return reject('bad_crc', error.field, error.message);
    case 'invalid_hex':
      return reject('invalid_hex', error.field, error.message);
    case 'too_short':
    case 'bad_length':
      return reject('bad_length', error.field, error.message);
    case 'unsupported_df':
    case 'unsupported_type_code':
      return reject('unsupported', error.field, error.message);
    default:
      return reject('out_of_range', error.field, error.message);
  }
}

/** Shortens a bad value for a message, so a garbage line cannot flood the log. */
export function preview(text: string, maxChars = 40): string {
  return JSON.stringify(text.length > maxChars ? `${text.slice(0, maxChars)}...` : text);
}
