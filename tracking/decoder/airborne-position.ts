import { readMeBits } from './bits.js';
import { decodeAltitude12Ft, feetToMetres } from './altitude.js';
import type { CprFrame } from './position/cpr.js';

/**
 * Airborne position, ADS-B type codes 9-18 (barometric altitude) and
 * 20-22 (GNSS height).
 * Sources: DO-260B 2.2.3.2.3; "The 1090 MHz Riddle", airborne position chapter.
 *
 * ME bits: TC(1-5) SS(6-7) SAF/NICb(8) ALT(9-20) T(21) F(22)
 *          LAT-CPR(23-39) LON-CPR(40-56)
 * SS surveillance status: 0 none, 1 permanent alert (emergency),
 * 2 temporary alert (Mode A code change), 3 SPI.
 * ALT: 12-bit altitude code, see altitude.ts; all zero = not available.
 */

export type AltitudeSource = 'barometric' | 'gnss';

export interface AirbornePosition {
  /** Null when the altitude field is zero or not a valid code. */
  altitudeM: number | null;
  altitudeSource: AltitudeSource;
  surveillanceStatus: number;
  /** UTC time-synchronisation flag T. */
  timeSync: boolean;
  cpr: CprFrame;
}

export function decodeAirbornePosition(frame: Uint8Array, typeCode: number): AirbornePosition {
  const altitudeSource: AltitudeSource = typeCode >= 20 ? 'gnss' : 'barometric';

  // NOTE: for type codes 20-22 "The 1090 MHz Riddle" reads the 12 bits as
  // metres, while dump1090-fa and readsb decode them as the same 25-ft
  // code as barometric altitude. We follow dump1090; no public test
  // frame of these type codes was found to settle it.
  const altitudeFt = decodeAltitude12Ft(readMeBits(frame, 9, 12));

  return {
    altitudeM: altitudeFt === null ? null : feetToMetres(altitudeFt),
    altitudeSource,
    surveillanceStatus: readMeBits(frame, 6, 2),
    timeSync: readMeBits(frame, 21, 1) === 1,
    cpr: readCpr(frame, false),
  };
}

/** Reads F and the two 17-bit CPR values (ME bits 22-56), common to airborne and surface frames. */
export function readCpr(frame: Uint8Array, surface: boolean): CprFrame {
  return {
    format: readMeBits(frame, 22, 1) as 0 | 1,
    latCpr: readMeBits(frame, 23, 17),
    lonCpr: readMeBits(frame, 40, 17),
    surface,
  };
}
