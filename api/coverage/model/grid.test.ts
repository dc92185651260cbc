import { describe, expect, it } from "vitest";

import { rankByEta } from "./eta.js";
import type { EtaOptions } from "./eta-types.js";
import { type LonLat, destinationPoint, geodesicDistanceKm } from "./geodesy.js";
import {
  type BoundingBox,
  type ResponseTimeGrid,
  MIN_CELL_SIZE_M,
  NO_AIRCRAFT,
  cellCentreLonLat,
  computeResponseTimeGrid,
} from "./grid.js";
import { isochroneRuns, isochroneRunsByThreshold } from "./isochrone.js";
import { BAYANNUR_BBOX, testBases, testFleet } from "./test-fleet.js";

// The grid must agree with rankByEta, which uses exact geodesics, up to the
// local-distance approximation (0.07 % of distance, so of flight time).

function compareWithRankByEta(options: Partial<EtaOptions>, cellStride: number) {
  const grid = computeResponseTimeGrid(BAYANNUR_BBOX, testFleet, testBases, { cellSizeM: 2000, ...options });
  let samples = 0;
  let reachabilityMismatches = 0;
  let maxEtaErrorMin = 0;
  let aircraftMismatches = 0;

  for (let cell = 0; cell < grid.etaMin.length; cell += cellStride) {
    const row = Math.floor(cell / grid.columns);
    const column = cell % grid.columns;
    const best = rankByEta(testFleet, cellCentreLonLat(grid, row, column), testBases, options)[0]!;
    const gridEtaMin = grid.etaMin[cell]!;
    samples += 1;

    if (best.status !== "ok" || Number.isNaN(gridEtaMin)) {
      if ((best.status !== "ok") !== Number.isNaN(gridEtaMin)) {
        reachabilityMismatches += 1;
      }
      continue;
    }

    maxEtaErrorMin = Math.max(maxEtaErrorMin, Math.abs(gridEtaMin - best.etaMin!));
    if (grid.aircraftIds[grid.bestAircraftIndex[cell]!] !== best.aircraftId) {
      aircraftMismatches += 1;
    }
  }
  return { grid, samples, reachabilityMismatches, maxEtaErrorMin, aircraftMismatches };
}

describe("computeResponseTimeGrid", () => {
  it.each([
    ["day", {}],
    ["wind", { wind: { fromDeg: 300, speedKmh: 60 } }],
    ["night", { night: true }],
    ["bucket with approval", { withBucket: true, approvalDelayMin: 30 }],
  ] as const)("matches rankByEta by %s", (_name, options) => {
    const comparison = compareWithRankByEta(options, 97);

    expect(comparison.samples).toBeGreaterThan(250);
    expect(comparison.reachabilityMismatches).toBe(0);
    // 0.07 % of a flight of at most ~150 min is about 0.1 min.
    expect(comparison.maxEtaErrorMin).toBeLessThan(0.1);
    expect(comparison.aircraftMismatches).toBe(0);
  });

  it("lays out 1 km cells over Bayannur", () => {
    // 4.7 deg x 84.2 km/deg (east at 41.35 N) = 395.6 km and
    // 2.3 deg x 111.07 km/deg (north) = 255.5 km.
    const grid = computeResponseTimeGrid(BAYANNUR_BBOX, [], [], { cellSizeM: 1000 });

    expect(grid.columns).toBeGreaterThanOrEqual(394);
    expect(grid.columns).toBeLessThanOrEqual(397);
    expect(grid.rows).toBe(256);
    expect(grid.etaMin.length).toBe(grid.columns * grid.rows);
    expect(grid.bestAircraftIndex.length).toBe(grid.columns * grid.rows);
  });

  it("sizes cells to cellSizeM at the centre", () => {
    const grid = computeResponseTimeGrid(BAYANNUR_BBOX, [], [], { cellSizeM: 2000 });
    const centre = cellCentreLonLat(grid, Math.floor(grid.rows / 2), Math.floor(grid.columns / 2));
    const east: LonLat = [centre[0] + grid.cellWidthDeg, centre[1]];
    const north: LonLat = [centre[0], centre[1] + grid.cellHeightDeg];

    expect(geodesicDistanceKm(centre, east)).toBeCloseTo(2, 2);
    expect(geodesicDistanceKm(centre, north)).toBeCloseTo(2, 2);
  });

  it("marks cells without an able aircraft", () => {
    // A lone R44 at ZBAL reaches at most (560 - 100 - 50) / 2 = 205 km and
    // back, so the north-east corner of Bayannur, ~600 km away, is out of reach.
    const r44 = testFleet.find((aircraft) => aircraft.id === "b-70a4")!;
    const grid = computeResponseTimeGrid(BAYANNUR_BBOX, [r44], testBases, { cellSizeM: 5000 });
    const northEastCell = grid.columns - 1;

    expect(grid.etaMin[northEastCell]).toBeNaN();
    expect(grid.bestAircraftIndex[northEastCell]).toBe(NO_AIRCRAFT);
  });

  it("sets ETA to readiness at the base", () => {
    // A 500 m cell centred on a Bell 412's base: flight ~0, ETA ~ readiness 15.
    const bell412 = testFleet.find((aircraft) => aircraft.id === "b-7801")!;
    const [lonDeg, latDeg] = bell412.startLonLat;
    const halfCellBbox: BoundingBox = [lonDeg - 0.003, latDeg - 0.00225, lonDeg + 0.003, latDeg + 0.00225];
    const grid = computeResponseTimeGrid(halfCellBbox, [bell412], testBases, { cellSizeM: MIN_CELL_SIZE_M });

    expect(grid.etaMin[0]).toBeGreaterThanOrEqual(15);
    expect(grid.etaMin[0]).toBeLessThan(15.2);
    expect(grid.bestAircraftIndex[0]).toBe(0);
  });

  it("rejects cells below 500 m", () => {
    expect(() => computeResponseTimeGrid(BAYANNUR_BBOX, [], [], { cellSizeM: 499 })).toThrow(
      /cellSizeM must be >= 500; got 499/,
    );
  });

  it("rejects an inverted bbox", () => {
    expect(() => computeResponseTimeGrid([110, 40, 105, 42], [], [])).toThrow(/bbox: invalid \[110,40,105,42\]/);
  });

  it("rejects too many cells", () => {
    expect(() => computeResponseTimeGrid([70, 15, 135, 55], [], [], { cellSizeM: 500 })).toThrow(
      /expected at most 4000000, so use a larger cellSizeM/,
    );
  });
});

describe("isochroneRuns", () => {
  // A 2 x 4 grid over [100, 40, 104, 42], so cells are 1 x 1 degree:
  //   row 0 (north, 41-42 N): 10  50  NaN  20
  //   row 1 (south, 40-41 N): 70  80  30   35
  const grid: ResponseTimeGrid = {
    bbox: [100, 40, 104, 42],
    cellSizeM: 1000,
    columns: 4,
    rows: 2,
    cellWidthDeg: 1,
    cellHeightDeg: 1,
    etaMin: Float32Array.from([10, 50, Number.NaN, 20, 70, 80, 30, 35]),
    bestAircraftIndex: new Uint16Array(8),
    aircraftIds: ["a"],
  };

  it("merges consecutive cells of a row", () => {
    expect(isochroneRuns(grid, 60)).toEqual([
      [100, 41, 102, 42],
      [103, 41, 104, 42],
      [102, 40, 104, 41],
    ]);
  });

  it("skips unreachable cells", () => {
    expect(isochroneRuns(grid, 1000)).toEqual([
      [100, 41, 102, 42],
      [103, 41, 104, 42],
      [100, 40, 104, 41],
    ]);
  });

  it("returns every default threshold", () => {
    const byThreshold = isochroneRunsByThreshold(grid);

    expect(byThreshold.map((entry) => entry.thresholdMin)).toEqual([30, 60, 90, 120]);
    expect(byThreshold[0]!.runs).toEqual([
      [100, 41, 101, 42],
      [103, 41, 104, 42],
      [102, 40, 103, 41],
    ]);
  });
});

describe("grid near an airborne aircraft", () => {
  it("uses the live position", () => {
    // Airborne Bell 412 100 km north of ZBYZ with 150 min of fuel left: a cell
    // 20 km further north is 20 km away, so ETA ~ 20 / 226 * 60 = 5.3 min.
    const zbyz = testBases.find((base) => base.id === "zbyz")!;
    const livePosition = destinationPoint(zbyz.lonLat, 0, 100);
    const cellCentre = destinationPoint(livePosition, 0, 20);
    const airborne = {
      ...testFleet.find((aircraft) => aircraft.id === "b-7801")!,
      airborne: true,
      startLonLat: livePosition,
      remainingEnduranceMin: 150,
    };
    const bbox: BoundingBox = [cellCentre[0] - 0.003, cellCentre[1] - 0.00225, cellCentre[0] + 0.003, cellCentre[1] + 0.00225];
    const grid = computeResponseTimeGrid(bbox, [airborne], testBases, { cellSizeM: MIN_CELL_SIZE_M });

    expect(grid.etaMin[0]).toBeCloseTo((20 / 226) * 60, 1);
  });
});
