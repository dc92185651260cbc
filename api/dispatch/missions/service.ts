import { estimateEta, isNight } from "../../coverage/model/index.js";
import { aircraftStatuses, loadFleet, toAircraftInputs, toBaseInput } from "../../coverage/fleet-query.js";
import type { Database } from "../../db/client.js";
import type { TrackingService } from "../../../tracking/service.js";
import { isFireKind } from "../candidates/capability.js";
import type { IncidentRow } from "../incidents/repository.js";

// The model ETA of one aircraft to an incident at `nowMs`, as the candidate
// list showed it: with a bucket for fires, by night rules after dusk. Null
// when the aircraft has no home base or the outbound leg cannot be flown.
export async function estimateMissionEtaMin(
  database: Database,
  tracking: TrackingService | undefined,
  aircraftId: number,
  incident: IncidentRow,
  nowMs: number,
): Promise<number | null> {
  const fleet = await loadFleet(database, { cities: "all", statuses: aircraftStatuses, aircraftIds: [aircraftId] }, tracking, nowMs);
  const input = toAircraftInputs(fleet).inputs[0];
  if (!input) {
    return null;
  }
  const eta = estimateEta(input, incident.lonLat, fleet.bases.map(toBaseInput), {
    withBucket: isFireKind(incident.kind),
    night: isNight(incident.lonLat, new Date(nowMs)),
  });
  return eta.etaMin;
}
