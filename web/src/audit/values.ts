import { formatMonths, formatNumber } from "../core/format.js";
import { currentLanguage, t, type MessageKey } from "../core/i18n.js";
import { enumLabel, kilometers, meters, timestamp, yesNo } from "../assets/values.js";
import { translate, type DispatchMessageKey } from "../dispatch/i18n.js";
import { at, isAuditKey } from "./i18n.js";

const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const monthFields = new Set(["monthsFrozen", "activeMonths"]);
// Maximum length in characters of an object value that is not a geometry.
const maxObjectChars = 120;

// Returns the label of a field in the current language: the audit catalog,
// then the console's field.* keys, else the field name as the API sends it.
export function fieldLabel(field: string): string {
  const auditKey = `audit.field.${field}`;
  if (isAuditKey(auditKey)) {
    return at(auditKey);
  }
  const key = `field.${field}` as MessageKey;
  const text = t(key);
  return text === key ? field : text;
}

// Returns the catalog prefix that translates an enum field of an object
// kind, or null for a field that the console has no enum labels for.
function enumPrefix(objectKind: string, field: string): string | null {
  if (field === "city" || field === "requestingCity" || field === "lendingCity") {
    return "enum.city";
  }
  const prefixes: Record<string, string> = {
    surface: "enum.surface",
    category: "enum.category",
    role: "role",
    "bases.kind": "enum.baseKind",
    "water-sources.kind": "enum.waterKind",
    "risk-areas.kind": "enum.riskKind",
    "aircraft.status": "enum.status",
  };
  return prefixes[`${objectKind}.${field}`] ?? prefixes[field] ?? null;
}

// Incident kinds, mission statuses and alert levels are translated by the dispatch desk's catalog.
function dispatchLabel(objectKind: string, field: string, value: string): string | null {
  let key: string | null = null;
  if (objectKind === "incident" && field === "kind") {
    key = `kind.${value}`;
  } else if (objectKind === "mission" && field === "status") {
    key = `status.${value}`;
  } else if (objectKind === "alert" && field === "level") {
    key = `level.${value}`;
  }
  if (key === null) {
    return null;
  }
  const text = translate(currentLanguage(), key as DispatchMessageKey);
  return text === key ? value : text;
}

// Statuses of incidents and mutual-aid requests, which no other catalog translates.
function statusLabel(objectKind: string, field: string, value: string): string | null {
  const key = `audit.status.${objectKind}.${value}`;
  return field === "status" && isAuditKey(key) ? at(key) : null;
}

function formatText(objectKind: string, field: string, value: string): string {
  const status = statusLabel(objectKind, field, value);
  if (status !== null) {
    return status;
  }
  const dispatched = dispatchLabel(objectKind, field, value);
  if (dispatched !== null) {
    return dispatched;
  }
  const prefix = enumPrefix(objectKind, field);
  if (prefix !== null) {
    return enumLabel(prefix, value) ?? value;
  }
  if (isoTimestamp.test(value)) {
    return timestamp(value) ?? value;
  }
  return value;
}

// Numbers carry the unit their field name ends in (elevationM, corridorWidthKm, readinessDayMin).
function formatQuantity(field: string, value: number): string {
  if (/[a-z]M$/.test(field)) {
    return meters(value)!;
  }
  if (/Km$/.test(field)) {
    return kilometers(value)!;
  }
  if (/Kmh$/.test(field)) {
    return t("value.kmh", { n: formatNumber(value, 1) });
  }
  if (/Min$/.test(field)) {
    return at("audit.minutes", { n: formatNumber(value, 1) });
  }
  if (/L$/.test(field)) {
    return at("audit.liters", { n: formatNumber(value) });
  }
  return formatNumber(value, 6);
}

// Formats one value of an audit record for display in the current language.
export function formatValue(objectKind: string, field: string, value: unknown): string {
  if (value === null || value === undefined || value === "") {
    return t("value.none");
  }
  if (typeof value === "boolean") {
    return yesNo(value)!;
  }
  if (typeof value === "number") {
    return formatQuantity(field, value);
  }
  if (typeof value === "string") {
    return formatText(objectKind, field, value);
  }
  if (Array.isArray(value) && monthFields.has(field) && value.every((item) => typeof item === "number")) {
    return value.length === 0 ? t("value.none") : formatMonths(value as number[]);
  }
  if (Array.isArray(value)) {
    return value.length === 0 ? t("value.none") : value.map((item) => formatValue(objectKind, field, item)).join(t("value.listSeparator"));
  }

  const text = JSON.stringify(value);
  return text.length > maxObjectChars ? `${text.slice(0, maxObjectChars - 1)}…` : text;
}
