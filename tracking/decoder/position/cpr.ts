import { decoded, rejected, type DecodeResult } from '../errors.js';
import { distanceKm, KM_PER_NM, type LatLon } from './geo.js';

/**
 * Compact Position Reporting (CPR) decoding.
 * Sources: DO-260B Appendix A (A.1.7); ICAO Annex 10 Vol IV; "The 1090
 * MHz Riddle", airborne and surface position chapters.
 *
 * A position frame carries format F (0 even, 1 odd) and 17-bit lat/lon
 * CPR values that are fractions of a latitude zone (divide by 2^17).
 * NZ = 15 latitude zones per quadrant, so a zone is 360/60 = 6 deg (even)
 * or 360/59 deg (odd). Surface frames use the same bits over 90 deg
 * instead of 360, which gives 4x finer resolution but leaves the
 * quadrant ambiguous.
 */

export const CPR_MAX = 2 ** 17;

const LATITUDE_ZONES_PER_QUADRANT = 15;

/** Local decoding is unambiguous only within half a zone of the reference. */
export const LOCAL_RANGE_AIRBORNE_KM = 180 * KM_PER_NM;
export const LOCAL_RANGE_SURFACE_KM = 45 * KM_PER_NM;

export interface CprFrame {
  /** 0 even, 1 odd. */
  format: 0 | 1;
  /** Raw 17-bit CPR latitude, 0 ... 131071. */
  latCpr: number;
  /** Raw 17-bit CPR longitude, 0 ... 131071. */
  lonCpr: number;
  surface: boolean;
}

/**
 * Number of longitude zones NL at a latitude (DO-260B A.1.7.2 d):
 * floor(2 pi / acos(1 - (1 - cos(pi / (2 NZ))) / cos^2(pi lat / 180))).
 * NL(0) = 59, NL(+-87) = 2 as DO-260B states, and 1 above 87 deg.
 */
export function numberOfLongitudeZones(latDeg: number): number {
  const absLat = Math.abs(latDeg);
  if (absLat === 0) {
    return 59;
  }
  if (absLat === 87) {
    return 2;
  }
  if (absLat > 87) {
    return 1;
  }

  const cosLat = Math.cos((Math.PI / 180) * absLat);
  const numerator = 1 - Math.cos(Math.PI / (2 * LATITUDE_ZONES_PER_QUADRANT));
  return Math.floor((2 * Math.PI) / Math.acos(1 - numerator / (cosLat * cosLat)));
}

/** Modulo with a non-negative result, as DO-260B's MOD. */
export function positiveModulo(value: number, modulus: number): number {
  return value - modulus * Math.floor(value / modulus);
}

/**
 * Global (pair) decoding of an even and an odd frame from the same
 * aircraft, received within about 10 s of each other (the caller
 * checks the time). The newer frame's format decides which latitude
 * and longitude are returned, so the result moves by up to ~1 km with
 * it. A surface pair needs a reference (receiver, airport or last
 * airborne fix) to choose among 2 latitude and 4 longitude candidates.
 *
 * Rejects: surface frame with airborne frame (`surface_airborne_mix`),
 * a pair straddling a longitude-zone boundary, NL(latEven) != NL(latOdd)
 * (`zone_mismatch`), |lat| > 90 (`out_of_range`), surface pair without
 * reference (`no_reference`).
 */
export function decodeCprGlobal(
  even: CprFrame,
  odd: CprFrame,
  newerFormat: 0 | 1,
  reference: LatLon | null = null,
): DecodeResult<LatLon> {
  if (even.surface !== odd.surface) {
    return rejected('surface_airborne_mix', {
      field: 'cpr',
      expected: 'two surface or two airborne frames',
      got: 'one of each',
      messageZh: 'CPR 配对失败：地面位置帧不能与空中位置帧配对',
    });
  }
  if (even.surface && reference === null) {
    return rejected('no_reference', {
      field: 'reference',
      expected: 'a reference position for a surface pair',
      got: 'none',
      messageZh: '地面位置解码需要参考位置',
    });
  }

  const span = even.surface ? 90 : 360;
  const latEvenFraction = even.latCpr / CPR_MAX;
  const latOddFraction = odd.latCpr / CPR_MAX;
  const j = Math.floor(59 * latEvenFraction - 60 * latOddFraction + 0.5);

  let latEven = (span / 60) * (positiveModulo(j, 60) + latEvenFraction);
  let latOdd = (span / 59) * (positiveModulo(j, 59) + latOddFraction);
  if (even.surface) {
    // Surface latitudes come out in 0 ... 90; the southern candidate is lat - 90.
    if (reference !== null && Math.abs(latEven - 90 - reference.latDeg) < Math.abs(latEven - reference.latDeg)) {
      latEven -= 90;
      latOdd -= 90;
    }
  } else {
    if (latEven >= 270) {
      latEven -= 360;
    }
    if (latOdd >= 270) {
      latOdd -= 360;
    }
  }

  const latDeg = newerFormat === 0 ? latEven : latOdd;
  if (Math.abs(latDeg) > 90) {
    return rejected('out_of_range', {
      field: 'latitude',
      expected: 'a latitude within -90 ... 90 deg',
      got: latDeg.toFixed(4),
      messageZh: `CPR 解码纬度超出范围：${latDeg.toFixed(4)}`,
    });
  }

  const zonesEven = numberOfLongitudeZones(latEven);
  const zonesOdd = numberOfLongitudeZones(latOdd);
  if (zonesEven !== zonesOdd) {
    return rejected('zone_mismatch', {
      field: 'cpr',
      expected: 'even and odd frames in the same longitude zone count',
      got: `NL(lat even) = ${zonesEven}, NL(lat odd) = ${zonesOdd}`,
      messageZh: `CPR 配对跨越经度分区边界（NL ${zonesEven} 与 ${zonesOdd}），等待下一对`,
    });
  }

  const newer = newerFormat === 0 ? even : odd;
  const zones = zonesEven;
  const longitudeZones = Math.max(zones - newerFormat, 1);
  const lonEvenFraction = even.lonCpr / CPR_MAX;
  const lonOddFraction = odd.lonCpr / CPR_MAX;
  const m = Math.floor(lonEvenFraction * (zones - 1) - lonOddFraction * zones + 0.5);
  let lonDeg = (span / longitudeZones) * (positiveModulo(m, longitudeZones) + newer.lonCpr / CPR_MAX);

  if (even.surface && reference !== null) {
    lonDeg = nearestSurfaceLongitude(lonDeg, reference.lonDeg);
  } else if (lonDeg >= 180) {
    lonDeg -= 360;
  }

  return decoded({ latDeg, lonDeg });
}

/** Chooses among lon, lon + 90, lon + 180, lon + 270 the one nearest the reference. */
function nearestSurfaceLongitude(lonDeg: number, referenceLonDeg: number): number {
  let best = lonDeg;
  let bestDistance = Infinity;
  for (let quadrant = 0; quadrant < 4; quadrant++) {
    const candidate = positiveModulo(lonDeg + 90 * quadrant + 180, 360) - 180;
    const distance = Math.abs(positiveModulo(candidate - referenceLonDeg + 180, 360) - 180);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * Local decoding of one frame against a reference position that is
 * within 180 NM (airborne) or 45 NM (surface) of the aircraft: the last
 * known fix or the receiver.
 *
 * DO-260B writes j = floor(ref / dLat) + floor(MOD(ref, dLat) / dLat -
 * cpr + 1/2). Evaluating the two terms separately picks the wrong zone
 * in floating point when the reference sits exactly on a zone edge, so
 * the equivalent single floor is used.
 *
 * Rejects with `reference_too_far` when the result lies farther from
 * the reference than the limit, which means the reference cannot be
 * trusted for this aircraft.
 */
export function decodeCprLocal(frame: CprFrame, reference: LatLon): DecodeResult<LatLon> {
  const span = frame.surface ? 90 : 360;
  const latZoneSize = span / (60 - frame.format);
  const latFraction = frame.latCpr / CPR_MAX;
  const latIndex = Math.floor(reference.latDeg / latZoneSize - latFraction + 0.5);
  const latDeg = latZoneSize * (latIndex + latFraction);

  const lonZoneSize = span / Math.max(numberOfLongitudeZones(latDeg) - frame.format, 1);
  const lonFraction = frame.lonCpr / CPR_MAX;
  const lonIndex = Math.floor(reference.lonDeg / lonZoneSize - lonFraction + 0.5);
  let lonDeg = lonZoneSize * (lonIndex + lonFraction);
  if (lonDeg >= 180) {
    lonDeg -= 360;
  } else if (lonDeg < -180) {
    lonDeg += 360;
  }

  const position = { latDeg, lonDeg };
  const limitKm = frame.surface ? LOCAL_RANGE_SURFACE_KM : LOCAL_RANGE_AIRBORNE_KM;
  const rangeKm = distanceKm(reference, position);
  if (rangeKm > limitKm || Math.abs(latDeg) > 90) {
    return rejected('reference_too_far', {
      field: 'reference',
      expected: `a result within ${Math.round(limitKm)} km of the reference`,
      got: `${Math.round(rangeKm)} km`,
      messageZh: `本地 CPR 解码结果距参考位置 ${Math.round(rangeKm)} km，超过 ${Math.round(limitKm)} km`,
    });
  }
  return decoded(position);
}
