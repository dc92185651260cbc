import { sql } from "drizzle-orm";

import type { AssetKind } from "../assets/kinds.js";
import { presentAsset } from "../assets/presenter.js";
import { listAssets } from "../assets/repository.js";
import type { Database } from "../db/client.js";

// Rows read per query while collecting a whole kind for export.
const pageSize = 1000;

export interface ExportFeature {
  id: string | number;
  geometry: { type: string; coordinates: unknown } | null;
  // Every output field of the kind, in the kind's order, with its id first.
  properties: Record<string, unknown>;
}

// Loads every record of a kind through the registry's presenter, so an
// export carries exactly the fields that the API returns.
export async function loadExportFeatures(db: Database["db"], kind: AssetKind): Promise<ExportFeature[]> {
  const features: ExportFeature[] = [];
  for (let offset = 0; ; offset += pageSize) {
    const { rows, total } = await listAssets(db, kind, { bbox: null, limit: pageSize, offset });
    for (const row of rows) {
      const presented = presentAsset(kind, row) as Record<string, unknown>;
      if (kind.geometry) {
        const feature = presented as { id: string | number; geometry: ExportFeature["geometry"]; properties: Record<string, unknown> };
        features.push({ id: feature.id, geometry: feature.geometry, properties: feature.properties });
      } else {
        features.push({ id: (row.id as string | number) ?? "", geometry: null, properties: presented });
      }
    }
    if (offset + pageSize >= total) {
      return features;
    }
  }
}

// Returns each record's geometry as WKT (7 decimals, about 1 cm), by id.
export async function loadWkt(db: Database["db"], kind: AssetKind): Promise<Map<string, string>> {
  const wkt = new Map<string, string>();
  if (!kind.geometry) {
    return wkt;
  }
  const rows = await db.select({ id: kind.idColumn, wkt: sql<string>`ST_AsText(${kind.geometry.column}, 7)` }).from(kind.table);
  for (const row of rows) {
    wkt.set(String(row.id), row.wkt);
  }
  return wkt;
}
