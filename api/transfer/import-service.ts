import type { AuditActor } from "../audit/log.js";
import type { Principal } from "../auth/tokens.js";
import type { Database } from "../db/client.js";
import { applyPlan, type ApplyResult } from "./apply.js";
import type { ImportRequest } from "./import-query.js";
import { parseCsv } from "./parse-csv.js";
import { parseGeoJson } from "./parse-geojson.js";
import { parseGpx } from "./parse-gpx.js";
import { parseKml, parseKmz } from "./parse-kml.js";
import { planImport } from "./plan.js";
import type { ParsedFile } from "./records.js";
import { decodeText } from "./text.js";

export function parseFile(request: ImportRequest, bytes: Uint8Array): ParsedFile {
  const geometryTypes = request.kind.geometry!.accepts;
  if (request.format === "kmz") {
    return parseKmz(bytes, { folder: request.folder });
  }

  const { text } = decodeText(bytes);
  switch (request.format) {
    case "geojson":
      return parseGeoJson(text);
    case "kml":
      return parseKml(text, { folder: request.folder });
    case "gpx":
      return parseGpx(text, { geometryTypes });
    case "csv":
      return parseCsv(text, { geometryTypes, lonColumn: request.lonColumn, latColumn: request.latColumn });
  }
}

// The person or token running an import, and the actor for its audit rows.
export interface Importer {
  principal: Principal;
  audit: AuditActor;
}

// Reads, plans and (unless it is a dry run) writes one import. A dry run
// goes through the same writes and rolls them back.
export async function runImport(db: Database["db"], request: ImportRequest, bytes: Uint8Array, importer: Importer): Promise<ApplyResult> {
  const file = parseFile(request, bytes);
  const plan = await planImport(db, request.kind, file, {
    crs: request.crs,
    match: request.match,
    defaults: request.defaults,
    principal: importer.principal,
  });
  return applyPlan(db, request.kind, plan, { commit: !request.dryRun, ...importer });
}
