import type { ApiClient, ItemList } from "../core/api-client.js";
import type { ReplayTrack } from "./position.js";

// One aircraft of GET /tracks/history. Each position is [time, lon, lat,
// altitudeM, groundSpeedKmh, trackDeg] in time order.
interface AircraftHistory {
  icaoAddress: string;
  callsign: string | null;
  registration: string | null;
  positions: Array<[string, number, number, number | null, number | null, number | null]>;
}

interface WindowHistory {
  thinning: { intervalS: number | null };
  aircraft: AircraftHistory[];
}

export interface ReplayTracks {
  tracks: ReplayTrack[];
  // Seconds between kept positions when the API thinned a crowded window, else null.
  thinnedToS: number | null;
}

export interface ReplayAlert {
  id: number;
  message: string;
  level: string;
  raisedAtMs: number;
  clearedAtMs: number | null;
}

// Fetches every aircraft with stored positions in [fromMs, toMs) in one
// request: the fleet, traffic live now, and traffic seen only in the past.
export async function loadReplayTracks(api: ApiClient, fromMs: number, toMs: number): Promise<ReplayTracks> {
  const history = await api.get<WindowHistory>("/tracks/history", { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() });

  const tracks = history.aircraft.map((aircraft) => ({
    icaoAddress: aircraft.icaoAddress,
    label: aircraft.callsign ?? aircraft.registration ?? aircraft.icaoAddress,
    timesMs: aircraft.positions.map(([time]) => Date.parse(time)),
    lonLats: aircraft.positions.map(([, lon, lat]) => [lon, lat] as [number, number]),
  }));
  return { tracks: tracks.sort((a, b) => a.label.localeCompare(b.label)), thinnedToS: history.thinning.intervalS };
}

// Fetches every alert in pages of 500 (the API's maximum) and keeps those
// open at some time in the window. An alert raised long before the window
// may still be open in it, so no page can be skipped.
export async function loadReplayAlerts(api: ApiClient, fromMs: number, toMs: number): Promise<ReplayAlert[]> {
  const pageSize = 500;
  const alerts: ReplayAlert[] = [];

  for (let offset = 0; ; offset += pageSize) {
    const page = await api.get<ItemList<{ id: number; message: string; level: string; raisedAt: string; clearedAt: string | null }>>("/alerts", { limit: pageSize, offset });
    for (const item of page.items) {
      const alert = { id: item.id, message: item.message, level: item.level, raisedAtMs: Date.parse(item.raisedAt), clearedAtMs: item.clearedAt ? Date.parse(item.clearedAt) : null };
      if (alert.raisedAtMs <= toMs && (alert.clearedAtMs === null || alert.clearedAtMs >= fromMs)) {
        alerts.push(alert);
      }
    }
    if (page.items.length < pageSize) {
      return alerts;
    }
  }
}

// Returns the alerts open at timeMs: raised by then and not yet cleared.
export function alertsAt(alerts: ReplayAlert[], timeMs: number): ReplayAlert[] {
  return alerts.filter((alert) => alert.raisedAtMs <= timeMs && (alert.clearedAtMs === null || alert.clearedAtMs > timeMs));
}
