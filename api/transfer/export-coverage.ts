import type { ExportFeature } from "./export-data.js";
import { writeGeoJson } from "./export-geojson.js";
import { writeKml } from "./export-kml.js";

// One polygon of a coverage result, such as the area reached within a
// response-time threshold.
export interface CoverageArea {
  geometry: { type: "Polygon" | "MultiPolygon"; coordinates: unknown };
  // The placemark name, plus any values that go to KML ExtendedData and
  // GeoJSON properties as they are.
  properties: { nameZh: string; thresholdMin?: number } & Record<string, unknown>;
}

export interface CoverageExport {
  body: string;
  contentType: string;
  extension: "geojson" | "kml";
}

// Exports a coverage result (isochrones or any set of coverage polygons) as
// GeoJSON or KML, for the coverage routes to return as a download. The
// caller owns the computation, and this function only writes the file.
export function exportCoverageResult(title: string, areas: CoverageArea[], format: "geojson" | "kml"): CoverageExport {
  const features: ExportFeature[] = areas.map((area, index) => ({ id: index + 1, geometry: area.geometry, properties: area.properties }));
  if (format === "kml") {
    return { body: writeKml(features, title), contentType: "application/vnd.google-earth.kml+xml; charset=utf-8", extension: "kml" };
  }
  return { body: writeGeoJson(features), contentType: "application/geo+json; charset=utf-8", extension: "geojson" };
}
