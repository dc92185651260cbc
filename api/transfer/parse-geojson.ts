import type { ParsedFile, SourceRecord } from "./records.js";
import { invalidFile } from "./text.js";

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function featuresOf(document: unknown): unknown[] {
  if (isObject(document) && document.type === "FeatureCollection" && Array.isArray(document.features)) {
    return document.features;
  }
  if (isObject(document) && document.type === "Feature") {
    return [document];
  }
  throw invalidFile("GeoJSON: expected a FeatureCollection or a Feature");
}

// Reads a GeoJSON FeatureCollection (RFC 7946) or a single Feature. A
// feature's top-level `id` is used for matching when its properties have none.
export function parseGeoJson(text: string): ParsedFile {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw invalidFile(`GeoJSON: ${(error as Error).message}`);
  }

  const records = featuresOf(document).map((feature, index): SourceRecord => {
    if (!isObject(feature) || feature.type !== "Feature") {
      return { ref: { index }, properties: {}, geometry: null, errors: [{ code: "invalid_value", field: "type", value: isObject(feature) ? feature.type : feature, expected: "Feature" }] };
    }

    const properties = isObject(feature.properties) ? { ...feature.properties } : {};
    if (properties.id === undefined && feature.id !== undefined) {
      properties.id = feature.id;
    }
    const name = typeof properties.nameZh === "string" ? properties.nameZh : undefined;
    return { ref: { index, ...(name ? { name } : {}) }, properties, geometry: feature.geometry ?? null, errors: [] };
  });

  return { records, skipped: 0 };
}
