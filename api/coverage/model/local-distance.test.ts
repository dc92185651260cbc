import { describe, expect, it } from "vitest";

import { type LonLat, geodesicInverse } from "./geodesy.js";
import { approximateAzimuthDeg, approximateDistanceKm, localScaleAt, wrapLonDeltaDeg } from "./local-distance.js";

// The approximation is checked against GeographicLib (geodesy.ts), which the
// geodesy tests check against published values.

function regionLattice(stepDeg: number): LonLat[] {
  const points: LonLat[] = [];
  for (let lonDeg = 104.5; lonDeg <= 112 + 1e-9; lonDeg += stepDeg) {
    for (let latDeg = 37.5; latDeg <= 43.5 + 1e-9; latDeg += stepDeg) {
      points.push([lonDeg, latDeg]);
    }
  }
  return points;
}

function meanAzimuthDeg(firstDeg: number, secondDeg: number): number {
  const radiansPerDegree = Math.PI / 180;
  const east = Math.sin(firstDeg * radiansPerDegree) + Math.sin(secondDeg * radiansPerDegree);
  const north = Math.cos(firstDeg * radiansPerDegree) + Math.cos(secondDeg * radiansPerDegree);
  return Math.atan2(east, north) / radiansPerDegree;
}

describe("approximateDistanceKm", () => {
  it("stays within 0.07 % of the geodesic over the region", () => {
    const points = regionLattice(0.5);
    let maxRelativeError = 0;
    let pairs = 0;

    for (const from of points) {
      for (const to of points) {
        const exact = geodesicInverse(from, to);
        if (exact.distanceKm < 1 || exact.distanceKm > 800) {
          continue;
        }
        pairs += 1;
        const relativeError = Math.abs(approximateDistanceKm(from, to) - exact.distanceKm) / exact.distanceKm;
        maxRelativeError = Math.max(maxRelativeError, relativeError);
      }
    }

    expect(pairs).toBeGreaterThan(40000);
    expect(maxRelativeError).toBeLessThan(0.0007);
  });

  it("matches geodesic within 1 cm at 2 km", () => {
    // Over 2 km the curvature terms are far below a centimetre.
    const from: LonLat = [107.358379, 40.749768];
    const to: LonLat = [107.37, 40.76];

    expect(Math.abs(approximateDistanceKm(from, to) - geodesicInverse(from, to).distanceKm)).toBeLessThan(1e-5);
  });

  it("wraps across the antimeridian", () => {
    expect(approximateDistanceKm([179.9, 0], [-179.9, 0])).toBeCloseTo(22.264, 2);
    expect(wrapLonDeltaDeg(359)).toBe(-1);
    expect(wrapLonDeltaDeg(-181)).toBe(179);
  });
});

describe("approximateAzimuthDeg", () => {
  it("stays within 0.05 degrees of the mid-track geodesic azimuth", () => {
    const points = regionLattice(0.5);
    let maxErrorDeg = 0;

    for (const from of points) {
      for (const to of points) {
        const exact = geodesicInverse(from, to);
        if (exact.distanceKm < 1 || exact.distanceKm > 800) {
          continue;
        }
        const midTrackDeg = meanAzimuthDeg(exact.initialAzimuthDeg, exact.finalAzimuthDeg);
        const errorDeg = Math.abs(((approximateAzimuthDeg(from, to) - midTrackDeg + 540) % 360) - 180);
        maxErrorDeg = Math.max(maxErrorDeg, errorDeg);
      }
    }

    expect(maxErrorDeg).toBeLessThan(0.05);
  });

  it("returns angles in [0, 360)", () => {
    expect(approximateAzimuthDeg([107, 41], [107, 40])).toBeCloseTo(180, 9);
    expect(approximateAzimuthDeg([107, 41], [106, 41])).toBeCloseTo(270, 9);
  });
});

describe("localScaleAt", () => {
  it("matches the WGS-84 degree lengths at the equator", () => {
    // One degree of longitude on the equator is a * pi / 180 = 111.3195 km;
    // one degree of latitude there is a * (1 - e^2) * pi / 180 = 110.5743 km.
    const scale = localScaleAt(0);

    expect(scale.eastKmPerDeg).toBeCloseTo(111.3195, 4);
    expect(scale.northKmPerDeg).toBeCloseTo(110.5743, 4);
  });
});
