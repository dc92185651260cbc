// One message's worth of state about one aircraft, in metric units, as every
// feed source hands it to the track table. Fields a message did not carry are
// left undefined; null means the message said "unknown".
export interface Observation {
  // ICAO 24-bit address as 6 upper-case hex digits.
  icaoAddress: string;
  // UTC epoch milliseconds of the message: the receiver's timestamp where the
  // feed has a trustworthy one, otherwise the arrival time.
  timeMs: number;
  sourceId: string;
  lonLat?: [number, number];
  altitudeM?: number | null;
  groundSpeedKmh?: number | null;
  trackDeg?: number | null;
  verticalRateMps?: number | null;
  squawk?: string | null;
  callsign?: string | null;
  onGround?: boolean | null;
  // ADS-B emitter category such as "A7" (rotorcraft), when identified.
  emitterCategory?: string | null;
}

// Reasons a feed line or an observation is rejected; counted per source.
export const rejectReasons = [
  "bad_crc",
  "unparseable",
  "out_of_range",
  "stale_timestamp",
  "implausible_jump",
  "duplicate",
  "unsupported",
] as const;
export type RejectReason = (typeof rejectReasons)[number];
