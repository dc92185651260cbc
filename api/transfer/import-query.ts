import { z } from "zod";

import { assetKinds, type AssetKind } from "../assets/kinds.js";
import { ApiError } from "../http/errors.js";
import { parseOrThrow } from "../http/validation.js";
import { coerceValue, fieldTypes } from "./fields.js";
import { importFormats, type ImportFormat } from "./records.js";
import type { Upload } from "./upload.js";

// Kinds with a geometry can be imported. Aircraft and aircraft types are
// kept in the registry's own forms.
export const importKinds = assetKinds.filter((kind) => kind.geometry !== null);

const importQuery = z
  .object({
    kind: z.enum(importKinds.map((kind) => kind.path) as [string, ...string[]]),
    format: z.enum(importFormats).optional(),
    dryRun: z.enum(["true", "false"]).default("true"),
    crs: z.enum(["wgs84", "gcj02"]).default("wgs84"),
    match: z.enum(["name", "id"]).default("name"),
    lonColumn: z.string().trim().min(1).max(100).optional(),
    latColumn: z.string().trim().min(1).max(100).optional(),
    folder: z.string().trim().min(1).max(200).optional(),
  })
  .strict();

export interface ImportRequest {
  kind: AssetKind;
  format: ImportFormat;
  dryRun: boolean;
  crs: "wgs84" | "gcj02";
  match: "name" | "id";
  lonColumn?: string;
  latColumn?: string;
  folder?: string;
  defaults: Record<string, unknown>;
}

// Media types that these formats are usually sent with (RFC 7946 defines
// application/geo+json), so that `curl --data-binary` with a Content-Type
// needs no format parameter.
const formatsByMediaType: Record<string, ImportFormat> = {
  "application/geo+json": "geojson",
  "application/vnd.google-earth.kml+xml": "kml",
  "application/vnd.google-earth.kmz": "kmz",
  "application/gpx+xml": "gpx",
  "text/csv": "csv",
};

// Picks the format from the multipart file name's extension, or else from
// the media type of a raw body.
function formatOfUpload(upload: Upload): ImportFormat | undefined {
  const extension = upload.filename?.split(".").pop()?.toLowerCase();
  if (extension === "json") {
    return "geojson";
  }
  const fromName = importFormats.find((format) => format === extension);
  return fromName ?? (upload.mediaType ? formatsByMediaType[upload.mediaType] : undefined);
}

// Splits `defaults[city]=bayannur` parameters from the rest of the query.
function splitDefaults(query: Record<string, string>): { rest: Record<string, string>; defaults: Record<string, string> } {
  const rest: Record<string, string> = {};
  const defaults: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    const match = /^defaults\[([^\]]+)\]$/.exec(key);
    if (match) {
      defaults[match[1]!] = value;
    } else {
      rest[key] = value;
    }
  }
  return { rest, defaults };
}

function parseDefaultsJson(text: string | undefined): Record<string, unknown> {
  if (text === undefined || text.trim() === "") {
    return {};
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    // Reported below with the same code as a non-object.
  }
  throw new ApiError(400, { code: "invalid_json", field: "defaults" });
}

// Validates the query and the defaults. Defaults are checked against the
// kind's schema here, so that a bad default is one 400 and not the same
// rejection on every row.
export function parseImportRequest(query: Record<string, string>, upload: Upload): ImportRequest {
  const { rest, defaults: queryDefaults } = splitDefaults(query);
  const parsed = parseOrThrow(importQuery, rest, 400);
  const kind = importKinds.find((candidate) => candidate.path === parsed.kind)!;

  const format = parsed.format ?? formatOfUpload(upload);
  if (!format) {
    throw new ApiError(400, { code: "missing_field", field: "format", expected: importFormats.join(" | ") });
  }

  const types = fieldTypes(kind);
  const merged: Record<string, unknown> = { ...queryDefaults, ...parseDefaultsJson(upload.defaultsJson) };
  const defaults: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(merged)) {
    defaults[name] = coerceValue(types.get(name), name, value);
  }
  try {
    parseOrThrow(kind.create.partial(), defaults, 400);
  } catch (error) {
    if (error instanceof ApiError) {
      throw new ApiError(400, error.details.map((detail) => ({ ...detail, field: `defaults.${detail.field}` })));
    }
    throw error;
  }

  return {
    kind,
    format,
    dryRun: parsed.dryRun === "true",
    crs: parsed.crs,
    match: parsed.match,
    ...(parsed.lonColumn ? { lonColumn: parsed.lonColumn } : {}),
    ...(parsed.latColumn ? { latColumn: parsed.latColumn } : {}),
    ...(parsed.folder ? { folder: parsed.folder } : {}),
    defaults,
  };
}
