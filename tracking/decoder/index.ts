/** Public API of the Mode S / ADS-B decoder; the tracking layer imports from here. */
export { decodeFrame } from './decode.js';
export { DecodeError, type DecodeErrorCode, type DecodeResult } from './errors.js';
export type * from './messages.js';
export type { AltitudeSource } from './airborne-position.js';
export type { AirspeedType, VerticalRateSource } from './velocity.js';
export { crc24, crcSyndrome } from './crc.js';
export { encodeCpr } from './position/cpr-encode.js';
export { bytesToHex, hexToBytes } from './hex.js';
export { isEmergencySquawk, isValidSquawk } from './squawk.js';
export { decodeCprGlobal, decodeCprLocal, numberOfLongitudeZones, type CprFrame } from './position/cpr.js';
export { CprPairer, type PositionFix, type PositionMethod, type PositionResolverOptions } from './position/resolver.js';
export { distanceKm, type LatLon } from './position/geo.js';
