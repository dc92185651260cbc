import { ApiError } from "../http/errors.js";
import {
  computeResponseTimeGrid,
  localScaleAt,
  type AircraftInput,
  type BaseInput,
  type BoundingBox,
  type EtaOptions,
  type ResponseTimeGrid,
} from "./model/index.js";
import { isNightGrid } from "./night.js";
import type { MissionRequest } from "./options.js";

// Grid sizing for the API. The model accepts up to 4 million cells, but a
// response carries about 5.3 bytes a cell (two Uint16 arrays in base64) plus
// the polygons. So the API stops at 1 million cells, about 5-6 MB of JSON.
export const MAX_API_CELLS = 1_000_000;

/** Counts the cells computeResponseTimeGrid would make, with the same layout rule as model/grid.ts. */
export function countCells(bbox: BoundingBox, cellSizeM: number): number {
  const [westDeg, southDeg, eastDeg, northDeg] = bbox;
  const scale = localScaleAt((southDeg + northDeg) / 2);
  const columns = Math.ceil((eastDeg - westDeg) / (cellSizeM / 1000 / scale.eastKmPerDeg) - 1e-9);
  const rows = Math.ceil((northDeg - southDeg) / (cellSizeM / 1000 / scale.northKmPerDeg) - 1e-9);
  return columns * rows;
}

/** Rejects a grid over MAX_API_CELLS with the count and the limit. */
export function assertGridSize(bbox: BoundingBox, cellSizeM: number): void {
  const cells = countCells(bbox, cellSizeM);
  if (cells > MAX_API_CELLS) {
    throw new ApiError(422, { code: "grid_too_large", field: "cellSizeM", value: cells, expected: String(MAX_API_CELLS) });
  }
}

/** Day or night for a grid, decided at the centre of its box (night.ts). */
export function gridNight(request: MissionRequest, bbox: BoundingBox): boolean {
  return isNightGrid(request.night, [(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2]);
}

/** Computes the best-ETA grid for one set of aircraft. */
export function computeGrid(
  bbox: BoundingBox,
  cellSizeM: number,
  aircraft: readonly AircraftInput[],
  bases: readonly BaseInput[],
  etaOptions: EtaOptions,
): ResponseTimeGrid {
  return computeResponseTimeGrid(bbox, aircraft, bases, { ...etaOptions, cellSizeM });
}

// Recent grids by their full input. A planner runs one what-if after another
// against the same fleet, so the baseline grid is computed once. The key is
// the model input itself, so a change to the fleet, a base or an option
// makes a new entry, and nothing stale is served.
const MAX_MEMO_GRIDS = 8;
const gridMemo = new Map<string, ResponseTimeGrid>();

/** Computes a grid as computeGrid does, from the memo when the same input was computed recently. */
export function computeGridMemoized(
  bbox: BoundingBox,
  cellSizeM: number,
  aircraft: readonly AircraftInput[],
  bases: readonly BaseInput[],
  etaOptions: EtaOptions,
): ResponseTimeGrid {
  const key = JSON.stringify([bbox, cellSizeM, aircraft, bases, etaOptions]);
  const cached = gridMemo.get(key);
  if (cached !== undefined) {
    // Re-insert to keep the map in least-recently-used order.
    gridMemo.delete(key);
    gridMemo.set(key, cached);
    return cached;
  }

  const grid = computeGrid(bbox, cellSizeM, aircraft, bases, etaOptions);
  if (gridMemo.size >= MAX_MEMO_GRIDS) {
    gridMemo.delete(gridMemo.keys().next().value!);
  }
  gridMemo.set(key, grid);
  return grid;
}

/** Empties the grid memo, so that a benchmark can time the cold path. */
export function clearGridMemo(): void {
  gridMemo.clear();
}
