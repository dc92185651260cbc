import { sql } from "drizzle-orm";

import type { Database } from "../db/client.js";
import { ApiError } from "../http/errors.js";
import type { BoundingBox } from "./model/index.js";
import { cellAreaKm2ByRow, cellsInside, type GridLayout, type MultiPolygonCoordinates } from "./rasterize.js";

// The areas that coverage shares are measured over (the city, its counties
// and the risk areas), and their cell masks per grid layout. Both are cached
// in memory under a fingerprint of the admin_areas and risk_areas tables. The
// fingerprint is read on every request, so an edit to either table takes
// effect at once. Entries also expire after MASK_TTL_MS.

export const MASK_TTL_MS = 5 * 60_000;
const MAX_CACHED_LAYOUTS = 16;

export interface Region {
  id: string;
  nameZh: string;
  nameEn: string | null;
  coordinates: MultiPolygonCoordinates;
}

export interface RiskRegion extends Region {
  riskAreaId: number;
  kind: string;
  weight: number;
}

export interface Regions {
  fingerprint: string;
  city: Region;
  counties: Region[];
  riskAreas: RiskRegion[];
  // Extent of the city and the risk areas, the default coverage grid box.
  extent: BoundingBox;
}

export interface RegionMasks {
  city: Uint32Array;
  counties: Uint32Array[];
  riskAreas: Uint32Array[];
  cellAreaKm2ByRow: Float64Array;
}

interface CacheEntry<T> {
  fingerprint: string;
  expiresAtMs: number;
  value: T;
}

export class RegionCache {
  private regions: CacheEntry<Regions> | null = null;
  private readonly masks = new Map<string, CacheEntry<RegionMasks>>();

  constructor(private readonly database: Database) {}

  /** Loads the regions, from the cache unless the tables changed or the entry expired. */
  async regionsNow(nowMs: number): Promise<Regions> {
    const fingerprint = await readFingerprint(this.database);
    if (this.regions !== null && this.regions.fingerprint === fingerprint && this.regions.expiresAtMs > nowMs) {
      return this.regions.value;
    }

    const value = await loadRegions(this.database, fingerprint);
    this.regions = { fingerprint, expiresAtMs: nowMs + MASK_TTL_MS, value };
    return value;
  }

  /** Rasterises the regions onto `layout`, from the cache when the same layout was used before. */
  masksFor(regions: Regions, layout: GridLayout, nowMs: number): RegionMasks {
    const key = JSON.stringify([layout.bbox, layout.columns, layout.rows, layout.cellWidthDeg, layout.cellHeightDeg]);
    const cached = this.masks.get(key);
    if (cached !== undefined && cached.fingerprint === regions.fingerprint && cached.expiresAtMs > nowMs) {
      return cached.value;
    }

    const value: RegionMasks = {
      city: cellsInside(layout, regions.city.coordinates),
      counties: regions.counties.map((county) => cellsInside(layout, county.coordinates)),
      riskAreas: regions.riskAreas.map((area) => cellsInside(layout, area.coordinates)),
      cellAreaKm2ByRow: cellAreaKm2ByRow(layout),
    };
    if (this.masks.size >= MAX_CACHED_LAYOUTS) {
      this.masks.delete(this.masks.keys().next().value!);
    }
    this.masks.set(key, { fingerprint: regions.fingerprint, expiresAtMs: nowMs + MASK_TTL_MS, value });
    return value;
  }
}

// Changes with any insert, update or delete in either table: risk areas carry
// updated_at, and admin areas are hashed whole (a dozen polygons).
async function readFingerprint(database: Database): Promise<string> {
  const rows = await database.db.execute<{ fingerprint: string }>(sql`
    SELECT (SELECT count(*) || ':' || coalesce(sum(id), 0) || ':' || coalesce(max(updated_at)::text, '') FROM risk_areas)
           || '|' ||
           (SELECT count(*) || ':' || coalesce(md5(string_agg(adcode || role || md5(ST_AsBinary(area)), ',' ORDER BY adcode)), '')
            FROM admin_areas) AS fingerprint`);
  return rows[0]!.fingerprint;
}

interface RegionRow {
  id: string;
  nameZh: string;
  nameEn: string | null;
  role: string;
  kind: string | null;
  weight: number | null;
  geometry: { coordinates: MultiPolygonCoordinates };
}

async function loadRegions(database: Database, fingerprint: string): Promise<Regions> {
  const rows = await database.db.execute<RegionRow & Record<string, unknown>>(sql`
    SELECT adcode AS id, name_zh AS "nameZh", name_en AS "nameEn", role, NULL AS kind, NULL::float8 AS weight,
           ST_AsGeoJSON(area)::json AS geometry
    FROM admin_areas WHERE role IN ('subject', 'county_of_subject')
    UNION ALL
    SELECT id::text, name_zh, name_en, 'risk_area', kind::text, weight::float8, ST_AsGeoJSON(area)::json
    FROM risk_areas`);

  const cityRow = rows.find((row) => row.role === "subject");
  if (cityRow === undefined) {
    throw new ApiError(503, { code: "boundary_missing", field: "admin_areas", value: "subject" });
  }

  const toRegion = (row: RegionRow): Region => ({
    id: row.id,
    nameZh: row.nameZh,
    nameEn: row.nameEn,
    coordinates: row.geometry.coordinates,
  });
  const riskAreas = rows
    .filter((row) => row.role === "risk_area")
    .map((row) => ({ ...toRegion(row), riskAreaId: Number(row.id), kind: row.kind!, weight: row.weight! }))
    .sort((first, second) => first.riskAreaId - second.riskAreaId);
  const counties = rows
    .filter((row) => row.role === "county_of_subject")
    .map(toRegion)
    .sort((first, second) => first.id.localeCompare(second.id));

  const city = toRegion(cityRow);
  return { fingerprint, city, counties, riskAreas, extent: extentOf([city, ...riskAreas]) };
}

// Rounds outward to 0.01 degree so that small edits do not change the grid.
export function extentOf(regions: readonly Region[]): BoundingBox {
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const region of regions) {
    for (const part of region.coordinates) {
      for (const [lonDeg, latDeg] of part[0]!) {
        west = Math.min(west, lonDeg!);
        east = Math.max(east, lonDeg!);
        south = Math.min(south, latDeg!);
        north = Math.max(north, latDeg!);
      }
    }
  }
  return [Math.floor(west * 100) / 100, Math.floor(south * 100) / 100, Math.ceil(east * 100) / 100, Math.ceil(north * 100) / 100];
}
