import type { SimulatedAircraft, SimulatedState } from "./flight.js";
import { GeodesicPath, geodesicDistanceM } from "./geodesic-path.js";

/**
 * A flight plan: segments that follow one another in simulated time, each a
 * pure function from time to state. A plan ends in a segment without end
 * (patrol), so every time after its start has a state.
 */

export type FlightPhase = "patrol" | "outbound" | "on_scene" | "return" | "ground" | "rejoin";

export interface FlightSegment {
  phase: FlightPhase;
  /** Simulated ms since the simulator started. */
  startMs: number;
  /** Infinity for a segment that does not end. */
  endMs: number;
  stateAt(simMs: number): SimulatedState;
}

export interface AltitudeProfile {
  fromM: number;
  cruiseM: number;
  /** Altitude at the end of the leg; null to stay at cruiseM. */
  toM: number | null;
  climbRateMps: number;
  descentRateMps: number;
}

const KMH_PER_MPS = 3.6;

/** Returns the segment flying at `simMs`: the last that started by then, or the first. */
export function segmentAt(plan: readonly FlightSegment[], simMs: number): FlightSegment {
  let current = plan[0];
  for (const segment of plan) {
    if (segment.startMs <= simMs) {
      current = segment;
    }
  }
  if (current === undefined) {
    throw new Error("flight plan: expected at least one segment");
  }
  return current;
}

/** Flies the aircraft's closed patrol path from `offsetM` along it, without end. */
export function patrolSegment(aircraft: SimulatedAircraft, startMs: number, offsetM: number): FlightSegment {
  const speedMps = aircraft.groundSpeedKmh / KMH_PER_MPS;
  return {
    phase: "patrol",
    startMs,
    endMs: Infinity,
    stateAt(simMs) {
      const travelledM = offsetM + speedMps * (Math.max(simMs - startMs, 0) / 1000);
      const point = aircraft.path.pointAt(travelledM % aircraft.path.lengthM);
      return { lonLat: point.lonLat, altitudeM: aircraft.altitudeM, groundSpeedKmh: aircraft.groundSpeedKmh, trackDeg: point.trackDeg, verticalRateMps: 0, onGround: false };
    },
  };
}

/**
 * Flies the geodesic from `from` to `to` at `groundSpeedKmh`, climbing or
 * descending at the profile's rates. Returns null when the two points are
 * under 1 m apart, as there is nothing to fly.
 */
export function legSegment(
  phase: FlightPhase,
  from: readonly [number, number],
  to: readonly [number, number],
  startMs: number,
  groundSpeedKmh: number,
  altitude: AltitudeProfile,
): FlightSegment | null {
  if (geodesicDistanceM(from, to) < 1) {
    return null;
  }
  const path = new GeodesicPath([from, to]);
  const speedMps = groundSpeedKmh / KMH_PER_MPS;
  const durationS = path.lengthM / speedMps;
  const altitudeAt = (elapsedS: number) => profileAltitudeM(altitude, Math.min(Math.max(elapsedS, 0), durationS), durationS);

  return {
    phase,
    startMs,
    endMs: startMs + durationS * 1000,
    stateAt(simMs) {
      const elapsedS = Math.max(simMs - startMs, 0) / 1000;
      const point = path.pointAt(speedMps * elapsedS);
      // A central difference over 1 s; the profile is piecewise linear, so
      // this is its slope except within 0.5 s of a corner.
      const verticalRateMps = altitudeAt(elapsedS + 0.5) - altitudeAt(elapsedS - 0.5);
      return { lonLat: point.lonLat, altitudeM: altitudeAt(elapsedS), groundSpeedKmh, trackDeg: point.trackDeg, verticalRateMps, onGround: false };
    },
  };
}

/** Altitude `elapsedS` into a leg of `durationS`: the lower of the departure ramp towards cruise and the arrival ramp from cruise. */
function profileAltitudeM(profile: AltitudeProfile, elapsedS: number, durationS: number): number {
  const departureM =
    profile.fromM <= profile.cruiseM
      ? Math.min(profile.cruiseM, profile.fromM + profile.climbRateMps * elapsedS)
      : Math.max(profile.cruiseM, profile.fromM - profile.descentRateMps * elapsedS);
  if (profile.toM === null) {
    return departureM;
  }
  const arrivalM = Math.min(profile.cruiseM, profile.toM + profile.descentRateMps * (durationS - elapsedS));
  return Math.min(departureM, arrivalM);
}

/** Flies a closed path (an orbit) at constant speed and altitude for `durationMs`. */
export function orbitSegment(path: GeodesicPath, startMs: number, durationMs: number, groundSpeedKmh: number, altitudeM: number): FlightSegment {
  const speedMps = groundSpeedKmh / KMH_PER_MPS;
  return {
    phase: "on_scene",
    startMs,
    endMs: startMs + durationMs,
    stateAt(simMs) {
      const travelledM = speedMps * (Math.max(simMs - startMs, 0) / 1000);
      const point = path.pointAt(travelledM % path.lengthM);
      return { lonLat: point.lonLat, altitudeM, groundSpeedKmh, trackDeg: point.trackDeg, verticalRateMps: 0, onGround: false };
    },
  };
}

/** Stands still on the ground at `lonLat` for `durationMs`. */
export function groundSegment(lonLat: readonly [number, number], elevationM: number, trackDeg: number, startMs: number, durationMs: number): FlightSegment {
  const state: SimulatedState = { lonLat: [lonLat[0], lonLat[1]], altitudeM: elevationM, groundSpeedKmh: 0, trackDeg, verticalRateMps: 0, onGround: true };
  return { phase: "ground", startMs, endMs: startMs + durationMs, stateAt: () => ({ ...state, lonLat: [...state.lonLat] }) };
}
