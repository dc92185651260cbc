import { sql } from "drizzle-orm";

import type { Database } from "../db/client.js";
import type { BoundingBox } from "./model/index.js";
import type { GridLayout } from "./rasterize.js";

// Polygons from grid cells. Cells are first merged into row runs (one
// rectangle per run of a row, as in model/isochrone.ts) and then into
// columns of equal runs, and PostGIS dissolves the rectangles with
// ST_Union(ST_MakeEnvelope(...)) into valid (Multi)Polygons with holes.

export interface GeoJsonPolygonal {
  type: "Polygon" | "MultiPolygon";
  coordinates: unknown;
}

export const EMPTY_MULTIPOLYGON: GeoJsonPolygonal = { type: "MultiPolygon", coordinates: [] };

export interface DissolvedLayers {
  // One geometry per input layer, in order; empty layers give an empty MultiPolygon.
  layers: GeoJsonPolygonal[];
  // The city minus the layer at `gapLayer`: the parts of the city not reached.
  gaps: GeoJsonPolygonal;
  gapAreaKm2: number;
}

/** Merges the runs of each row with runs of the same west and east edges in the rows below. */
export function mergeRunsVertically(runs: readonly BoundingBox[]): BoundingBox[] {
  const merged: [number, number, number, number][] = [];
  // Open rectangles by "west,east", to be extended when the next row has the same run.
  let open = new Map<string, [number, number, number, number]>();
  let currentNorth = Number.NaN;
  let nextOpen = new Map<string, [number, number, number, number]>();

  for (const [west, south, east, north] of runs) {
    if (north !== currentNorth) {
      open = nextOpen;
      nextOpen = new Map();
      currentNorth = north;
    }

    const key = `${west},${east}`;
    const above = open.get(key);
    // Runs of one row share north; the run above continues when its south is this north.
    if (above !== undefined && Math.abs(above[1] - north) < 1e-9) {
      above[1] = south;
      nextOpen.set(key, above);
      continue;
    }

    const rectangle: [number, number, number, number] = [west, south, east, north];
    merged.push(rectangle);
    nextOpen.set(key, rectangle);
  }
  return merged;
}

/** Lists the row runs of cells for which `inside(cell)` holds. */
export function runsWhere(layout: GridLayout, inside: (cell: number) => boolean): BoundingBox[] {
  const runs: BoundingBox[] = [];
  const [westDeg, , , northDeg] = layout.bbox;

  for (let row = 0; row < layout.rows; row += 1) {
    const runNorthDeg = northDeg - row * layout.cellHeightDeg;
    let runStart = -1;
    for (let column = 0; column <= layout.columns; column += 1) {
      const isInside = column < layout.columns && inside(row * layout.columns + column);
      if (isInside && runStart < 0) {
        runStart = column;
      }
      if (!isInside && runStart >= 0) {
        runs.push([
          westDeg + runStart * layout.cellWidthDeg,
          runNorthDeg - layout.cellHeightDeg,
          westDeg + column * layout.cellWidthDeg,
          runNorthDeg,
        ]);
        runStart = -1;
      }
    }
  }
  return runs;
}

/**
 * Dissolves each layer of runs into one geometry in a single query, and cuts
 * the layer `gapLayer` (or nothing, when null) out of the city boundary.
 */
export async function dissolveLayers(
  database: Database,
  layers: readonly (readonly BoundingBox[])[],
  gapLayer: number | null,
): Promise<DissolvedLayers> {
  const columns = { layer: [] as number[], west: [] as number[], south: [] as number[], east: [] as number[], north: [] as number[] };
  layers.forEach((runs, layerIndex) => {
    for (const [west, south, east, north] of mergeRunsVertically(runs)) {
      columns.layer.push(layerIndex);
      columns.west.push(west);
      columns.south.push(south);
      columns.east.push(east);
      columns.north.push(north);
    }
  });

  const rows = await database.db.execute<{ layer: number; geometry: GeoJsonPolygonal; areaKm2: number | null }>(sql`
    WITH runs AS (
      SELECT r.layer, ST_MakeEnvelope(r.west, r.south, r.east, r.north, 4326) AS cell
      FROM unnest(${pgArray(columns.layer)}::int[], ${pgArray(columns.west)}::float8[], ${pgArray(columns.south)}::float8[],
                  ${pgArray(columns.east)}::float8[], ${pgArray(columns.north)}::float8[]) AS r(layer, west, south, east, north)
    ), unions AS (
      SELECT layer, ST_Union(cell) AS geom FROM runs GROUP BY layer
    ), gap AS (
      SELECT ST_CollectionExtract(ST_Difference(a.area,
               coalesce((SELECT geom FROM unions WHERE layer = ${gapLayer ?? -1}), ST_GeomFromText('POLYGON EMPTY', 4326))), 3) AS geom
      FROM admin_areas a WHERE a.role = 'subject'
    )
    SELECT layer, ST_AsGeoJSON(geom, 6)::json AS geometry, NULL::float8 AS "areaKm2" FROM unions
    UNION ALL
    SELECT -1, ST_AsGeoJSON(geom, 6)::json, (ST_Area(geom::geography) / 1e6)::float8 FROM gap`);

  const geometries = layers.map((): GeoJsonPolygonal => EMPTY_MULTIPOLYGON);
  let gaps = EMPTY_MULTIPOLYGON;
  let gapAreaKm2 = 0;
  for (const row of rows) {
    if (row.layer === -1) {
      gaps = gapLayer === null ? EMPTY_MULTIPOLYGON : row.geometry;
      gapAreaKm2 = gapLayer === null ? 0 : (row.areaKm2 ?? 0);
    } else {
      geometries[row.layer] = row.geometry;
    }
  }
  return { layers: geometries, gaps, gapAreaKm2 };
}

// A PostgreSQL array literal, cast in the query; numbers need no quoting.
function pgArray(values: readonly number[]): string {
  return `{${values.join(",")}}`;
}
