import type { AppDeps } from "../http/context.js";
import { assertGridSize, computeGrid, computeGridMemoized, gridNight } from "./coverage-grid.js";
import type { CoverageSpec, FleetModel } from "./coverage-service.js";
import { cityShares, thresholdLayers } from "./coverage-service.js";
import { rejectUnknownAircraft } from "./eta-service.js";
import {
  aircraftStatuses,
  loadFleet,
  passesFilter,
  toAircraftInputs,
  toBaseInput,
  type AircraftRecord,
  type BaseRecord,
  type FleetFilter,
  type FleetSnapshot,
} from "./fleet-query.js";
import type { BoundingBox, EtaOptions, ResponseTimeGrid } from "./model/index.js";
import { toFleetFilter, type MissionRequest } from "./options.js";
import { outlineLayers, type CellLayer, type GeoJsonPolygonal } from "./polygons.js";
import type { RegionCache, RegionMasks, Regions } from "./regions.js";
import { applyChanges, type ScenarioFleet } from "./scenario.js";
import type { ScenarioChange } from "./schemas.js";
import { measureShares, type CoverageShares } from "./shares.js";

// POST /api/v1/coverage/scenarios: today's coverage and a what-if's, on the
// same grid, with what the change gains and loses within the target.

export interface ScenarioSide {
  fleet: FleetModel;
  etaOptions: EtaOptions;
  grid: ResponseTimeGrid;
  shares: CoverageShares;
  cityShareByThreshold: { thresholdMin: number; shareOfArea: number }[];
}

export interface ScenarioResult {
  spec: CoverageSpec;
  bbox: BoundingBox;
  regions: Regions;
  baseline: ScenarioSide;
  scenario: ScenarioSide & {
    union: { thresholdMin: number; geometry: GeoJsonPolygonal }[];
    gaps: { geometry: GeoJsonPolygonal; areaKm2: number };
    groundedByClosure: AircraftRecord[];
    addedAircraftIds: Set<number>;
  };
  gained: { geometry: GeoJsonPolygonal; areaKm2: number; cells: number };
  lost: { geometry: GeoJsonPolygonal; areaKm2: number; cells: number };
}

/** Computes today's coverage and the coverage after `changes`, and their difference. */
export async function runScenario(
  deps: AppDeps,
  cache: RegionCache,
  request: MissionRequest,
  spec: CoverageSpec,
  changes: readonly ScenarioChange[],
  ownCity: string,
  nowMs: number,
): Promise<ScenarioResult> {
  if (spec.bbox !== null) {
    assertGridSize(spec.bbox, spec.cellSizeM);
  }
  await rejectUnknownAircraft(deps, request.aircraftIds);

  // Every aircraft is loaded, so that a change may return one from maintenance.
  const everything = { cities: "all", statuses: aircraftStatuses, aircraftIds: null } as const;
  const [full, regions] = await Promise.all([
    loadFleet(deps.database, everything, deps.tracking, nowMs),
    cache.regionsNow(nowMs),
  ]);
  const filter = toFleetFilter(request, ownCity);
  const scenarioFleet = applyChanges(full, changes);

  const bbox = spec.bbox ?? regions.extent;
  assertGridSize(bbox, spec.cellSizeM);
  const etaOptions: EtaOptions = { ...request.eta, night: gridNight(request, bbox) };
  const scenarioOptions = scenarioFleet.wind === undefined ? etaOptions : { ...etaOptions, wind: scenarioFleet.wind };

  const baselineModel = fleetModel(full, full.bases, full.aircraft, filter, new Set());
  const scenarioModel = fleetModel(full, scenarioFleet.bases, scenarioFleet.aircraft, filter, scenarioFleet.addedAircraftIds);
  const baselineGrid = computeGridMemoized(bbox, spec.cellSizeM, baselineModel.aircraft, baselineModel.bases, etaOptions);
  const scenarioGrid = computeGrid(bbox, spec.cellSizeM, scenarioModel.aircraft, scenarioModel.bases, scenarioOptions);
  const masks = cache.masksFor(regions, baselineGrid, nowMs);

  return {
    spec,
    bbox,
    regions,
    baseline: side(baselineModel, etaOptions, baselineGrid, regions, masks, spec),
    ...(await compareGrids(deps, spec, regions, masks, baselineGrid, scenarioGrid, {
      ...side(scenarioModel, scenarioOptions, scenarioGrid, regions, masks, spec),
      groundedByClosure: scenarioFleet.groundedByClosure,
      addedAircraftIds: scenarioFleet.addedAircraftIds,
    })),
  };
}

function side(
  fleet: FleetModel,
  etaOptions: EtaOptions,
  grid: ResponseTimeGrid,
  regions: Regions,
  masks: RegionMasks,
  spec: CoverageSpec,
): ScenarioSide {
  return {
    fleet,
    etaOptions,
    grid,
    shares: measureShares(grid.etaMin, grid.columns, regions, masks, etaOptions.targetMin),
    cityShareByThreshold: cityShares(grid, regions, masks, spec.thresholdsMin),
  };
}

// Outlines the scenario's isochrones and the gained and lost cells, and cuts the gaps.
async function compareGrids(
  deps: AppDeps,
  spec: CoverageSpec,
  regions: Regions,
  masks: RegionMasks,
  baselineGrid: ResponseTimeGrid,
  scenarioGrid: ResponseTimeGrid,
  scenarioSide: ScenarioSide & Pick<ScenarioFleet, "groundedByClosure" | "addedAircraftIds">,
): Promise<Pick<ScenarioResult, "scenario" | "gained" | "lost">> {
  const targetMin = scenarioSide.etaOptions.targetMin;
  // Gains and losses count only where the plan measures coverage: the city and the risk areas.
  const measured = measuredCells(scenarioGrid, masks);
  const reached = (grid: ResponseTimeGrid, cell: number) => grid.etaMin[cell]! <= targetMin;
  const gained = (cell: number) => measured[cell] === 1 && reached(scenarioGrid, cell) && !reached(baselineGrid, cell);
  const lost = (cell: number) => measured[cell] === 1 && reached(baselineGrid, cell) && !reached(scenarioGrid, cell);

  const thresholdsMin = spec.thresholdsMin;
  const layers: CellLayer[] = thresholdLayers(scenarioGrid, thresholdsMin);
  layers.push({ layout: scenarioGrid, inside: gained }, { layout: scenarioGrid, inside: lost });
  let targetLayer = thresholdsMin.indexOf(targetMin);
  if (targetLayer < 0) {
    targetLayer = layers.length;
    layers.push(...thresholdLayers(scenarioGrid, [targetMin]));
  }
  const outlined = await outlineLayers(deps.database, layers, targetLayer);

  return {
    scenario: {
      ...scenarioSide,
      union: thresholdsMin.map((thresholdMin, index) => ({ thresholdMin, geometry: outlined.layers[index]! })),
      gaps: { geometry: outlined.gaps, areaKm2: outlined.gapAreaKm2 },
    },
    gained: { geometry: outlined.layers[thresholdsMin.length]!, ...sumCells(scenarioGrid, masks, gained) },
    lost: { geometry: outlined.layers[thresholdsMin.length + 1]!, ...sumCells(scenarioGrid, masks, lost) },
  };
}

function measuredCells(grid: ResponseTimeGrid, masks: RegionMasks): Uint8Array {
  const measured = new Uint8Array(grid.etaMin.length);
  for (const cells of [masks.city, ...masks.riskAreas]) {
    for (const cell of cells) {
      measured[cell] = 1;
    }
  }
  return measured;
}

function sumCells(grid: ResponseTimeGrid, masks: RegionMasks, inside: (cell: number) => boolean) {
  let areaKm2 = 0;
  let cells = 0;
  for (let cell = 0; cell < grid.etaMin.length; cell += 1) {
    if (inside(cell)) {
      areaKm2 += masks.cellAreaKm2ByRow[Math.floor(cell / grid.columns)]!;
      cells += 1;
    }
  }
  return { areaKm2, cells };
}

// Keeps the aircraft that pass the request's city and status filters, plus every added one.
function fleetModel(
  full: FleetSnapshot,
  bases: BaseRecord[],
  aircraft: AircraftRecord[],
  filter: FleetFilter,
  addedAircraftIds: ReadonlySet<number>,
): FleetModel {
  const selected = aircraft.filter((record) => addedAircraftIds.has(record.id) || passesFilter(record, filter));
  const snapshot: FleetSnapshot = { bases, aircraft: selected, types: full.types, airborne: full.airborne };
  const { inputs, withoutHomeBase } = toAircraftInputs(snapshot);

  return { aircraft: inputs, bases: bases.map(toBaseInput), snapshot, withoutHomeBase };
}
