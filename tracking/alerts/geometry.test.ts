import { describe, expect, it } from "vitest";

import { geodesicDistanceKm } from "../../api/coverage/model/index.js";
import { distanceKm, distanceToLineKm, distanceToPolygonKm, polygonContains } from "./geometry.js";

describe("local plane geometry", () => {
  it("stays within 1 % of the geodesic", () => {
    const from: [number, number] = [109.15, 40.72];
    for (const to of [[109.5, 40.72], [109.15, 41.2], [108.6, 40.3]] as Array<[number, number]>) {
      const geodesicKm = geodesicDistanceKm(from, to);
      expect(Math.abs(distanceKm(from, to) - geodesicKm) / geodesicKm, JSON.stringify(to)).toBeLessThan(0.01);
    }
  });

  it("measures to the nearest segment", () => {
    const line = [[109.0, 40.7], [109.3, 40.7], [109.3, 41.0]];

    expect(distanceToLineKm([109.15, 40.7], line)).toBeCloseTo(0, 6);
    expect(distanceToLineKm([109.15, 40.75], line)).toBeCloseTo(5.56, 1);
    expect(distanceToLineKm([109.35, 40.85], line)).toBeCloseTo(4.22, 1);
  });

  it("tells inside from a hole", () => {
    const withHole = [
      [[109.0, 40.6], [109.4, 40.6], [109.4, 40.9], [109.0, 40.9], [109.0, 40.6]],
      [[109.1, 40.7], [109.2, 40.7], [109.2, 40.8], [109.1, 40.8], [109.1, 40.7]],
    ];

    expect(polygonContains([109.3, 40.65], withHole)).toBe(true);
    expect(polygonContains([109.15, 40.75], withHole)).toBe(false);
    expect(polygonContains([109.5, 40.75], withHole)).toBe(false);
    expect(distanceToPolygonKm([109.3, 40.65], withHole)).toBe(0);
    expect(distanceToPolygonKm([109.15, 40.95], withHole)).toBeCloseTo(5.56, 1);
  });
});
