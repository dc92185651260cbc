import { parse } from "csv-parse/sync";

import { ApiError, type ErrorDetail } from "../http/errors.js";
import { parseCoordinate, type Axis } from "./dms.js";
import { formulaStart } from "./csv-formula.js";
import type { ParsedFile, ParseOptions, SourceRecord } from "./records.js";
import { invalidFile } from "./text.js";

// Header names recognised for coordinates and for a whole geometry, compared
// without case. `lonColumn` and `latColumn` name other headers.
const lonHeaders = ["lon", "lng", "long", "longitude", "经度", "x"];
const latHeaders = ["lat", "latitude", "纬度", "y"];
const geometryHeaders = ["geometry", "wkt", "geom", "the_geom", "几何"];

// Picks the delimiter from the header line: Excel in some locales writes
// semicolons, and a copy from a spreadsheet gives tabs.
function detectDelimiter(text: string): string {
  const header = text.split(/\r?\n/, 1)[0] ?? "";
  const counts = [",", ";", "\t"].map((delimiter) => ({ delimiter, count: header.split(delimiter).length - 1 }));
  counts.sort((a, b) => b.count - a.count);
  return counts[0]!.count > 0 ? counts[0]!.delimiter : ",";
}

function findColumn(headers: string[], requested: string | undefined, defaults: string[]): number {
  const candidates = requested === undefined ? defaults : [requested];
  const lowered = headers.map((header) => header.trim().toLowerCase());
  for (const name of candidates) {
    const position = lowered.indexOf(name.toLowerCase());
    if (position >= 0) {
      return position;
    }
  }
  return -1;
}

interface CsvRow {
  cells: string[];
  line: number;
}

function readRows(text: string): CsvRow[] {
  let parsed: { record: string[]; info: { lines: number; empty_lines: number } }[];
  try {
    parsed = parse(text, {
      bom: true,
      delimiter: detectDelimiter(text.replace(/^\uFEFF/, "")),
      relax_column_count: true,
      // A hand-typed DMS cell such as 40°55'34.9"N has a quote inside an
      // unquoted field. Excel would have quoted it, but a text editor does not.
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as typeof parsed;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw invalidFile(`CSV: ${(error as Error).message}`, line);
  }

  // csv-parse reports the line where a record ends. A record starts one line
  // after the previous one ended, plus any empty lines skipped in between.
  const rows: CsvRow[] = [];
  let previousEnd = 0;
  let previousEmpty = 0;
  for (const { record, info } of parsed) {
    rows.push({ cells: record, line: previousEnd + 1 + (info.empty_lines - previousEmpty) });
    previousEnd = info.lines;
    previousEmpty = info.empty_lines;
  }
  return rows;
}

// Removes the apostrophe that our CSV export puts before text that a
// spreadsheet would run as a formula (see export-csv.ts).
function withoutFormulaGuard(cell: string): string {
  return cell.startsWith("'") && formulaStart.test(cell.slice(1)) ? cell.slice(1) : cell;
}

function readCoordinate(cell: string | undefined, axis: Axis, field: string, errors: ErrorDetail[]): number | null {
  const result = parseCoordinate(cell ?? "", axis);
  if (result.ok) {
    return result.degrees;
  }
  if (result.reason === "wrong_hemisphere") {
    errors.push({ code: "wrong_hemisphere", field, value: cell, expected: axis === "lon" ? "E or W" : "N or S" });
  } else if ((cell ?? "").trim() === "") {
    errors.push({ code: "missing_field", field });
  } else {
    errors.push({ code: "invalid_coordinate", field, value: cell, expected: `decimal degrees or DMS such as ${axis === "lon" ? `107°44'27.3"E` : `40°55'34.9"N`}` });
  }
  return null;
}

// Reads a CSV table with a header row. Points take their position from the
// longitude and latitude columns (decimal degrees or DMS), and lines and
// polygons from a geometry column with WKT or GeoJSON. Every other column
// is a property, named by its header.
export function parseCsv(text: string, options: Pick<ParseOptions, "geometryTypes" | "lonColumn" | "latColumn">): ParsedFile {
  const rows = readRows(text);
  const header = rows.shift();
  if (!header) {
    throw invalidFile("CSV: the file is empty, expected a header row");
  }
  const headers = header.cells.map((cell) => cell.trim());

  const lonIndex = findColumn(headers, options.lonColumn, lonHeaders);
  const latIndex = findColumn(headers, options.latColumn, latHeaders);
  const geometryIndex = findColumn(headers, undefined, geometryHeaders);
  const pointsOnly = options.geometryTypes.length === 1 && options.geometryTypes[0] === "Point";
  const usesLonLat = lonIndex >= 0 && latIndex >= 0;

  if (pointsOnly && !usesLonLat && geometryIndex < 0) {
    const field = lonIndex < 0 ? "lonColumn" : "latColumn";
    const names = lonIndex < 0 ? (options.lonColumn ?? lonHeaders.join(" | ")) : (options.latColumn ?? latHeaders.join(" | "));
    throw missingColumn(field, names, headers);
  }
  if (!pointsOnly && geometryIndex < 0) {
    throw missingColumn("geometry", geometryHeaders.join(" | "), headers);
  }

  const geometryColumns = new Set([lonIndex, latIndex, geometryIndex]);
  const records = rows.map((row, index): SourceRecord => {
    const errors: ErrorDetail[] = [];
    if (row.cells.length !== headers.length) {
      errors.push({ code: "column_count", field: "columns", value: row.cells.length, expected: String(headers.length) });
    }

    const properties: Record<string, unknown> = {};
    headers.forEach((name, column) => {
      if (!geometryColumns.has(column) && name !== "") {
        properties[name] = withoutFormulaGuard(row.cells[column] ?? "");
      }
    });

    let geometry: unknown = null;
    let geometryWkt: string | undefined;
    const geometryText = geometryIndex >= 0 ? (row.cells[geometryIndex] ?? "").trim() : "";
    if (usesLonLat && (pointsOnly || geometryText === "")) {
      const lon = readCoordinate(row.cells[lonIndex], "lon", headers[lonIndex]!, errors);
      const lat = readCoordinate(row.cells[latIndex], "lat", headers[latIndex]!, errors);
      geometry = lon !== null && lat !== null ? { type: "Point", coordinates: [lon, lat] } : null;
    } else if (geometryText.startsWith("{")) {
      try {
        geometry = JSON.parse(geometryText);
      } catch {
        errors.push({ code: "invalid_geometry", field: headers[geometryIndex]!, value: geometryText, expected: "WKT or GeoJSON geometry" });
      }
    } else if (geometryText !== "") {
      geometryWkt = geometryText;
    }

    return { ref: { index, line: row.line }, properties, geometry, ...(geometryWkt ? { geometryWkt } : {}), errors };
  });

  return { records, skipped: 0 };
}

function missingColumn(field: string, expected: string, headers: string[]): ApiError {
  return new ApiError(422, { code: "missing_column", field, value: headers, expected });
}
