/** Public API of the wire-format parsers and encoders; the source layer imports from here. */
export { parseAvrLine, type AvrFrame, type AvrFrameKind } from './avr.js';
export { BeastFramer, readSignalDbfs, type BeastFrame, type BeastFrameKind, type BeastFramerStats } from './beast.js';
export { CounterClock, elapsedTicks, readGpsTimestamp, signedElapsedTicks, TICKS_PER_SECOND } from './beast-clock.js';
export { parseSbsLine, type SbsMessage, type SbsOptions, type SbsSource } from './sbs.js';
export type { SbsDateTime } from './sbs-time.js';
export { parseAircraftJson, type AircraftJsonSnapshot, type AircraftJsonState, type FieldRejection } from './aircraft-json.js';
export { DuplicateFilter } from './duplicate-filter.js';
export { reject, rejectionFromDecodeError, type ParseResult, type RejectReason, type Rejection } from './rejection.js';
export {
  encodeAirbornePositionFrame,
  encodeAirbornePositionPair,
  encodeAirborneVelocityFrame,
  encodeIdentificationFrame,
  type AirbornePositionInput,
  type AirborneVelocityInput,
  type IdentificationInput,
} from './encode/adsb-encoder.js';
export { formatAvrLine } from './encode/avr-encoder.js';
export { formatSbsAirbornePosition, formatSbsVelocity } from './encode/sbs-encoder.js';
export { EncodeError, type EncodeErrorCode } from './encode/encode-error.js';
