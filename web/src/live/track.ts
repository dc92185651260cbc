// One aircraft as the live feed (/ws) sends it. Units are in the names;
// lonLat is GeoJSON order.
export interface Track {
  icaoAddress: string;
  callsign: string | null;
  registration: string | null;
  fleet: boolean;
  category: "helicopter" | "fixed_wing" | "drone" | null;
  lonLat: [number, number];
  altitudeM: number | null;
  groundSpeedKmh: number | null;
  trackDeg: number | null;
  verticalRateMps: number | null;
  squawk: string | null;
  onGround: boolean;
  lastSeen: string;
  stale: boolean;
  source: string | null;
}

// The name a marker and its popup show: callsign, else registration, else ICAO address.
export function displayName(track: Track): string {
  return track.callsign ?? track.registration ?? track.icaoAddress;
}

export type LiveFrame =
  | { type: "snapshot"; aircraft: Track[] }
  | { type: "delta"; aircraft: Track[]; removed: string[] };

function isTrack(value: unknown): value is Track {
  const track = value as Partial<Track> | null;
  if (typeof track !== "object" || track === null) {
    return false;
  }
  if (typeof track.icaoAddress !== "string" || !Array.isArray(track.lonLat) || track.lonLat.length !== 2) {
    return false;
  }
  const [lon, lat] = track.lonLat;
  return Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lat!) <= 90 && Math.abs(lon!) <= 180;
}

// Parses one frame. Returns null for a frame we cannot use (bad JSON or an
// unknown type); tracks without an address or a valid position are dropped
// and counted in `dropped`.
export function parseFrame(text: string): { frame: LiveFrame; dropped: number } | null {
  let data: { type?: unknown; aircraft?: unknown; removed?: unknown } | null;
  try {
    data = JSON.parse(text) as typeof data;
  } catch {
    return null;
  }

  if (typeof data !== "object" || data === null) {
    return null;
  }
  if (data.type !== "snapshot" && data.type !== "delta") {
    return null;
  }

  const raw = Array.isArray(data.aircraft) ? data.aircraft : [];
  const aircraft = raw.filter(isTrack);
  const dropped = raw.length - aircraft.length;
  if (data.type === "snapshot") {
    return { frame: { type: "snapshot", aircraft }, dropped };
  }

  const removed = Array.isArray(data.removed) ? data.removed.filter((id): id is string => typeof id === "string") : [];
  return { frame: { type: "delta", aircraft, removed }, dropped };
}
