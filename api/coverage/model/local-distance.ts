import { type LonLat, WGS84 } from "./geodesy.js";

// A fast approximation of geodesic distance and azimuth for the response-time
// grid, where exact geodesics for 200,000 cells x 20 aircraft would cost seconds.
//
// The two points are projected onto the plane tangent at their mid-latitude
// phiM, scaled by the WGS-84 radii of curvature there: north = M(phiM) * dLat,
// east = N(phiM) * cos(phiM) * dLon. Because the radii are the ellipsoid's, the
// flattening adds no error. What remains comes from the curvature of the
// parallels and meridians and grows with the square of the separation.
//
// Error bound, measured against GeographicLib on a 0.5-degree lattice of
// [104.5, 112.0] E x [37.5, 43.5] N (Bayannur and its neighbours' bases) for
// every pair up to 800 km apart. Distances are within 0.07 % (max 0.066 % at
// 767 km). Azimuths are within 0.05 degrees of the geodesic's azimuth at
// mid-track. local-distance.test.ts checks both. NOTE: the bound is unmeasured for longer
// distances or other latitudes, so use geodesy.ts there.

const a = WGS84.equatorialRadiusM / 1000;
const f = WGS84.flattening;
const eccentricitySquared = f * (2 - f);
const radiansPerDegree = Math.PI / 180;

export interface LocalScale {
  // Kilometres per degree of latitude and per degree of longitude at one latitude.
  northKmPerDeg: number;
  eastKmPerDeg: number;
}

/** Computes the WGS-84 kilometres per degree north and east at `latDeg`. */
export function localScaleAt(latDeg: number): LocalScale {
  const sinLat = Math.sin(latDeg * radiansPerDegree);
  const w = 1 - eccentricitySquared * sinLat * sinLat;

  // Meridional radius M and prime-vertical radius N of curvature, in km.
  const meridionalRadiusKm = (a * (1 - eccentricitySquared)) / (w * Math.sqrt(w));
  const primeVerticalRadiusKm = a / Math.sqrt(w);

  return {
    northKmPerDeg: meridionalRadiusKm * radiansPerDegree,
    eastKmPerDeg: primeVerticalRadiusKm * Math.cos(latDeg * radiansPerDegree) * radiansPerDegree,
  };
}

/** Wraps a longitude difference in degrees into [-180, 180). */
export function wrapLonDeltaDeg(deltaLonDeg: number): number {
  return ((((deltaLonDeg + 180) % 360) + 360) % 360) - 180;
}

/** Approximates the geodesic distance in km, within the error bound at the top of this file. */
export function approximateDistanceKm(fromLonLat: LonLat, toLonLat: LonLat): number {
  const scale = localScaleAt((fromLonLat[1] + toLonLat[1]) / 2);
  const northKm = (toLonLat[1] - fromLonLat[1]) * scale.northKmPerDeg;
  const eastKm = wrapLonDeltaDeg(toLonLat[0] - fromLonLat[0]) * scale.eastKmPerDeg;

  return Math.hypot(northKm, eastKm);
}

/** Approximates the azimuth at mid-track, degrees clockwise from true north in [0, 360). */
export function approximateAzimuthDeg(fromLonLat: LonLat, toLonLat: LonLat): number {
  const scale = localScaleAt((fromLonLat[1] + toLonLat[1]) / 2);
  const northKm = (toLonLat[1] - fromLonLat[1]) * scale.northKmPerDeg;
  const eastKm = wrapLonDeltaDeg(toLonLat[0] - fromLonLat[0]) * scale.eastKmPerDeg;

  const azimuthDeg = Math.atan2(eastKm, northKm) / radiansPerDegree;
  return azimuthDeg < 0 ? azimuthDeg + 360 : azimuthDeg;
}
