// The pure response-time model: geodesy, wind, daylight, ETA and grid.
// Nothing here touches the database or HTTP.
export type {
  AircraftCategory,
  AircraftInput,
  BaseInput,
  EtaOptions,
  EtaResult,
  ReturnLeg,
  UnableReason,
  UnableReasonCode,
} from "./eta-types.js";
export { civilTwilight, isNight, type CivilTwilight } from "./daylight.js";
export { estimateEta, rankByEta } from "./eta.js";
export {
  WGS84,
  destinationPoint,
  geodesicDistanceKm,
  geodesicInverse,
  type Ellipsoid,
  type GeodesicInverse,
  type LonLat,
} from "./geodesy.js";
export {
  DEFAULT_CELL_SIZE_M,
  MAX_CELLS,
  MIN_CELL_SIZE_M,
  NO_AIRCRAFT,
  cellCentreLonLat,
  computeResponseTimeGrid,
  type BoundingBox,
  type GridOptions,
  type ResponseTimeGrid,
} from "./grid.js";
export { DEFAULT_THRESHOLDS_MIN, isochroneRuns, isochroneRunsByThreshold, type IsochroneRuns } from "./isochrone.js";
export { approximateAzimuthDeg, approximateDistanceKm, localScaleAt } from "./local-distance.js";
export { DEFAULT_ETA_OPTIONS, resolveEtaOptions } from "./mission.js";
export { solveWindTriangle, windComponents, type Wind, type WindComponents, type WindSolution } from "./wind.js";
