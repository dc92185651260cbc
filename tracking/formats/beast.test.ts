import { describe, expect, it } from 'vitest';
import { BeastFramer, readSignalDbfs } from './beast.js';
import { CounterClock, elapsedTicks, readGpsTimestamp, signedElapsedTicks, COUNTER_MODULUS } from './beast-clock.js';
import { hexToBytes } from '../decoder/hex.js';

/** Builds a Beast record, escaping 0x1a as the wire does. */
function record(type: number, timestamp: number, signal: number, payloadHex: string): Uint8Array {
  const body = [
    ...[5, 4, 3, 2, 1, 0].map((shift) => Math.floor(timestamp / 2 ** (8 * shift)) % 256),
    signal,
    ...hexToBytes(payloadHex)!,
  ];
  const escaped = body.flatMap((byte) => (byte === 0x1a ? [0x1a, 0x1a] : [byte]));
  return Uint8Array.from([0x1a, type, ...escaped]);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return Uint8Array.from(parts.flatMap((part) => [...part]));
}

const LONG = '8D4840D6202CC371C32CE0576098';
const SHORT = '5D484FDEA248F5';

describe('BeastFramer', () => {
  it('reads long, short and Mode A/C records', () => {
    const framer = new BeastFramer();
    const frames = framer.push(concat(record(0x33, 1000, 200, LONG), record(0x32, 2000, 100, SHORT), record(0x31, 3000, 50, '2101')));
    expect(frames.map((frame) => frame.kind)).toEqual(['mode_s', 'mode_s', 'mode_ac']);
    expect(frames.map((frame) => frame.frame.length)).toEqual([14, 7, 2]);
    expect(frames.map((frame) => frame.timestampTicks)).toEqual([1000, 2000, 3000]);
    expect(frames[0]?.signalLevel).toBe(200);
  });

  it('unescapes 0x1a in timestamp, signal and payload', () => {
    const framer = new BeastFramer();
    const frames = framer.push(record(0x33, 0x1a1a1a1a1a1a, 0x1a, '1A1A1A1A1A1A1A1A1A1A1A1A1A1A'));
    expect(frames).toHaveLength(1);
    expect(frames[0]?.timestampTicks).toBe(0x1a1a1a1a1a1a);
    expect(frames[0]?.signalLevel).toBe(0x1a);
    expect([...frames[0]!.frame].every((byte) => byte === 0x1a)).toBe(true);
  });

  it('reassembles records split across chunks', () => {
    const stream = concat(record(0x33, 0x1a, 0x1a, LONG), record(0x32, 7, 9, SHORT));
    for (let split = 1; split < stream.length; split++) {
      const framer = new BeastFramer();
      const frames = [...framer.push(stream.subarray(0, split)), ...framer.push(stream.subarray(split))];
      expect(frames.map((frame) => frame.kind), `split at ${split}`).toEqual(['mode_s', 'mode_s']);
      expect(frames[0]?.timestampTicks).toBe(0x1a);
    }
  });

  it('resynchronises after garbage', () => {
    const framer = new BeastFramer();
    const garbage = Uint8Array.from([0x00, 0xff, 0x42, 0x1a, 0x1a, 0x33]);
    const frames = framer.push(concat(garbage, record(0x33, 1, 1, LONG)));
    expect(frames).toHaveLength(1);
    expect(framer.stats.skippedBytes).toBeGreaterThan(0);
  });

  it('drops record cut short by a new record', () => {
    const framer = new BeastFramer();
    const cut = record(0x33, 1, 1, LONG).subarray(0, 12);
    const frames = framer.push(concat(cut, record(0x32, 2, 2, SHORT)));
    expect(frames.map((frame) => frame.frame.length)).toEqual([7]);
    expect(framer.stats.truncatedRecords).toBe(1);
  });

  it('skips status and unknown record types', () => {
    const framer = new BeastFramer();
    const status = Uint8Array.from([0x1a, 0x34, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const frames = framer.push(concat(status, record(0x32, 2, 2, SHORT)));
    expect(frames).toHaveLength(1);
    expect(framer.stats.unsupportedRecords).toBe(1);
  });

  it('drops heartbeat', () => {
    const framer = new BeastFramer();
    const heartbeat = Uint8Array.from([0x1a, 0x31, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(framer.push(heartbeat)).toHaveLength(0);
    expect(framer.stats.heartbeats).toBe(1);
  });

  it('converts signal byte to dBFS', () => {
    expect(readSignalDbfs(255)).toBe(0);
    expect(readSignalDbfs(128)).toBeCloseTo(-5.99, 2);
  });
});

describe('Beast timestamps', () => {
  it('counts elapsed ticks across the 48-bit wrap', () => {
    expect(elapsedTicks(COUNTER_MODULUS - 12, 12)).toBe(24);
    expect(signedElapsedTicks(100, 40)).toBe(-60);
  });

  it('reads Radarcape GPS timestamp', () => {
    const ticks = 68_548 * 2 ** 30 + 136_310_917;
    expect(readGpsTimestamp(ticks)).toEqual({ secondsOfDay: 68_548, nanoseconds: 136_310_917 });
  });

  it('maps counter onto receive clock', () => {
    const clock = new CounterClock();
    expect(clock.toEpochMs(12_000_000, 1_000_000)).toBe(1_000_000);
    expect(clock.toEpochMs(12_006_000, 1_000_900)).toBe(1_000_000.5);
  });

  it('re-anchors after counter reset', () => {
    const clock = new CounterClock();
    clock.toEpochMs(900_000_000_000, 1_000_000);
    expect(clock.toEpochMs(12_000, 1_002_000)).toBe(1_002_000);
    expect(clock.resets).toBe(1);
  });
});
