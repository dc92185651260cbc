import { polygonContains, type PolygonCoordinates } from "../alerts/geometry.js";
import type { HomeBase, SimulatedAircraft, SimulatedState } from "./flight.js";
import { groundSegment, legSegment, orbitSegment, patrolSegment, type AltitudeProfile, type FlightSegment } from "./flight-plan.js";
import { GeodesicPath, geodesicDestination, geodesicDistanceM, nearestPointOnPolyline } from "./geodesic-path.js";

/**
 * Plans a mission flight as a dispatched aircraft flies it. The aircraft
 * flies from where it is to the scene at cruise speed and climbs to its
 * cruise altitude. It orbits over the scene, flies back to its home base
 * with a descent to land, waits on the ground for a turnaround, and climbs
 * back onto its patrol path.
 */

/** Destination of a mission: the incident's point, or its fire-front polygon. */
export interface MissionTarget {
  lonLat: [number, number];
  /** GeoJSON Polygon coordinates of the fire front, outer ring first; null for a point incident. */
  area: PolygonCoordinates | null;
}

export interface MissionFlightOptions {
  /** Simulated seconds of orbit over the scene before the return. */
  holdOnSceneS: number;
  /** Simulated seconds on the ground at the home base before the patrol resumes. */
  turnaroundS: number;
  /** Radius of the orbit over the scene; the orbit passes through the scene point. */
  orbitRadiusM: number;
  climbRateMps: number;
  descentRateMps: number;
}

// Demo estimates, not type data: the registry has no scene time, climb or
// descent rate. 5 m/s (about 1000 ft/min) is a normal climb for the fleet's
// helicopters and light fixed-wing types. An 800 m orbit keeps the whole
// circle within 1.6 km of the scene point, inside the 2 km on-scene radius
// that tracking applies.
export const defaultMissionFlightOptions: MissionFlightOptions = {
  holdOnSceneS: 10 * 60,
  turnaroundS: 15 * 60,
  orbitRadiusM: 800,
  climbRateMps: 5,
  descentRateMps: 4,
};

/** Corners of the orbit; chords of a 36-gon stay within 1 % of the radius from the circle. */
const ORBIT_POINTS = 36;

/**
 * Returns the point the aircraft flies to: the incident point, or for a fire
 * front the point of its outer ring nearest to `fromLonLat` (the aircraft's
 * own position when it is already inside).
 */
export function sceneTarget(fromLonLat: readonly [number, number], target: MissionTarget): [number, number] {
  const outerRing = target.area?.[0];
  if (target.area === null || outerRing === undefined || outerRing.length < 2) {
    return target.lonLat;
  }
  if (polygonContains(fromLonLat, target.area)) {
    return [fromLonLat[0], fromLonLat[1]];
  }
  return nearestPointOnPolyline(outerRing.map((point) => [point[0]!, point[1]!] as const), fromLonLat);
}

/** Plans the whole mission from `from` at `startMs`: outbound, orbit, return, turnaround and patrol. */
export function planMissionFlight(aircraft: SimulatedAircraft, home: HomeBase, from: SimulatedState, target: MissionTarget, startMs: number, options: MissionFlightOptions): FlightSegment[] {
  const scene = sceneTarget(from.lonLat, target);
  const climb = { cruiseM: aircraft.altitudeM, climbRateMps: options.climbRateMps, descentRateMps: options.descentRateMps };
  const outbound = legSegment("outbound", from.lonLat, scene, startMs, aircraft.groundSpeedKmh, { ...climb, fromM: from.altitudeM, toM: null });

  const arrivalMs = outbound?.endMs ?? startMs;
  const arrival = outbound?.stateAt(arrivalMs) ?? from;
  const orbitPath = orbitThrough(scene, arrival.trackDeg, options.orbitRadiusM);
  const orbit = orbitSegment(orbitPath, arrivalMs, options.holdOnSceneS * 1000, aircraft.groundSpeedKmh, arrival.altitudeM);

  const back = planReturnHome(aircraft, home, orbit.stateAt(orbit.endMs), orbit.endMs, options);
  return [...(outbound ? [outbound] : []), orbit, ...back];
}

/** Plans the way home from `from` at `startMs`: return leg with descent, turnaround, climb back onto the patrol path. */
export function planReturnHome(aircraft: SimulatedAircraft, home: HomeBase, from: SimulatedState, startMs: number, options: MissionFlightOptions): FlightSegment[] {
  const descent: AltitudeProfile = {
    fromM: from.altitudeM,
    cruiseM: aircraft.altitudeM,
    toM: home.elevationM,
    climbRateMps: options.climbRateMps,
    descentRateMps: options.descentRateMps,
  };
  const back = legSegment("return", from.lonLat, home.lonLat, startMs, aircraft.groundSpeedKmh, descent);

  const landedMs = back?.endMs ?? startMs;
  const landingTrackDeg = back?.stateAt(landedMs).trackDeg ?? from.trackDeg;
  const ground = groundSegment(home.lonLat, home.elevationM, landingTrackDeg, landedMs, options.turnaroundS * 1000);
  return [...(back ? [back] : []), ground, ...planPatrolResume(aircraft, home, ground.endMs, options)];
}

// Climbs from the home base to the point of the patrol path one climb's
// distance along it, then patrols on from there, so that the climb is flown
// instead of a jump to patrol altitude.
function planPatrolResume(aircraft: SimulatedAircraft, home: HomeBase, startMs: number, options: MissionFlightOptions): FlightSegment[] {
  const climbS = Math.max(aircraft.altitudeM - home.elevationM, 0) / options.climbRateMps;
  const joinOffsetM = Math.min((aircraft.groundSpeedKmh / 3.6) * climbS, aircraft.path.lengthM / 2);
  const join = aircraft.path.pointAt(joinOffsetM).lonLat;
  const climb: AltitudeProfile = { fromM: home.elevationM, cruiseM: aircraft.altitudeM, toM: null, climbRateMps: options.climbRateMps, descentRateMps: options.descentRateMps };
  const rejoin = legSegment("rejoin", home.lonLat, join, startMs, aircraft.groundSpeedKmh, climb);
  return [...(rejoin ? [rejoin] : []), patrolSegment(aircraft, rejoin?.endMs ?? startMs, joinOffsetM)];
}

/**
 * Builds a clockwise (right-hand) orbit that starts at `entry` flying
 * `trackDeg`. Its centre lies `radiusM` to the right of the track, so the
 * heading runs on without a turn at entry.
 */
export function orbitThrough(entry: readonly [number, number], trackDeg: number, radiusM: number): GeodesicPath {
  const centre = geodesicDestination(entry, trackDeg + 90, radiusM);
  const entryAzimuthDeg = trackDeg - 90;
  const corners: Array<readonly [number, number]> = [entry];
  for (let index = 1; index < ORBIT_POINTS; index++) {
    corners.push(geodesicDestination(centre, entryAzimuthDeg + (index * 360) / ORBIT_POINTS, radiusM));
  }
  corners.push(entry);
  return new GeodesicPath(corners);
}

/** Simulated minutes from `simMs` to the end of the outbound leg, or 0 when the plan has none left. */
export function minutesToScene(plan: readonly FlightSegment[], simMs: number): number {
  const outbound = plan.find((segment) => segment.phase === "outbound");
  return outbound ? Math.max(outbound.endMs - simMs, 0) / 60_000 : 0;
}

/** Distance in km from `from` to the scene the plan flies to. */
export function distanceToSceneKm(from: readonly [number, number], target: MissionTarget): number {
  return geodesicDistanceM(from, sceneTarget(from, target)) / 1000;
}
