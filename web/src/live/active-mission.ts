import type { ApiClient, ItemList } from "../core/api-client.js";
import type { AssetContext } from "../assets/catalog.js";
import type { Aircraft } from "../assets/types.js";

// An active mission as GET /api/v1/missions lists it, with only the fields
// the aircraft popup shows. Times are UTC ISO strings; estimatedEtaMin is
// counted from dispatch.
export interface ActiveMission {
  id: number;
  status: string;
  incidentId: number;
  incidentKind: string;
  estimatedEtaMin: number | null;
  dispatchedAt: string | null;
  onSceneAt: string | null;
  arrivalMin: number | null;
}

// Looks up the active mission of a live aircraft by ICAO address. Returns null
// at once for traffic outside the fleet, which has no missions.
export type MissionLoader = (icaoAddress: string) => Promise<ActiveMission | null> | null;

// Builds the loader the popup calls on open and while it stays open. Each
// call also reads the aircraft's registry record again and copies its status
// into the console's registry copy, because a mission's start and end change
// that status and the popup's status row reads it from there.
export function activeMissionLoader(api: ApiClient, context: AssetContext): MissionLoader {
  return (icaoAddress) => {
    const aircraft = context.aircraft.find((candidate) => candidate.icaoAddress === icaoAddress);
    if (!aircraft) {
      return null;
    }
    return loadActiveMission(api, aircraft);
  };
}

async function loadActiveMission(api: ApiClient, aircraft: Aircraft): Promise<ActiveMission | null> {
  const [missions, record] = await Promise.all([
    api.get<ItemList<ActiveMission>>("/missions", { aircraftId: aircraft.id, active: "true", limit: 1 }),
    api.get<Aircraft>(`/aircraft/${aircraft.id}`),
  ]);
  aircraft.status = record.status;
  return missions.items[0] ?? null;
}
