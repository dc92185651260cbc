import { readMeBits } from './bits.js';
import { readCpr } from './airborne-position.js';
import type { CprFrame } from './position/cpr.js';

/**
 * Surface position, ADS-B type codes 5-8.
 * Sources: DO-260B 2.2.3.2.4; "The 1090 MHz Riddle", surface position chapter.
 *
 * ME bits: TC(1-5) MOV(6-12) S(13) TRK(14-20) T(21) F(22)
 *          LAT-CPR(23-39) LON-CPR(40-56)
 * MOV, ground speed in a non-linear table (DO-260B Table 2-19):
 *   0 not available, 1 stopped (< 0.125 kt),
 *   2-8     0.125 kt + 0.125 kt steps,  9-12   1 kt + 0.25 kt steps,
 *   13-38   2 kt + 0.5 kt steps,        39-93  15 kt + 1 kt steps,
 *   94-108  70 kt + 2 kt steps,         109-123 100 kt + 5 kt steps,
 *   124 >= 175 kt, 125-127 reserved.
 * TRK: ground track in 360/128 deg steps, valid only when S = 1.
 * No altitude: the aircraft is on the ground.
 */

const KNOTS_TO_KMH = 1.852;

export interface SurfacePosition {
  /** Null when movement is not available or reserved; 0 when stopped. */
  groundSpeedKmh: number | null;
  /** Raw 7-bit movement code, kept because 124 means "175 kt or more". */
  movementCode: number;
  /** True ground track; null when the status bit marks it invalid. */
  trackDeg: number | null;
  timeSync: boolean;
  cpr: CprFrame;
}

/** First code of each band of the movement table, its speed in kt, and the step in kt. */
const MOVEMENT_BANDS: ReadonlyArray<readonly [number, number, number]> = [
  [109, 100, 5],
  [94, 70, 2],
  [39, 15, 1],
  [13, 2, 0.5],
  [9, 1, 0.25],
  [2, 0.125, 0.125],
];

/** Ground speed in kt of a movement code, or null when not available. */
export function movementToKnots(movementCode: number): number | null {
  if (movementCode === 0 || movementCode > 124) {
    return null;
  }
  if (movementCode === 1) {
    return 0;
  }
  if (movementCode === 124) {
    return 175;
  }

  for (const [firstCode, firstKnots, stepKnots] of MOVEMENT_BANDS) {
    if (movementCode >= firstCode) {
      return firstKnots + (movementCode - firstCode) * stepKnots;
    }
  }
  return null;
}

export function decodeSurfacePosition(frame: Uint8Array): SurfacePosition {
  const movementCode = readMeBits(frame, 6, 7);
  const groundSpeedKt = movementToKnots(movementCode);
  const trackValid = readMeBits(frame, 13, 1) === 1;

  return {
    groundSpeedKmh: groundSpeedKt === null ? null : groundSpeedKt * KNOTS_TO_KMH,
    movementCode,
    trackDeg: trackValid ? (readMeBits(frame, 14, 7) * 360) / 128 : null,
    timeSync: readMeBits(frame, 21, 1) === 1,
    cpr: readCpr(frame, true),
  };
}
