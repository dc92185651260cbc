import { getTableColumns, getTableName, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { z } from "zod";

import { geometrySchema, type Geometry } from "../assets/geometry.js";
import { cities, type AssetKind } from "../assets/kinds.js";
import { assertCityWrite } from "../auth/users/city-scope.js";
import type { Principal } from "../auth/tokens.js";
import type { Database } from "../db/client.js";
import { ApiError, type ErrorDetail } from "../http/errors.js";
import { parseOrThrow } from "../http/validation.js";
import { coerceValue, fieldTypes, propertyNameFor, readOnlyFields } from "./fields.js";
import { geometryFromWkt, invalidGeometryReasons, normaliseGeometry, type Crs } from "./geometry-input.js";
import type { ParsedFile, RecordRef, SourceRecord } from "./records.js";

type Db = Database["db"];

const matchBatchSize = 10_000;

export type MatchBy = "name" | "id";

export interface PlanOptions {
  crs: Crs;
  match: MatchBy;
  // Values for properties that the file cannot carry, used for new records.
  defaults: Record<string, unknown>;
  // The importer: a new record without a city gets the importer's city, and
  // every row must name a city the importer may write (city-scope.ts).
  principal: Principal;
}

export interface PlannedRow {
  ref: RecordRef;
  action: "create" | "update" | "reject";
  // The matched record, for updates.
  id?: number;
  properties: Record<string, unknown>;
  geometry: Geometry | null;
  errors: ErrorDetail[];
}

export interface ImportPlan {
  rows: PlannedRow[];
  skipped: number;
  // File fields that map to no property of the kind, sorted.
  ignoredFields: string[];
}

interface NormalisedRecord {
  record: SourceRecord;
  id: unknown;
  properties: Record<string, unknown>;
  geometry: unknown;
  errors: ErrorDetail[];
}

// Maps a record's field names to the kind's properties and converts text
// values to the schema's types. The first non-empty value wins when two
// columns name the same property (名称 and nameZh, say).
function normaliseRecord(kind: AssetKind, record: SourceRecord, crs: Crs, ignored: Set<string>): NormalisedRecord {
  const types = fieldTypes(kind);
  const properties: Record<string, unknown> = {};
  let id: unknown;

  for (const [field, raw] of Object.entries(record.properties)) {
    const name = propertyNameFor(kind, field);
    if (name === null) {
      ignored.add(field);
      continue;
    }
    const value = coerceValue(types.get(name), name, raw);
    if (value === undefined) {
      continue;
    }
    if (name === "id") {
      id = value;
    } else if (!readOnlyFields.has(name) && properties[name] === undefined) {
      properties[name] = value;
    }
  }

  return { record, id, properties, geometry: normaliseGeometry(record.geometry, crs), errors: [...record.errors] };
}

// Joins a prefix to a field path from parseOrThrow, which names the whole
// input "body".
function prefixedField(prefix: string, field: string | undefined): string {
  if (field === undefined || field === "body") {
    return prefix || "body";
  }
  return prefix ? `${prefix}.${field}` : field;
}

// zod reports an absent enum property as an invalid value, but for a file
// without that column "missing field" is the clearer message.
function asMissing(detail: ErrorDetail): ErrorDetail {
  if (detail.value === undefined && (detail.code === "invalid_value" || detail.code === "invalid_type")) {
    return { code: "missing_field", field: detail.field, ...(detail.expected ? { expected: detail.expected } : {}) };
  }
  return detail;
}

// Returns the details of a failed parse, or none when the input is valid.
function issuesOf(schema: z.ZodType, input: unknown, fieldPrefix: string): { data?: unknown; errors: ErrorDetail[] } {
  try {
    return { data: parseOrThrow(schema, input), errors: [] };
  } catch (error) {
    if (!(error instanceof ApiError)) {
      throw error;
    }
    return { errors: error.details.map((detail) => ({ ...asMissing(detail), field: prefixedField(fieldPrefix, detail.field) })) };
  }
}

function nameColumn(kind: AssetKind): PgColumn {
  return (getTableColumns(kind.table) as Record<string, PgColumn>).nameZh!;
}

// Finds the stored records that file records would update, in one query.
async function storedMatches(db: Db, kind: AssetKind, match: MatchBy, keys: (string | number)[]): Promise<Map<string, number[]>> {
  const found = new Map<string, number[]>();
  if (keys.length === 0) {
    return found;
  }

  const table = sql.identifier(getTableName(kind.table));
  const column = match === "id" ? sql`id` : sql.identifier(nameColumn(kind).name);
  // Each key is one bind parameter, and PostgreSQL takes at most 65,535 in
  // a statement, so a large file is looked up in batches.
  for (let start = 0; start < keys.length; start += matchBatchSize) {
    const values = keys.slice(start, start + matchBatchSize).map(String);
    const rows = await db.execute<{ id: number; key: string }>(
      sql`SELECT id, ${column}::text AS key FROM ${table} WHERE ${column}::text IN ${values} ORDER BY id`,
    );
    for (const row of rows) {
      found.set(row.key, [...(found.get(row.key) ?? []), row.id]);
    }
  }
  return found;
}

function matchKey(normalised: NormalisedRecord, match: MatchBy, errors: ErrorDetail[]): string | null {
  if (match === "name") {
    return typeof normalised.properties.nameZh === "string" ? normalised.properties.nameZh.trim() : null;
  }
  if (normalised.id === undefined) {
    return null;
  }
  const id = Number(normalised.id);
  if (!Number.isInteger(id) || id <= 0) {
    errors.push({ code: "invalid_value", field: "id", value: normalised.id, expected: "a positive integer id of a stored record" });
    return null;
  }
  return String(id);
}

// Names the record where a duplicate was first seen: its CSV line, or its
// feature index for other formats.
function firstSeenAt(ref: RecordRef): Pick<ErrorDetail, "expected" | "params"> {
  if (ref.line !== undefined) {
    return { expected: `line ${ref.line}`, params: { line: ref.line } };
  }
  return { expected: `feature ${ref.index}`, params: { index: ref.index } };
}

function hasCity(kind: AssetKind): boolean {
  return "city" in kind.create.shape;
}

// Returns the forbidden_city error, as a single write gets it, for a row
// whose city the importer may not write. A value that is not a known city is
// left to the schema's invalid_value error.
function cityErrors(principal: Principal, city: unknown): ErrorDetail[] {
  if (!(cities as readonly unknown[]).includes(city)) {
    return [];
  }
  try {
    assertCityWrite(principal, city);
    return [];
  } catch (error) {
    if (!(error instanceof ApiError)) {
      throw error;
    }
    return error.details;
  }
}

// Builds the import plan: every record is read, validated with the kind's
// own schema and geometry checks, checked by PostGIS, and matched to stored
// records. Nothing is written here, because apply.ts does the writes.
export async function planImport(db: Db, kind: AssetKind, file: ParsedFile, options: PlanOptions): Promise<ImportPlan> {
  const ignored = new Set<string>();
  const normalised = file.records.map((record) => normaliseRecord(kind, record, options.crs, ignored));

  for (const item of normalised) {
    if (item.record.geometryWkt !== undefined) {
      const result = await geometryFromWkt(db, item.record.geometryWkt);
      if ("error" in result) {
        item.errors.push({ code: "invalid_geometry", field: "geometry", value: item.record.geometryWkt, expected: result.error });
      } else {
        item.geometry = normaliseGeometry(result.geometry, options.crs);
      }
    }
  }

  const keys = normalised.map((item) => matchKey(item, options.match, item.errors));
  const stored = await storedMatches(db, kind, options.match, keys.filter((key): key is string => key !== null));
  const geometryCheck = geometrySchema(kind.geometry!.accepts);
  const firstSeen = new Map<string, RecordRef>();
  const cityScoped = hasCity(kind);
  const importerDefaults: Record<string, unknown> = cityScoped ? { city: options.principal.city } : {};

  const rows = normalised.map((item, position): PlannedRow => {
    const key = keys[position] ?? null;
    const errors = item.errors;
    const ref = { ...item.record.ref };
    if (ref.name === undefined && typeof item.properties.nameZh === "string") {
      ref.name = item.properties.nameZh;
    }

    if (item.geometry === null || item.geometry === undefined) {
      // A parser error (a bad coordinate cell, say) already explains why
      // there is no geometry.
      if (item.record.errors.length === 0 && !errors.some((error) => error.field === "geometry")) {
        errors.push({ code: "missing_field", field: "geometry" });
      }
    } else {
      errors.push(...issuesOf(geometryCheck, item.geometry, "geometry").errors);
    }

    let matchedId: number | undefined;
    if (key !== null) {
      const earlier = firstSeen.get(key);
      if (earlier) {
        errors.push({ code: "duplicate_in_file", field: options.match === "name" ? "nameZh" : "id", value: key, ...firstSeenAt(earlier) });
      } else {
        firstSeen.set(key, ref);
      }
      const ids = stored.get(key) ?? [];
      if (ids.length > 1) {
        errors.push({ code: "ambiguous_match", field: "nameZh", value: key, expected: ids.join(", ") });
      } else if (ids.length === 1) {
        matchedId = ids[0];
      } else if (options.match === "id") {
        errors.push({ code: "not_found", field: "id", value: Number(key) });
      }
    }

    // A new record takes what the file lacks from the defaults, and a city
    // missing from both from the importer. An update changes only the
    // fields that the file carries.
    const schema = matchedId === undefined ? kind.create : kind.create.partial();
    const input = matchedId === undefined ? { ...importerDefaults, ...options.defaults, ...item.properties } : item.properties;
    const parsed = issuesOf(schema, input, "");
    errors.push(...parsed.errors);
    if (cityScoped) {
      errors.push(...cityErrors(options.principal, input.city));
    }

    if (errors.length > 0) {
      return { ref, action: "reject", properties: input, geometry: null, errors };
    }
    return {
      ref,
      action: matchedId === undefined ? "create" : "update",
      ...(matchedId === undefined ? {} : { id: matchedId }),
      properties: parsed.data as Record<string, unknown>,
      geometry: item.geometry as Geometry,
      errors: [],
    };
  });

  const candidates = rows.filter((row) => row.action !== "reject");
  const reasons = await invalidGeometryReasons(db, candidates.map((row) => row.geometry));
  candidates.forEach((row, position) => {
    const reason = reasons.get(position);
    if (reason !== undefined) {
      const code = /self-intersection/i.test(reason) ? "self_intersecting" : "invalid_geometry";
      row.action = "reject";
      row.errors.push({ code, field: "geometry", expected: reason });
    }
  });

  return { rows, skipped: file.skipped, ignoredFields: [...ignored].sort() };
}
