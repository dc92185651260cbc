import type { BoundingBox, ResponseTimeGrid } from "./grid.js";

// Isochrones from the response-time grid, as row runs: each run is a
// rectangle covering consecutive cells of one row with ETA <= threshold.
//
// The polygons themselves are left to PostGIS. The API dissolves the runs with
//   ST_Union(ST_MakeEnvelope(west, south, east, north, 4326))
// which yields valid (Multi)Polygons with holes where coverage is missing, and
// can then clip them to the city boundary or a risk area and measure their
// share. Run rectangles that share an edge are not a valid MultiPolygon on
// their own, so they are not returned as GeoJSON here. Marching squares would
// smooth the staircase edges, but at 1-2 km cells the staircase is within one
// cell of the true isochrone, which is finer than the model's accuracy.

export const DEFAULT_THRESHOLDS_MIN: readonly number[] = [30, 60, 90, 120];

export interface IsochroneRuns {
  thresholdMin: number;
  // [west, south, east, north] of each run, in degrees.
  runs: BoundingBox[];
}

/** Merges the cells with ETA <= `thresholdMin` into one rectangle per run of a row. */
export function isochroneRuns(grid: ResponseTimeGrid, thresholdMin: number): BoundingBox[] {
  if (!Number.isFinite(thresholdMin)) {
    throw new RangeError(`thresholdMin: invalid value ${thresholdMin}; expected minutes`);
  }

  const runs: BoundingBox[] = [];
  const [westDeg, , , northDeg] = grid.bbox;

  for (let row = 0; row < grid.rows; row += 1) {
    const runNorthDeg = northDeg - row * grid.cellHeightDeg;
    const runSouthDeg = runNorthDeg - grid.cellHeightDeg;
    let runStart = -1;

    // One column past the end closes a run that reaches the east edge.
    for (let column = 0; column <= grid.columns; column += 1) {
      const inside = column < grid.columns && grid.etaMin[row * grid.columns + column]! <= thresholdMin;
      if (inside && runStart < 0) {
        runStart = column;
      }
      if (!inside && runStart >= 0) {
        runs.push([
          westDeg + runStart * grid.cellWidthDeg,
          runSouthDeg,
          westDeg + column * grid.cellWidthDeg,
          runNorthDeg,
        ]);
        runStart = -1;
      }
    }
  }
  return runs;
}

/** Computes the runs for each threshold, 30/60/90/120 minutes by default. */
export function isochroneRunsByThreshold(
  grid: ResponseTimeGrid,
  thresholdsMin: readonly number[] = DEFAULT_THRESHOLDS_MIN,
): IsochroneRuns[] {
  return thresholdsMin.map((thresholdMin) => ({ thresholdMin, runs: isochroneRuns(grid, thresholdMin) }));
}
