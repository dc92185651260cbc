/**
 * Date and time fields of SBS lines: `YYYY/MM/DD` and `HH:MM:SS.mmm`,
 * in a time zone the line does not state.
 */
export interface SbsDateTime {
  /** As written, e.g. "2018/04/03 19:02:28.136". */
  text: string;
  /** The wall-clock fields read as if they were UTC, in ms since 1970; subtract the feed's UTC offset to get real UTC. */
  utcWallClockMs: number;
}

/** Returns null when both fields are empty and 'invalid' when they cannot be read. */
export function parseSbsDateTime(date: string, time: string): SbsDateTime | null | 'invalid' {
  if (date === '' && time === '') {
    return null;
  }
  if (date.length !== 10 || time.length < 8 || date.charCodeAt(4) !== 0x2f || date.charCodeAt(7) !== 0x2f) {
    return 'invalid';
  }
  if (time.charCodeAt(2) !== 0x3a || time.charCodeAt(5) !== 0x3a) {
    return 'invalid';
  }

  const year = readDigits(date, 0, 4);
  const month = readDigits(date, 5, 2);
  const day = readDigits(date, 8, 2);
  const hour = readDigits(time, 0, 2);
  const minute = readDigits(time, 3, 2);
  const second = readDigits(time, 6, 2);
  const millisecond = time.length > 9 && time.charCodeAt(8) === 0x2e ? readFraction(time, 9) : time.length === 8 ? 0 : -1;
  const fieldsValid = year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
  const timeValid = hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 60 && millisecond >= 0;
  if (!fieldsValid || !timeValid) {
    return 'invalid';
  }

  return {
    text: `${date} ${time}`,
    utcWallClockMs: Date.UTC(year, month - 1, day, hour, minute, second, millisecond),
  };
}

function readDigits(text: string, start: number, count: number): number {
  let value = 0;
  for (let index = start; index < start + count; index++) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) {
      return -1;
    }
    value = value * 10 + digit;
  }
  return value;
}

/** Milliseconds of a decimal fraction of 1 to 9 digits, truncated; -1 if not digits. */
function readFraction(text: string, start: number): number {
  const digits = text.length - start;
  if (digits < 1 || digits > 9) {
    return -1;
  }
  const value = readDigits(text, start, digits);
  return value < 0 ? -1 : Math.floor((value * 1000) / 10 ** digits);
}
