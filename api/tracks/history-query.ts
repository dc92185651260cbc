import { sql, type SQL } from "drizzle-orm";

import type { Database } from "../db/client.js";
import type { HistoryRequest } from "./history-request.js";

export type AircraftSummary = {
  icaoAddress: string;
  count: number;
  firstTime: string;
  lastTime: string;
  firstMs: number;
  lastMs: number;
  aircraftId: number | null;
  registration: string | null;
  fleetCallsign: string | null;
};

// time (ISO 8601 UTC), lon, lat (degrees, rounded to 1e-6), altitudeM, groundSpeedKmh, trackDeg.
export type PositionTuple = [string, number, number, number | null, number | null, number | null];

export type PositionRow = {
  icaoAddress: string;
  position: PositionTuple;
};

// Rows in [from, to) and inside the bbox when one is given. The time range
// is served by the BRIN index on positions.time, the bbox by the GiST index
// on positions.location when the planner finds it more selective.
function windowCondition(request: HistoryRequest): SQL {
  const from = new Date(request.fromMs).toISOString();
  const to = new Date(request.toMs).toISOString();
  const inTime = sql`time >= ${from}::timestamptz AND time < ${to}::timestamptz`;
  if (!request.bbox) {
    return inTime;
  }
  const [minLon, minLat, maxLon, maxLat] = request.bbox;
  return sql`${inTime} AND location && ST_MakeEnvelope(${minLon}, ${minLat}, ${maxLon}, ${maxLat}, 4326)`;
}

const isoTime = (column: SQL) => sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

// Returns one row per aircraft with positions in the window, ordered by its
// first position's time, with the fleet record when its address is in the registry.
export async function summarizeWindow(database: Database, request: HistoryRequest): Promise<AircraftSummary[]> {
  const rows = await database.db.execute<AircraftSummary>(sql`
    SELECT s.icao_address AS "icaoAddress", s.count, ${isoTime(sql`s.first_time`)} AS "firstTime", ${isoTime(sql`s.last_time`)} AS "lastTime",
           (extract(epoch FROM s.first_time) * 1000)::float8 AS "firstMs", (extract(epoch FROM s.last_time) * 1000)::float8 AS "lastMs",
           a.id AS "aircraftId", a.registration, a.callsign AS "fleetCallsign"
    FROM (
      SELECT icao_address, count(*)::int AS count, min(time) AS first_time, max(time) AS last_time
      FROM positions WHERE ${windowCondition(request)}
      GROUP BY icao_address
    ) s
    LEFT JOIN aircraft a ON a.icao_address = s.icao_address
    ORDER BY s.first_time, s.icao_address`);
  return [...rows];
}

// Returns the positions in the window ordered by address, then time. With an
// interval, each aircraft keeps the first position in each interval-aligned
// time bin plus its last position, so its replay starts and ends on time.
export async function selectPositions(database: Database, request: HistoryRequest, intervalS: number | null): Promise<PositionRow[]> {
  const columns = sql`icao_address AS "icaoAddress",
    json_build_array(${isoTime(sql`time`)}, round(ST_X(location)::numeric, 6), round(ST_Y(location)::numeric, 6), altitude_m, ground_speed_kmh, track_deg) AS position`;

  if (intervalS === null) {
    const rows = await database.db.execute<PositionRow>(sql`
      SELECT ${columns} FROM positions WHERE ${windowCondition(request)} ORDER BY icao_address, time, id`);
    return [...rows];
  }

  // One scan and one sort by (address, time). lag() and lead() over that
  // order mark the first row of each bin and the last row of each aircraft.
  const bin = sql`date_bin(make_interval(secs => ${intervalS}), time, 'epoch'::timestamptz)`;
  const rows = await database.db.execute<PositionRow>(sql`
    SELECT ${columns}
    FROM (
      SELECT id, icao_address, time, location, altitude_m, ground_speed_kmh, track_deg,
             ${bin} AS bin, lag(${bin}) OVER ordered AS previous_bin, lead(time) OVER ordered AS next_time
      FROM positions WHERE ${windowCondition(request)}
      WINDOW ordered AS (PARTITION BY icao_address ORDER BY time, id)
    ) binned
    WHERE previous_bin IS DISTINCT FROM bin OR next_time IS NULL
    ORDER BY icao_address, time, id`);
  return [...rows];
}
