import type { AircraftInput, BaseInput, EtaOptions } from "./eta-types.js";
import type { LonLat } from "./geodesy.js";
import { localScaleAt } from "./local-distance.js";
import { type MissionProfile, buildMissionProfile, resolveEtaOptions } from "./mission.js";

// The response-time grid: the best ETA over all aircraft at every cell centre
// of a bounding box, under the same rules as estimateEta (mission.ts). It uses
// the local-distance.ts approximation in place of exact geodesics (distance
// within 0.07 % over the region), so a city-wide grid takes milliseconds.
//
// Cells are a regular longitude/latitude raster whose cells measure cellSizeM
// along both axes at the box's central latitude. Row 0 is the northernmost,
// as in images. The last row and column may extend past the south and east edges.

// [west, south, east, north] in degrees, the GeoJSON bbox order.
export type BoundingBox = readonly [westDeg: number, southDeg: number, eastDeg: number, northDeg: number];

export interface GridOptions extends Partial<EtaOptions> {
  // Cell edge in metres; default 2000, minimum 500.
  cellSizeM?: number;
}

export const NO_AIRCRAFT = 65535;
export const DEFAULT_CELL_SIZE_M = 2000;
export const MIN_CELL_SIZE_M = 500;
// Caps memory at about 24 MB of output arrays.
export const MAX_CELLS = 4_000_000;

export interface ResponseTimeGrid {
  bbox: BoundingBox;
  cellSizeM: number;
  columns: number;
  rows: number;
  cellWidthDeg: number;
  cellHeightDeg: number;
  // Best ETA per cell in minutes, NaN where no aircraft is able. Index = row * columns + column.
  etaMin: Float32Array;
  // Index into aircraftIds of the aircraft with the best ETA, NO_AIRCRAFT where none.
  bestAircraftIndex: Uint16Array;
  aircraftIds: string[];
}

// One point that legs start or end at: an aircraft's start or a return base.
interface LegEnd {
  lonDeg: number;
  latDeg: number;
}

interface GridAircraft {
  index: number;
  profile: MissionProfile;
  startEnd: number;
  returnEnds: number[];
}

/** Computes the best ETA and the best aircraft for every cell of `bbox`. */
export function computeResponseTimeGrid(
  bbox: BoundingBox,
  aircraftList: readonly AircraftInput[],
  bases: readonly BaseInput[],
  options: GridOptions = {},
): ResponseTimeGrid {
  const { cellSizeM = DEFAULT_CELL_SIZE_M, ...etaOptionOverrides } = options;
  const etaOptions = resolveEtaOptions(etaOptionOverrides);
  const layout = layoutGrid(bbox, cellSizeM);

  if (aircraftList.length >= NO_AIRCRAFT) {
    throw new RangeError(`aircraftList: ${aircraftList.length} aircraft; expected fewer than ${NO_AIRCRAFT}`);
  }

  const legEnds: LegEnd[] = [];
  const candidates = prepareAircraft(aircraftList, bases, etaOptions, legEnds);

  const etaMin = new Float32Array(layout.columns * layout.rows).fill(Number.NaN);
  const bestAircraftIndex = new Uint16Array(layout.columns * layout.rows).fill(NO_AIRCRAFT);
  fillGrid(bbox, layout, legEnds, candidates, etaOptions, etaMin, bestAircraftIndex);

  return { ...layout, bbox, cellSizeM, etaMin, bestAircraftIndex, aircraftIds: aircraftList.map((a) => a.id) };
}

/** Returns the [lon, lat] centre of a grid cell. */
export function cellCentreLonLat(
  grid: Pick<ResponseTimeGrid, "bbox" | "cellWidthDeg" | "cellHeightDeg">,
  row: number,
  column: number,
): LonLat {
  return [grid.bbox[0] + (column + 0.5) * grid.cellWidthDeg, grid.bbox[3] - (row + 0.5) * grid.cellHeightDeg];
}

interface GridLayout {
  columns: number;
  rows: number;
  cellWidthDeg: number;
  cellHeightDeg: number;
}

function layoutGrid(bbox: BoundingBox, cellSizeM: number): GridLayout {
  const [westDeg, southDeg, eastDeg, northDeg] = bbox;
  if (!bbox.every(Number.isFinite) || westDeg >= eastDeg || southDeg >= northDeg || southDeg < -90 || northDeg > 90) {
    throw new RangeError(
      `bbox: invalid ${JSON.stringify(bbox)}; expected [west, south, east, north] with west < east and -90 <= south < north <= 90`,
    );
  }
  if (!(cellSizeM >= MIN_CELL_SIZE_M) || !Number.isFinite(cellSizeM)) {
    throw new RangeError(`cellSizeM must be >= ${MIN_CELL_SIZE_M}; got ${cellSizeM}`);
  }

  const scale = localScaleAt((southDeg + northDeg) / 2);
  const cellWidthDeg = cellSizeM / 1000 / scale.eastKmPerDeg;
  const cellHeightDeg = cellSizeM / 1000 / scale.northKmPerDeg;
  const columns = Math.ceil((eastDeg - westDeg) / cellWidthDeg - 1e-9);
  const rows = Math.ceil((northDeg - southDeg) / cellHeightDeg - 1e-9);

  if (columns * rows > MAX_CELLS) {
    throw new RangeError(
      `bbox and cellSizeM give ${columns * rows} cells; expected at most ${MAX_CELLS}, so use a larger cellSizeM`,
    );
  }
  return { columns, rows, cellWidthDeg, cellHeightDeg };
}

function prepareAircraft(
  aircraftList: readonly AircraftInput[],
  bases: readonly BaseInput[],
  etaOptions: EtaOptions,
  legEnds: LegEnd[],
): GridAircraft[] {
  const endIndexByKey = new Map<string, number>();
  const endIndex = (lonLat: LonLat): number => {
    const key = `${lonLat[0]},${lonLat[1]}`;
    let index = endIndexByKey.get(key);
    if (index === undefined) {
      index = legEnds.length;
      legEnds.push({ lonDeg: lonLat[0], latDeg: lonLat[1] });
      endIndexByKey.set(key, index);
    }
    return index;
  };

  const prepared: GridAircraft[] = [];
  aircraftList.forEach((aircraft, index) => {
    const profile = buildMissionProfile(aircraft, bases, etaOptions);
    if (profile.blockingReasons.length > 0) {
      return;
    }

    prepared.push({
      index,
      profile,
      startEnd: endIndex(aircraft.startLonLat),
      returnEnds: profile.returnBases.map((base) => endIndex(base.lonLat)),
    });
  });
  return prepared;
}

// Fills etaMin and bestAircraftIndex row by row. The distance and the wind
// components from every leg end to the cell are computed once per cell and
// shared by all aircraft.
function fillGrid(
  bbox: BoundingBox,
  layout: GridLayout,
  legEnds: readonly LegEnd[],
  candidates: readonly GridAircraft[],
  etaOptions: EtaOptions,
  etaMin: Float32Array,
  bestAircraftIndex: Uint16Array,
): void {
  const endCount = legEnds.length;
  const northKm = new Float64Array(endCount);
  const eastKmPerDeg = new Float64Array(endCount);
  const legs: CellLegs = {
    distanceKm: new Float64Array(endCount),
    headwindKmh: new Float64Array(endCount),
    crosswindKmh: new Float64Array(endCount),
  };
  const wind = windVector(etaOptions);

  for (let row = 0; row < layout.rows; row += 1) {
    const latDeg = bbox[3] - (row + 0.5) * layout.cellHeightDeg;
    for (let end = 0; end < endCount; end += 1) {
      const legEnd = legEnds[end]!;
      const scale = localScaleAt((latDeg + legEnd.latDeg) / 2);
      northKm[end] = (latDeg - legEnd.latDeg) * scale.northKmPerDeg;
      eastKmPerDeg[end] = scale.eastKmPerDeg;
    }

    for (let column = 0; column < layout.columns; column += 1) {
      const lonDeg = bbox[0] + (column + 0.5) * layout.cellWidthDeg;
      measureLegs(lonDeg, legEnds, northKm, eastKmPerDeg, wind, legs);

      let bestEtaMin = Number.POSITIVE_INFINITY;
      let bestIndex = NO_AIRCRAFT;
      for (const candidate of candidates) {
        const etaForCandidate = candidateEtaMin(candidate, bestEtaMin, legs);
        if (etaForCandidate < bestEtaMin) {
          bestEtaMin = etaForCandidate;
          bestIndex = candidate.index;
        }
      }

      if (bestIndex !== NO_AIRCRAFT) {
        const cell = row * layout.columns + column;
        etaMin[cell] = bestEtaMin;
        bestAircraftIndex[cell] = bestIndex;
      }
    }
  }
}

// Legs from each leg end to the current cell centre, indexed by leg end.
interface CellLegs {
  distanceKm: Float64Array;
  // Wind components on the track from the leg end to the cell, as in wind.ts:
  // headwind = W * cos(windFrom - track), crosswind = W * sin(windFrom - track).
  // The reverse track has both components negated.
  headwindKmh: Float64Array;
  crosswindKmh: Float64Array;
}

interface WindVector {
  speedKmh: number;
  // Unit vector toward the direction the wind comes from, (east, north).
  fromEast: number;
  fromNorth: number;
}

function windVector(etaOptions: EtaOptions): WindVector {
  if (etaOptions.wind === null) {
    return { speedKmh: 0, fromEast: 0, fromNorth: 1 };
  }

  const fromRad = (etaOptions.wind.fromDeg * Math.PI) / 180;
  return { speedKmh: etaOptions.wind.speedKmh, fromEast: Math.sin(fromRad), fromNorth: Math.cos(fromRad) };
}

function measureLegs(
  lonDeg: number,
  legEnds: readonly LegEnd[],
  northKm: Float64Array,
  eastKmPerDeg: Float64Array,
  wind: WindVector,
  legs: CellLegs,
): void {
  for (let end = 0; end < legEnds.length; end += 1) {
    let deltaLonDeg = lonDeg - legEnds[end]!.lonDeg;
    if (deltaLonDeg > 180) {
      deltaLonDeg -= 360;
    } else if (deltaLonDeg < -180) {
      deltaLonDeg += 360;
    }

    const eastKm = deltaLonDeg * eastKmPerDeg[end]!;
    const north = northKm[end]!;
    const legKm = Math.sqrt(eastKm * eastKm + north * north);
    legs.distanceKm[end] = legKm;

    // With the track's unit vector t = (east, north) / legKm, cos(windFrom - track)
    // is t . windFrom and sin(windFrom - track) is windFrom x t.
    const windPerKm = legKm > 0 ? wind.speedKmh / legKm : 0;
    legs.headwindKmh[end] = windPerKm * (eastKm * wind.fromEast + north * wind.fromNorth);
    legs.crosswindKmh[end] = windPerKm * (wind.fromEast * north - wind.fromNorth * eastKm);
  }
}

// Returns the ETA of one aircraft to the cell, or +Infinity when it is unable
// or cannot beat `bestEtaMin`. The checks are those of eta.ts.
function candidateEtaMin(candidate: GridAircraft, bestEtaMin: number, legs: CellLegs): number {
  const profile = candidate.profile;
  const start = candidate.startEnd;
  const airspeedKmh = profile.airspeedKmh;

  const outboundMin = legMinutes(
    legs.distanceKm[start]!,
    legs.headwindKmh[start]!,
    legs.crosswindKmh[start]!,
    airspeedKmh,
  );
  const etaMin = profile.readinessMin + profile.approvalDelayMin + outboundMin;
  if (!(etaMin < bestEtaMin)) {
    return Number.POSITIVE_INFINITY;
  }

  // The return leg runs from the cell to the base, so the wind components flip sign.
  let returnMin = Number.POSITIVE_INFINITY;
  let returnKm = 0;
  for (const end of candidate.returnEnds) {
    const legMin = legMinutes(legs.distanceKm[end]!, -legs.headwindKmh[end]!, -legs.crosswindKmh[end]!, airspeedKmh);
    if (legMin < returnMin) {
      returnMin = legMin;
      returnKm = legs.distanceKm[end]!;
    }
  }
  if (returnMin === Number.POSITIVE_INFINITY) {
    return Number.POSITIVE_INFINITY;
  }

  if (outboundMin + profile.onSceneMin + returnMin > profile.availableEnduranceMin) {
    return Number.POSITIVE_INFINITY;
  }
  if (legs.distanceKm[start]! + returnKm + profile.onSceneRangeKm > profile.availableRangeKm) {
    return Number.POSITIVE_INFINITY;
  }
  return etaMin;
}

// The wind triangle of wind.ts: GS = TAS * cos(crab) - headwind with
// sin(crab) = crosswind / TAS. Returns +Infinity when the track cannot be made good.
function legMinutes(distanceKm: number, headwindKmh: number, crosswindKmh: number, airspeedKmh: number): number {
  if (distanceKm === 0) {
    return 0;
  }
  if (Math.abs(crosswindKmh) >= airspeedKmh) {
    return Number.POSITIVE_INFINITY;
  }

  const groundSpeedKmh = Math.sqrt(airspeedKmh * airspeedKmh - crosswindKmh * crosswindKmh) - headwindKmh;
  if (groundSpeedKmh <= 0) {
    return Number.POSITIVE_INFINITY;
  }
  return (distanceKm / groundSpeedKmh) * 60;
}
