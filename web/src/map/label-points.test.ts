import { describe, expect, it } from "vitest";

import { clipRing, labelPosition } from "./label-points.js";

const square = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]];

describe("clipRing", () => {
  it("clips a square to a box", () => {
    const clipped = clipRing(square, [5, -5, 20, 5]);
    const lons = clipped.map((p) => p[0]!);
    const lats = clipped.map((p) => p[1]!);

    expect(Math.min(...lons)).toBe(5);
    expect(Math.max(...lons)).toBe(10);
    expect(Math.min(...lats)).toBe(0);
    expect(Math.max(...lats)).toBe(5);
    expect(clipped[0]).toEqual(clipped[clipped.length - 1]);
  });

  it("returns nothing for a box outside the ring", () => {
    expect(clipRing(square, [20, 20, 30, 30])).toEqual([]);
  });
});

describe("labelPosition", () => {
  it("places a label inside an L-shaped polygon", () => {
    // An L whose centroid (about 3.2, 3.2) lies outside the shape.
    const shape: GeoJSON.Polygon = { type: "Polygon", coordinates: [[[0, 0], [10, 0], [10, 2], [2, 2], [2, 10], [0, 10], [0, 0]]] };
    const [lon, lat] = labelPosition(shape)!;

    const insideBottom = lat >= 0 && lat <= 2 && lon >= 0 && lon <= 10;
    const insideLeft = lon >= 0 && lon <= 2 && lat >= 0 && lat <= 10;
    expect(insideBottom || insideLeft).toBe(true);
  });

  it("labels the part inside the clip box", () => {
    const wide: GeoJSON.Polygon = { type: "Polygon", coordinates: [[[0, 0], [100, 0], [100, 10], [0, 10], [0, 0]]] };
    const [lon] = labelPosition(wide, [90, -5, 120, 20])!;

    expect(lon).toBeGreaterThanOrEqual(90);
  });
});
