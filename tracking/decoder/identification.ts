import { readMeBits } from './bits.js';

/**
 * Aircraft identification and category, ADS-B type codes 1-4.
 * Sources: DO-260B 2.2.3.2.5; "The 1090 MHz Riddle", identification chapter.
 *
 * ME bits: TC(1-5) CA(6-8) C1..C8(9-56), each character 6 bits.
 * Character set: 1-26 = A-Z, 32 = space, 48-57 = 0-9, everything else
 * invalid (shown as '#'). The emitter category is the pair (TC, CA):
 * TC 4 = set A (aircraft, by weight), 3 = B, 2 = C (surface vehicles,
 * obstacles), 1 = D (reserved); CA 0 means no category information.
 */

const CALLSIGN_CHARSET = '#ABCDEFGHIJKLMNOPQRSTUVWXYZ##### ###############0123456789######';
const CATEGORY_SET_BY_TYPE_CODE = ['', 'D', 'C', 'B', 'A'];

export interface Identification {
  /** Callsign with trailing spaces removed; '#' marks an invalid character. */
  callsign: string;
  /** Emitter category as printed by dump1090 and aircraft.json, e.g. "A3"; CA 0 gives "A0". */
  category: string;
  /** Raw 3-bit CA value of the ME field. */
  categoryCode: number;
}

export function decodeIdentification(frame: Uint8Array, typeCode: number): Identification {
  const categoryCode = readMeBits(frame, 6, 3);

  let callsign = '';
  for (let index = 0; index < 8; index++) {
    const charIndex = readMeBits(frame, 9 + 6 * index, 6);
    callsign += CALLSIGN_CHARSET[charIndex]!;
  }

  return {
    callsign: callsign.trimEnd(),
    category: `${CATEGORY_SET_BY_TYPE_CODE[typeCode] ?? ''}${categoryCode}`,
    categoryCode,
  };
}

/** 6-bit code of each callsign character, or -1 if the character cannot be sent. */
export function callsignCharCode(char: string): number {
  if (char === '#') {
    return -1;
  }
  return CALLSIGN_CHARSET.indexOf(char);
}
