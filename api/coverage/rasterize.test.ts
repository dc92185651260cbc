import { describe, expect, it } from "vitest";

import { cellAreaKm2ByRow, cellsInside, type GridLayout } from "./rasterize.js";
import { decodeEtaMin, encodeGrid } from "./grid-encoding.js";
import type { ResponseTimeGrid } from "./model/index.js";

// A 10 x 10 grid of 0.1-degree cells over 107-108 E, 40-41 N.
const layout: GridLayout = { bbox: [107, 40, 108, 41], columns: 10, rows: 10, cellWidthDeg: 0.1, cellHeightDeg: 0.1 };

function ring(west: number, south: number, east: number, north: number): number[][] {
  return [
    [west, south],
    [east, south],
    [east, north],
    [west, north],
    [west, south],
  ];
}

describe("cellsInside", () => {
  it("takes cells whose centres are inside", () => {
    // Columns 2-4 (centres 107.25-107.45) and rows 0-1 (centres 40.95, 40.85).
    const cells = cellsInside(layout, [[ring(107.2, 40.8, 107.5, 41)]]);
    expect([...cells]).toEqual([2, 3, 4, 12, 13, 14]);
  });

  it("leaves holes out", () => {
    const cells = cellsInside(layout, [[ring(107, 40, 108, 41), ring(107.3, 40.3, 107.7, 40.7)]]);
    expect(cells).toHaveLength(100 - 16);
    expect([...cells]).not.toContain(4 * 10 + 4);
  });

  it("adds the parts of a MultiPolygon", () => {
    const cells = cellsInside(layout, [[ring(107, 40.9, 107.1, 41)], [ring(107.9, 40, 108, 40.1)]]);
    expect([...cells]).toEqual([0, 99]);
  });

  it("clips a polygon larger than the grid", () => {
    const cells = cellsInside(layout, [[ring(100, 30, 120, 50)]]);
    expect(cells).toHaveLength(100);
  });
});

describe("cellAreaKm2ByRow", () => {
  it("shrinks cells toward the north", () => {
    const areas = cellAreaKm2ByRow(layout);
    expect(areas[0]!).toBeLessThan(areas[9]!);
    // 0.1 degree at 40.5 N: 8.47 km east x 11.10 km north.
    expect(areas[5]!).toBeCloseTo(8.47 * 11.1, 0);
  });
});

describe("encodeGrid", () => {
  it("round-trips tenths of a minute and unreachable cells", () => {
    const grid = {
      ...layout,
      cellSizeM: 10000,
      columns: 2,
      rows: 1,
      etaMin: Float32Array.from([12.34, Number.NaN]),
      bestAircraftIndex: Uint16Array.from([0, 65535]),
      aircraftIds: ["7"],
    } as ResponseTimeGrid;
    const encoded = encodeGrid(grid);
    const decoded = decodeEtaMin(encoded);
    expect(decoded[0]).toBeCloseTo(12.3, 5);
    expect(decoded[1]).toBeNaN();
    expect(Buffer.from(encoded.etaMin, "base64")).toEqual(Buffer.from([123, 0, 0xff, 0xff]));
    expect(encoded.aircraftIds).toEqual([7]);
  });
});
