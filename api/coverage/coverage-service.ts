import type { AppDeps } from "../http/context.js";
import { rejectUnknownAircraft } from "./eta-service.js";
import { loadFleet, toAircraftInputs, toBaseInput, type AircraftRecord, type BaseRecord, type FleetSnapshot } from "./fleet-query.js";
import { assertGridSize, computeGrid, gridNight } from "./coverage-grid.js";
import {
  type AircraftInput,
  type BaseInput,
  type BoundingBox,
  type EtaOptions,
  type ResponseTimeGrid,
} from "./model/index.js";
import { toFleetFilter, type MissionRequest } from "./options.js";
import { outlineLayers, type CellLayer, type GeoJsonPolygonal } from "./polygons.js";
import type { RegionCache, RegionMasks, Regions } from "./regions.js";
import { measureShares, type CoverageShares } from "./shares.js";

// GET /api/v1/coverage: where the fleet reaches within each threshold, per
// base or per aircraft and all together, what of the city it misses, and the
// shares of the city, its counties and the risk areas reached within the target.

export type GroupBy = "base" | "aircraft" | "none";

// Isochrones per base or per aircraft are outlines for comparing bases, so
// they use cells of at least 2 km. At 1 km each group's grid costs about
// 20 ms on the 2-core benchmark machine, 4 times as much. The union, gaps,
// shares and the grid use cellSizeM.
export const GROUP_MIN_CELL_SIZE_M = 2000;

export interface CoverageSpec {
  // Grid box; null means the extent of the city and the risk areas.
  bbox: BoundingBox | null;
  cellSizeM: number;
  thresholdsMin: number[];
  groupBy: GroupBy;
}

// The fleet as model inputs, plus the records to present it with.
export interface FleetModel {
  aircraft: AircraftInput[];
  bases: BaseInput[];
  snapshot: FleetSnapshot;
  withoutHomeBase: AircraftRecord[];
}

export interface CoverageContext {
  fleet: FleetModel;
  regions: Regions;
  bbox: BoundingBox;
  etaOptions: EtaOptions;
}

export interface CoverageGroup {
  kind: "base" | "aircraft";
  base: BaseRecord | null;
  aircraft: AircraftRecord | null;
  aircraftIds: number[];
  isochrones: { thresholdMin: number; geometry: GeoJsonPolygonal }[];
}

export interface CoverageResult {
  context: CoverageContext;
  spec: CoverageSpec;
  grid: ResponseTimeGrid;
  groups: CoverageGroup[];
  union: { thresholdMin: number; geometry: GeoJsonPolygonal }[];
  gaps: { geometry: GeoJsonPolygonal; areaKm2: number };
  shares: CoverageShares;
  cityShareByThreshold: { thresholdMin: number; shareOfArea: number }[];
}

/** Loads the fleet, the regions and the grid box, and fixes the ETA options, for one request. */
export async function loadCoverageContext(
  deps: AppDeps,
  cache: RegionCache,
  request: MissionRequest,
  bbox: BoundingBox | null,
  ownCity: string,
  nowMs: number,
): Promise<CoverageContext> {
  await rejectUnknownAircraft(deps, request.aircraftIds);

  const [snapshot, regions] = await Promise.all([
    loadFleet(deps.database, toFleetFilter(request, ownCity), deps.tracking, nowMs),
    cache.regionsNow(nowMs),
  ]);
  const { inputs, withoutHomeBase } = toAircraftInputs(snapshot);
  const gridBbox = bbox ?? regions.extent;

  return {
    fleet: { aircraft: inputs, bases: snapshot.bases.map(toBaseInput), snapshot, withoutHomeBase },
    regions,
    bbox: gridBbox,
    etaOptions: { ...request.eta, night: gridNight(request, gridBbox) },
  };
}

/** Computes the coverage of the whole request: grids, polygons and shares. */
export async function computeCoverage(
  deps: AppDeps,
  cache: RegionCache,
  request: MissionRequest,
  spec: CoverageSpec,
  ownCity: string,
  nowMs: number,
): Promise<CoverageResult> {
  if (spec.bbox !== null) {
    assertGridSize(spec.bbox, spec.cellSizeM);
  }
  const context = await loadCoverageContext(deps, cache, request, spec.bbox, ownCity, nowMs);
  assertGridSize(context.bbox, spec.cellSizeM);

  const { fleet, bbox, etaOptions } = context;
  const grid = computeGrid(bbox, spec.cellSizeM, fleet.aircraft, fleet.bases, etaOptions);
  const masks = cache.masksFor(context.regions, grid, nowMs);
  const groups = groupFleet(fleet, spec.groupBy);

  // Layers in order: the union per threshold, then each group's per threshold.
  const thresholdsMin = spec.thresholdsMin;
  const layers: CellLayer[] = thresholdLayers(grid, thresholdsMin);
  for (const group of groups) {
    const groupGrid = computeGrid(bbox, groupCellSizeM(spec), group.inputs, fleet.bases, etaOptions);
    layers.push(...thresholdLayers(groupGrid, thresholdsMin));
  }
  let targetLayer = thresholdsMin.indexOf(etaOptions.targetMin);
  if (targetLayer < 0) {
    targetLayer = layers.length;
    layers.push(...thresholdLayers(grid, [etaOptions.targetMin]));
  }

  const outlined = await outlineLayers(deps.database, layers, targetLayer);
  const perThreshold = (offset: number) =>
    thresholdsMin.map((thresholdMin, index) => ({ thresholdMin, geometry: outlined.layers[offset + index]! }));

  return {
    context,
    spec,
    grid,
    groups: groups.map((group, index) => ({
      kind: group.kind,
      base: group.base,
      aircraft: group.aircraft,
      aircraftIds: group.inputs.map((aircraft) => Number(aircraft.id)),
      isochrones: perThreshold((index + 1) * thresholdsMin.length),
    })),
    union: perThreshold(0),
    gaps: { geometry: outlined.gaps, areaKm2: outlined.gapAreaKm2 },
    shares: measureShares(grid.etaMin, grid.columns, context.regions, masks, etaOptions.targetMin),
    cityShareByThreshold: cityShares(grid, context.regions, masks, thresholdsMin),
  };
}

/** Lists one layer per threshold: the cells reached within it (NaN, unreachable, never is). */
export function thresholdLayers(grid: ResponseTimeGrid, thresholdsMin: readonly number[]): CellLayer[] {
  return thresholdsMin.map((thresholdMin) => ({ layout: grid, inside: (cell: number) => grid.etaMin[cell]! <= thresholdMin }));
}

/** Returns the cell size of the per-group isochrones. */
export function groupCellSizeM(spec: CoverageSpec): number {
  return Math.max(spec.cellSizeM, GROUP_MIN_CELL_SIZE_M);
}

/** Lists the city's share reached within each threshold. */
export function cityShares(grid: ResponseTimeGrid, regions: Regions, masks: RegionMasks, thresholdsMin: readonly number[]) {
  return thresholdsMin.map((thresholdMin) => ({
    thresholdMin,
    shareOfArea: measureShares(grid.etaMin, grid.columns, regions, masks, thresholdMin).city.shareOfArea,
  }));
}

interface FleetGroup {
  kind: "base" | "aircraft";
  base: BaseRecord | null;
  aircraft: AircraftRecord | null;
  inputs: AircraftInput[];
}

// Groups by home base (bases without a selected aircraft are left out) or by aircraft.
function groupFleet(fleet: FleetModel, groupBy: GroupBy): FleetGroup[] {
  if (groupBy === "none") {
    return [];
  }

  const recordsById = new Map(fleet.snapshot.aircraft.map((record) => [String(record.id), record]));
  if (groupBy === "aircraft") {
    return fleet.aircraft.map((input) => ({ kind: "aircraft", base: null, aircraft: recordsById.get(input.id)!, inputs: [input] }));
  }

  const groups: FleetGroup[] = [];
  for (const base of fleet.snapshot.bases) {
    const inputs = fleet.aircraft.filter((input) => input.homeBase.id === String(base.id));
    if (inputs.length > 0) {
      groups.push({ kind: "base", base, aircraft: null, inputs });
    }
  }
  return groups;
}
