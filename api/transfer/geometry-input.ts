import { sql } from "drizzle-orm";

import type { Database } from "../db/client.js";
import { gcj02ToWgs84 } from "./gcj02.js";

export type Crs = "wgs84" | "gcj02";

function mapPositions(coordinates: unknown, map: (position: number[]) => number[]): unknown {
  if (!Array.isArray(coordinates)) {
    return coordinates;
  }
  if (coordinates.length > 0 && typeof coordinates[0] === "number") {
    return map(coordinates as number[]);
  }
  return coordinates.map((inner) => mapPositions(inner, map));
}

// toGeoJSON reads a KML <MultiGeometry> of several polygons as a
// GeometryCollection, but it is one MultiPolygon, as our writer meant it.
function polygonsAsMultiPolygon(geometry: unknown): unknown {
  const collection = geometry as { type?: unknown; geometries?: { type?: unknown; coordinates?: unknown }[] } | null;
  if (collection?.type !== "GeometryCollection" || !Array.isArray(collection.geometries) || collection.geometries.length === 0) {
    return geometry;
  }
  if (!collection.geometries.every((member) => member.type === "Polygon" || member.type === "MultiPolygon")) {
    return geometry;
  }
  const polygons = collection.geometries.flatMap((member) =>
    member.type === "Polygon" ? [member.coordinates] : (member.coordinates as unknown[]),
  );
  return { type: "MultiPolygon", coordinates: polygons };
}

// Drops heights (the columns are 2D, and a KML altitude is usually 0 for
// clampToGround) and converts GCJ-02 input to WGS-84. Anything that is not
// a geometry with coordinates is returned as it is, for the schema to reject.
export function normaliseGeometry(geometry: unknown, crs: Crs): unknown {
  const input = polygonsAsMultiPolygon(geometry) as { type?: unknown; coordinates?: unknown } | null;
  if (!input || typeof input !== "object" || !("coordinates" in input)) {
    return geometry;
  }

  const coordinates = mapPositions(input.coordinates, (position) => {
    const [lon, lat] = position;
    if (typeof lon !== "number" || typeof lat !== "number" || position.length < 2) {
      return position;
    }
    return crs === "gcj02" ? gcj02ToWgs84([lon, lat]) : [lon, lat];
  });
  return { type: input.type, coordinates };
}

// Reads WKT from a CSV cell with PostGIS, the same parser that stores it.
export async function geometryFromWkt(db: Database["db"], wkt: string): Promise<{ geometry: unknown } | { error: string }> {
  try {
    const rows = await db.execute<{ geometry: unknown }>(sql`SELECT ST_AsGeoJSON(ST_GeomFromEWKT(${wkt}), 9)::json AS geometry`);
    return { geometry: rows[0]?.geometry ?? null };
  } catch (error) {
    const cause = ((error as { cause?: unknown }).cause ?? error) as Error;
    return { error: cause.message };
  }
}

// Asks PostGIS whether each geometry is valid (ST_IsValid), in one query.
// Returns the reason for each invalid one, by position in the input.
export async function invalidGeometryReasons(db: Database["db"], geometries: unknown[]): Promise<Map<number, string>> {
  const reasons = new Map<number, string>();
  if (geometries.length === 0) {
    return reasons;
  }

  const rows = await db.execute<{ position: number; valid: boolean; reason: string }>(sql`
    SELECT (item.position - 1)::int AS position, ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason
    FROM jsonb_array_elements(${JSON.stringify(geometries)}::jsonb) WITH ORDINALITY AS item(value, position),
         LATERAL (SELECT ST_GeomFromGeoJSON(item.value::text) AS g) AS parsed`);
  for (const row of rows) {
    if (!row.valid) {
      reasons.set(row.position, row.reason);
    }
  }
  return reasons;
}
