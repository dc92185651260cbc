import { readFileSync } from "node:fs";

import { sql } from "drizzle-orm";

import type { Database } from "../db/client.js";
import { localScaleAt, type LonLat } from "./model/index.js";
import { cellsInside } from "./rasterize.js";
import type { Regions } from "./regions.js";
import type { SitingBody } from "./schemas.js";

// Candidate places for a new base or forward landing point.

export interface SitingCandidate {
  // "landing-point:12", "county-seat:150802", "grid:3", or "point:0" for explicit points.
  id: string;
  nameZh: string | null;
  nameEn: string | null;
  lonLat: LonLat;
}

const placesFile = new URL("../../data/geo/places.geojson", import.meta.url);

/** Lists the candidates a siting request names. */
export async function listCandidates(database: Database, body: SitingBody, regions: Regions): Promise<SitingCandidate[]> {
  if (Array.isArray(body.candidates)) {
    return body.candidates.map((point, index) => ({
      id: `point:${index}`,
      nameZh: point.nameZh ?? null,
      nameEn: null,
      lonLat: point.lonLat,
    }));
  }

  switch (body.candidates) {
    case "landing-points":
      return landingPoints(database);
    case "county-seats":
      return countySeats();
    case "grid":
      return latticeInCity(regions, body.candidateSpacingKm);
  }
}

async function landingPoints(database: Database): Promise<SitingCandidate[]> {
  const rows = await database.db.execute<{ id: number; nameZh: string; nameEn: string | null; lonDeg: number; latDeg: number }>(sql`
    SELECT id, name_zh AS "nameZh", name_en AS "nameEn", ST_X(location)::float8 AS "lonDeg", ST_Y(location)::float8 AS "latDeg"
    FROM landing_points ORDER BY id`);
  return rows.map((row) => ({ id: `landing-point:${row.id}`, nameZh: row.nameZh, nameEn: row.nameEn, lonLat: [row.lonDeg, row.latDeg] }));
}

interface PlaceFeature {
  geometry: { type: string; coordinates: LonLat };
  properties: { kind: string; name_zh: string; name_en?: string; adcode?: string };
}

// County seats come from the bundled places file (AMap centre points, see data/README.md).
function countySeats(): SitingCandidate[] {
  const places = JSON.parse(readFileSync(placesFile, "utf8")) as { features: PlaceFeature[] };
  return places.features
    .filter((feature) => feature.properties.kind === "county_seat")
    .map((feature) => ({
      id: `county-seat:${feature.properties.adcode}`,
      nameZh: feature.properties.name_zh,
      nameEn: feature.properties.name_en ?? null,
      lonLat: feature.geometry.coordinates,
    }));
}

// Points spaced `spacingKm` apart in both directions whose lattice cells are centred inside the city.
function latticeInCity(regions: Regions, spacingKm: number): SitingCandidate[] {
  const [westDeg, southDeg, eastDeg, northDeg] = regions.extent;
  const scale = localScaleAt((southDeg + northDeg) / 2);
  const cellWidthDeg = spacingKm / scale.eastKmPerDeg;
  const cellHeightDeg = spacingKm / scale.northKmPerDeg;
  const layout = {
    bbox: regions.extent,
    columns: Math.ceil((eastDeg - westDeg) / cellWidthDeg),
    rows: Math.ceil((northDeg - southDeg) / cellHeightDeg),
    cellWidthDeg,
    cellHeightDeg,
  };

  return [...cellsInside(layout, regions.city.coordinates)].map((cell, index) => {
    const row = Math.floor(cell / layout.columns);
    const column = cell % layout.columns;
    return {
      id: `grid:${index}`,
      nameZh: null,
      nameEn: null,
      lonLat: [westDeg + (column + 0.5) * cellWidthDeg, northDeg - (row + 0.5) * cellHeightDeg] as LonLat,
    };
  });
}
