import type { ErrorDetail } from "../http/errors.js";

export const importFormats = ["geojson", "kml", "kmz", "gpx", "csv"] as const;
export type ImportFormat = (typeof importFormats)[number];

// Position of a record in its file, for a planner to find it: the CSV line
// (1-based, the header is line 1), or the feature's 0-based index with its
// placemark or waypoint name and KML folder path.
export interface RecordRef {
  index: number;
  // The GPX element a record came from: wpt, rte or trk.
  element?: string;
  line?: number;
  name?: string;
  folder?: string;
}

// One record as a parser read it, before any validation: property values are
// still raw (strings from CSV cells and KML Data elements), geometry is
// GeoJSON in the file's coordinate system, or WKT text from a CSV cell.
export interface SourceRecord {
  ref: RecordRef;
  properties: Record<string, unknown>;
  geometry: unknown;
  geometryWkt?: string;
  // Errors found while reading the record, which reject it.
  errors: ErrorDetail[];
}

export interface ParsedFile {
  records: SourceRecord[];
  // Records left out on purpose, such as GPX routes when points are imported
  // or placemarks outside the requested KML folder.
  skipped: number;
}

export interface ParseOptions {
  geometryTypes: string[];
  lonColumn?: string;
  latColumn?: string;
  folder?: string;
}
