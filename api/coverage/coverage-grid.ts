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

// Grid sizing for the API. The model accepts up to 4 million cells; a
// response carries 4 bytes a cell in base64 plus the polygons, so the API
// stops at 1 million (about 5 MB of JSON).
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
