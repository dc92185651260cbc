import { CPR_MAX, numberOfLongitudeZones, positiveModulo, type CprFrame } from './cpr.js';

/**
 * CPR encoding of a position, the inverse of cpr.ts.
 * Source: DO-260B Appendix A (A.1.7.1), 17-bit airborne and surface
 * encoding:
 *   dLat = span / (60 - F)          span = 360 airborne, 90 surface
 *   YZ   = floor(2^17 * MOD(lat, dLat) / dLat + 1/2)
 *   Rlat = dLat * (YZ / 2^17 + floor(lat / dLat))
 *   dLon = span / max(NL(Rlat) - F, 1)
 *   XZ   = floor(2^17 * MOD(lon, dLon) / dLon + 1/2)
 * and both values are sent MOD 2^17.
 */
export function encodeCpr(latDeg: number, lonDeg: number, format: 0 | 1, surface = false): CprFrame {
  const span = surface ? 90 : 360;
  const latZoneSize = span / (60 - format);
  const latCprUnwrapped = Math.floor((CPR_MAX * positiveModulo(latDeg, latZoneSize)) / latZoneSize + 0.5);
  const latOnGrid = latZoneSize * (latCprUnwrapped / CPR_MAX + Math.floor(latDeg / latZoneSize));

  const lonZoneSize = span / Math.max(numberOfLongitudeZones(latOnGrid) - format, 1);
  const lonCprUnwrapped = Math.floor((CPR_MAX * positiveModulo(lonDeg, lonZoneSize)) / lonZoneSize + 0.5);

  return {
    format,
    latCpr: latCprUnwrapped % CPR_MAX,
    lonCpr: lonCprUnwrapped % CPR_MAX,
    surface,
  };
}
