import type { MissionRequest } from "./options.js";
import { groupCellSizeM, type CoverageResult } from "./coverage-service.js";
import { presentBaseRef } from "./eta-presenter.js";
import type { FleetModel } from "./coverage-service.js";
import { encodeGrid } from "./grid-encoding.js";
import { presentOptions } from "./options-presenter.js";
import type { Regions } from "./regions.js";
import type { AreaShare, CoverageShares } from "./shares.js";
import { round2 } from "./reasons.js";

// The response of GET /api/v1/coverage; every field that leaves the API is
// listed here. Areas are km² rounded to 0.01, shares are fractions 0..1
// rounded to 1e-4.

/** Presents a coverage result. */
export function presentCoverage(result: CoverageResult, request: MissionRequest) {
  const { context } = result;

  return {
    options: presentOptions(request, context.etaOptions.night),
    spec: {
      bbox: context.bbox,
      cellSizeM: result.spec.cellSizeM,
      groupCellSizeM: groupCellSizeM(result.spec),
      thresholdsMin: result.spec.thresholdsMin,
      groupBy: result.spec.groupBy,
    },
    groups: result.groups.map((group) => ({
      kind: group.kind,
      base: group.base === null ? null : { ...presentBaseRef(group.base), lonLat: group.base.lonLat },
      aircraft:
        group.aircraft === null
          ? null
          : { aircraftId: group.aircraft.id, registration: group.aircraft.registration, typeId: group.aircraft.type.id },
      aircraftIds: group.aircraftIds,
      isochrones: group.isochrones,
    })),
    union: result.union,
    gaps: { thresholdMin: request.eta.targetMin, geometry: result.gaps.geometry, areaKm2: round2(result.gaps.areaKm2) },
    shares: presentShares(result.shares, context.regions, result.cityShareByThreshold),
    grid: encodeGrid(result.grid),
    aircraft: presentFleet(context.fleet),
    withoutHomeBase: context.fleet.withoutHomeBase.map((record) => ({ aircraftId: record.id, registration: record.registration })),
  };
}

/** Presents the aircraft in the grid's order, so grid.bestAircraftIndex indexes this list. */
export function presentFleet(fleet: FleetModel) {
  const recordsById = new Map(fleet.snapshot.aircraft.map((record) => [String(record.id), record]));
  return fleet.aircraft.map((input) => {
    const record = recordsById.get(input.id);
    return {
      aircraftId: Number(input.id),
      registration: input.registration,
      typeId: input.typeId,
      homeBaseId: Number(input.homeBase.id),
      airborne: input.airborne,
      startLonLat: input.startLonLat,
      city: record?.city ?? null,
    };
  });
}

export function presentShares(
  shares: CoverageShares,
  regions: Regions,
  cityShareByThreshold: { thresholdMin: number; shareOfArea: number }[],
) {
  return {
    targetMin: shares.thresholdMin,
    city: { adcode: regions.city.id, nameZh: regions.city.nameZh, nameEn: regions.city.nameEn, ...presentArea(shares.city) },
    counties: shares.counties.map((share, index) => {
      const county = regions.counties[index]!;
      return { adcode: county.id, nameZh: county.nameZh, nameEn: county.nameEn, ...presentArea(share) };
    }),
    riskAreas: shares.riskAreas.map((share, index) => {
      const area = regions.riskAreas[index]!;
      return {
        riskAreaId: area.riskAreaId,
        nameZh: area.nameZh,
        nameEn: area.nameEn,
        kind: area.kind,
        weight: area.weight,
        ...presentArea(share),
      };
    }),
    riskAreasTotal: {
      ...presentArea(shares.riskAreasTotal),
      riskWeightedShare: roundShare(shares.riskAreasTotal.riskWeightedShare),
    },
    cityByThreshold: cityShareByThreshold.map((entry) => ({
      thresholdMin: entry.thresholdMin,
      shareOfArea: roundShare(entry.shareOfArea),
    })),
  };
}

function presentArea(share: AreaShare) {
  return {
    areaKm2: round2(share.areaKm2),
    reachedAreaKm2: round2(share.reachedAreaKm2),
    shareOfArea: roundShare(share.shareOfArea),
  };
}

export function roundShare(share: number): number {
  return Math.round(share * 10_000) / 10_000;
}
