import type { MissionRequest } from "./options.js";

/**
 * Presents the mission options a coverage, ETA, scenario, siting or
 * mutual-aid response was computed with. `night` is whether the model flew
 * by night, or null where each aircraft decides it at its own time (ETA).
 */
export function presentOptions(request: MissionRequest, night: boolean | null) {
  return {
    targetMin: request.eta.targetMin,
    reserveMin: request.eta.reserveMin,
    approvalDelayMin: request.eta.approvalDelayMin,
    onSceneMin: request.eta.onSceneMin,
    wind: request.eta.wind === null ? null : { fromDeg: request.eta.wind.fromDeg, speedKmh: request.eta.wind.speedKmh },
    withBucket: request.eta.withBucket,
    time: request.night.kind === "time" ? request.night.at.toISOString() : null,
    night,
    cities: request.cities,
    includeStatuses: request.statuses,
  };
}
