import { sql } from "drizzle-orm";

import type { Executor } from "../audit/log.js";
import { cityAdcodes } from "../coverage/loan-impact.js";
import { ApiError, unprocessable } from "../http/errors.js";

// Incidents have no city column, so an incident belongs to every city whose
// boundary (admin_areas) lies within this distance of its location. The
// bundled boundaries are generalised to about 100 m, and points on the
// Yellow River border fall up to 0.3 km on the wrong side (data/README.md).
export const incidentCityToleranceM = 1000;

function adcodeOf(city: string): string {
  const adcode = cityAdcodes[city];
  if (adcode === undefined) {
    throw new ApiError(503, { code: "city_adcode_unknown", field: "requestingCity", value: city });
  }
  return adcode;
}

// Rejects an incident outside the requesting city: a city requests aid for
// its own incidents only. Raises 503 when the city's boundary is missing,
// because then no incident can be placed.
export async function assertIncidentInCity(db: Executor, incidentId: number, city: string): Promise<void> {
  const adcode = adcodeOf(city);
  const rows = await db.execute<{ hasBoundary: boolean; inCity: boolean | null }>(sql`
    SELECT a.adcode IS NOT NULL AS "hasBoundary",
           ST_DWithin(a.area::geography, i.location::geography, ${incidentCityToleranceM}) AS "inCity"
    FROM incidents i LEFT JOIN admin_areas a ON a.adcode = ${adcode}
    WHERE i.id = ${incidentId}`);

  const row = rows[0];
  if (!row) {
    throw unprocessable({ code: "reference_not_found", field: "incidentId", value: incidentId });
  }
  if (!row.hasBoundary) {
    throw new ApiError(503, { code: "boundary_missing", field: "admin_areas", value: adcode });
  }
  if (!row.inCity) {
    throw unprocessable({ code: "incident_wrong_city", field: "incidentId", value: incidentId, expected: city });
  }
}

// Lists the ids of the open incidents that `city` may link to a request, oldest first.
export async function openIncidentIdsInCity(db: Executor, city: string): Promise<number[]> {
  const adcode = adcodeOf(city);
  const boundaries = await db.execute<{ adcode: string }>(sql`SELECT adcode FROM admin_areas WHERE adcode = ${adcode}`);
  if (boundaries.length === 0) {
    throw new ApiError(503, { code: "boundary_missing", field: "admin_areas", value: adcode });
  }

  const rows = await db.execute<{ id: number }>(sql`
    SELECT i.id FROM incidents i JOIN admin_areas a ON a.adcode = ${adcode}
    WHERE i.status = 'open' AND ST_DWithin(a.area::geography, i.location::geography, ${incidentCityToleranceM})
    ORDER BY i.id`);
  return rows.map((row) => row.id);
}
