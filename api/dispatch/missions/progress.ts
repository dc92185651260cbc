import { distanceKm, distanceToPolygonKm, type LonLat, type PolygonCoordinates } from "../../../tracking/alerts/geometry.js";
import type { MissionStatus } from "./transitions.js";

// The status changes that tracking makes by itself, as a pure function of
// the mission, the newest position and the bases.
//
//   dispatched -> airborne   ground speed above airborneSpeedKmh, or altitude
//                            more than airborneClimbM above the take-off reference
//   airborne|returning -> on_scene   within onSceneRadiusKm of the incident
//                            (of its fire-front polygon when there is one)
//   on_scene -> returning    farther than leaveSceneRadiusKm from the incident
//   airborne|on_scene|returning -> landed   within landedRadiusKm of a base, on
//                            the ground or slower than landedSpeedKmh, after
//                            having left the bases' surroundings on this flight

export interface ProgressOptions {
  airborneSpeedKmh: number;
  airborneClimbM: number;
  onSceneRadiusKm: number;
  leaveSceneRadiusKm: number;
  landedRadiusKm: number;
  landedSpeedKmh: number;
}

// Helicopters taxi and air-taxi below 50 km/h; 60 m is above the altitude
// noise of barometric ADS-B (25 ft steps) and GNSS trackers. The leave radius
// is wide because a bucket shuttle to distant water is still work on scene.
export const defaultProgressOptions: ProgressOptions = {
  airborneSpeedKmh: 50,
  airborneClimbM: 60,
  onSceneRadiusKm: 2,
  leaveSceneRadiusKm: 25,
  landedRadiusKm: 2,
  landedSpeedKmh: 30,
};

export interface ProgressMission {
  status: MissionStatus;
  incidentLonLat: LonLat;
  incidentArea: PolygonCoordinates | null;
  // The first altitude reported after dispatch, from the same sensor as the
  // later ones, so that no datum offset (pressure versus elevation) enters.
  takeOffAltitudeM: number | null;
  // The aircraft has been farther than twice landedRadiusKm from every base since take-off.
  leftBases: boolean;
}

export interface ProgressPosition {
  lonLat: LonLat;
  altitudeM: number | null;
  groundSpeedKmh: number | null;
  onGround: boolean | null;
}

export interface ProgressBase {
  id: number;
  lonLat: LonLat;
}

export interface ProgressStep {
  to: MissionStatus;
  landedBaseId?: number;
}

function sceneDistanceKm(mission: ProgressMission, lonLat: LonLat): number {
  return mission.incidentArea ? distanceToPolygonKm(lonLat, mission.incidentArea) : distanceKm(lonLat, mission.incidentLonLat);
}

function isAirborne(mission: ProgressMission, position: ProgressPosition, options: ProgressOptions): boolean {
  if (position.onGround === true) {
    return false;
  }
  if (position.groundSpeedKmh !== null && position.groundSpeedKmh > options.airborneSpeedKmh) {
    return true;
  }
  return position.altitudeM !== null && mission.takeOffAltitudeM !== null && position.altitudeM - mission.takeOffAltitudeM > options.airborneClimbM;
}

function landedBase(position: ProgressPosition, bases: readonly ProgressBase[], options: ProgressOptions): ProgressBase | null {
  const slow = position.onGround === true || (position.groundSpeedKmh !== null && position.groundSpeedKmh < options.landedSpeedKmh);
  if (!slow) {
    return null;
  }
  return bases.find((base) => distanceKm(position.lonLat, base.lonLat) <= options.landedRadiusKm) ?? null;
}

// Tells whether the position is far enough from every base to count as having left.
export function awayFromBases(lonLat: LonLat, bases: readonly ProgressBase[], options: ProgressOptions): boolean {
  return bases.every((base) => distanceKm(lonLat, base.lonLat) > 2 * options.landedRadiusKm);
}

// Returns the next status for this position, or null when it stays.
export function nextStatus(
  mission: ProgressMission,
  position: ProgressPosition,
  bases: readonly ProgressBase[],
  options: ProgressOptions = defaultProgressOptions,
): ProgressStep | null {
  const inFlight = mission.status === "airborne" || mission.status === "on_scene" || mission.status === "returning";

  if (mission.status === "dispatched") {
    return isAirborne(mission, position, options) ? { to: "airborne" } : null;
  }
  if (!inFlight) {
    return null;
  }

  if (mission.leftBases) {
    const base = landedBase(position, bases, options);
    if (base) {
      return { to: "landed", landedBaseId: base.id };
    }
  }

  const sceneKm = sceneDistanceKm(mission, position.lonLat);
  if ((mission.status === "airborne" || mission.status === "returning") && sceneKm <= options.onSceneRadiusKm) {
    return { to: "on_scene" };
  }
  if (mission.status === "on_scene" && sceneKm > options.leaveSceneRadiusKm) {
    return { to: "returning" };
  }
  return null;
}
