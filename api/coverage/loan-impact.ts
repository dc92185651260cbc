import { sql } from "drizzle-orm";

import type { AppDeps } from "../http/context.js";
import { ApiError } from "../http/errors.js";
import { assertGridSize, computeGridMemoized, gridNight } from "./coverage-grid.js";
import {
  aircraftStatuses,
  loadFleet,
  passesFilter,
  toAircraftInputs,
  toBaseInput,
  type AircraftRecord,
  type FleetSnapshot,
} from "./fleet-query.js";
import type { BoundingBox, EtaOptions, ResponseTimeGrid } from "./model/index.js";
import type { MissionRequest } from "./options.js";
import { cellAreaKm2ByRow, cellsInside, type MultiPolygonCoordinates } from "./rasterize.js";
import { extentOf, type Region, type RegionCache, type RegionMasks, type Regions, type RiskRegion } from "./regions.js";
import { measureShares, type CoverageShares } from "./shares.js";

// What lending one aircraft does to coverage on both sides. Each city is
// measured with its own fleet, the aircraft that `cities=own` selects for it.
// The result is the share of the city and of the risk areas inside it reached
// within the target, without and with the loan, on one grid per city.
// NOTE: the lent aircraft flies from its home base (or live position), as in
// every coverage endpoint, not from a base of the borrower.

// The admin_areas adcode of each city that lends or borrows aircraft.
export const cityAdcodes: Readonly<Record<string, string>> = {
  bayannur: "150800",
  baotou: "150200",
  wuhai: "150300",
  ordos: "150600",
  alxa: "152900",
};

export interface LoanSubject {
  requestId: number;
  aircraftId: number;
  lendingCity: string;
  borrowingCity: string;
}

export interface CityImpact {
  city: string;
  region: Region;
  // Risk areas that overlap the city; masks and shares cover only the part inside it.
  riskAreas: RiskRegion[];
  bbox: BoundingBox;
  grid: Pick<ResponseTimeGrid, "columns" | "rows">;
  night: boolean;
  aircraftIdsBefore: number[];
  aircraftIdsAfter: number[];
  before: CoverageShares;
  after: CoverageShares;
  gained: { cells: number; areaKm2: number };
  lost: { cells: number; areaKm2: number };
}

export interface LoanImpact {
  aircraft: AircraftRecord;
  // False when the aircraft's status is outside `includeStatuses` or it has
  // no home base, because the model then leaves it out and the loan changes nothing.
  counted: boolean;
  borrower: CityImpact;
  lender: CityImpact;
}

/** Measures the coverage of the borrowing and the lending city without and with the loan of one aircraft. */
export async function measureLoanImpact(
  deps: AppDeps,
  cache: RegionCache,
  request: MissionRequest,
  cellSizeM: number,
  loan: LoanSubject,
  nowMs: number,
): Promise<LoanImpact> {
  // Every status is loaded so that the aircraft is found even when the filter leaves it out.
  const everything = { cities: "all", statuses: aircraftStatuses, aircraftIds: null } as const;
  const [snapshot, regions, cityRegions] = await Promise.all([
    loadFleet(deps.database, everything, deps.tracking, nowMs),
    cache.regionsNow(nowMs),
    loadCityRegions(deps, [loan.borrowingCity, loan.lendingCity]),
  ]);

  const aircraft = snapshot.aircraft.find((record) => record.id === loan.aircraftId);
  if (aircraft === undefined) {
    throw new ApiError(422, { code: "reference_not_found", field: "aircraftId", value: loan.aircraftId });
  }

  // Without this loan the aircraft serves its owner, unless another loan has it.
  const cityWithout = aircraft.loanRequestId === loan.requestId ? aircraft.city : aircraft.servingCity;
  const fleetWithout = reassign(snapshot, loan.aircraftId, cityWithout);
  const fleetWith = reassign(snapshot, loan.aircraftId, loan.borrowingCity);

  const measureCity = (city: string) =>
    measureCityImpact(request, cellSizeM, city, cityRegions.get(city)!, regions, fleetWithout, fleetWith);

  return {
    aircraft,
    counted: request.statuses.includes(aircraft.status) && aircraft.homeBaseId !== null,
    borrower: measureCity(loan.borrowingCity),
    lender: measureCity(loan.lendingCity),
  };
}

function reassign(snapshot: FleetSnapshot, aircraftId: number, servingCity: string): FleetSnapshot {
  const aircraft = snapshot.aircraft.map((record) => (record.id === aircraftId ? { ...record, servingCity } : record));
  return { ...snapshot, aircraft };
}

function measureCityImpact(
  request: MissionRequest,
  cellSizeM: number,
  city: string,
  region: Region,
  regions: Regions,
  fleetWithout: FleetSnapshot,
  fleetWith: FleetSnapshot,
): CityImpact {
  const bbox = extentOf([region]);
  assertGridSize(bbox, cellSizeM);
  const etaOptions: EtaOptions = { ...request.eta, night: gridNight(request, bbox) };
  const filter = { cities: [city], statuses: request.statuses, aircraftIds: null };

  const gridOf = (fleet: FleetSnapshot) => {
    const selected = { ...fleet, aircraft: fleet.aircraft.filter((record) => passesFilter(record, filter)) };
    const { inputs } = toAircraftInputs(selected);
    const grid = computeGridMemoized(bbox, cellSizeM, inputs, fleet.bases.map(toBaseInput), etaOptions);
    return { grid, aircraftIds: inputs.map((input) => Number(input.id)) };
  };
  const before = gridOf(fleetWithout);
  const after = gridOf(fleetWith);

  const { cityRegions, masks } = maskCity(before.grid, region, regions);
  const measure = (grid: ResponseTimeGrid) =>
    measureShares(grid.etaMin, grid.columns, cityRegions, masks, etaOptions.targetMin);
  const reached = (grid: ResponseTimeGrid, cell: number) => grid.etaMin[cell]! <= etaOptions.targetMin;

  return {
    city,
    region,
    riskAreas: cityRegions.riskAreas,
    bbox,
    grid: { columns: before.grid.columns, rows: before.grid.rows },
    night: etaOptions.night,
    aircraftIdsBefore: before.aircraftIds,
    aircraftIdsAfter: after.aircraftIds,
    before: measure(before.grid),
    after: measure(after.grid),
    gained: sumCells(masks, before.grid.columns, (cell) => reached(after.grid, cell) && !reached(before.grid, cell)),
    lost: sumCells(masks, before.grid.columns, (cell) => reached(before.grid, cell) && !reached(after.grid, cell)),
  };
}

// Rasterises the city and cuts each risk area to the cells inside the city.
// Risk areas with no cell in the city are left out.
function maskCity(layout: ResponseTimeGrid, region: Region, regions: Regions): { cityRegions: Regions; masks: RegionMasks } {
  const cityCells = cellsInside(layout, region.coordinates);
  const inCity = new Uint8Array(layout.columns * layout.rows);
  for (const cell of cityCells) {
    inCity[cell] = 1;
  }

  const riskAreas: RiskRegion[] = [];
  const riskMasks: Uint32Array[] = [];
  for (const area of regions.riskAreas) {
    const cells = cellsInside(layout, area.coordinates).filter((cell) => inCity[cell] === 1);
    if (cells.length > 0) {
      riskAreas.push(area);
      riskMasks.push(cells);
    }
  }

  return {
    cityRegions: { fingerprint: regions.fingerprint, city: region, counties: [], riskAreas, extent: extentOf([region]) },
    masks: { city: cityCells, counties: [], riskAreas: riskMasks, cellAreaKm2ByRow: cellAreaKm2ByRow(layout) },
  };
}

// Risk areas lie inside the city mask after maskCity, so the city's cells are all the measured cells.
function sumCells(masks: RegionMasks, columns: number, inside: (cell: number) => boolean) {
  let areaKm2 = 0;
  let cells = 0;
  for (const cell of masks.city) {
    if (inside(cell)) {
      areaKm2 += masks.cellAreaKm2ByRow[Math.floor(cell / columns)]!;
      cells += 1;
    }
  }
  return { cells, areaKm2 };
}

async function loadCityRegions(deps: AppDeps, cities: readonly string[]): Promise<Map<string, Region>> {
  const adcodes = cities.map((city) => {
    const adcode = cityAdcodes[city];
    if (adcode === undefined) {
      throw new ApiError(503, { code: "city_adcode_unknown", field: "city", value: city });
    }
    return adcode;
  });

  const rows = await deps.database.db.execute<{
    id: string;
    nameZh: string;
    nameEn: string | null;
    geometry: { coordinates: MultiPolygonCoordinates };
  }>(sql`
    SELECT adcode AS id, name_zh AS "nameZh", name_en AS "nameEn", ST_AsGeoJSON(ST_Multi(area))::json AS geometry
    FROM admin_areas WHERE adcode = ANY(${`{${adcodes.join(",")}}`}::text[])`);

  const regionsByCity = new Map<string, Region>();
  cities.forEach((city, index) => {
    const row = rows.find((candidate) => candidate.id === adcodes[index]);
    if (row === undefined) {
      throw new ApiError(503, { code: "boundary_missing", field: "admin_areas", value: adcodes[index] });
    }
    regionsByCity.set(city, { id: row.id, nameZh: row.nameZh, nameEn: row.nameEn, coordinates: row.geometry.coordinates });
  });
  return regionsByCity;
}
