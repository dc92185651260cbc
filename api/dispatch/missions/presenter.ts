import type { MissionEventRow, MissionRow } from "./repository.js";

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

function round1(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10) / 10;
}

export function presentMissionEvent(event: MissionEventRow) {
  return {
    id: event.id,
    time: iso(event.timeMs),
    fromStatus: event.fromStatus,
    toStatus: event.toStatus,
    actor: event.actor,
    note: event.note,
  };
}

// Lists every field of a mission that goes out; the timeline only when given.
export function presentMission(mission: MissionRow, events?: MissionEventRow[]) {
  return {
    id: mission.id,
    incidentId: mission.incidentId,
    incidentKind: mission.incidentKind,
    aircraftId: mission.aircraftId,
    registration: mission.registration,
    callsign: mission.callsign,
    icaoAddress: mission.icaoAddress,
    patrolRouteId: mission.patrolRouteId,
    status: mission.status,
    estimatedEtaMin: round1(mission.estimatedEtaMin),
    targetMin: mission.targetMin,
    requestedAt: iso(mission.requestedAtMs),
    dispatchedAt: iso(mission.dispatchedAtMs),
    airborneAt: iso(mission.airborneAtMs),
    onSceneAt: iso(mission.onSceneAtMs),
    arrivalMin: round1(mission.arrivalMin),
    landedAt: iso(mission.landedAtMs),
    landedBaseId: mission.landedBaseId,
    endedAt: iso(mission.endedAtMs),
    createdBy: mission.createdBy,
    city: mission.city,
    ...(events ? { timeline: events.map(presentMissionEvent) } : {}),
  };
}
