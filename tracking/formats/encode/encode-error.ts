export type EncodeErrorCode = 'out_of_range' | 'invalid_icao' | 'invalid_callsign' | 'invalid_category';

/**
 * An input the encoder cannot put on the wire. Encoder inputs come from
 * our own simulator, so this is a programming error and is thrown.
 */
export class EncodeError extends Error {
  readonly code: EncodeErrorCode;
  readonly field: string;
  readonly expected: string;
  readonly got: string;

  constructor(code: EncodeErrorCode, field: string, expected: string, got: string) {
    super(`${field}: expected ${expected}, got ${got}`);
    this.name = 'EncodeError';
    this.code = code;
    this.field = field;
    this.expected = expected;
    this.got = got;
  }
}
