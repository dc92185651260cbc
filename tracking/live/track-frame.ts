import type { FleetAircraft } from "../tracks/fleet.js";
import type { TrackState } from "../tracks/track-table.js";

// The fields of one aircraft in a WebSocket frame and in GET /api/v1/tracks.
// The list is the contract with the console; a test fails when a frame
// carries a field not declared here.
export const trackFrameFields = [
  "icaoAddress",
  "callsign",
  "registration",
  "fleet",
  "aircraftId",
  "category",
  "emitterCategory",
  "lonLat",
  "altitudeM",
  "groundSpeedKmh",
  "trackDeg",
  "verticalRateMps",
  "squawk",
  "onGround",
  "lastSeen",
  "positionTime",
  "stale",
  "source",
] as const;

export type TrackFrame = Record<(typeof trackFrameFields)[number], unknown> & {
  icaoAddress: string;
  lonLat: [number, number] | null;
  fleet: boolean;
};

// ADS-B emitter category A7 is "rotorcraft"; other A categories are fixed wing.
function categoryOf(track: TrackState, fleet: FleetAircraft | null): string | null {
  if (fleet) {
    return fleet.category;
  }
  if (track.emitterCategory === "A7") {
    return "helicopter";
  }
  return track.emitterCategory?.startsWith("A") ? "fixed_wing" : null;
}

export function presentTrack(track: TrackState, fleet: FleetAircraft | null): TrackFrame {
  return {
    icaoAddress: track.icaoAddress,
    callsign: track.callsign?.trim() || fleet?.callsign || null,
    registration: fleet?.registration ?? null,
    fleet: fleet !== null,
    aircraftId: fleet?.aircraftId ?? null,
    category: categoryOf(track, fleet),
    emitterCategory: track.emitterCategory,
    lonLat: track.lonLat,
    altitudeM: track.altitudeM,
    groundSpeedKmh: track.groundSpeedKmh,
    trackDeg: track.trackDeg,
    verticalRateMps: track.verticalRateMps,
    squawk: track.squawk,
    onGround: track.onGround,
    lastSeen: new Date(track.lastSeenMs).toISOString(),
    positionTime: track.positionTimeMs === null ? null : new Date(track.positionTimeMs).toISOString(),
    stale: track.stale,
    source: track.sourceId,
  };
}
