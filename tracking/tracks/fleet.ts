import { sql } from "drizzle-orm";

import type { Database } from "../../api/db/client.js";

// The registry facts the track table uses about an aircraft, keyed by ICAO address.
export interface FleetAircraft {
  aircraftId: number;
  registration: string;
  callsign: string | null;
  typeId: string;
  category: "helicopter" | "fixed_wing" | "drone";
  maxSpeedKmh: number;
  city: string;
}

export type FleetDirectory = Map<string, FleetAircraft>;

// Loads the registered aircraft that have an ICAO address. The plausibility
// speed is the type's maximum speed, or 1.3 x cruise where none is recorded.
export async function loadFleet(database: Database): Promise<FleetDirectory> {
  const rows = await database.db.execute<{
    aircraftId: number;
    registration: string;
    callsign: string | null;
    typeId: string;
    category: FleetAircraft["category"];
    maxSpeedKmh: number;
    city: string;
    icaoAddress: string;
  }>(sql`
    SELECT a.id AS "aircraftId", a.registration, a.callsign, a.type_id AS "typeId", t.category, a.city,
           COALESCE(t.max_speed_kmh, t.cruise_speed_kmh * 1.3)::float8 AS "maxSpeedKmh", a.icao_address AS "icaoAddress"
    FROM aircraft a JOIN aircraft_types t ON t.id = a.type_id
    WHERE a.icao_address IS NOT NULL`);

  const fleet: FleetDirectory = new Map();
  for (const { icaoAddress, ...aircraft } of rows) {
    fleet.set(icaoAddress, aircraft);
  }
  return fleet;
}
