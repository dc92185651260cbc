import geodesicPackage from "geographiclib-geodesic";

// The package is CommonJS, so Node's ESM loader offers only its default export.
const { Geodesic } = geodesicPackage;
const WGS84 = Geodesic.WGS84;

/**
 * A polyline followed along geodesics on the WGS-84 ellipsoid (Karney's
 * algorithms through GeographicLib), so a simulated aircraft flies the
 * shortest path between waypoints at a true ground speed.
 */

export interface PathPoint {
  lonLat: [number, number];
  /** True track at this point, degrees clockwise from north in 0 ... 360. */
  trackDeg: number;
}

interface Leg {
  from: [number, number];
  startM: number;
  lengthM: number;
  initialAzimuthDeg: number;
}

export class GeodesicPath {
  readonly lengthM: number;
  private readonly legs: Leg[];

  /** Waypoints as `[lon, lat]`; repeated consecutive points are skipped. */
  constructor(waypoints: ReadonlyArray<readonly [number, number]>) {
    this.legs = [];
    let startM = 0;
    for (let index = 1; index < waypoints.length; index++) {
      const [fromLon, fromLat] = waypoints[index - 1]!;
      const [toLon, toLat] = waypoints[index]!;
      const inverse = WGS84.Inverse(fromLat, fromLon, toLat, toLon);
      const lengthM = inverse.s12 ?? 0;
      if (lengthM <= 0) {
        continue;
      }
      this.legs.push({ from: [fromLon, fromLat], startM, lengthM, initialAzimuthDeg: inverse.azi1 ?? 0 });
      startM += lengthM;
    }

    if (this.legs.length === 0) {
      throw new Error(`path: expected at least two distinct waypoints, got ${waypoints.length}`);
    }
    this.lengthM = startM;
  }

  /** Position and track `distanceM` along the path, clamped to its ends. */
  pointAt(distanceM: number): PathPoint {
    const clampedM = Math.min(Math.max(distanceM, 0), this.lengthM);
    const leg = this.legAt(clampedM);
    const direct = WGS84.Direct(leg.from[1], leg.from[0], leg.initialAzimuthDeg, clampedM - leg.startM);
    const azimuthDeg = direct.azi2 ?? leg.initialAzimuthDeg;
    return {
      lonLat: [direct.lon2 ?? leg.from[0], direct.lat2 ?? leg.from[1]],
      trackDeg: (azimuthDeg + 360) % 360,
    };
  }

  private legAt(distanceM: number): Leg {
    let low = 0;
    let high = this.legs.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (this.legs[middle]!.startM <= distanceM) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return this.legs[low]!;
  }
}

/** Geodesic distance in m between two `[lon, lat]` points. */
export function geodesicDistanceM(from: readonly [number, number], to: readonly [number, number]): number {
  return WGS84.Inverse(from[1], from[0], to[1], to[0]).s12 ?? 0;
}

/** Initial azimuth in degrees clockwise from north (0 ... 360) of the geodesic from one `[lon, lat]` point to another. */
export function geodesicAzimuthDeg(from: readonly [number, number], to: readonly [number, number]): number {
  const azimuthDeg = WGS84.Inverse(from[1], from[0], to[1], to[0]).azi1 ?? 0;
  return (azimuthDeg + 360) % 360;
}

/** Returns the `[lon, lat]` point `distanceM` from `from` along the geodesic that starts at `azimuthDeg`. */
export function geodesicDestination(from: readonly [number, number], azimuthDeg: number, distanceM: number): [number, number] {
  const direct = WGS84.Direct(from[1], from[0], azimuthDeg, distanceM);
  return [direct.lon2 ?? from[0], direct.lat2 ?? from[1]];
}

/**
 * Returns the point of a polyline nearest to `lonLat`, by geodesic distance.
 * Each leg is searched by golden-section search. On a sphere the distance
 * from a point to the points of a great-circle leg shorter than half the
 * circumference has a single minimum, and the ellipsoid departs from the
 * sphere too little to move it at the scale of a fire front.
 */
export function nearestPointOnPolyline(points: ReadonlyArray<readonly [number, number]>, lonLat: readonly [number, number]): [number, number] {
  let nearest: [number, number] = [points[0]![0], points[0]![1]];
  let nearestM = geodesicDistanceM(lonLat, nearest);
  for (let index = 1; index < points.length; index++) {
    const from = points[index - 1]!;
    const to = points[index]!;
    if (geodesicDistanceM(from, to) <= 0) {
      continue;
    }
    const candidate = nearestPointOnLeg(new GeodesicPath([from, to]), lonLat);
    const candidateM = geodesicDistanceM(lonLat, candidate);
    if (candidateM < nearestM) {
      nearest = candidate;
      nearestM = candidateM;
    }
  }
  return nearest;
}

const GOLDEN_RATIO_CONJUGATE = (Math.sqrt(5) - 1) / 2;

// Narrows the bracket to under 1 m, about 50 steps for a 100 km leg.
function nearestPointOnLeg(leg: GeodesicPath, lonLat: readonly [number, number]): [number, number] {
  const distanceAt = (alongM: number) => geodesicDistanceM(lonLat, leg.pointAt(alongM).lonLat);
  let lowM = 0;
  let highM = leg.lengthM;
  while (highM - lowM > 1) {
    const leftM = highM - GOLDEN_RATIO_CONJUGATE * (highM - lowM);
    const rightM = lowM + GOLDEN_RATIO_CONJUGATE * (highM - lowM);
    if (distanceAt(leftM) < distanceAt(rightM)) {
      highM = rightM;
    } else {
      lowM = leftM;
    }
  }
  return leg.pointAt((lowM + highM) / 2).lonLat;
}
