/**
 * Stable reason codes for a frame the decoder rejects. Callers count
 * rejections by code, so a code never changes meaning once released.
 */
export type DecodeErrorCode =
  | 'invalid_hex'
  | 'too_short'
  | 'bad_length'
  | 'bad_crc'
  | 'unsupported_df'
  | 'unsupported_type_code'
  | 'no_position'
  | 'zone_mismatch'
  | 'surface_airborne_mix'
  | 'pair_too_old'
  | 'no_reference'
  | 'reference_too_far'
  | 'out_of_range'
  | 'implausible_speed';

export interface DecodeErrorDetails {
  /** Name of the field or frame part that failed, e.g. `frame`, `crc`, `df`. */
  field: string;
  expected: string;
  got: string;
  /** The same message in Simplified Chinese for the dispatch console. */
  messageZh: string;
}

/**
 * A frame or position that cannot be decoded. `code` is stable; the
 * English message shows expected against got, e.g.
 * "frame: expected 28 hex chars, got 26".
 */
export class DecodeError extends Error {
  readonly code: DecodeErrorCode;
  readonly field: string;
  readonly expected: string;
  readonly got: string;
  readonly messageZh: string;

  constructor(code: DecodeErrorCode, details: DecodeErrorDetails) {
    super(`${details.field}: expected ${details.expected}, got ${details.got}`);
    this.name = 'DecodeError';
    this.code = code;
    this.field = details.field;
    this.expected = details.expected;
    this.got = details.got;
    this.messageZh = details.messageZh;
  }
}

/** Outcome of a decode step that can fail on ordinary bad input. */
export type DecodeResult<T> = { ok: true; value: T } | { ok: false; error: DecodeError };

export function decoded<T>(value: T): DecodeResult<T> {
  return { ok: true, value };
}

export function rejected<T>(code: DecodeErrorCode, details: DecodeErrorDetails): DecodeResult<T> {
  return { ok: false, error: new DecodeError(code, details) };
}
