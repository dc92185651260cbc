import { sql } from "drizzle-orm";

import type { Database } from "../db/client.js";
import type { GridLayout } from "./rasterize.js";
import { traceCells } from "./trace.js";

// Polygons from grid cells: each layer's cells are traced into a MultiPolygon
// in memory (trace.ts), which trace.test.ts checks against PostGIS
// ST_Union(ST_MakeEnvelope(...)) of the same cells. PostGIS then cuts the
// layer at the target out of the city boundary to give the gaps.

export interface GeoJsonPolygonal {
  type: "Polygon" | "MultiPolygon";
  coordinates: unknown;
}

export const EMPTY_MULTIPOLYGON: GeoJsonPolygonal = { type: "MultiPolygon", coordinates: [] };

// The cells of one layer: those of `layout` for which `inside(cell)` holds.
export interface CellLayer {
  layout: GridLayout;
  inside: (cell: number) => boolean;
}

export interface OutlinedLayers {
  // One geometry per input layer, in order; an empty layer gives an empty MultiPolygon.
  layers: GeoJsonPolygonal[];
  // The city minus the layer at `gapLayer`: the parts of the city not reached.
  gaps: GeoJsonPolygonal;
  gapAreaKm2: number;
}

/** Outlines each layer, and cuts the layer `gapLayer` out of the city boundary. */
export async function outlineLayers(database: Database, layers: readonly CellLayer[], gapLayer: number): Promise<OutlinedLayers> {
  const geometries = layers.map(
    (layer): GeoJsonPolygonal => ({ type: "MultiPolygon", coordinates: traceCells(layer.layout, layer.inside) }),
  );
  const reached = geometries[gapLayer]!;
  const reachedJson = (reached.coordinates as unknown[]).length === 0 ? null : JSON.stringify(reached);

  const rows = await database.db.execute<{ geometry: GeoJsonPolygonal; areaKm2: number }>(sql`
    WITH gap AS (
      SELECT ST_CollectionExtract(ST_Difference(a.area,
               coalesce(ST_SetSRID(ST_GeomFromGeoJSON(${reachedJson}), 4326), ST_GeomFromText('POLYGON EMPTY', 4326))), 3) AS geom
      FROM admin_areas a WHERE a.role = 'subject'
    )
    SELECT ST_AsGeoJSON(geom, 6)::json AS geometry, (ST_Area(geom::geography) / 1e6)::float8 AS "areaKm2" FROM gap`);

  const gap = rows[0];
  return { layers: geometries, gaps: gap?.geometry ?? EMPTY_MULTIPOLYGON, gapAreaKm2: gap?.areaKm2 ?? 0 };
}
