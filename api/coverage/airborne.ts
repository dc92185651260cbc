import { sql } from "drizzle-orm";

import type { Database } from "../db/client.js";

// ADS-B reports no fuel, so the fuel left is estimated from the time since
// take-off, taken from the stored position history:
//
//   take-off  = first position after the last on-ground report, within the
//               last full endurance
//   remaining = enduranceMin - (now - take-off)
//
// When the first airborne position is near the start of that window, the
// flight may have begun before it, so the take-off time is unknown (null) and
// the model reports `endurance_unknown`. NOTE: a landing that the receivers
// did not hear (no on-ground report) makes the estimate too low, which errs
// on the safe side. Refuelling at a field without an on-ground report is
// missed the same way.

// A first position this close to the window start may belong to an earlier flight.
const WINDOW_START_MARGIN_MIN = 10;

/** Estimates the fuel left in minutes of an airborne aircraft, or null when its take-off time is unknown. */
export async function estimateRemainingEndurance(
  database: Database,
  icaoAddress: string,
  enduranceMin: number,
  nowMs: number,
): Promise<number | null> {
  const windowStart = new Date(nowMs - enduranceMin * 60_000).toISOString();
  const rows = await database.db.execute<{ takeOffMs: number | null }>(sql`
    SELECT (extract(epoch FROM min(p.time)) * 1000)::float8 AS "takeOffMs"
    FROM positions p
    WHERE p.icao_address = ${icaoAddress}
      AND p.time > greatest(${windowStart}::timestamptz,
                            coalesce((SELECT max(g.time) FROM positions g
                                      WHERE g.icao_address = ${icaoAddress} AND g.on_ground
                                        AND g.time > ${windowStart}::timestamptz),
                                     ${windowStart}::timestamptz))
      AND p.on_ground IS NOT TRUE`);

  const takeOffMs = rows[0]?.takeOffMs ?? null;
  if (takeOffMs === null) {
    return null;
  }

  const windowStartMs = nowMs - enduranceMin * 60_000;
  const hadGroundReport = await landedWithin(database, icaoAddress, windowStart);
  if (!hadGroundReport && takeOffMs - windowStartMs < WINDOW_START_MARGIN_MIN * 60_000) {
    return null;
  }

  const flownMin = Math.max(0, (nowMs - takeOffMs) / 60_000);
  return Math.max(0, enduranceMin - flownMin);
}

async function landedWithin(database: Database, icaoAddress: string, windowStart: string): Promise<boolean> {
  const rows = await database.db.execute<{ landed: boolean }>(sql`
    SELECT EXISTS (SELECT 1 FROM positions WHERE icao_address = ${icaoAddress} AND on_ground
                   AND time > ${windowStart}::timestamptz) AS landed`);
  return rows[0]?.landed === true;
}
