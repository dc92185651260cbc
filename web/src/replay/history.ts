import type { Aircraft } from "../assets/types.js";
import type { ApiClient, FeatureCollection, ItemList } from "../core/api-client.js";
import type { ReplayTrack } from "./position.js";

interface HistoryFeature {
  geometry: { coordinates: Array<[number, number, number | null]> };
  properties: { icaoAddress: string; times: string[]; count: number };
}

export interface ReplayAlert {
  id: number;
  message: string;
  level: string;
  raisedAtMs: number;
  clearedAtMs: number | null;
}

// Requests in flight at once while fetching tracks, to keep the API's
// connection pool free for other users.
const parallelRequests = 6;

// Returns the addresses to ask history for: the fleet's and those live now.
// NOTE: other traffic that is no longer live is not replayed, because the
// API has no route listing the addresses with positions in a window.
async function candidateAddresses(api: ApiClient): Promise<Map<string, string>> {
  const [fleet, live] = await Promise.all([
    api.getAllItems<Aircraft>("/aircraft"),
    api.get<FeatureCollection<{ icaoAddress: string; callsign?: string | null }>>("/tracks"),
  ]);

  const labels = new Map<string, string>();
  for (const aircraft of fleet) {
    if (aircraft.icaoAddress) {
      labels.set(aircraft.icaoAddress, aircraft.callsign ?? aircraft.registration);
    }
  }
  for (const feature of live.features) {
    const icao = feature.properties.icaoAddress;
    if (!labels.has(icao)) {
      labels.set(icao, feature.properties.callsign ?? icao);
    }
  }
  return labels;
}

// Fetches the stored history of every candidate aircraft in the window and
// keeps those with at least one position.
export async function loadReplayTracks(api: ApiClient, fromMs: number, toMs: number): Promise<ReplayTrack[]> {
  const labels = await candidateAddresses(api);
  const query = { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() };
  const queue = [...labels.keys()];
  const tracks: ReplayTrack[] = [];

  const worker = async () => {
    for (let icao = queue.shift(); icao !== undefined; icao = queue.shift()) {
      const history = await api.get<HistoryFeature>(`/tracks/${icao}`, query);
      if (history.properties.count === 0) {
        continue;
      }
      tracks.push({
        icaoAddress: icao,
        label: labels.get(icao) ?? icao,
        timesMs: history.properties.times.map((time) => Date.parse(time)),
        lonLats: history.geometry.coordinates.map(([lon, lat]) => [lon, lat]),
      });
    }
  };
  await Promise.all(Array.from({ length: parallelRequests }, worker));
  return tracks.sort((a, b) => a.label.localeCompare(b.label));
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
