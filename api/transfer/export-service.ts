import type { AssetKind } from "../assets/kinds.js";
import type { Database } from "../db/client.js";
import { ApiError } from "../http/errors.js";
import { writeCsv } from "./export-csv.js";
import { loadExportFeatures, loadWkt } from "./export-data.js";
import { writeGeoJson } from "./export-geojson.js";
import { writeGpx } from "./export-gpx.js";
import { kindLabelsZh, writeKml } from "./export-kml.js";

export const exportFormats = ["geojson", "kml", "gpx", "csv"] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const contentTypes: Record<ExportFormat, string> = {
  geojson: "application/geo+json; charset=utf-8",
  kml: "application/vnd.google-earth.kml+xml; charset=utf-8",
  gpx: "application/gpx+xml; charset=utf-8",
  csv: "text/csv; charset=utf-8",
};

// Writes every record of a kind in one format.
export async function exportKind(db: Database["db"], kind: AssetKind, format: ExportFormat): Promise<string> {
  if (!kind.geometry && (format === "kml" || format === "gpx")) {
    throw new ApiError(400, { code: "format_not_supported", field: "format", value: `${kind.path}.${format}`, expected: "geojson | csv" });
  }
  if (format === "gpx" && kind.geometry?.stored === "MultiPolygon") {
    // Raised before loading anything: GPX has no polygon.
    throw new ApiError(400, { code: "format_not_supported", field: "format", value: `${kind.path}.gpx`, expected: "geojson | kml | csv" });
  }

  const features = await loadExportFeatures(db, kind);
  switch (format) {
    case "geojson":
      return writeGeoJson(features);
    case "kml":
      return writeKml(features, kindLabelsZh[kind.path] ?? kind.path);
    case "gpx":
      return writeGpx(features, kind);
    case "csv":
      return writeCsv(features, kind, await loadWkt(db, kind));
  }
}
