export const missionStatuses = ["requested", "dispatched", "airborne", "on_scene", "returning", "landed", "closed", "cancelled"] as const;
export type MissionStatus = (typeof missionStatuses)[number];

// Statuses in which the mission keeps its aircraft: the aircraft is
// on_mission and cannot be assigned again. The partial unique index
// missions_active_aircraft_key lists the same statuses.
export const activeStatuses: readonly MissionStatus[] = ["requested", "dispatched", "airborne", "on_scene", "returning"];

// Allowed status changes, by hand or by tracking. A mission is cancelled
// only before take-off; once airborne it ends by landing. returning goes back
// to on_scene when the aircraft comes back over the scene, as on a bucket shuttle
// to distant water.
export const allowedTransitions: Record<MissionStatus, readonly MissionStatus[]> = {
  requested: ["dispatched", "cancelled"],
  dispatched: ["airborne", "cancelled"],
  airborne: ["on_scene", "returning", "landed"],
  on_scene: ["returning", "landed"],
  returning: ["on_scene", "landed"],
  landed: ["closed"],
  closed: [],
  cancelled: [],
};

export function canTransition(from: MissionStatus, to: MissionStatus): boolean {
  return allowedTransitions[from].includes(to);
}

export function isActive(status: MissionStatus): boolean {
  return activeStatuses.includes(status);
}
