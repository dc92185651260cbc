// Replaces the administrative boundaries (the city, its counties, the
// neighbouring cities) with those in a GeoJSON file, matched by adcode.
// Usage: npm run import:boundaries -- official-boundaries.geojson
// Each feature needs properties adcode, name_zh, level and role (see
// api/geography/admin-areas.ts); coordinates must be WGS-84 (CGCS2000 is
// treated as WGS-84, GCJ-02 must be converted first).
import { readFileSync } from "node:fs";

import { connectDatabase } from "../api/db/client.js";
import { upsertAdminAreas, type AdminAreaCollection } from "../api/geography/admin-areas.js";

const file = process.argv[2];
const url = process.env.DATABASE_URL;
if (!file || !url) {
  console.error("usage: DATABASE_URL=postgres://... npm run import:boundaries -- FILE.geojson");
  process.exit(2);
}

const collection = JSON.parse(readFileSync(file, "utf8")) as AdminAreaCollection;
const database = connectDatabase(url, { max: 1 });
try {
  const count = await upsertAdminAreas(database, collection);
  console.log(`imported ${count} boundaries from ${file}`);
} finally {
  await database.close();
}
