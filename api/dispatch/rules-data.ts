import { sql } from "drizzle-orm";

import type { Database } from "../db/client.js";
import type { PolygonCoordinates } from "../../tracking/alerts/geometry.js";
import type { RestrictedArea } from "../../tracking/alerts/rules.js";
import type { MissionStatus } from "./missions/transitions.js";
import { activeStatuses } from "./missions/transitions.js";

// What the tracking rules read from the database, loaded in bulk and cached
// by the runtime between refreshes.

export interface FleetInfo {
  aircraftId: number;
  icaoAddress: string;
  typeId: string;
  enduranceMin: number;
  cruiseSpeedKmh: number;
}

export interface ActiveMission {
  id: number;
  aircraftId: number;
  icaoAddress: string | null;
  status: MissionStatus;
  dispatchedAtMs: number | null;
  estimatedEtaMin: number | null;
  incidentLonLat: [number, number];
  incidentArea: PolygonCoordinates | null;
  route: { path: number[][]; corridorWidthKm: number } | null;
}

export interface BaseInfo {
  id: number;
  lonLat: [number, number];
  fuelAvailable: boolean;
}

export async function loadFleetInfo(database: Database): Promise<Map<string, FleetInfo>> {
  const rows = await database.db.execute<FleetInfo & Record<string, unknown>>(sql`
    SELECT a.id AS "aircraftId", a.icao_address AS "icaoAddress", a.type_id AS "typeId",
           t.endurance_min::float8 AS "enduranceMin", t.cruise_speed_kmh::float8 AS "cruiseSpeedKmh"
    FROM aircraft a JOIN aircraft_types t ON t.id = a.type_id
    WHERE a.icao_address IS NOT NULL`);
  return new Map(rows.map((row) => [row.icaoAddress, row]));
}

export async function loadActiveMissions(database: Database): Promise<ActiveMission[]> {
  const statuses = sql.raw(activeStatuses.map((s) => `'${s}'`).join(", "));
  const rows = await database.db.execute<
    Omit<ActiveMission, "route" | "incidentArea"> & { area: { coordinates: PolygonCoordinates } | null; path: { coordinates: number[][] } | null; corridorWidthKm: number | null } & Record<string, unknown>
  >(sql`
    SELECT m.id, m.aircraft_id AS "aircraftId", a.icao_address AS "icaoAddress", m.status,
           (extract(epoch FROM m.dispatched_at) * 1000)::float8 AS "dispatchedAtMs", m.estimated_eta_min::float8 AS "estimatedEtaMin",
           json_build_array(ST_X(i.location), ST_Y(i.location)) AS "incidentLonLat", ST_AsGeoJSON(i.area)::json AS area,
           ST_AsGeoJSON(r.path)::json AS path, r.corridor_width_km::float8 AS "corridorWidthKm"
    FROM missions m JOIN aircraft a ON a.id = m.aircraft_id JOIN incidents i ON i.id = m.incident_id
         LEFT JOIN patrol_routes r ON r.id = m.patrol_route_id
    WHERE m.status IN (${statuses})`);

  return rows.map(({ area, path, corridorWidthKm, ...mission }) => ({
    ...mission,
    incidentArea: area?.coordinates ?? null,
    route: path && corridorWidthKm !== null ? { path: path.coordinates, corridorWidthKm } : null,
  }));
}

export async function loadBases(database: Database): Promise<BaseInfo[]> {
  const rows = await database.db.execute<BaseInfo & Record<string, unknown>>(sql`
    SELECT id, json_build_array(ST_X(location), ST_Y(location)) AS "lonLat", fuel_available AS "fuelAvailable" FROM bases`);
  return [...rows];
}

export async function loadRestrictedAreaShapes(database: Database): Promise<RestrictedArea[]> {
  const rows = await database.db.execute<{
    id: number;
    nameZh: string;
    nameEn: string | null;
    area: { coordinates: PolygonCoordinates[] };
    activeFromMs: number;
    activeUntilMs: number | null;
  }>(sql`
    SELECT id, name_zh AS "nameZh", name_en AS "nameEn", ST_AsGeoJSON(area)::json AS area,
           (extract(epoch FROM active_from) * 1000)::float8 AS "activeFromMs",
           (extract(epoch FROM active_until) * 1000)::float8 AS "activeUntilMs"
    FROM restricted_areas`);
  return rows.map(({ area, ...rest }) => ({ ...rest, polygons: area.coordinates }));
}
