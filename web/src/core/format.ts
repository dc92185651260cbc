import { currentLanguage, t, type Language } from "./i18n.js";

// The console shows every time in China Standard Time (UTC+8, no daylight
// saving); the API sends UTC.
export const displayTimeZone = "Asia/Shanghai";

const clockFormat = new Intl.DateTimeFormat("en", {
  timeZone: displayTimeZone,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

// Formats a date as "2026-12-05 04:23:48" in China Standard Time, the same
// in both languages, so that a time read out over the radio is unambiguous.
export function formatClock(date: Date): string {
  const parts = Object.fromEntries(clockFormat.formatToParts(date).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

export function formatTimeOfDay(date: Date): string {
  return new Intl.DateTimeFormat(currentLanguage(), {
    timeZone: displayTimeZone,
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).format(date);
}

// Returns the month (1-12) in China Standard Time, which decides whether a
// water source counts as frozen "this month".
export function monthInChina(date: Date): number {
  const text = new Intl.DateTimeFormat("en", { timeZone: displayTimeZone, month: "numeric" }).format(date);
  return Number(text);
}

export function formatMonths(months: readonly number[]): string {
  const names = new Intl.DateTimeFormat(currentLanguage(), { month: "short", timeZone: "UTC" });
  const sorted = [...months].sort((a, b) => a - b);
  return sorted.map((month) => names.format(new Date(Date.UTC(2024, month - 1, 15)))).join(t("value.listSeparator"));
}

export function formatNumber(value: number, maximumFractionDigits = 0): string {
  return new Intl.NumberFormat(currentLanguage(), { maximumFractionDigits }).format(value);
}

// Age templates per language. They sit here rather than in the shared
// catalogue so that formatAge needs no message keys; each unit is a whole
// number, rounded down.
const ageTemplates = {
  "zh-CN": { now: "刚刚", second: "{n} 秒前", minute: "{n} 分钟前", hour: "{n} 小时前", day: "{n} 天前" },
  en: { now: "just now", second: "{n} s ago", minute: "{n} min ago", hour: "{n} h ago", day: "{n} d ago" },
} as const;

// Formats how long ago something happened, as "12 秒前" / "12 s ago" under a
// minute, then whole minutes, hours and days. An age under a second, or a
// negative one (a receiver clock ahead of this browser's), reads "just now".
export function formatAge(ageMs: number, language: Language = currentLanguage()): string {
  const templates = ageTemplates[language];
  const seconds = Math.floor(ageMs / 1000);
  if (!Number.isFinite(seconds) || seconds < 1) {
    return templates.now;
  }

  const [unit, n] = ageUnit(seconds);
  return templates[unit].replace("{n}", new Intl.NumberFormat(language).format(n));
}

function ageUnit(seconds: number): ["second" | "minute" | "hour" | "day", number] {
  if (seconds < 60) {
    return ["second", seconds];
  }
  if (seconds < 3600) {
    return ["minute", Math.floor(seconds / 60)];
  }
  if (seconds < 86_400) {
    return ["hour", Math.floor(seconds / 3600)];
  }
  return ["day", Math.floor(seconds / 86_400)];
}
