import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";

import { type Executor } from "../audit/log.js";
import { roundShare } from "../coverage/coverage-presenter.js";
import { measureLoanImpact, type CityImpact, type LoanImpact } from "../coverage/loan-impact.js";
import { DEFAULT_CELL_SIZE_M, MIN_CELL_SIZE_M } from "../coverage/model/index.js";
import { checkMissionFields, missionQueryFields, queryNumber, toMissionRequest, type MissionRequest } from "../coverage/options.js";
import { presentOptions } from "../coverage/options-presenter.js";
import { RegionCache } from "../coverage/regions.js";
import { round2 } from "../coverage/reasons.js";
import { aircraft, aircraftTypes } from "../db/schema.js";
import { parseIdParam } from "../dispatch/http.js";
import type { AppDeps } from "../http/context.js";
import { conflict } from "../http/errors.js";
import type { Router } from "../http/router.js";
import { parseOrThrow } from "../http/validation.js";
import { activeLoans } from "./loans.js";
import type { RequestRow } from "./presenter.js";
import { getRequest, hasCapability } from "./repository.js";
import type { Capability } from "./schema.js";
import { mutualAidReaders } from "./routes.js";

// GET /api/v1/mutual-aid/requests/:id/coverage-impact: what the loan does
// to the share of each city reached within the target, the requesting
// city's gain and the lending city's loss, for coordinators deciding on it.

const { cities: _cities, aircraftIds: _aircraftIds, ...missionFields } = missionQueryFields;

/** GET /api/v1/mutual-aid/requests/:id/coverage-impact */
export const coverageImpactQuery = z
  .object({ ...missionFields, cellSizeM: queryNumber(MIN_CELL_SIZE_M, 20_000).default(DEFAULT_CELL_SIZE_M) })
  .strict()
  .superRefine(checkMissionFields);

// Source of the aircraft: named in the request, picked by the lender on
// approval, or, for an open "any suitable aircraft" request, the first
// suitable one by id.
type ChosenBy = "request" | "approval" | "first_suitable";
type AircraftCategory = (typeof aircraftTypes.$inferSelect)["category"];

export function registerCoverageImpactRoute(router: Router, deps: AppDeps): void {
  const db = deps.database.db;
  const regionCache = new RegionCache(deps.database);

  router.add(
    {
      method: "GET",
      path: "/api/v1/mutual-aid/requests/:id/coverage-impact",
      access: mutualAidReaders,
      summary: "Coverage gained by the requesting city and lost by the lending city through one loan",
      tag: "mutual-aid",
    },
    async (c) => {
      const id = parseIdParam(c.req.param("id"));
      const query = parseOrThrow(coverageImpactQuery, c.req.query(), 400);
      const nowMs = Date.now();
      const request = toMissionRequest(query, "own", nowMs);

      const row = await getRequest(db, id);
      const { aircraftId, chosenBy } = await resolveAircraft(db, row);
      const loan = { requestId: row.id, aircraftId, lendingCity: row.lendingCity, borrowingCity: row.requestingCity };
      const impact = await measureLoanImpact(deps, regionCache, request, query.cellSizeM, loan, nowMs);
      return c.json(presentCoverageImpact(row, chosenBy, impact, request, query.cellSizeM));
    },
  );
}

// NOTE: for an open "any suitable aircraft" request the lender may approve
// another suitable aircraft than the first one by id, with another impact.
async function resolveAircraft(db: Executor, row: RequestRow): Promise<{ aircraftId: number; chosenBy: ChosenBy }> {
  if (row.aircraftId !== null) {
    return { aircraftId: row.aircraftId, chosenBy: row.category === null ? "request" : "approval" };
  }

  const [candidates, loans] = await Promise.all([
    db
      .select({
        id: aircraft.id,
        hoist: aircraftTypes.hoist,
        nightCapable: aircraftTypes.nightCapable,
        bucketCapacityL: aircraftTypes.bucketCapacityL,
        stretchers: aircraftTypes.stretchers,
      })
      .from(aircraft)
      .innerJoin(aircraftTypes, eq(aircraftTypes.id, aircraft.typeId))
      .where(and(eq(aircraft.city, row.lendingCity), eq(aircraft.status, "available"), eq(aircraftTypes.category, row.category as AircraftCategory)))
      .orderBy(asc(aircraft.id)),
    activeLoans(db),
  ]);
  const onLoan = new Set(loans.map((loan) => loan.aircraftId));
  const capabilities = row.capabilities as Capability[];
  const suitable = candidates.find(
    (candidate) => !onLoan.has(candidate.id) && capabilities.every((capability) => hasCapability(candidate, capability)),
  );
  if (suitable === undefined) {
    const needs = [row.category, ...capabilities].join(", ");
    throw conflict({ code: "no_suitable_aircraft", field: "lendingCity", value: row.lendingCity, expected: needs });
  }
  return { aircraftId: suitable.id, chosenBy: "first_suitable" };
}

// Every field of the response. Deltas are after - before, as fractions of
// area: positive for the borrower's gain, negative for the lender's loss.
function presentCoverageImpact(row: RequestRow, chosenBy: ChosenBy, impact: LoanImpact, request: MissionRequest, cellSizeM: number) {
  const record = impact.aircraft;

  return {
    request: { id: row.id, status: row.status, requestingCity: row.requestingCity, lendingCity: row.lendingCity },
    aircraft: {
      aircraftId: record.id,
      registration: record.registration,
      typeId: record.type.id,
      category: record.type.category,
      status: record.status,
      ownerCity: record.city,
      homeBaseId: record.homeBaseId,
      chosenBy,
      counted: impact.counted,
    },
    options: presentOptions(request, impact.borrower.night),
    cellSizeM,
    borrower: presentCity(impact.borrower),
    lender: presentCity(impact.lender),
  };
}

function presentCity(side: CityImpact) {
  const delta = (first: number, second: number) => ({
    before: roundShare(first),
    after: roundShare(second),
    delta: roundShare(second - first),
  });
  const { before, after } = side;

  return {
    city: side.city,
    adcode: side.region.id,
    nameZh: side.region.nameZh,
    nameEn: side.region.nameEn,
    areaKm2: round2(before.city.areaKm2),
    night: side.night,
    grid: { bbox: side.bbox, columns: side.grid.columns, rows: side.grid.rows },
    aircraftIds: { before: side.aircraftIdsBefore, after: side.aircraftIdsAfter },
    shareOfArea: delta(before.city.shareOfArea, after.city.shareOfArea),
    riskAreasTotal: {
      areaKm2: round2(before.riskAreasTotal.areaKm2),
      shareOfArea: delta(before.riskAreasTotal.shareOfArea, after.riskAreasTotal.shareOfArea),
      riskWeightedShare: delta(before.riskAreasTotal.riskWeightedShare, after.riskAreasTotal.riskWeightedShare),
    },
    riskAreas: side.riskAreas.map((area, index) => ({
      riskAreaId: area.riskAreaId,
      nameZh: area.nameZh,
      nameEn: area.nameEn,
      areaKm2InCity: round2(before.riskAreas[index]!.areaKm2),
      ...delta(before.riskAreas[index]!.shareOfArea, after.riskAreas[index]!.shareOfArea),
    })),
    gained: { cells: side.gained.cells, areaKm2: round2(side.gained.areaKm2) },
    lost: { cells: side.lost.cells, areaKm2: round2(side.lost.areaKm2) },
  };
}
