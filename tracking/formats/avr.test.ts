import { describe, expect, it } from 'vitest';
import { parseAvrLine } from './avr.js';

/** Returns the parsed value, or fails the test with the rejection message. */
function okValue<T>(result: { ok: true; value: T } | { ok: false; message?: string; error?: { message: string } }): T {
  if (!result.ok) {
    throw new Error(`expected success, got ${result.message ?? result.error?.message}`);
  }
  return result.value;
}

function reasonOf(line: string): string {
  const result = parseAvrLine(line);
  return result.ok ? 'ok' : result.reason;
}

describe('parseAvrLine', () => {
  it('parses plain long frame', () => {
    // Riddle book identification example KLM1023.
    const result = parseAvrLine('*8D4840D6202CC371C32CE0576098;');
    expect(okValue(result).kind).toBe('mode_s');
    expect(okValue(result).frame.length).toBe(14);
    expect(okValue(result).mlatTicks).toBeNull();
  });

  it('parses MLAT timestamp form', () => {
    // First line of the St Petersburg AVR recording in fixtures/adsb/feeds.
    const result = parseAvrLine('@030BF18CC2AB5F4001594B0FBB;\r\n');
    expect(okValue(result).mlatTicks).toBe(0x030bf18cc2ab);
    expect(okValue(result).frame.length).toBe(7);
  });

  it('parses Mode A/C frame', () => {
    const result = parseAvrLine('*2101;');
    expect(okValue(result).kind).toBe('mode_ac');
  });

  it('drops heartbeat', () => {
    expect(reasonOf('*0000;')).toBe('heartbeat');
  });

  it('rejects malformed lines with reasons', () => {
    expect(reasonOf('')).toBe('empty');
    expect(reasonOf('\n')).toBe('empty');
    expect(reasonOf(':8D4840D6202CC371C32CE0576098;')).toBe('unsupported');
    expect(reasonOf('*8D4840D6202CC371C32CE0576098')).toBe('unparseable');
    expect(reasonOf('*8D4840D6202CC371C32CE05760;')).toBe('bad_length');
    expect(reasonOf('*8D4840D6202CC371C32CE057609Z;')).toBe('invalid_hex');
    expect(reasonOf('@03XBF18CC2AB5F4001594B0FBB;')).toBe('invalid_hex');
    expect(reasonOf('@030B;')).toBe('invalid_hex');
    expect(reasonOf('*;')).toBe('bad_length');
  });

  it('states expected and got in messages', () => {
    const result = parseAvrLine('*8D4840D6202CC371C32CE05760;');
    expect(result.ok ? '' : result.message).toBe('frame: expected 4, 14 or 28 hex chars, got 26');
  });
});
