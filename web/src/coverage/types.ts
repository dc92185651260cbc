// The parts of the coverage API's responses the layer draws.
export interface EncodedGrid {
  bbox: [number, number, number, number];
  cellSizeM: number;
  columns: number;
  rows: number;
  cellWidthDeg: number;
  cellHeightDeg: number;
  etaScale: number;
  noData: number;
  // Base64 of little-endian Uint16: ETA minutes x etaScale, noData where unreachable.
  etaMin: string;
}

export interface AreaShare {
  areaKm2: number;
  reachedAreaKm2: number;
  shareOfArea: number;
}

export interface Shares {
  targetMin: number;
  city: AreaShare & { adcode: string; nameZh: string; nameEn: string | null };
  counties: Array<AreaShare & { adcode: string; nameZh: string; nameEn: string | null }>;
  riskAreas: Array<AreaShare & { riskAreaId: number; nameZh: string; nameEn: string | null; weight: number }>;
  riskAreasTotal: AreaShare & { riskWeightedShare: number };
}

export interface ThresholdGeometry {
  thresholdMin: number;
  geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon;
}

export interface CoverageResponse {
  groups: Array<{ base: { id: number; code: string; nameZh: string; nameEn: string | null } | null; isochrones: ThresholdGeometry[] }>;
  union: ThresholdGeometry[];
  gaps: { thresholdMin: number; geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon; areaKm2: number };
  shares: Shares;
  grid: EncodedGrid;
  aircraft: Array<{ aircraftId: number; registration: string; typeId: string; homeBaseId: number }>;
}

export interface ShareDelta {
  before: number;
  after: number;
  delta: number;
}

export interface ScenarioResponse {
  scenario: { shares: Shares; grid: EncodedGrid; union: ThresholdGeometry[] };
  difference: {
    targetMin: number;
    gained: { geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon; areaKm2: number };
    lost: { geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon; areaKm2: number };
    city: ShareDelta;
    counties: Array<ShareDelta & { adcode: string; nameZh: string; nameEn: string | null }>;
    riskWeightedShare: ShareDelta;
  };
}

export interface BaseFeature {
  id: number;
  properties: { code: string; nameZh: string; nameEn: string | null };
}

export interface AircraftItem {
  id: number;
  registration: string;
  typeId: string;
  status: string;
}

export interface AircraftType {
  id: string;
  name: string;
  nameZh: string | null;
}
