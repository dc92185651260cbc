import geodesicPackage from "geographiclib-geodesic";

// Exact geodesics on an ellipsoid (WGS-84 by default) through GeographicLib,
// Karney's algorithms ("Algorithms for geodesics", J. Geodesy 87, 43-55, 2013),
// which are accurate to about 15 nm on WGS-84. Every coordinate pair is
// [longitude, latitude] in degrees, as in GeoJSON and PostGIS.

// The package is CommonJS, so Node's ESM loader offers only its default export.
const { Geodesic } = geodesicPackage;

export type LonLat = readonly [lonDeg: number, latDeg: number];

export interface Ellipsoid {
  equatorialRadiusM: number;
  flattening: number;
}

// WGS-84 semi-major axis and flattening, the values GeographicLib uses for
// Geodesic.WGS84. CGCS2000 coordinates are used as WGS-84 without conversion.
export const WGS84: Ellipsoid = { equatorialRadiusM: 6378137, flattening: 1 / 298.257223563 };

export interface GeodesicInverse {
  distanceKm: number;
  // Azimuth of the geodesic at the start, degrees clockwise from true north, in (-180, 180].
  initialAzimuthDeg: number;
  // Forward azimuth at the end point (the direction of travel on arrival), same range.
  finalAzimuthDeg: number;
}

const solvers = new Map<Ellipsoid, InstanceType<typeof Geodesic.Geodesic>>();

function solverFor(ellipsoid: Ellipsoid): InstanceType<typeof Geodesic.Geodesic> {
  if (ellipsoid === WGS84) {
    return Geodesic.WGS84;
  }

  let solver = solvers.get(ellipsoid);
  if (solver === undefined) {
    solver = new Geodesic.Geodesic(ellipsoid.equatorialRadiusM, ellipsoid.flattening);
    solvers.set(ellipsoid, solver);
  }
  return solver;
}

function assertLonLat(name: string, lonLat: LonLat): void {
  const [lonDeg, latDeg] = lonLat;
  if (!Number.isFinite(lonDeg) || !Number.isFinite(latDeg) || Math.abs(latDeg) > 90) {
    throw new RangeError(
      `${name}: invalid [lon, lat] ${JSON.stringify(lonLat)}; expected finite degrees with |lat| <= 90`,
    );
  }
}

/** Solves the inverse problem: distance and azimuths of the shortest geodesic between two points. */
export function geodesicInverse(fromLonLat: LonLat, toLonLat: LonLat, ellipsoid: Ellipsoid = WGS84): GeodesicInverse {
  assertLonLat("fromLonLat", fromLonLat);
  assertLonLat("toLonLat", toLonLat);

  const result = solverFor(ellipsoid).Inverse(
    fromLonLat[1],
    fromLonLat[0],
    toLonLat[1],
    toLonLat[0],
    Geodesic.DISTANCE | Geodesic.AZIMUTH,
  );

  return {
    distanceKm: (result.s12 ?? Number.NaN) / 1000,
    initialAzimuthDeg: result.azi1 ?? Number.NaN,
    finalAzimuthDeg: result.azi2 ?? Number.NaN,
  };
}

/** Returns the geodesic distance in kilometres between two points. */
export function geodesicDistanceKm(fromLonLat: LonLat, toLonLat: LonLat, ellipsoid: Ellipsoid = WGS84): number {
  return geodesicInverse(fromLonLat, toLonLat, ellipsoid).distanceKm;
}

/**
 * Solves the direct problem: the point reached by following the geodesic that leaves
 * `fromLonLat` on `azimuthDeg` (clockwise from true north) for `distanceKm`.
 * The returned longitude is normalised to [-180, 180].
 */
export function destinationPoint(
  fromLonLat: LonLat,
  azimuthDeg: number,
  distanceKm: number,
  ellipsoid: Ellipsoid = WGS84,
): LonLat {
  assertLonLat("fromLonLat", fromLonLat);
  if (!Number.isFinite(azimuthDeg) || !Number.isFinite(distanceKm)) {
    throw new RangeError(`azimuthDeg and distanceKm must be finite; got ${azimuthDeg} and ${distanceKm}`);
  }

  const result = solverFor(ellipsoid).Direct(
    fromLonLat[1],
    fromLonLat[0],
    azimuthDeg,
    distanceKm * 1000,
    Geodesic.LATITUDE | Geodesic.LONGITUDE,
  );

  return [result.lon2 ?? Number.NaN, result.lat2 ?? Number.NaN];
}
