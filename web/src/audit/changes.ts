import type { AuditRow } from "./api.js";
import { describeGeometryChange, isGeometry, summarizeGeometry } from "./geometry.js";
import { fieldLabel, formatValue } from "./values.js";

// One line of an audit row: a field and its value before and after. A
// geometry change is one text in `after`, with `before` null.
export interface FieldChange {
  field: string;
  label: string;
  before: string | null;
  after: string;
}

// "diff" lists the fields an update changed, before → after. "record"
// summarizes the whole object when the row has only one state, as for a
// creation, a deletion or a mission assignment.
export interface RowChanges {
  mode: "diff" | "record";
  changes: FieldChange[];
}

// Fields left out: every write sets them, or they never change.
const hiddenFields = new Set(["id", "createdAt", "updatedAt"]);

type AuditRecord = Record<string, unknown>;

function isRecord(value: unknown): value is AuditRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// An incident sends its point twice, as lonLat and as geometry, and only the geometry is shown.
function shownFields(record: AuditRecord): string[] {
  return Object.keys(record).filter((field) => !hiddenFields.has(field) && !(field === "lonLat" && "geometry" in record));
}

// Missing and null are equal, because a status change has note in `after` only.
function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function formatField(objectKind: string, field: string, value: unknown): string {
  return isGeometry(value) ? summarizeGeometry(value) : formatValue(objectKind, field, value);
}

function diff(objectKind: string, before: AuditRecord, after: AuditRecord): FieldChange[] {
  const fields = [...new Set([...shownFields(after), ...shownFields(before)])];
  const changes: FieldChange[] = [];

  for (const field of fields) {
    const old = before[field];
    const next = after[field];
    if (sameValue(old, next)) {
      continue;
    }
    if (isGeometry(old) && isGeometry(next)) {
      changes.push({ field, label: fieldLabel(field), before: null, after: describeGeometryChange(old, next) });
      continue;
    }
    changes.push({ field, label: fieldLabel(field), before: formatField(objectKind, field, old), after: formatField(objectKind, field, next) });
  }
  return changes;
}

// Lists the fields that have a value, since empty ones would only fill the dialog.
function summarize(objectKind: string, record: AuditRecord): FieldChange[] {
  return shownFields(record)
    .filter((field) => record[field] !== null && record[field] !== undefined && record[field] !== "")
    .map((field) => ({ field, label: fieldLabel(field), before: null, after: formatField(objectKind, field, record[field]) }));
}

// Describes what one audit row changed, in the current language.
export function describeChanges(row: AuditRow): RowChanges {
  if (isRecord(row.before) && isRecord(row.after)) {
    return { mode: "diff", changes: diff(row.objectKind, row.before, row.after) };
  }

  const record = isRecord(row.after) ? row.after : isRecord(row.before) ? row.before : null;
  return { mode: "record", changes: record ? summarize(row.objectKind, record) : [] };
}
