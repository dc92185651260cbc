/**
 * Golden corpus: the St Petersburg capture of 2018-04-03 decoded in
 * full from its AVR and Beast recordings, plus the SBS decode of the same
 * capture, the pyModeS sample CSV and a readsb aircraft.json.
 * Provenance and licences: tracking/fixtures/adsb/README.md.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeFrame } from '../decoder/decode.js';
import { CprPairer } from '../decoder/position/resolver.js';
import type { ModeSMessage } from '../decoder/messages.js';
import { parseAvrLine } from './avr.js';
import { BeastFramer } from './beast.js';
import { parseSbsLine } from './sbs.js';
import { DuplicateFilter } from './duplicate-filter.js';
import { bytesToHex } from '../decoder/hex.js';
import { rejectionFromDecodeError } from './rejection.js';

const FEEDS = new URL('../fixtures/adsb/feeds/', import.meta.url);
const TICKS_PER_MS = 12_000;

interface RawFrame {
  kind: 'mode_s' | 'mode_ac';
  frame: Uint8Array;
  ticks: number;
}

interface AircraftSummary {
  messagesByDf: Record<string, number>;
  callsigns: string[];
  squawks: string[];
  positionFixes: number;
  positionRejections: Record<string, number>;
  lastPosition: { latDeg: number; lonDeg: number } | null;
}

interface CorpusSummary {
  modeAcFrames: number;
  modeSFrames: number;
  /** Records repeated with the same timestamp and payload; the capture contains every record twice. */
  duplicateFrames: number;
  rejections: Record<string, number>;
  /** DF0/4/5/16/20/21 frames whose parity address was never seen in the clear. */
  unconfirmedParityFrames: number;
  aircraft: Record<string, AircraftSummary>;
}

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

function sortedKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

/** Decodes every frame and summarises per aircraft, creating aircraft only from DF11/17/18. */
function summarise(frames: RawFrame[]): CorpusSummary {
  const summary: CorpusSummary = { modeAcFrames: 0, modeSFrames: 0, duplicateFrames: 0, rejections: {}, unconfirmedParityFrames: 0, aircraft: {} };
  const decoded: Array<{ message: ModeSMessage; ticks: number }> = [];
  const duplicates = new DuplicateFilter();

  for (const raw of frames) {
    if (duplicates.isDuplicate(`${raw.ticks}:${bytesToHex(raw.frame)}`)) {
      summary.duplicateFrames++;
      continue;
    }
    if (raw.kind === 'mode_ac') {
      summary.modeAcFrames++;
      continue;
    }
    summary.modeSFrames++;
    const result = decodeFrame(raw.frame);
    if (!result.ok) {
      increment(summary.rejections, rejectionFromDecodeError(result.error).reason);
      continue;
    }
    decoded.push({ message: result.value, ticks: raw.ticks });
  }

  const confirmed = new Set(decoded.filter(({ message }) => message.addressSource === 'clear').map(({ message }) => message.icao));
  const pairer = new CprPairer();
  for (const { message, ticks } of decoded) {
    if (!confirmed.has(message.icao)) {
      summary.unconfirmedParityFrames++;
      continue;
    }
    addMessage(summary, message, ticks, pairer);
  }

  summary.aircraft = sortedKeys(summary.aircraft);
  return summary;
}

function addMessage(summary: CorpusSummary, message: ModeSMessage, ticks: number, pairer: CprPairer): void {
  const aircraft = (summary.aircraft[message.icao] ??= {
    messagesByDf: {},
    callsigns: [],
    squawks: [],
    positionFixes: 0,
    positionRejections: {},
    lastPosition: null,
  });
  increment(aircraft.messagesByDf, String(message.df));

  if (message.kind === 'identification' && !aircraft.callsigns.includes(message.callsign)) {
    aircraft.callsigns.push(message.callsign);
  }
  if (message.kind === 'surveillance_identity' && !aircraft.squawks.includes(message.squawk)) {
    aircraft.squawks.push(message.squawk);
  }
  if (message.kind === 'airborne_position' || message.kind === 'surface_position') {
    const fix = pairer.resolve(message.icao, message.cpr, ticks / TICKS_PER_MS);
    if (fix.ok) {
      aircraft.positionFixes++;
      aircraft.lastPosition = { latDeg: round(fix.value.latDeg, 4), lonDeg: round(fix.value.lonDeg, 4) };
    } else {
      increment(aircraft.positionRejections, fix.error.code);
    }
  }
}

function round(value: number, decimals: number): number {
  return Math.round(value * 10 ** decimals) / 10 ** decimals;
}

function readAvrFrames(): { frames: RawFrame[]; lineRejections: Record<string, number> } {
  const text = readFileSync(new URL('beastblackbox_ulss7_2018-04-03.avr-mlat.txt', FEEDS), 'utf8');
  const frames: RawFrame[] = [];
  const lineRejections: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const result = parseAvrLine(line);
    if (!result.ok) {
      increment(lineRejections, result.reason);
      continue;
    }
    frames.push({ kind: result.value.kind, frame: result.value.frame, ticks: result.value.mlatTicks ?? 0 });
  }
  return { frames, lineRejections };
}

function readBeastFrames(chunkBytes: number): { frames: RawFrame[]; framer: BeastFramer } {
  const bytes = readFileSync(new URL('beastblackbox_ulss7_2018-04-03.beast', FEEDS));
  const framer = new BeastFramer();
  const frames: RawFrame[] = [];
  for (let start = 0; start < bytes.length; start += chunkBytes) {
    for (const frame of framer.push(bytes.subarray(start, start + chunkBytes))) {
      frames.push({ kind: frame.kind, frame: frame.frame, ticks: frame.timestampTicks });
    }
  }
  return { frames, framer };
}

describe('St Petersburg capture', () => {
  it('parses every AVR line', () => {
    const { frames, lineRejections } = readAvrFrames();
    expect(frames).toHaveLength(13_954);
    // The only rejected "line" is the empty string after the final newline.
    expect(lineRejections).toEqual({ empty: 1 });
  });

  it('frames every Beast record', () => {
    const { frames, framer } = readBeastFrames(4096);
    expect(frames).toHaveLength(13_954);
    expect(framer.stats).toEqual({ frames: 13_954, heartbeats: 0, skippedBytes: 0, unsupportedRecords: 0, truncatedRecords: 0 });
  });

  it('matches golden AVR summary', async () => {
    const summary = summarise(readAvrFrames().frames);
    expect(summary.duplicateFrames).toBe(6977);
    expect(summary.modeAcFrames).toBe(5026 / 2);
    expect(summary.modeSFrames).toBe(8928 / 2);
    await expect(JSON.stringify(summary, null, 2) + '\n').toMatchFileSnapshot('./golden/ulss7-2018-04-03.summary.json');
  });

  it('decodes Beast like AVR', () => {
    const fromAvr = summarise(readAvrFrames().frames);
    const fromBeast = summarise(readBeastFrames(1000).frames);
    expect(fromBeast).toEqual(fromAvr);
  });

  it('agrees with the SBS decode on last positions', () => {
    const summary = summarise(readAvrFrames().frames);
    const lastSbsPosition = new Map<string, { latDeg: number; lonDeg: number }>();
    const text = readFileSync(new URL('beastblackbox_ulss7_2018-04-03.sbs.txt', FEEDS), 'utf8');
    for (const line of text.split('\n')) {
      const result = parseSbsLine(line, { utcOffsetMin: 0 });
      if (result.ok && result.value.latDeg !== null && result.value.lonDeg !== null) {
        lastSbsPosition.set(result.value.icao, { latDeg: result.value.latDeg, lonDeg: result.value.lonDeg });
      }
    }

    expect(lastSbsPosition.size).toBeGreaterThan(0);
    for (const [icao, sbsPosition] of lastSbsPosition) {
      const ours = summary.aircraft[icao]?.lastPosition;
      expect(ours, icao).toBeDefined();
      expect(Math.abs(ours!.latDeg - sbsPosition.latDeg), icao).toBeLessThan(0.01);
      expect(Math.abs(ours!.lonDeg - sbsPosition.lonDeg), icao).toBeLessThan(0.01);
    }
  });

  it('parses every SBS line without throwing', () => {
    const text = readFileSync(new URL('beastblackbox_ulss7_2018-04-03.sbs.txt', FEEDS), 'utf8');
    const filter = new DuplicateFilter();
    const counts: Record<string, number> = {};
    for (const line of text.split('\n')) {
      const result = parseSbsLine(line, { utcOffsetMin: null });
      if (!result.ok) {
        increment(counts, result.reason);
        continue;
      }
      increment(counts, filter.isDuplicate(line) ? 'duplicate' : `MSG,${result.value.transmissionType}`);
    }

    // 8,622 MSG lines, of which 1,435 exact duplicates; 2 report lines and 2 empty lines close the file.
    expect(counts).toEqual({
      'MSG,1': 111,
      'MSG,3': 1217,
      'MSG,4': 1212,
      'MSG,5': 471,
      'MSG,6': 341,
      'MSG,7': 399,
      'MSG,8': 3436,
      duplicate: 1435,
      unparseable: 2,
      empty: 2,
    });
  });
});

describe('St Petersburg capture with injected faults', () => {
  it('counts every injected fault by reason', () => {
    // Every 50th line gets a parity digit changed, every 301st loses two hex
    // digits, and a garbage line follows every 997th.
    const text = readFileSync(new URL('beastblackbox_ulss7_2018-04-03.avr-mlat.txt', FEEDS), 'utf8');
    const lines: string[] = [];
    // Sets, because both copies of a record can fall on a 50th line and then count once.
    const flippedChecked = new Set<string>();
    const flippedParityAddressed = new Set<string>();
    let truncated = 0;
    let garbage = 0;
    text.split('\n').forEach((line, index) => {
      const hexLength = line.length - 14;
      let faulty = line;
      if (index % 50 === 0 && hexLength >= 14) {
        // The fourth parity digit from the end: DF11 leaves only the low 7 parity bits unchecked.
        const digit = line.charAt(line.length - 5);
        faulty = `${line.slice(0, -5)}${digit === '0' ? '1' : '0'}${line.slice(-4)}`;
        const df = Number.parseInt(line.slice(13, 15), 16) >> 3;
        if (df === 11 || df === 17 || df === 18) {
          flippedChecked.add(faulty);
        } else {
          flippedParityAddressed.add(faulty);
        }
      } else if (index % 301 === 0 && hexLength >= 14) {
        faulty = `${line.slice(0, -3)};`;
        truncated++;
      }
      lines.push(faulty);
      if (index % 997 === 0) {
        lines.push('@zz garbage from a broken feeder');
        garbage++;
      }
    });

    const lineRejections: Record<string, number> = {};
    const frames: RawFrame[] = [];
    for (const line of lines) {
      const result = parseAvrLine(line);
      if (!result.ok) {
        increment(lineRejections, result.reason);
        continue;
      }
      frames.push({ kind: result.value.kind, frame: result.value.frame, ticks: result.value.mlatTicks ?? 0 });
    }
    const summary = summarise(frames);

    expect(lineRejections).toEqual({ bad_length: truncated, unparseable: garbage, empty: 1 });
    // A flipped copy no longer equals its twin, so it is decoded rather than dropped as a duplicate.
    expect(summary.rejections).toEqual({ bad_crc: flippedChecked.size });
    // Address/Parity frames cannot be checked: the flip yields an unknown address, never a new aircraft.
    expect(summary.unconfirmedParityFrames).toBe(flippedParityAddressed.size);
    expect(Object.keys(summary.aircraft)).toHaveLength(11);
  });
});

describe('pyModeS sample CSV', () => {
  it('decodes all 2000 frames of EZY85MH', () => {
    // junzis/pyModeS tests/data/sample_data_adsb.csv (GPL-3.0): unix_ts,"HEX","ICAO",typecode.
    const text = readFileSync(new URL('pymodes_sample_data_adsb.csv', FEEDS), 'utf8');
    const rows = text.split('\n').filter((row) => row !== '');
    const callsigns = new Set<string>();
    let mismatches = 0;
    for (const row of rows) {
      const [, hex, icao, typeCode] = row.split(',').map((cell) => cell.replaceAll('"', ''));
      const result = decodeFrame(hex!);
      const message = result.ok ? result.value : null;
      if (message === null || message.icao !== icao || !('typeCode' in message) || message.typeCode !== Number(typeCode)) {
        mismatches++;
        continue;
      }
      if (message.kind === 'identification') {
        callsigns.add(message.callsign);
      }
    }

    expect(rows).toHaveLength(2000);
    expect(mismatches).toBe(0);
    expect([...callsigns]).toEqual(['EZY85MH']);
  });
});
