import { ApiError } from "../http/errors.js";
import type { AppDeps } from "../http/context.js";
import {
  findUnknownAircraftIds,
  loadFleet,
  toAircraftInputs,
  toBaseInput,
  type AircraftRecord,
  type FleetSnapshot,
} from "./fleet-query.js";
import { estimateEta, type EtaResult, type LonLat } from "./model/index.js";
import { isNightMission } from "./night.js";
import { toFleetFilter, type MissionRequest } from "./options.js";

export interface RankedEta {
  result: EtaResult;
  record: AircraftRecord;
  night: boolean;
  airborne: boolean;
  startLonLat: LonLat;
}

export interface EtaRanking {
  targetLonLat: LonLat;
  request: MissionRequest;
  ranked: RankedEta[];
  snapshot: FleetSnapshot;
  withoutHomeBase: AircraftRecord[];
}

/**
 * Ranks every selected aircraft by ETA to `targetLonLat`. Day or night is
 * decided per aircraft (night.ts), so each aircraft is estimated on its own
 * and the list is sorted as rankByEta sorts: able first, then by ETA, then id.
 */
export async function rankFleetByEta(
  deps: AppDeps,
  request: MissionRequest,
  targetLonLat: LonLat,
  ownCity: string,
  nowMs: number,
): Promise<EtaRanking> {
  await rejectUnknownAircraft(deps, request.aircraftIds);

  const snapshot = await loadFleet(deps.database, toFleetFilter(request, ownCity), deps.tracking, nowMs);
  const { inputs, withoutHomeBase } = toAircraftInputs(snapshot);
  const bases = snapshot.bases.map(toBaseInput);
  const recordsById = new Map(snapshot.aircraft.map((record) => [String(record.id), record]));

  const ranked = inputs.map((aircraft): RankedEta => {
    const night = isNightMission(request.night, aircraft.startLonLat, targetLonLat);
    return {
      result: estimateEta(aircraft, targetLonLat, bases, { ...request.eta, night }),
      record: recordsById.get(aircraft.id)!,
      night,
      airborne: aircraft.airborne,
      startLonLat: aircraft.startLonLat,
    };
  });
  ranked.sort((first, second) => compareEta(first.result, second.result));

  return { targetLonLat, request, ranked, snapshot, withoutHomeBase };
}

/** Rejects aircraft ids in the filter that the registry does not contain. */
export async function rejectUnknownAircraft(deps: AppDeps, aircraftIds: readonly number[] | null): Promise<void> {
  const unknown = await findUnknownAircraftIds(deps.database, aircraftIds ?? []);
  if (unknown.length > 0) {
    throw new ApiError(
      422,
      unknown.map((id) => ({ code: "reference_not_found", field: "aircraftIds", value: id })),
    );
  }
}

function compareEta(first: EtaResult, second: EtaResult): number {
  if (first.status !== second.status) {
    return first.status === "ok" ? -1 : 1;
  }

  const firstEtaMin = first.etaMin ?? Number.POSITIVE_INFINITY;
  const secondEtaMin = second.etaMin ?? Number.POSITIVE_INFINITY;
  if (firstEtaMin !== secondEtaMin) {
    return firstEtaMin - secondEtaMin;
  }
  return Number(first.aircraftId) - Number(second.aircraftId);
}
