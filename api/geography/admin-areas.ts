import { sql } from "drizzle-orm";

import type { Database } from "../db/client.js";

interface BoundaryFeature {
  geometry: { type: string; coordinates: unknown };
  properties: Record<string, unknown>;
}

export interface AdminAreaCollection {
  features: BoundaryFeature[];
}

function requireText(feature: BoundaryFeature, key: string, index: number): string {
  const value = feature.properties[key];
  if (typeof value !== "string" || value.trim() === "") {
    throw new Error(`features[${index}].properties.${key}: missing; each boundary needs adcode, name_zh, level and role`);
  }
  return value;
}

// Replaces or inserts administrative boundaries by adcode, in one transaction.
// Properties follow the NBS naming of the bundled file: adcode, name_zh,
// name_en, level (prefecture | county), role (subject | county_of_subject |
// neighbour), parent. Polygons are stored as valid MultiPolygons.
export async function upsertAdminAreas(database: Database, collection: AdminAreaCollection): Promise<number> {
  const rows = collection.features.map((feature, index) => {
    if (feature.geometry?.type !== "Polygon" && feature.geometry?.type !== "MultiPolygon") {
      throw new Error(`features[${index}].geometry.type: expected Polygon or MultiPolygon, got ${feature.geometry?.type}`);
    }
    return {
      adcode: requireText(feature, "adcode", index),
      nameZh: requireText(feature, "name_zh", index),
      nameEn: (feature.properties.name_en as string | undefined) ?? null,
      level: requireText(feature, "level", index),
      role: requireText(feature, "role", index),
      parent: (feature.properties.parent as string | undefined) ?? null,
      source: (feature.properties.source as string | undefined) ?? null,
      geometry: JSON.stringify(feature.geometry),
    };
  });

  await database.db.transaction(async (tx) => {
    for (const row of rows) {
      await tx.execute(sql`
        INSERT INTO admin_areas (adcode, name_zh, name_en, level, role, parent_adcode, source, area)
        VALUES (${row.adcode}, ${row.nameZh}, ${row.nameEn}, ${row.level}, ${row.role}, ${row.parent}, ${row.source},
                ST_Multi(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(${row.geometry}), 4326), 'method=structure')))
        ON CONFLICT (adcode) DO UPDATE SET
          name_zh = EXCLUDED.name_zh, name_en = EXCLUDED.name_en, level = EXCLUDED.level, role = EXCLUDED.role,
          parent_adcode = EXCLUDED.parent_adcode, source = EXCLUDED.source, area = EXCLUDED.area`);
    }
  });

  return rows.length;
}
