import { readMeBits } from './bits.js';

/**
 * Airborne velocity, ADS-B type code 19.
 * Sources: DO-260B 2.2.3.2.6; "The 1090 MHz Riddle", airborne velocity
 * chapter; dump1090-fa mode_s.c for the vertical-rate source bit.
 *
 * ME bits: TC(1-5) ST(6-8) IC(9) IFR(10) NUCv/NACv(11-13)
 *   ST 1/2, ground speed:  Dew(14) Vew(15-24) Dns(25) Vns(26-35)
 *     Vx = +-(Vew - 1) kt, east positive; Vy = +-(Vns - 1) kt, north
 *     positive; x4 for ST 2 (supersonic). A raw 0 means not available.
 *     Ground speed = sqrt(Vx^2 + Vy^2), track = atan2(Vx, Vy) mod 360.
 *   ST 3/4, air speed:  SH(14) HDG(15-24) T(25) AS(26-35)
 *     Magnetic heading = HDG * 360/1024 deg if SH = 1; airspeed = AS - 1 kt
 *     (x4 for ST 4), T: 0 IAS, 1 TAS. These subtypes have no ground track.
 *   VrSrc(36): 0 GNSS, 1 barometric (dump1090, pyModeS and the Riddle
 *     book agree; rs1090 and sdre-rust-adsb-parser read it the other way).
 *   Svr(37) VR(38-46): +-64 * (VR - 1) ft/min, VR 0 not available, down if Svr = 1.
 *   SDif(49) dAlt(50-56): GNSS minus barometric altitude, +-25 * (dAlt - 1) ft,
 *     negative if SDif = 1, dAlt 0 not available.
 */

const KNOTS_TO_KMH = 1.852;
const FEET_PER_MINUTE_TO_MPS = 0.00508;
const FEET_TO_M = 0.3048;

export type VerticalRateSource = 'gnss' | 'barometric';
export type AirspeedType = 'ias' | 'tas';

export interface AirborneVelocity {
  subtype: number;
  /** Subtypes 1/2 only. */
  groundSpeedKmh: number | null;
  /** True track over ground, subtypes 1/2 only. */
  trackDeg: number | null;
  /** Magnetic heading, subtypes 3/4 only; 0 is a valid heading. */
  headingDeg: number | null;
  /** Subtypes 3/4 only. */
  airspeedKmh: number | null;
  airspeedType: AirspeedType | null;
  /** Positive up. */
  verticalRateMps: number | null;
  verticalRateSource: VerticalRateSource;
  gnssMinusBaroM: number | null;
}

export function decodeAirborneVelocity(frame: Uint8Array): AirborneVelocity {
  const subtype = readMeBits(frame, 6, 3);
  const velocity: AirborneVelocity = {
    subtype,
    groundSpeedKmh: null,
    trackDeg: null,
    headingDeg: null,
    airspeedKmh: null,
    airspeedType: null,
    verticalRateMps: decodeVerticalRateMps(frame),
    verticalRateSource: readMeBits(frame, 36, 1) === 1 ? 'barometric' : 'gnss',
    gnssMinusBaroM: decodeGnssMinusBaroM(frame),
  };

  if (subtype === 1 || subtype === 2) {
    decodeGroundVelocity(frame, subtype === 2 ? 4 : 1, velocity);
  } else if (subtype === 3 || subtype === 4) {
    decodeAirVelocity(frame, subtype === 4 ? 4 : 1, velocity);
  }
  return velocity;
}

function decodeGroundVelocity(frame: Uint8Array, scale: number, velocity: AirborneVelocity): void {
  const eastWestRaw = readMeBits(frame, 15, 10);
  const northSouthRaw = readMeBits(frame, 26, 10);
  if (eastWestRaw === 0 || northSouthRaw === 0) {
    return;
  }

  const eastKt = (readMeBits(frame, 14, 1) === 1 ? -1 : 1) * (eastWestRaw - 1) * scale;
  const northKt = (readMeBits(frame, 25, 1) === 1 ? -1 : 1) * (northSouthRaw - 1) * scale;
  const track = (Math.atan2(eastKt, northKt) * 180) / Math.PI;

  velocity.groundSpeedKmh = Math.hypot(eastKt, northKt) * KNOTS_TO_KMH;
  velocity.trackDeg = track < 0 ? track + 360 : track;
}

function decodeAirVelocity(frame: Uint8Array, scale: number, velocity: AirborneVelocity): void {
  if (readMeBits(frame, 14, 1) === 1) {
    velocity.headingDeg = (readMeBits(frame, 15, 10) * 360) / 1024;
  }

  const airspeedRaw = readMeBits(frame, 26, 10);
  if (airspeedRaw !== 0) {
    velocity.airspeedKmh = (airspeedRaw - 1) * scale * KNOTS_TO_KMH;
    velocity.airspeedType = readMeBits(frame, 25, 1) === 1 ? 'tas' : 'ias';
  }
}

function decodeVerticalRateMps(frame: Uint8Array): number | null {
  const raw = readMeBits(frame, 38, 9);
  if (raw === 0) {
    return null;
  }
  const sign = readMeBits(frame, 37, 1) === 1 ? -1 : 1;
  return sign * (raw - 1) * 64 * FEET_PER_MINUTE_TO_MPS;
}

function decodeGnssMinusBaroM(frame: Uint8Array): number | null {
  const raw = readMeBits(frame, 50, 7);
  if (raw === 0) {
    return null;
  }
  const sign = readMeBits(frame, 49, 1) === 1 ? -1 : 1;
  return sign * (raw - 1) * 25 * FEET_TO_M;
}
