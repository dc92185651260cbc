import { describe, expect, it } from 'vitest';
import { parseAvrLine } from './avr.js';
import { parseSbsLine } from './sbs.js';
import { parseAircraftJson } from './aircraft-json.js';
import { BeastFramer } from './beast.js';

/** Deterministic pseudo-random generator, so a failure reproduces. */
function randomGenerator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const ALPHABET = '*@:;,.-~H0123456789ABCDEFabcdefMSGground "{}[]\r\n\u00e9\u4e2d';
const SBS_LINE = 'MSG,3,1,1,400159,1,2018/04/03,19:03:29.021,2018/04/10,21:24:39.724,,2625,,,59.74472,30.57192,,,,,,0';

function randomText(random: () => number, maxLength: number): string {
  let text = '';
  const length = Math.floor(random() * maxLength);
  for (let index = 0; index < length; index++) {
    text += ALPHABET[Math.floor(random() * ALPHABET.length)];
  }
  return text;
}

/** Returns a copy of `line` with a few characters replaced at random. */
function mutate(random: () => number, line: string): string {
  const chars = line.split('');
  const edits = 1 + Math.floor(random() * 4);
  for (let edit = 0; edit < edits; edit++) {
    chars[Math.floor(random() * chars.length)] = ALPHABET[Math.floor(random() * ALPHABET.length)]!;
  }
  return chars.join('');
}

describe('parsers on garbage', () => {
  it('AVR parser never throws', () => {
    const random = randomGenerator(1);
    for (let index = 0; index < 5000; index++) {
      const line = index % 2 === 0 ? randomText(random, 50) : mutate(random, '@030BF18ECEF78F400159E1181500000000D94095;');
      expect(() => parseAvrLine(line)).not.toThrow();
    }
  });

  it('SBS parser never throws', () => {
    const random = randomGenerator(2);
    for (let index = 0; index < 5000; index++) {
      const line = index % 2 === 0 ? randomText(random, 120) : mutate(random, SBS_LINE);
      expect(() => parseSbsLine(line, { utcOffsetMin: 0 })).not.toThrow();
    }
  });

  it('aircraft.json parser never throws', () => {
    const random = randomGenerator(3);
    const valid = JSON.stringify({ now: 1, aircraft: [{ hex: 'a3e31a', alt_baro: 'ground', squawk: '7700', lat: 1, lon: 2 }] });
    for (let index = 0; index < 2000; index++) {
      expect(() => parseAircraftJson(mutate(random, valid))).not.toThrow();
    }
    const odd = [{ now: 1, aircraft: [null, 1, [], { hex: 5 }, { hex: 'a3e31a', gs: 'fast', lat: {}, mlat: 'x' }] }];
    expect(() => parseAircraftJson(odd[0])).not.toThrow();
  });

  it('Beast framer never throws', () => {
    const random = randomGenerator(4);
    const framer = new BeastFramer();
    for (let index = 0; index < 200; index++) {
      const chunk = Uint8Array.from({ length: 64 }, () => (random() < 0.1 ? 0x1a : Math.floor(random() * 256)));
      expect(() => framer.push(chunk)).not.toThrow();
    }
  });
});
