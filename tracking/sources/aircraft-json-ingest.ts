import { parseAircraftJson, type AircraftJsonState, type FieldRejection } from "../formats/aircraft-json.js";
import type { Observation } from "../observation.js";
import { isValidLonLat, relocateLonLat, type Relocation } from "./relocation.js";
import { sourceRejectReason } from "./rejections.js";
import type { ObservationSink, SourceStats } from "./stats.js";

/**
 * Turns dump1090/readsb `aircraft.json` snapshots into Observations.
 * A snapshot lists every aircraft heard in the last minute, so the same
 * state comes back poll after poll. An aircraft whose `seen` and
 * `seen_pos` times did not change since the previous snapshot is counted
 * as a duplicate and not sent again.
 */

export interface AircraftJsonIngestOptions {
  stats: SourceStats;
  sink: ObservationSink;
  relocate?: Relocation | null;
  /**
   * Positions older than this (`seen_pos`) are left out: readsb keeps
   * listing an aircraft's last position for up to 60 s.
   */
  maxPositionAgeMs?: number;
}

const DEFAULT_MAX_POSITION_AGE_MS = 30_000;

interface LastTimes {
  lastSeenAtMs: number | null;
  positionAtMs: number | null;
}

export class AircraftJsonIngester {
  private readonly lastTimes = new Map<string, LastTimes>();
  private readonly maxPositionAgeMs: number;

  constructor(private readonly options: AircraftJsonIngestOptions) {
    this.maxPositionAgeMs = options.maxPositionAgeMs ?? DEFAULT_MAX_POSITION_AGE_MS;
  }

  /**
   * Parses one snapshot (text or parsed JSON) and hands an observation
   * per changed aircraft to the sink. Returns false when the snapshot as
   * a whole could not be read.
   */
  ingestSnapshot(input: string | unknown, arrivalMs: number): boolean {
    const { stats } = this.options;
    const parsed = parseAircraftJson(input);
    if (!parsed.ok) {
      stats.countReceived(arrivalMs);
      stats.countRejected("unparseable");
      return false;
    }

    const snapshot = parsed.value;
    this.countRejections(snapshot.rejections, arrivalMs);
    for (const aircraft of snapshot.aircraft) {
      stats.countReceived(arrivalMs);
      this.ingestAircraft(aircraft, snapshot.nowMs);
    }
    this.forgetAbsent(snapshot.aircraft);
    return true;
  }

  private ingestAircraft(aircraft: AircraftJsonState, nowMs: number): void {
    const { stats } = this.options;
    if (!aircraft.addressIsIcao) {
      stats.countRejected("unsupported");
      return;
    }

    const previous = this.lastTimes.get(aircraft.icao);
    const current: LastTimes = { lastSeenAtMs: aircraft.lastSeenAtMs, positionAtMs: aircraft.positionAtMs };
    if (previous !== undefined && previous.lastSeenAtMs === current.lastSeenAtMs && previous.positionAtMs === current.positionAtMs) {
      stats.countRejected("duplicate");
      return;
    }
    this.lastTimes.set(aircraft.icao, current);

    const newPosition = current.positionAtMs !== null && current.positionAtMs !== previous?.positionAtMs;
    const freshPosition = newPosition && nowMs - current.positionAtMs! <= this.maxPositionAgeMs;
    const observation = this.toObservation(aircraft, freshPosition, nowMs);
    if (observation === null) {
      stats.countRejected("out_of_range");
      return;
    }
    stats.decoded++;
    this.options.sink.ingest(observation);
  }

  /**
   * Builds one observation per aircraft. With a new position it is
   * stamped with the position's time, otherwise with the last message
   * time and no position.
   */
  private toObservation(aircraft: AircraftJsonState, withPosition: boolean, nowMs: number): Observation | null {
    const timeMs = withPosition ? aircraft.positionAtMs! : (aircraft.lastSeenAtMs ?? nowMs);
    const observation: Observation = {
      icaoAddress: aircraft.icao,
      timeMs,
      sourceId: this.options.stats.sourceId,
      altitudeM: aircraft.altitudeBaroM ?? aircraft.altitudeGeomM,
      groundSpeedKmh: aircraft.groundSpeedKmh,
      trackDeg: aircraft.trackDeg,
      verticalRateMps: aircraft.baroRateMps ?? aircraft.geomRateMps,
      squawk: aircraft.squawk,
      callsign: aircraft.callsign,
      onGround: aircraft.onGround,
      emitterCategory: aircraft.category,
    };
    if (!withPosition || aircraft.lonDeg === null || aircraft.latDeg === null) {
      return observation;
    }

    const lonLat = relocateLonLat([aircraft.lonDeg, aircraft.latDeg], this.options.relocate ?? null);
    if (lonLat === null || !isValidLonLat(lonLat)) {
      return null;
    }
    return { ...observation, lonLat };
  }

  /**
   * Counts aircraft dropped by the parser as received and rejected. A
   * single bad field, which the parser sets to null while keeping the
   * aircraft, counts as rejected only, so `rejectedTotal` can exceed
   * `received`.
   */
  private countRejections(rejections: readonly FieldRejection[], arrivalMs: number): void {
    const { stats } = this.options;
    for (const rejection of rejections) {
      if (rejection.field === "hex" || rejection.field === "aircraft") {
        stats.countReceived(arrivalMs);
      }
      stats.countRejected(sourceRejectReason(rejection.reason) ?? "unparseable");
    }
  }

  private forgetAbsent(aircraft: AircraftJsonState[]): void {
    const present = new Set(aircraft.map((state) => state.icao));
    for (const icao of this.lastTimes.keys()) {
      if (!present.has(icao)) {
        this.lastTimes.delete(icao);
      }
    }
  }
}
