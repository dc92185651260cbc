import { estimateEta, isNight, type EtaResult } from "../../coverage/model/index.js";
import { aircraftStatuses, loadFleet, toAircraftInputs, toBaseInput } from "../../coverage/fleet-query.js";
import type { Database } from "../../db/client.js";
import type { TrackingService } from "../../../tracking/service.js";
import { isFireKind } from "../candidates/capability.js";
import type { IncidentRow } from "../incidents/repository.js";
import { unprocessable } from "../../http/errors.js";

// A timeline note that starts with this records a dispatch against the model,
// followed by the reason codes, e.g. "override:night,endurance".
export const overrideNotePrefix = "override:";

// The model estimate of one aircraft to an incident at `nowMs`, as the
// candidate list showed it: with a bucket for fires, by night rules after
// dusk. Null when the aircraft has no home base.
export async function estimateMissionEta(
  database: Database,
  tracking: TrackingService | undefined,
  aircraftId: number,
  incident: IncidentRow,
  nowMs: number,
): Promise<EtaResult | null> {
  const fleet = await loadFleet(database, { cities: "all", statuses: aircraftStatuses, aircraftIds: [aircraftId] }, tracking, nowMs);
  const input = toAircraftInputs(fleet).inputs[0];
  if (!input) {
    return null;
  }
  return estimateEta(input, incident.lonLat, fleet.bases.map(toBaseInput), {
    withBucket: isFireKind(incident.kind),
    night: isNight(incident.lonLat, new Date(nowMs)),
  });
}

// Reasons that make the flight itself unsafe. Others, such as no_bucket for
// a fire, leave the choice of aircraft to the dispatcher.
const blockingReasons = new Set(["night", "out_of_range", "endurance"]);

// Rejects a mission that the model rates the aircraft unable to fly (night,
// range, endurance), unless the dispatcher overrides it. Returns the
// timeline note for an override, else null.
export function checkCanFly(eta: EtaResult | null, aircraftId: number, override: boolean): string | null {
  const codes = [...new Set((eta?.reasons ?? []).map((reason) => reason.code))].filter((code) => blockingReasons.has(code));
  if (codes.length === 0) {
    return null;
  }
  if (!override) {
    throw unprocessable({ code: "aircraft_unable", field: "aircraftId", value: aircraftId, expected: codes.join(", "), params: { reasons: codes.join(",") } });
  }
  return `${overrideNotePrefix}${codes.join(",")}`;
}
