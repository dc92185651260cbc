// Loads the demo data in data/ through the API's own validation: the real
// geography, the aircraft types, and the demo bases, fleet, landing points,
// water sources, patrol routes and risk areas. Kinds that already have rows
// are left as they are, so running it again changes nothing.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { sql } from "drizzle-orm";

import { assetKinds, type AssetKind } from "../api/assets/kinds.js";
import { createAsset } from "../api/assets/repository.js";
import { upsertAdminAreas } from "../api/geography/admin-areas.js";
import type { Database } from "../api/db/client.js";
import type { Geometry } from "../api/assets/geometry.js";
import { parseOrThrow } from "../api/http/validation.js";

const dataDir = fileURLToPath(new URL("../data/", import.meta.url));

function readJson<T>(relativePath: string): T {
  return JSON.parse(readFileSync(dataDir + relativePath, "utf8")) as T;
}

function kind(path: string): AssetKind {
  return assetKinds.find((k) => k.path === path)!;
}

interface Feature {
  geometry: Geometry;
  properties: Record<string, unknown>;
}

async function isEmpty(database: Database, table: string): Promise<boolean> {
  const rows = await database.db.execute<{ n: number }>(sql.raw(`SELECT count(*)::int AS n FROM ${table}`));
  return rows[0]!.n === 0;
}

// Validates and inserts one record the way POST /api/v1/<kind> would.
async function insert(database: Database, assetKind: AssetKind, properties: Record<string, unknown>, geometry: Geometry | null) {
  const parsed = parseOrThrow(assetKind.create, properties) as Record<string, unknown>;
  return createAsset(database.db, assetKind, parsed, geometry);
}

async function seedBases(database: Database): Promise<Map<string, number>> {
  const idsByCode = new Map<string, number>();
  if (await isEmpty(database, "bases")) {
    for (const feature of readJson<{ features: Feature[] }>("demo/bases.geojson").features) {
      await insert(database, kind("bases"), feature.properties, feature.geometry);
    }
  }
  const rows = await database.db.execute<{ id: number; code: string }>(sql`SELECT id, code FROM bases`);
  for (const row of rows) {
    idsByCode.set(row.code, row.id);
  }
  return idsByCode;
}

function resolveBase(baseIds: Map<string, number>, record: Record<string, unknown>): Record<string, unknown> {
  const { homeBaseCode, ...rest } = record;
  if (homeBaseCode === undefined) {
    return rest;
  }
  const homeBaseId = baseIds.get(String(homeBaseCode));
  if (homeBaseId === undefined) {
    throw new Error(`homeBaseCode ${String(homeBaseCode)} names no base in data/demo/bases.geojson`);
  }
  return { ...rest, homeBaseId };
}

async function seedFeatures(database: Database, path: string, file: string, baseIds: Map<string, number>) {
  const assetKind = kind(path);
  const table = getTableName(assetKind);
  if (!(await isEmpty(database, table))) {
    return;
  }
  for (const feature of readJson<{ features: Feature[] }>(file).features) {
    await insert(database, assetKind, resolveBase(baseIds, feature.properties), feature.geometry);
  }
}

function getTableName(assetKind: AssetKind): string {
  return assetKind.path.replace(/-/g, "_");
}

export async function seedDemo(database: Database): Promise<void> {
  await upsertAdminAreas(database, readJson("geo/boundary.geojson"));

  if (await isEmpty(database, "aircraft_types")) {
    for (const type of readJson<Record<string, unknown>[]>("aircraft-types.json")) {
      await insert(database, kind("aircraft-types"), type, null);
    }
  }

  const baseIds = await seedBases(database);

  if (await isEmpty(database, "aircraft")) {
    for (const record of readJson<Record<string, unknown>[]>("demo/aircraft.json")) {
      await insert(database, kind("aircraft"), resolveBase(baseIds, record), null);
    }
  }

  await seedFeatures(database, "landing-points", "demo/landing-points.geojson", baseIds);
  await seedFeatures(database, "water-sources", "demo/water-sources.geojson", baseIds);
  await seedFeatures(database, "patrol-routes", "demo/patrol-routes.geojson", baseIds);
  await seedFeatures(database, "risk-areas", "demo/risk-areas.geojson", baseIds);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { connectDatabase } = await import("../api/db/client.js");
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("DATABASE_URL is not set; `npm start` provisions the database and seeds it for you");
    process.exit(1);
  }
  const database = connectDatabase(url);
  await seedDemo(database);
  await database.close();
}
