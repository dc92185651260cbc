import { presentFleet, presentShares, roundShare } from "./coverage-presenter.js";
import { encodeGrid } from "./grid-encoding.js";
import type { MissionRequest } from "./options.js";
import { presentOptions } from "./options-presenter.js";
import { round2 } from "./reasons.js";
import type { ScenarioResult } from "./scenario-service.js";
import type { ScenarioChange } from "./schemas.js";

// The response of POST /api/v1/coverage/scenarios; every field that leaves
// the API is listed here. `difference` compares the scenario with today
// within the target: deltas are after - before, as fractions of area.

/** Presents a scenario and its difference to today. */
export function presentScenario(result: ScenarioResult, request: MissionRequest, changes: readonly ScenarioChange[]) {
  const { baseline, scenario, regions } = result;

  return {
    options: presentOptions(request, baseline.etaOptions.night),
    spec: {
      bbox: result.bbox,
      cellSizeM: result.spec.cellSizeM,
      thresholdsMin: result.spec.thresholdsMin,
    },
    changes,
    baseline: {
      shares: presentShares(baseline.shares, regions, baseline.cityShareByThreshold),
      aircraft: presentFleet(baseline.fleet),
    },
    scenario: {
      wind:
        scenario.etaOptions.wind === null
          ? null
          : { fromDeg: scenario.etaOptions.wind.fromDeg, speedKmh: scenario.etaOptions.wind.speedKmh },
      shares: presentShares(scenario.shares, regions, scenario.cityShareByThreshold),
      union: scenario.union,
      gaps: { thresholdMin: request.eta.targetMin, geometry: scenario.gaps.geometry, areaKm2: round2(scenario.gaps.areaKm2) },
      grid: encodeGrid(scenario.grid),
      aircraft: presentFleet(scenario.fleet).map((aircraft) => ({
        ...aircraft,
        added: scenario.addedAircraftIds.has(aircraft.aircraftId),
      })),
      bases: scenario.fleet.snapshot.bases.map((base) => ({
        id: base.id,
        code: base.code,
        nameZh: base.nameZh,
        lonLat: base.lonLat,
        added: base.id < 0,
      })),
      groundedByClosure: scenario.groundedByClosure.map((record) => ({ aircraftId: record.id, registration: record.registration })),
    },
    difference: presentDifference(result),
  };
}

function presentDifference(result: ScenarioResult) {
  const before = result.baseline.shares;
  const after = result.scenario.shares;
  const delta = (first: number, second: number) => ({
    before: roundShare(first),
    after: roundShare(second),
    delta: roundShare(second - first),
  });

  return {
    targetMin: after.thresholdMin,
    gained: { geometry: result.gained.geometry, areaKm2: round2(result.gained.areaKm2), cells: result.gained.cells },
    lost: { geometry: result.lost.geometry, areaKm2: round2(result.lost.areaKm2), cells: result.lost.cells },
    city: { adcode: result.regions.city.id, ...delta(before.city.shareOfArea, after.city.shareOfArea) },
    counties: result.regions.counties.map((county, index) => ({
      adcode: county.id,
      nameZh: county.nameZh,
      nameEn: county.nameEn,
      ...delta(before.counties[index]!.shareOfArea, after.counties[index]!.shareOfArea),
    })),
    riskAreas: result.regions.riskAreas.map((area, index) => ({
      riskAreaId: area.riskAreaId,
      nameZh: area.nameZh,
      nameEn: area.nameEn,
      ...delta(before.riskAreas[index]!.shareOfArea, after.riskAreas[index]!.shareOfArea),
    })),
    riskAreasTotal: delta(before.riskAreasTotal.shareOfArea, after.riskAreasTotal.shareOfArea),
    riskWeightedShare: delta(before.riskAreasTotal.riskWeightedShare, after.riskAreasTotal.riskWeightedShare),
  };
}
