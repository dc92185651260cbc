import { sql } from "drizzle-orm";

import type { Executor } from "../audit/log.js";
import { unprocessable } from "../http/errors.js";
import type { Geometry } from "./geometry.js";

// Raises a 422 on geometry for a polygon or multipolygon that PostGIS finds
// invalid (self-intersections, rings that touch): self_intersecting, or
// invalid_geometry with PostGIS's reason. Other geometry types pass. PostGIS
// decides, because the area, coverage and candidate queries rely on it.
export async function assertValidPolygon(db: Executor, geometry: Geometry): Promise<void> {
  if (geometry.type !== "Polygon" && geometry.type !== "MultiPolygon") {
    return;
  }

  const rows = await db.execute<{ valid: boolean; reason: string }>(
    sql`SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason FROM (SELECT ST_GeomFromGeoJSON(${JSON.stringify(geometry)}) AS g) AS input`,
  );
  const result = rows[0];
  if (result && !result.valid) {
    const code = /self-intersection/i.test(result.reason) ? "self_intersecting" : "invalid_geometry";
    throw unprocessable({ code, field: "geometry", expected: result.reason });
  }
}
