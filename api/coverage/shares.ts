import type { RegionMasks, Regions } from "./regions.js";

// Shares of an area reached within a time, from the grid: the area of the
// cells whose centres lie in the area and whose ETA is <= the threshold,
// over the area of all its cells. Cell areas are ellipsoidal (rasterize.ts),
// so northern rows weigh less than southern ones.

export interface AreaShare {
  areaKm2: number;
  reachedAreaKm2: number;
  shareOfArea: number;
}

export interface CoverageShares {
  thresholdMin: number;
  city: AreaShare;
  counties: AreaShare[];
  riskAreas: AreaShare[];
  // All risk areas together: by area, and weighted by each area's risk weight.
  riskAreasTotal: AreaShare & { riskWeightedShare: number };
}

/** Measures the shares of the city, each county and each risk area reached within `thresholdMin`. */
export function measureShares(
  etaMin: Float32Array,
  columns: number,
  regions: Regions,
  masks: RegionMasks,
  thresholdMin: number,
): CoverageShares {
  const measure = (cells: Uint32Array) => measureArea(etaMin, columns, masks.cellAreaKm2ByRow, cells, thresholdMin);
  const riskAreas = masks.riskAreas.map(measure);

  let areaKm2 = 0;
  let reachedAreaKm2 = 0;
  let weightedAreaKm2 = 0;
  let weightedReachedKm2 = 0;
  riskAreas.forEach((share, index) => {
    const weight = regions.riskAreas[index]!.weight;
    areaKm2 += share.areaKm2;
    reachedAreaKm2 += share.reachedAreaKm2;
    weightedAreaKm2 += weight * share.areaKm2;
    weightedReachedKm2 += weight * share.reachedAreaKm2;
  });

  return {
    thresholdMin,
    city: measure(masks.city),
    counties: masks.counties.map(measure),
    riskAreas,
    riskAreasTotal: {
      areaKm2,
      reachedAreaKm2,
      shareOfArea: ratio(reachedAreaKm2, areaKm2),
      riskWeightedShare: ratio(weightedReachedKm2, weightedAreaKm2),
    },
  };
}

/** Sums the risk weight x km² reached within `thresholdMin`, the quantity siting maximises. */
export function riskWeightedReachedKm2(
  etaMin: Float32Array,
  columns: number,
  regions: Regions,
  masks: RegionMasks,
  thresholdMin: number,
): number {
  let total = 0;
  masks.riskAreas.forEach((cells, index) => {
    const weight = regions.riskAreas[index]!.weight;
    total += weight * measureArea(etaMin, columns, masks.cellAreaKm2ByRow, cells, thresholdMin).reachedAreaKm2;
  });
  return total;
}

function measureArea(
  etaMin: Float32Array,
  columns: number,
  cellAreaKm2ByRow: Float64Array,
  cells: Uint32Array,
  thresholdMin: number,
): AreaShare {
  let areaKm2 = 0;
  let reachedAreaKm2 = 0;

  for (const cell of cells) {
    const cellAreaKm2 = cellAreaKm2ByRow[Math.floor(cell / columns)]!;
    areaKm2 += cellAreaKm2;
    // NaN (unreachable) fails the comparison.
    if (etaMin[cell]! <= thresholdMin) {
      reachedAreaKm2 += cellAreaKm2;
    }
  }
  return { areaKm2, reachedAreaKm2, shareOfArea: ratio(reachedAreaKm2, areaKm2) };
}

function ratio(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}
