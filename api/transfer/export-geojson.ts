import type { ExportFeature } from "./export-data.js";

// Writes an RFC 7946 FeatureCollection. Kinds without geometry (aircraft,
// aircraft types) get features with a null geometry, which RFC 7946 allows.
export function writeGeoJson(features: ExportFeature[]): string {
  return JSON.stringify({
    type: "FeatureCollection",
    features: features.map((feature) => ({
      type: "Feature",
      id: feature.id,
      geometry: feature.geometry,
      properties: feature.properties,
    })),
  });
}
