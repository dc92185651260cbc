import { sql } from "drizzle-orm";

import type { Database } from "../../db/client.js";

// Landing points and water sources near an incident, with geodesic distances
// from PostGIS (ST_Distance on geography uses the WGS-84 spheroid).

export type NearbyLandingPoint = {
  id: number;
  nameZh: string;
  nameEn: string | null;
  surface: string;
  sizeM: number;
  nightCapable: boolean;
  lonLat: [number, number];
  distanceKm: number;
};

export type NearbyWaterSource = {
  id: number;
  nameZh: string;
  nameEn: string | null;
  kind: string;
  lonLat: [number, number];
  distanceKm: number;
};

export async function nearestLandingPoints(database: Database, lonLat: readonly [number, number], limit: number): Promise<NearbyLandingPoint[]> {
  const point = sql`ST_SetSRID(ST_MakePoint(${lonLat[0]}, ${lonLat[1]}), 4326)::geography`;
  const rows = await database.db.execute<NearbyLandingPoint>(sql`
    SELECT id, name_zh AS "nameZh", name_en AS "nameEn", surface, size_m::float8 AS "sizeM", night_capable AS "nightCapable",
           json_build_array(ST_X(location), ST_Y(location)) AS "lonLat",
           (ST_Distance(location::geography, ${point}) / 1000)::float8 AS "distanceKm"
    FROM landing_points
    ORDER BY "distanceKm", id
    LIMIT ${limit}`);
  return [...rows];
}

// Water sources a bucket can dip from in `month` (1-12, Asia/Shanghai): marked
// bucket-usable and not frozen that month.
export async function nearestUsableWaterSources(
  database: Database,
  lonLat: readonly [number, number],
  month: number,
  limit: number,
): Promise<NearbyWaterSource[]> {
  const point = sql`ST_SetSRID(ST_MakePoint(${lonLat[0]}, ${lonLat[1]}), 4326)::geography`;
  const rows = await database.db.execute<NearbyWaterSource>(sql`
    SELECT id, name_zh AS "nameZh", name_en AS "nameEn", kind,
           json_build_array(ST_X(location), ST_Y(location)) AS "lonLat",
           (ST_Distance(location::geography, ${point}) / 1000)::float8 AS "distanceKm"
    FROM water_sources
    WHERE bucket_usable AND NOT (${month}::smallint = ANY(months_frozen))
    ORDER BY "distanceKm", id
    LIMIT ${limit}`);
  return [...rows];
}

export async function loadTypeCapabilities(database: Database) {
  const rows = await database.db.execute<{
    id: string;
    bucketCapacityL: number | null;
    bucketCruiseSpeedKmh: number | null;
    seats: number;
    stretchers: number;
    hoist: boolean;
  }>(sql`
    SELECT id, bucket_capacity_l::float8 AS "bucketCapacityL", bucket_cruise_speed_kmh::float8 AS "bucketCruiseSpeedKmh",
           seats::int AS seats, stretchers::int AS stretchers, hoist
    FROM aircraft_types`);
  return new Map(rows.map(({ id, ...capabilities }) => [id, capabilities]));
}
