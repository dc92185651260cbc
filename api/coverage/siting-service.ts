import type { AppDeps } from "../http/context.js";
import { ApiError } from "../http/errors.js";
import { assertGridSize, computeGrid, computeGridMemoized } from "./coverage-grid.js";
import { loadCoverageContext, type CoverageContext } from "./coverage-service.js";
import { toAircraftInput, type AircraftRecord } from "./fleet-query.js";
import type { BaseInput } from "./model/index.js";
import type { MissionRequest } from "./options.js";
import type { RegionCache, RegionMasks } from "./regions.js";
import type { SitingBody } from "./schemas.js";
import { listCandidates, type SitingCandidate } from "./siting-candidates.js";

// POST /api/v1/coverage/siting: the k best places for one more aircraft of a
// chosen type, by greedy maximisation of the risk-weighted share reached
// within the target (risk weight x km² reached over risk weight x km² in all
// risk areas). Each step adds the candidate with the largest gain on top of
// the fleet and the earlier picks. Coverage is monotone and submodular in the
// set of sites, so the gains come out non-increasing, and greedy selection of
// such a function is known to reach at least 1 - 1/e of the best set of k.

export interface SitingPick {
  candidate: SitingCandidate;
  gainRiskWeightedShare: number;
  riskWeightedShareAfter: number;
  cityShareAfter: number;
}

export interface SitingResult {
  context: CoverageContext;
  candidates: SitingCandidate[];
  baseline: { riskWeightedShare: number; cityShare: number };
  picks: SitingPick[];
}

// Cells the objective and the city share look at, with their weights.
interface MeasuredCells {
  cells: Uint32Array;
  // Sum of risk weight x cell km² over the risk areas containing the cell.
  riskWeightKm2: Float64Array;
  // Cell km² when the cell is in the city, else 0.
  cityKm2: Float64Array;
  totalRiskWeightKm2: number;
  totalCityKm2: number;
}

/** Picks the k candidates that add the most risk-weighted coverage, one after another. */
export async function chooseSites(
  deps: AppDeps,
  cache: RegionCache,
  request: MissionRequest,
  body: SitingBody,
  ownCity: string,
  nowMs: number,
): Promise<SitingResult> {
  if (body.bbox !== undefined) {
    assertGridSize(body.bbox, body.cellSizeM);
  }
  const context = await loadCoverageContext(deps, cache, request, body.bbox ?? null, ownCity, nowMs);
  assertGridSize(context.bbox, body.cellSizeM);
  const type = context.fleet.snapshot.types.find((candidate) => candidate.id === body.typeId);
  if (type === undefined) {
    throw new ApiError(422, { code: "reference_not_found", field: "typeId", value: body.typeId });
  }

  const { fleet, bbox, etaOptions } = context;
  const baselineGrid = computeGridMemoized(bbox, body.cellSizeM, fleet.aircraft, fleet.bases, etaOptions);
  const measured = measuredCells(cache.masksFor(context.regions, baselineGrid, nowMs), context, baselineGrid.columns);
  const candidates = await listCandidates(deps.database, body, context.regions);

  // Best ETA at each measured cell with one aircraft of the type at each candidate.
  const candidateEtaMin = candidates.map((candidate, index) => {
    const base: BaseInput = {
      id: `candidate-${index}`,
      lonLat: candidate.lonLat,
      nightOperations: body.nightOperations,
      fuelAvailable: body.fuelAvailable,
    };
    const record: AircraftRecord = {
      id: -1 - index,
      registration: `NEW${index + 1}`,
      callsign: null,
      icaoAddress: null,
      status: "available",
      city: ownCity,
      servingCity: ownCity,
      loanRequestId: null,
      homeBaseId: null,
      readinessDayMin: body.readinessDayMin ?? null,
      readinessNightMin: body.readinessNightMin ?? null,
      type,
    };
    const aircraft = toAircraftInput(record, base, null);
    const grid = computeGrid(bbox, body.cellSizeM, [aircraft], [...fleet.bases, base], etaOptions);
    return Float32Array.from(measured.cells, (cell) => grid.etaMin[cell]!);
  });

  const currentEtaMin = Float32Array.from(measured.cells, (cell) => baselineGrid.etaMin[cell]!);
  const targetMin = etaOptions.targetMin;
  const baseline = shareOf(currentEtaMin, measured, targetMin);

  const picks: SitingPick[] = [];
  const remaining = new Set(candidates.keys());
  for (let step = 0; step < body.k && remaining.size > 0; step += 1) {
    const { index, gainKm2 } = bestCandidate(remaining, candidateEtaMin, currentEtaMin, measured, targetMin);
    remaining.delete(index);

    const picked = candidateEtaMin[index]!;
    for (let cell = 0; cell < currentEtaMin.length; cell += 1) {
      if (picked[cell]! < currentEtaMin[cell]! || Number.isNaN(currentEtaMin[cell]!)) {
        currentEtaMin[cell] = picked[cell]!;
      }
    }

    const after = shareOf(currentEtaMin, measured, targetMin);
    picks.push({
      candidate: candidates[index]!,
      gainRiskWeightedShare: ratio(gainKm2, measured.totalRiskWeightKm2),
      riskWeightedShareAfter: after.riskWeightedShare,
      cityShareAfter: after.cityShare,
    });
  }

  return { context, candidates, baseline, picks };
}

// Returns the candidate with the largest gain; ties go to the earlier candidate.
function bestCandidate(
  remaining: ReadonlySet<number>,
  candidateEtaMin: readonly Float32Array[],
  currentEtaMin: Float32Array,
  measured: MeasuredCells,
  targetMin: number,
): { index: number; gainKm2: number } {
  let best = { index: -1, gainKm2: -1 };

  for (const index of remaining) {
    const etaMin = candidateEtaMin[index]!;
    let gainKm2 = 0;
    for (let cell = 0; cell < etaMin.length; cell += 1) {
      // NaN compares false, so an unreachable cell is never reached and never gained.
      if (etaMin[cell]! <= targetMin && !(currentEtaMin[cell]! <= targetMin)) {
        gainKm2 += measured.riskWeightKm2[cell]!;
      }
    }
    if (gainKm2 > best.gainKm2) {
      best = { index, gainKm2 };
    }
  }
  return best;
}

function measuredCells(masks: RegionMasks, context: CoverageContext, columns: number): MeasuredCells {
  const riskByCell = new Map<number, number>();
  const cityByCell = new Map<number, number>();
  const areaOf = (cell: number) => masks.cellAreaKm2ByRow[Math.floor(cell / columns)]!;

  masks.riskAreas.forEach((cells, index) => {
    const weight = context.regions.riskAreas[index]!.weight;
    for (const cell of cells) {
      riskByCell.set(cell, (riskByCell.get(cell) ?? 0) + weight * areaOf(cell));
    }
  });
  for (const cell of masks.city) {
    cityByCell.set(cell, areaOf(cell));
  }

  const cells = Uint32Array.from(new Set([...riskByCell.keys(), ...cityByCell.keys()]));
  const riskWeightKm2 = Float64Array.from(cells, (cell) => riskByCell.get(cell) ?? 0);
  const cityKm2 = Float64Array.from(cells, (cell) => cityByCell.get(cell) ?? 0);

  return {
    cells,
    riskWeightKm2,
    cityKm2,
    totalRiskWeightKm2: riskWeightKm2.reduce((sum, value) => sum + value, 0),
    totalCityKm2: cityKm2.reduce((sum, value) => sum + value, 0),
  };
}

function shareOf(etaMin: Float32Array, measured: MeasuredCells, targetMin: number) {
  let riskKm2 = 0;
  let cityKm2 = 0;
  for (let cell = 0; cell < etaMin.length; cell += 1) {
    if (etaMin[cell]! <= targetMin) {
      riskKm2 += measured.riskWeightKm2[cell]!;
      cityKm2 += measured.cityKm2[cell]!;
    }
  }
  return {
    riskWeightedShare: ratio(riskKm2, measured.totalRiskWeightKm2),
    cityShare: ratio(cityKm2, measured.totalCityKm2),
  };
}

function ratio(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}
