import type { GeodesicPath } from "./geodesic-path.js";

/**
 * One simulated aircraft flying a closed geodesic path over and over at
 * constant ground speed and altitude.
 */
export interface SimulatedAircraft {
  /** 6 upper-case hex digits. */
  icaoAddress: string;
  /** Up to 8 of A-Z, 0-9 and space. */
  callsign: string;
  /** ADS-B emitter category: "A7" rotorcraft, "A1" light fixed-wing. */
  emitterCategory: string;
  groundSpeedKmh: number;
  /** Barometric altitude flown, above mean sea level. */
  altitudeM: number;
  /** Closed path: its last point is its first. */
  path: GeodesicPath;
  /** Distance along the path at simulation time 0. */
  startOffsetM: number;
  /** Base a mission flight returns to and lands at; aircraft without one ignore missions. */
  home?: HomeBase;
}

export interface HomeBase {
  code: string;
  lonLat: [number, number];
  /** Elevation above mean sea level, the altitude reported on the ground there. */
  elevationM: number;
}

export interface SimulatedState {
  lonLat: [number, number];
  altitudeM: number;
  groundSpeedKmh: number;
  trackDeg: number;
  verticalRateMps: number;
  onGround: boolean;
}

/** State of an aircraft `elapsedMs` after simulation start. */
export function stateAt(aircraft: SimulatedAircraft, elapsedMs: number): SimulatedState {
  const travelledM = aircraft.startOffsetM + (aircraft.groundSpeedKmh / 3.6) * (elapsedMs / 1000);
  const point = aircraft.path.pointAt(travelledM % aircraft.path.lengthM);
  return {
    lonLat: point.lonLat,
    altitudeM: aircraft.altitudeM,
    groundSpeedKmh: aircraft.groundSpeedKmh,
    trackDeg: point.trackDeg,
    verticalRateMps: 0,
    onGround: false,
  };
}

/** Closes a polyline: a route that ends where it starts stays as is, any other is flown out and back. */
export function closedWaypoints(points: ReadonlyArray<readonly [number, number]>): Array<readonly [number, number]> {
  const first = points[0];
  const last = points.at(-1);
  if (first === undefined || last === undefined) {
    return [];
  }
  if (first[0] === last[0] && first[1] === last[1]) {
    return [...points];
  }
  return [...points, ...points.slice(0, -1).reverse()];
}
