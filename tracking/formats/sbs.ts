import { isHexAt } from '../decoder/hex.js';
import { isValidSquawk } from '../decoder/squawk.js';
import { reject, preview, type ParseResult, type Rejection } from './rejection.js';
import { trimmedEnd } from './avr.js';
import { parseSbsDateTime, type SbsDateTime } from './sbs-time.js';

/**
 * SBS-1 / BaseStation CSV lines (dump1090 and readsb port 30003).
 * Sources: flightaware/dump1090 net_io.c (modesSendSBSOutput),
 * wiedehopf/readsb net_io.c, field meanings from Kinetic's BaseStation
 * documentation as both cite it.
 *
 * 22 comma-separated fields (0-based):
 *   0 message type (MSG; BaseStation also sends SEL, ID, AIR, STA, CLK)
 *   1 transmission type 1-8   2-3 session and aircraft id   4 hex ident
 *   5 flight id   6-7 date/time generated   8-9 date/time logged
 *   10 callsign (space padded to 8)   11 altitude, ft (suffix H = GNSS)
 *   12 ground speed, kt   13 track, deg   14-15 latitude, longitude, deg
 *   16 vertical rate, ft/min (suffix H = GNSS)   17 squawk, 4 octal digits
 *   18 squawk changed   19 emergency   20 SPI   21 on ground
 *   (flags: -1 true, 0 false, empty unknown)
 * Transmission types: 1 identification, 2 surface position, 3 airborne
 * position, 4 velocity, 5 DF4/20 altitude, 6 DF5/21 identity, 7 DF0/16
 * air-air, 8 DF11 all-call.
 *
 * Dates carry no time zone: dump1090-fa writes local time, readsb UTC.
 * The parser keeps the wall-clock fields and converts them to epoch ms
 * only with a configured UTC offset.
 */

const FIELD_COUNT = 22;
const FEET_TO_M = 0.3048;
const KNOTS_TO_KMH = 1.852;
const FEET_PER_MINUTE_TO_MPS = 0.00508;

/** Plausible limits of the wire values; beyond them a line is garbage. */
const ALTITUDE_FT_MIN = -2000;
const ALTITUDE_FT_MAX = 130_000;
const GROUND_SPEED_KT_MAX = 4000;
const VERTICAL_RATE_FPM_MAX = 60_000;

const OTHER_BASESTATION_TYPES = new Set(['SEL', 'ID', 'AIR', 'STA', 'CLK']);

export interface SbsOptions {
  /**
   * UTC offset of the feed's date/time fields in minutes: 0 for readsb,
   * the receiver's zone for dump1090-fa (480 for Asia/Shanghai). Null
   * means unknown and leaves `generatedAtMs` and `loggedAtMs` null.
   */
  utcOffsetMin: number | null;
}

export type SbsSource = 'barometric' | 'gnss';

export interface SbsMessage {
  transmissionType: number;
  /** 6 uppercase hex digits. */
  icao: string;
  /** False when the feed marked the address as non-ICAO with a leading '~'. */
  addressIsIcao: boolean;
  /** Reception time as written, zone unknown. */
  generated: SbsDateTime | null;
  /** Time the line was written, zone unknown; may be days after `generated` when a capture is decoded offline. */
  logged: SbsDateTime | null;
  generatedAtMs: number | null;
  loggedAtMs: number | null;
  callsign: string | null;
  altitudeM: number | null;
  altitudeSource: SbsSource | null;
  groundSpeedKmh: number | null;
  trackDeg: number | null;
  latDeg: number | null;
  lonDeg: number | null;
  verticalRateMps: number | null;
  verticalRateSource: SbsSource | null;
  squawk: string | null;
  squawkChanged: boolean | null;
  emergency: boolean | null;
  spi: boolean | null;
  onGround: boolean | null;
}

/** Parses one SBS line; never throws. */
export function parseSbsLine(line: string, options: SbsOptions): ParseResult<SbsMessage> {
  const end = trimmedEnd(line);
  if (end === 0) {
    return reject('empty', 'line', 'line: expected an SBS line, got an empty line');
  }

  const fields = splitFields(line, end);
  const messageType = fields[0]!;
  if (messageType !== 'MSG') {
    if (OTHER_BASESTATION_TYPES.has(messageType)) {
      return reject('unsupported', 'message type', `message type: expected MSG, got ${preview(messageType)}`);
    }
    return reject('unparseable', 'line', `line: expected an SBS line starting with MSG, got ${preview(line.slice(0, end))}`);
  }
  if (fields.length < FIELD_COUNT) {
    return reject('unparseable', 'line', `line: expected ${FIELD_COUNT} fields, got ${fields.length}`);
  }

  return parseMsgFields(fields, options);
}

/** Splits on commas with indexOf, which is faster per line than split() on this hot path. */
function splitFields(line: string, end: number): string[] {
  const fields: string[] = [];
  let start = 0;
  while (start <= end) {
    let comma = line.indexOf(',', start);
    if (comma < 0 || comma > end) {
      comma = end;
    }
    fields.push(line.slice(start, comma));
    start = comma + 1;
  }
  return fields;
}

function parseMsgFields(fields: string[], options: SbsOptions): ParseResult<SbsMessage> {
  const transmissionType = Number(fields[1]);
  if (!Number.isInteger(transmissionType) || transmissionType < 1 || transmissionType > 8) {
    return reject('out_of_range', 'transmission type', `transmission type: expected 1-8, got ${preview(fields[1]!)}`);
  }

  const address = parseHexIdent(fields[4]!);
  if (!address.ok) {
    return address;
  }

  const generated = parseSbsDateTime(fields[6]!, fields[7]!);
  const logged = parseSbsDateTime(fields[8]!, fields[9]!);
  if (generated === 'invalid' || logged === 'invalid') {
    const field = generated === 'invalid' ? 'date/time generated' : 'date/time logged';
    const got = generated === 'invalid' ? `${fields[6]},${fields[7]}` : `${fields[8]},${fields[9]}`;
    return reject('unparseable', field, `${field}: expected YYYY/MM/DD,HH:MM:SS.mmm, got ${preview(got)}`);
  }

  const values = parseValues(fields);
  if (!values.ok) {
    return values;
  }

  const offsetMs = options.utcOffsetMin === null ? null : options.utcOffsetMin * 60_000;
  return {
    ok: true,
    value: {
      transmissionType,
      icao: address.value.icao,
      addressIsIcao: address.value.addressIsIcao,
      generated,
      logged,
      generatedAtMs: generated === null || offsetMs === null ? null : generated.utcWallClockMs - offsetMs,
      loggedAtMs: logged === null || offsetMs === null ? null : logged.utcWallClockMs - offsetMs,
      ...values.value,
    },
  };
}

function parseHexIdent(text: string): ParseResult<{ icao: string; addressIsIcao: boolean }> {
  const addressIsIcao = text.charCodeAt(0) !== 0x7e;
  const start = addressIsIcao ? 0 : 1;
  const valid = text.length === start + 6 && isHexAt(text, start, 6);
  if (!valid) {
    return reject('invalid_hex', 'hex ident', `hex ident: expected 6 hex digits, got ${preview(text)}`);
  }
  return { ok: true, value: { icao: text.slice(start).toUpperCase(), addressIsIcao } };
}

type SbsValues = Omit<SbsMessage, 'transmissionType' | 'icao' | 'addressIsIcao' | 'generated' | 'logged' | 'generatedAtMs' | 'loggedAtMs'>;

function parseValues(fields: string[]): ParseResult<SbsValues> {
  const altitude = parseSuffixedNumber(fields[11]!, 'altitude', ALTITUDE_FT_MIN, ALTITUDE_FT_MAX);
  if (isRejection(altitude)) {
    return altitude;
  }
  const groundSpeedKt = parseNumber(fields[12]!, 'ground speed', 0, GROUND_SPEED_KT_MAX);
  if (isRejection(groundSpeedKt)) {
    return groundSpeedKt;
  }
  const trackDeg = parseNumber(fields[13]!, 'track', 0, 360);
  if (isRejection(trackDeg)) {
    return trackDeg;
  }
  const position = parsePosition(fields[14]!, fields[15]!);
  if (isRejection(position)) {
    return position;
  }
  const verticalRate = parseSuffixedNumber(fields[16]!, 'vertical rate', -VERTICAL_RATE_FPM_MAX, VERTICAL_RATE_FPM_MAX);
  if (isRejection(verticalRate)) {
    return verticalRate;
  }
  const squawk = fields[17]!;
  if (squawk !== '' && !isValidSquawk(squawk)) {
    return reject('out_of_range', 'squawk', `squawk: expected 4 octal digits, got ${preview(squawk)}`);
  }

  const callsign = fields[10]!.trim();
  return {
    ok: true,
    value: {
      callsign: callsign === '' ? null : callsign,
      altitudeM: altitude === null ? null : altitude.value * FEET_TO_M,
      altitudeSource: altitude?.source ?? null,
      groundSpeedKmh: groundSpeedKt === null ? null : groundSpeedKt * KNOTS_TO_KMH,
      trackDeg,
      latDeg: position?.latDeg ?? null,
      lonDeg: position?.lonDeg ?? null,
      verticalRateMps: verticalRate === null ? null : verticalRate.value * FEET_PER_MINUTE_TO_MPS,
      verticalRateSource: verticalRate?.source ?? null,
      squawk: squawk === '' ? null : squawk,
      squawkChanged: parseFlag(fields[18]!),
      emergency: parseFlag(fields[19]!),
      spi: parseFlag(fields[20]!),
      onGround: parseFlag(fields[21]!),
    },
  };
}

/** Latitude and longitude, both or neither; dump1090 leaves both empty until it has a CPR fix. */
function parsePosition(latText: string, lonText: string): { latDeg: number; lonDeg: number } | null | Rejection {
  const latDeg = parseNumber(latText, 'latitude', -90, 90);
  if (isRejection(latDeg)) {
    return latDeg;
  }
  const lonDeg = parseNumber(lonText, 'longitude', -180, 180);
  if (isRejection(lonDeg)) {
    return lonDeg;
  }
  if (latDeg === null && lonDeg === null) {
    return null;
  }
  if (latDeg === null || lonDeg === null) {
    return reject('unparseable', 'position', 'position: expected both latitude and longitude or neither, got one');
  }
  return { latDeg, lonDeg };
}

interface SuffixedNumber {
  value: number;
  source: SbsSource;
}

function isRejection(value: unknown): value is Rejection {
  return typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false;
}

/** Empty -> null; a number within [min, max] -> the number; anything else -> a rejection. */
function parseNumber(text: string, field: string, min: number, max: number): number | null | Rejection {
  if (text === '') {
    return null;
  }
  const value = Number(text);
  if (!Number.isFinite(value) || text.trim() !== text) {
    return reject('unparseable', field, `${field}: expected a number, got ${preview(text)}`);
  }
  if (value < min || value > max) {
    return reject('out_of_range', field, `${field}: expected ${min} to ${max}, got ${value}`);
  }
  return value;
}

/** Parses a number with an optional `H` suffix, which dump1090-fa's --gnss option adds to GNSS values. */
function parseSuffixedNumber(text: string, field: string, min: number, max: number): SuffixedNumber | null | Rejection {
  const gnss = text.length > 0 && text.charCodeAt(text.length - 1) === 0x48;
  const value = parseNumber(gnss ? text.slice(0, -1) : text, field, min, max);
  if (value === null || typeof value !== 'number') {
    return value;
  }
  return { value, source: gnss ? 'gnss' : 'barometric' };
}

/** BaseStation flags: -1 true, 0 false, empty unknown. Some forks write 1 for true. */
function parseFlag(text: string): boolean | null {
  if (text === '') {
    return null;
  }
  return text !== '0';
}
