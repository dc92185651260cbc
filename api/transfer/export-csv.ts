import { stringify } from "csv-stringify/sync";

import type { AssetKind } from "../assets/kinds.js";
import { formulaStart } from "./csv-formula.js";
import type { ExportFeature } from "./export-data.js";

function cellText(value: unknown): string {
  if (value === null || value === undefined) {
    return "";
  }
  if (Array.isArray(value)) {
    return value.join(",");
  }
  if (typeof value === "string" && formulaStart.test(value)) {
    return `'${value}`;
  }
  return String(value);
}

// Writes a CSV with a header of property names, which an import reads back.
// It starts with a UTF-8 BOM because Excel and WPS otherwise open UTF-8 CSV
// in the system code page and garble Chinese names. Points get lon and lat
// columns in decimal degrees, and lines and polygons a WKT `geometry` column
// (QGIS reads it as a delimited-text layer).
export function writeCsv(features: ExportFeature[], kind: AssetKind, wktById: Map<string, string>): string {
  // The id comes first, then the geometry, then the other properties.
  const [idColumn, ...propertyColumns] = kind.geometry ? ["id", ...kind.outputFields] : kind.outputFields;
  let geometryColumns: string[] = [];
  if (kind.geometry) {
    geometryColumns = kind.geometry.stored === "Point" ? ["lon", "lat"] : ["geometry"];
  }

  const geometryCells = (feature: ExportFeature): string[] => {
    if (!kind.geometry) {
      return [];
    }
    if (kind.geometry.stored === "Point") {
      return (feature.geometry!.coordinates as number[]).slice(0, 2).map(String);
    }
    return [wktById.get(String(feature.id)) ?? ""];
  };

  const rows = features.map((feature) => [
    cellText(feature.properties[idColumn!]),
    ...geometryCells(feature),
    ...propertyColumns.map((column) => cellText(feature.properties[column])),
  ]);

  return stringify(rows, {
    bom: true,
    header: true,
    columns: [idColumn!, ...geometryColumns, ...propertyColumns],
    record_delimiter: "windows",
  });
}
