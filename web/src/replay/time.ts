// China Standard Time is UTC+8 all year (China has had no daylight saving
// since 1991), so a fixed offset converts it exactly.
const chinaOffsetMs = 8 * 3_600_000;

// Formats a UTC instant as "YYYY-MM-DD HH:mm:ss" in China Standard Time.
export function formatChinaTime(utcMs: number): string {
  return new Date(utcMs + chinaOffsetMs).toISOString().slice(0, 19).replace("T", " ");
}

// The value of a datetime-local input ("YYYY-MM-DDTHH:mm") for a UTC instant.
export function toChinaInputValue(utcMs: number): string {
  return new Date(utcMs + chinaOffsetMs).toISOString().slice(0, 16);
}

// Reads a datetime-local value as China Standard Time; NaN when it is empty
// or invalid.
export function fromChinaInputValue(value: string): number {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) {
    return Number.NaN;
  }
  const seconds = value.length === 16 ? ":00" : "";
  return Date.parse(`${value}${seconds}+08:00`);
}
