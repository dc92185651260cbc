import type { Principal } from "../core/capabilities.js";
import type { MessageKey } from "../core/i18n.js";

export type TransferFormat = "geojson" | "kml" | "kmz" | "gpx" | "csv";
export type DefaultField = "city" | "surface" | "sizeM";

// One asset kind as the import and export panel offers it. `layerId` is the
// asset layer's id in the layer panel, which is refreshed after an import.
export interface TransferKind {
  path: "bases" | "landing-points" | "water-sources" | "patrol-routes" | "risk-areas";
  layerId: "bases" | "landingPoints" | "waterSources" | "patrolRoutes" | "riskAreas";
  titleKey: MessageKey;
  // Export formats whose geometry fits the kind: GPX has no polygons, so the
  // API answers 400 format_not_supported for risk areas.
  exportFormats: ReadonlyArray<Exclude<TransferFormat, "kmz">>;
  // Required fields that a GPS or KML file usually lacks, offered as defaults.
  defaultFields: readonly DefaultField[];
}

export const transferKinds: readonly TransferKind[] = [
  { path: "landing-points", layerId: "landingPoints", titleKey: "layers.landingPoints", exportFormats: ["geojson", "kml", "gpx", "csv"], defaultFields: ["city", "surface", "sizeM"] },
  { path: "water-sources", layerId: "waterSources", titleKey: "layers.waterSources", exportFormats: ["geojson", "kml", "gpx", "csv"], defaultFields: ["city"] },
  { path: "bases", layerId: "bases", titleKey: "layers.bases", exportFormats: ["geojson", "kml", "gpx", "csv"], defaultFields: ["city"] },
  { path: "patrol-routes", layerId: "patrolRoutes", titleKey: "layers.patrolRoutes", exportFormats: ["geojson", "kml", "gpx", "csv"], defaultFields: [] },
  { path: "risk-areas", layerId: "riskAreas", titleKey: "layers.riskAreas", exportFormats: ["geojson", "kml", "csv"], defaultFields: [] },
];

// NOTE: a partner city added later through POST /api/v1/cities is missing
// here, so admins cannot pick it, and its own planners see its message key
// (enum.city.<code>) as the option's label.
export const cities = ["bayannur", "baotou", "ordos", "wuhai", "alxa"] as const;

// The city whose admins may write records of every city, as homeCity in
// api/auth/users/city-scope.ts.
export const homeCity = "bayannur";

// Returns the cities whose records the principal may write, as canWriteCity
// in api/auth/users/city-scope.ts decides: every city for admins of the
// home city, else only the principal's own city. An import row of any
// other city is rejected with forbidden_city.
export function writableCities(principal: Pick<Principal, "role" | "city"> | null): readonly string[] {
  if (!principal) {
    return [];
  }
  if (principal.role === "admin" && principal.city === homeCity) {
    return cities;
  }
  return [principal.city];
}
export const surfaces = ["concrete", "asphalt", "grass", "gravel", "dirt"] as const;

const formatsByExtension: Record<string, TransferFormat> = {
  geojson: "geojson",
  json: "geojson",
  kml: "kml",
  kmz: "kmz",
  gpx: "gpx",
  csv: "csv",
};

// Returns the import format for a file name from its extension, or null
// when the extension is not one the API reads.
export function formatOfFileName(fileName: string): TransferFormat | null {
  const dot = fileName.lastIndexOf(".");
  if (dot < 0) {
    return null;
  }
  return formatsByExtension[fileName.slice(dot + 1).toLowerCase()] ?? null;
}

export const formatLabels: Record<TransferFormat, string> = {
  geojson: "GeoJSON",
  kml: "KML",
  kmz: "KMZ",
  gpx: "GPX",
  csv: "CSV",
};
