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
