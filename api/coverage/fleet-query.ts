import { sql } from "drizzle-orm";

import type { Database } from "../db/client.js";
import type { TrackingService } from "../../tracking/service.js";
import { activeLoans } from "../mutual-aid/loans.js";
import type { AircraftCategory, AircraftInput, BaseInput, LonLat } from "./model/index.js";
import { estimateRemainingEndurance } from "./airborne.js";

// Loads the fleet and the bases from the asset registry and maps them to the
// inputs of the response-time model. Aircraft and bases keep their database
// ids as strings in the model (`"12"`), so results map back without lookups.

export const aircraftStatuses = ["available", "on_mission", "maintenance", "off_duty"] as const;
export type AircraftStatus = (typeof aircraftStatuses)[number];

export interface BaseRecord {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string | null;
  kind: string;
  city: string;
  fuelAvailable: boolean;
  nightOperations: boolean;
  lonLat: LonLat;
}

export interface AircraftTypeRecord {
  id: string;
  nameZh: string | null;
  name: string;
  category: AircraftCategory;
  cruiseSpeedKmh: number;
  bucketCruiseSpeedKmh: number | null;
  rangeKm: number;
  enduranceMin: number;
  readinessDayMin: number;
  readinessNightMin: number;
  nightCapable: boolean;
}

export interface AircraftRecord {
  id: number;
  registration: string;
  callsign: string | null;
  icaoAddress: string | null;
  status: AircraftStatus;
  // The owner city.
  city: string;
  // The city the aircraft counts for: the borrower's while an approved loan
  // runs, else the owner's. City filters use this, not `city`.
  servingCity: string;
  // The approved mutual-aid request that lends the aircraft, or null.
  loanRequestId: number | null;
  homeBaseId: number | null;
  // Per-aircraft readiness; null falls back to the type's.
  readinessDayMin: number | null;
  readinessNightMin: number | null;
  type: AircraftTypeRecord;
}

// A position from live tracking that puts an aircraft in the air.
export interface LivePosition {
  lonLat: LonLat;
  // Estimated fuel left in minutes, null when the take-off time is unknown.
  remainingEnduranceMin: number | null;
}

export interface FleetSnapshot {
  bases: BaseRecord[];
  aircraft: AircraftRecord[];
  types: AircraftTypeRecord[];
  // Live positions of airborne fleet aircraft by aircraft id.
  airborne: Map<number, LivePosition>;
}

export interface FleetFilter {
  cities: readonly string[] | "all";
  statuses: readonly AircraftStatus[];
  // Restricts the fleet to these aircraft ids; null means every aircraft.
  aircraftIds: readonly number[] | null;
}

/** Loads every base and type, and the aircraft that pass `filter`, with their live positions. */
export async function loadFleet(
  database: Database,
  filter: FleetFilter,
  tracking: TrackingService | undefined,
  nowMs: number,
): Promise<FleetSnapshot> {
  const [bases, types, aircraftRows, loans] = await Promise.all([
    loadBases(database),
    loadTypes(database),
    loadAircraftRows(database),
    activeLoans(database.db),
  ]);
  const typesById = new Map(types.map((type) => [type.id, type]));
  const loansByAircraftId = new Map(loans.map((loan) => [loan.aircraftId, loan]));
  const aircraft = aircraftRows.map(({ typeId, ...record }): AircraftRecord => {
    const loan = loansByAircraftId.get(record.id);
    return {
      ...record,
      servingCity: loan?.borrowingCity ?? record.city,
      loanRequestId: loan?.requestId ?? null,
      type: typesById.get(typeId)!,
    };
  });

  const selected = aircraft.filter((record) => passesFilter(record, filter));
  const airborne = await findAirborne(database, selected, tracking, nowMs);

  return { bases, aircraft: selected, types, airborne };
}

/** Tells whether an aircraft passes the status, city and id filters; the city is the one it serves. */
export function passesFilter(record: AircraftRecord, filter: FleetFilter): boolean {
  return (
    filter.statuses.includes(record.status) &&
    (filter.cities === "all" || filter.cities.includes(record.servingCity)) &&
    (filter.aircraftIds === null || filter.aircraftIds.includes(record.id))
  );
}

/** Lists the aircraft ids among `ids` that the registry does not contain. */
export async function findUnknownAircraftIds(database: Database, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) {
    return [];
  }

  const rows = await database.db.execute<{ id: number }>(
    sql`SELECT id FROM aircraft WHERE id = ANY(${`{${ids.join(",")}}`}::int[])`,
  );
  const known = new Set(rows.map((row) => row.id));
  return ids.filter((id) => !known.has(id));
}

async function loadBases(database: Database): Promise<BaseRecord[]> {
  const rows = await database.db.execute<Omit<BaseRecord, "lonLat"> & { lonDeg: number; latDeg: number }>(sql`
    SELECT id, code, name_zh AS "nameZh", name_en AS "nameEn", kind, city,
           fuel_available AS "fuelAvailable", night_operations AS "nightOperations",
           ST_X(location)::float8 AS "lonDeg", ST_Y(location)::float8 AS "latDeg"
    FROM bases ORDER BY id`);

  return rows.map(({ lonDeg, latDeg, ...base }) => ({ ...base, lonLat: [lonDeg, latDeg] as LonLat }));
}

async function loadTypes(database: Database): Promise<AircraftTypeRecord[]> {
  const rows = await database.db.execute<AircraftTypeRecord & Record<string, unknown>>(sql`
    SELECT id, name, name_zh AS "nameZh", category,
           cruise_speed_kmh::float8 AS "cruiseSpeedKmh", bucket_cruise_speed_kmh::float8 AS "bucketCruiseSpeedKmh",
           range_km::float8 AS "rangeKm", endurance_min::float8 AS "enduranceMin",
           readiness_day_min::float8 AS "readinessDayMin", readiness_night_min::float8 AS "readinessNightMin",
           night_capable AS "nightCapable"
    FROM aircraft_types ORDER BY id`);
  return [...rows];
}

async function loadAircraftRows(database: Database) {
  return database.db.execute<Omit<AircraftRecord, "type" | "servingCity" | "loanRequestId"> & { typeId: string }>(sql`
    SELECT id, registration, callsign, icao_address AS "icaoAddress", status, city, type_id AS "typeId",
           home_base_id AS "homeBaseId",
           readiness_day_min::float8 AS "readinessDayMin", readiness_night_min::float8 AS "readinessNightMin"
    FROM aircraft ORDER BY id`);
}

// An aircraft counts as airborne when live tracking has a fresh position for
// its ICAO address that is not reported on the ground.
async function findAirborne(
  database: Database,
  aircraft: readonly AircraftRecord[],
  tracking: TrackingService | undefined,
  nowMs: number,
): Promise<Map<number, LivePosition>> {
  const airborne = new Map<number, LivePosition>();
  if (tracking === undefined) {
    return airborne;
  }

  for (const record of aircraft) {
    const track = record.icaoAddress === null ? undefined : tracking.table.get(record.icaoAddress);
    if (track === undefined || track.lonLat === null || track.stale || track.onGround === true) {
      continue;
    }

    const remainingEnduranceMin = await estimateRemainingEndurance(
      database,
      record.icaoAddress!,
      record.type.enduranceMin,
      nowMs,
    );
    airborne.set(record.id, { lonLat: [track.lonLat[0], track.lonLat[1]], remainingEnduranceMin });
  }
  return airborne;
}

/** Maps a base row to the model's base. */
export function toBaseInput(base: BaseRecord): BaseInput {
  return {
    id: String(base.id),
    lonLat: base.lonLat,
    nightOperations: base.nightOperations,
    fuelAvailable: base.fuelAvailable,
  };
}

/**
 * Maps the selected aircraft to model inputs. Aircraft without a home base are
 * left out and listed in `withoutHomeBase`, because the model needs a base to
 * return to and to take readiness from.
 */
export function toAircraftInputs(snapshot: FleetSnapshot): { inputs: AircraftInput[]; withoutHomeBase: AircraftRecord[] } {
  const basesById = new Map(snapshot.bases.map((base) => [base.id, toBaseInput(base)]));
  const inputs: AircraftInput[] = [];
  const withoutHomeBase: AircraftRecord[] = [];

  for (const record of snapshot.aircraft) {
    const homeBase = record.homeBaseId === null ? undefined : basesById.get(record.homeBaseId);
    if (homeBase === undefined) {
      withoutHomeBase.push(record);
      continue;
    }

    inputs.push(toAircraftInput(record, homeBase, snapshot.airborne.get(record.id) ?? null));
  }
  return { inputs, withoutHomeBase };
}

/** Builds one model aircraft; a live position makes it airborne and starts it there. */
export function toAircraftInput(record: AircraftRecord, homeBase: BaseInput, live: LivePosition | null): AircraftInput {
  const type = record.type;

  return {
    id: String(record.id),
    registration: record.registration,
    typeId: type.id,
    category: type.category,
    cruiseSpeedKmh: type.cruiseSpeedKmh,
    bucketCruiseSpeedKmh: type.bucketCruiseSpeedKmh,
    rangeKm: type.rangeKm,
    enduranceMin: type.enduranceMin,
    readinessDayMin: record.readinessDayMin ?? type.readinessDayMin,
    readinessNightMin: record.readinessNightMin ?? type.readinessNightMin,
    nightCapable: type.nightCapable,
    startLonLat: live?.lonLat ?? homeBase.lonLat,
    remainingEnduranceMin: live?.remainingEnduranceMin ?? null,
    airborne: live !== null,
    homeBase,
  };
}
