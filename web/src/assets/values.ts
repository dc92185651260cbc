import { formatClock, formatNumber } from "../core/format.js";
import { t, type MessageKey } from "../core/i18n.js";

// Formatters for popup values: each returns null for a missing value, and
// the popup leaves such rows out.

export function yesNo(value: boolean | null | undefined): string | null {
  if (value === null || value === undefined) {
    return null;
  }
  return t(value ? "value.yes" : "value.no");
}

export function meters(value: number | null | undefined): string | null {
  return value === null || value === undefined ? null : t("value.meters", { n: formatNumber(value, 1) });
}

export function kilometers(value: number | null | undefined): string | null {
  return value === null || value === undefined ? null : t("value.kilometers", { n: formatNumber(value, 1) });
}

// Translates an enum value, or shows it as it is when the catalog lacks it
// (a value added to the API before the console learnt it).
export function enumLabel(prefix: string, value: string | null | undefined): string | null {
  if (value === null || value === undefined) {
    return null;
  }
  const key = `${prefix}.${value}` as MessageKey;
  const text = t(key);
  return text === key ? value : text;
}

export function timestamp(iso: string | null | undefined): string | null {
  if (!iso) {
    return null;
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatClock(date);
}
