import type { AssetKind } from "./kinds.js";
import type { Row } from "./repository.js";

function pick(row: Row, fields: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const value = row[field];
    out[field] = value instanceof Date ? value.toISOString() : (value ?? null);
  }
  return out;
}

// Presents a row as a GeoJSON Feature (spatial kinds) or a plain object,
// listing every field that goes out.
export function presentAsset(kind: AssetKind, row: Row) {
  if (!kind.geometry) {
    return pick(row, kind.outputFields);
  }

  return {
    type: "Feature" as const,
    id: row.id,
    geometry: row.geometry,
    properties: { id: row.id, ...pick(row, kind.outputFields) },
  };
}

export function presentList(kind: AssetKind, rows: Row[], page: { total: number; limit: number; offset: number }) {
  const items = rows.map((row) => presentAsset(kind, row));
  if (!kind.geometry) {
    return { items, ...page };
  }
  return { type: "FeatureCollection" as const, features: items, ...page };
}
