import { isHexAt } from '../decoder/hex.js';
import { isValidSquawk } from '../decoder/squawk.js';
import { reject, preview, type ParseResult, type RejectReason } from './rejection.js';

/**
 * dump1090-fa / readsb `aircraft.json` snapshots.
 * Sources: flightaware/dump1090 README-json.md, wiedehopf/readsb
 * README-json.md.
 *
 * Top level: `now` (unix s), `messages` (frames since start),
 * `aircraft` (array). Keys are omitted when unknown. Units on the wire:
 * ft (alt_baro, alt_geom), kt (gs, ias, tas), ft/min (baro_rate,
 * geom_rate), deg, s (seen, seen_pos relative to `now`), dBFS (rssi).
 * readsb writes the string "ground" in `alt_baro` for aircraft on the
 * ground; a `hex` starting with '~' is a non-ICAO address (TIS-B).
 */

const FEET_TO_M = 0.3048;
const KNOTS_TO_KMH = 1.852;
const FEET_PER_MINUTE_TO_MPS = 0.00508;

export interface AircraftJsonState {
  /** 6 uppercase hex digits, without the '~'. */
  icao: string;
  addressIsIcao: boolean;
  /** `type`: adsb_icao, adsr_icao, tisb_other, mlat, mode_s, ... */
  sourceType: string | null;
  callsign: string | null;
  /** Barometric altitude; null on the ground or when unknown. */
  altitudeBaroM: number | null;
  /** GNSS altitude above the WGS84 ellipsoid. */
  altitudeGeomM: number | null;
  /** True when `alt_baro` is "ground"; null when not stated. */
  onGround: boolean | null;
  groundSpeedKmh: number | null;
  indicatedAirspeedKmh: number | null;
  trueAirspeedKmh: number | null;
  mach: number | null;
  trackDeg: number | null;
  magneticHeadingDeg: number | null;
  trueHeadingDeg: number | null;
  baroRateMps: number | null;
  geomRateMps: number | null;
  squawk: string | null;
  emergency: string | null;
  category: string | null;
  latDeg: number | null;
  lonDeg: number | null;
  /** `now - seen_pos`, in ms since 1970; null without a position. */
  positionAtMs: number | null;
  /** `now - seen`, in ms since 1970. */
  lastSeenAtMs: number | null;
  rssiDbfs: number | null;
  messageCount: number | null;
  registration: string | null;
  typeDesignator: string | null;
  /** Names of the wire fields that came from MLAT or TIS-B. */
  mlatFields: string[];
  tisbFields: string[];
}

export interface FieldRejection {
  /** Index of the aircraft in the `aircraft` array. */
  index: number;
  reason: RejectReason;
  field: string;
  message: string;
}

export interface AircraftJsonSnapshot {
  nowMs: number;
  messageCount: number | null;
  aircraft: AircraftJsonState[];
  /** Aircraft dropped (bad `hex`) and single fields set to null (bad value), one entry each. */
  rejections: FieldRejection[];
}

type JsonObject = Record<string, unknown>;

/** Parses a snapshot given as JSON text or an already parsed value; never throws. */
export function parseAircraftJson(input: string | unknown): ParseResult<AircraftJsonSnapshot> {
  let root: unknown = input;
  if (typeof input === 'string') {
    try {
      root = JSON.parse(input);
    } catch (error) {
      return reject('unparseable', 'json', `json: expected valid JSON, got ${(error as Error).message}`);
    }
  }

  if (!isObject(root) || typeof root.now !== 'number' || !Array.isArray(root.aircraft)) {
    return reject('unparseable', 'json', 'json: expected an object with numeric "now" and an "aircraft" array');
  }

  const nowMs = root.now * 1000;
  const rejections: FieldRejection[] = [];
  const aircraft: AircraftJsonState[] = [];
  root.aircraft.forEach((entry, index) => {
    const state = parseAircraft(entry, index, nowMs, rejections);
    if (state !== null) {
      aircraft.push(state);
    }
  });

  const messageCount = typeof root.messages === 'number' ? root.messages : null;
  return { ok: true, value: { nowMs, messageCount, aircraft, rejections } };
}

function parseAircraft(entry: unknown, index: number, nowMs: number, rejections: FieldRejection[]): AircraftJsonState | null {
  if (!isObject(entry)) {
    rejections.push({ index, reason: 'unparseable', field: 'aircraft', message: 'aircraft: expected an object' });
    return null;
  }

  const hex = typeof entry.hex === 'string' ? entry.hex : '';
  const addressIsIcao = hex.charCodeAt(0) !== 0x7e;
  const icao = addressIsIcao ? hex : hex.slice(1);
  if (icao.length !== 6 || !isHexAt(icao, 0, 6)) {
    rejections.push({ index, reason: 'invalid_hex', field: 'hex', message: `hex: expected 6 hex digits, got ${preview(String(entry.hex))}` });
    return null;
  }

  const fields = new FieldReader(entry, index, rejections);
  const altitude = fields.altitudeBaro();
  const seenPosS = fields.number('seen_pos', 0, Infinity);
  const latDeg = fields.number('lat', -90, 90);
  const lonDeg = fields.number('lon', -180, 180);
  const hasPosition = latDeg !== null && lonDeg !== null;
  const seenS = fields.number('seen', 0, Infinity);

  return {
    icao: icao.toUpperCase(),
    addressIsIcao,
    sourceType: fields.string('type'),
    callsign: fields.string('flight')?.trim() || null,
    altitudeBaroM: altitude.feet === null ? null : altitude.feet * FEET_TO_M,
    altitudeGeomM: scale(fields.number('alt_geom', -2000, 130_000), FEET_TO_M),
    onGround: altitude.onGround,
    groundSpeedKmh: scale(fields.number('gs', 0, 4000), KNOTS_TO_KMH),
    indicatedAirspeedKmh: scale(fields.number('ias', 0, 4000), KNOTS_TO_KMH),
    trueAirspeedKmh: scale(fields.number('tas', 0, 4000), KNOTS_TO_KMH),
    mach: fields.number('mach', 0, 10),
    trackDeg: fields.number('track', 0, 360),
    magneticHeadingDeg: fields.number('mag_heading', 0, 360),
    trueHeadingDeg: fields.number('true_heading', 0, 360),
    baroRateMps: scale(fields.number('baro_rate', -60_000, 60_000), FEET_PER_MINUTE_TO_MPS),
    geomRateMps: scale(fields.number('geom_rate', -60_000, 60_000), FEET_PER_MINUTE_TO_MPS),
    squawk: fields.squawk(),
    emergency: fields.string('emergency'),
    category: fields.string('category'),
    latDeg: hasPosition ? latDeg : null,
    lonDeg: hasPosition ? lonDeg : null,
    positionAtMs: hasPosition && seenPosS !== null ? nowMs - seenPosS * 1000 : null,
    lastSeenAtMs: seenS === null ? null : nowMs - seenS * 1000,
    rssiDbfs: fields.number('rssi', -100, 0),
    messageCount: fields.number('messages', 0, Infinity),
    registration: fields.string('r'),
    typeDesignator: fields.string('t'),
    mlatFields: fields.stringList('mlat'),
    tisbFields: fields.stringList('tisb'),
  };
}

function scale(value: number | null, factor: number): number | null {
  return value === null ? null : value * factor;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads optional fields of one aircraft; a present but invalid value becomes null and one rejection entry. */
class FieldReader {
  constructor(
    private readonly entry: JsonObject,
    private readonly index: number,
    private readonly rejections: FieldRejection[],
  ) {}

  number(key: string, min: number, max: number): number | null {
    const value = this.entry[key];
    if (value === undefined || value === null) {
      return null;
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      return this.invalid('unparseable', key, `expected a number, got ${preview(JSON.stringify(value))}`);
    }
    if (value < min || value > max) {
      return this.invalid('out_of_range', key, `expected ${min} to ${max}, got ${value}`);
    }
    return value;
  }

  string(key: string): string | null {
    const value = this.entry[key];
    if (value === undefined || value === null) {
      return null;
    }
    if (typeof value !== 'string') {
      return this.invalid('unparseable', key, `expected a string, got ${preview(JSON.stringify(value))}`);
    }
    return value;
  }

  stringList(key: string): string[] {
    const value = this.entry[key];
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  }

  squawk(): string | null {
    const squawk = this.string('squawk');
    if (squawk === null || isValidSquawk(squawk)) {
      return squawk;
    }
    return this.invalid('out_of_range', 'squawk', `expected 4 octal digits, got ${preview(squawk)}`);
  }

  /** `alt_baro` is feet, or "ground" on readsb. */
  altitudeBaro(): { feet: number | null; onGround: boolean | null } {
    if (this.entry.alt_baro === 'ground') {
      return { feet: null, onGround: true };
    }
    const feet = this.number('alt_baro', -2000, 130_000);
    return { feet, onGround: feet === null ? null : false };
  }

  private invalid(reason: RejectReason, field: string, detail: string): null {
    this.rejections.push({ index: this.index, reason, field, message: `${field}: ${detail}` });
    return null;
  }
}
