import type { Observation, RejectReason } from "../observation.js";
import { haversineKm } from "./distance.js";
import type { FleetDirectory } from "./fleet.js";

export interface TrackState {
  icaoAddress: string;
  callsign: string | null;
  emitterCategory: string | null;
  lonLat: [number, number] | null;
  altitudeM: number | null;
  groundSpeedKmh: number | null;
  trackDeg: number | null;
  verticalRateMps: number | null;
  squawk: string | null;
  onGround: boolean | null;
  positionTimeMs: number | null;
  lastSeenMs: number;
  sourceId: string;
  stale: boolean;
  // Consecutive positions rejected as implausible jumps since the last accepted one.
  rejectedJumps: number;
}

export interface TrackTableOptions {
  staleAfterMs: number;
  removeAfterMs: number;
  // Speed assumed for traffic that is not in the fleet: above any airliner's
  // ground speed in a strong jet stream.
  otherTrafficMaxSpeedKmh: number;
}

export const defaultTrackOptions: TrackTableOptions = {
  staleAfterMs: 60_000,
  removeAfterMs: 300_000,
  otherTrafficMaxSpeedKmh: 1300,
};

// The same message heard by several receivers arrives with the same position
// within this window; it is stored once.
const DUPLICATE_WINDOW_MS = 2_000;
const DUPLICATE_DEGREES = 1e-5;
// A position from another source that is at most this much older than the
// track's position is a second receiver's report of a message the track has
// already moved past. It is merged, not rejected, because overlapping
// receivers are normal. Older reports count as stale_timestamp, which then
// points at a lagging feed or a wrong clock.
const MERGE_WINDOW_MS = DUPLICATE_WINDOW_MS;
// Observations timestamped further ahead than this come from a clock or time-zone error.
const MAX_FUTURE_MS = 30_000;
// Position quantisation (CPR airborne is about 5 m, SBS often 1e-4 degree)
// and timestamp jitter, allowed on top of the speed limit.
const JUMP_ALLOWANCE_KM = 0.3;
const JUMP_SPEED_MARGIN = 1.2;
// After this many consecutive rejected jumps, the earlier accepted position is
// taken to be the wrong one and the track restarts from the newest.
const JUMP_RESET_COUNT = 3;

export interface IngestOutcome {
  // A position accepted into the track, to be stored in history.
  position: { lonLat: [number, number]; timeMs: number } | null;
  rejected: RejectReason | null;
  // True when another source had already reported this position or a newer
  // one: the observation changes nothing and is not an error.
  merged?: boolean;
}

const ACCEPTED_NOTHING: IngestOutcome = { position: null, rejected: null };
const MERGED: IngestOutcome = { position: null, rejected: null, merged: true };

// One live state per ICAO address, merged from every source. It rejects
// duplicate, out-of-order and physically impossible positions, merges a
// second receiver's report of what the track already has, and reports
// which addresses changed so the live hub can send deltas.
export class TrackTable {
  private readonly tracks = new Map<string, TrackState>();
  private readonly changed = new Set<string>();
  private readonly removed = new Set<string>();

  constructor(
    private fleet: FleetDirectory,
    readonly options: TrackTableOptions = defaultTrackOptions,
  ) {}

  setFleet(fleet: FleetDirectory): void {
    this.fleet = fleet;
  }

  fleetEntry(icaoAddress: string) {
    return this.fleet.get(icaoAddress) ?? null;
  }

  get fleetSize(): number {
    return this.fleet.size;
  }

  get size(): number {
    return this.tracks.size;
  }

  get(icaoAddress: string): TrackState | undefined {
    return this.tracks.get(icaoAddress);
  }

  all(): IterableIterator<TrackState> {
    return this.tracks.values();
  }

  ingest(observation: Observation, nowMs: number): IngestOutcome {
    if (observation.timeMs > nowMs + MAX_FUTURE_MS) {
      return { position: null, rejected: "out_of_range" };
    }
    if (observation.timeMs < nowMs - this.options.removeAfterMs) {
      return { position: null, rejected: "stale_timestamp" };
    }

    const track = this.tracks.get(observation.icaoAddress) ?? this.createTrack(observation);
    let outcome = ACCEPTED_NOTHING;
    if (observation.lonLat) {
      outcome = this.acceptPosition(track, observation);
      if (outcome.rejected === "duplicate" || outcome.merged) {
        this.mergeNewerFields(track, observation);
        return outcome;
      }
    }

    this.mergeFields(track, observation);
    this.changed.add(track.icaoAddress);
    return outcome;
  }

  // Marks tracks stale and removes expired ones from the live picture; they
  // stay in the stored history.
  sweep(nowMs: number): void {
    for (const track of this.tracks.values()) {
      const silentMs = nowMs - track.lastSeenMs;
      if (silentMs > this.options.removeAfterMs) {
        this.tracks.delete(track.icaoAddress);
        this.changed.delete(track.icaoAddress);
        this.removed.add(track.icaoAddress);
      } else if (silentMs > this.options.staleAfterMs && !track.stale) {
        track.stale = true;
        this.changed.add(track.icaoAddress);
      }
    }
  }

  // Returns and clears the addresses changed and removed since the last call.
  drainChanges(): { updated: TrackState[]; removed: string[] } {
    const updated: TrackState[] = [];
    for (const icaoAddress of this.changed) {
      const track = this.tracks.get(icaoAddress);
      if (track) {
        updated.push(track);
      }
    }
    const removed = [...this.removed];
    this.changed.clear();
    this.removed.clear();
    return { updated, removed };
  }

  private createTrack(observation: Observation): TrackState {
    const track: TrackState = {
      icaoAddress: observation.icaoAddress,
      callsign: null,
      emitterCategory: null,
      lonLat: null,
      altitudeM: null,
      groundSpeedKmh: null,
      trackDeg: null,
      verticalRateMps: null,
      squawk: null,
      onGround: null,
      positionTimeMs: null,
      lastSeenMs: observation.timeMs,
      sourceId: observation.sourceId,
      stale: false,
      rejectedJumps: 0,
    };
    this.tracks.set(track.icaoAddress, track);
    this.removed.delete(track.icaoAddress);
    return track;
  }

  private maxSpeedKmh(icaoAddress: string): number {
    return this.fleet.get(icaoAddress)?.maxSpeedKmh ?? this.options.otherTrafficMaxSpeedKmh;
  }

  private acceptPosition(track: TrackState, observation: Observation): IngestOutcome {
    const lonLat = observation.lonLat!;
    const timeMs = observation.timeMs;
    const previous = track.lonLat;
    const previousMs = track.positionTimeMs;

    if (previous && previousMs !== null) {
      // track.sourceId is the source of the track's current position.
      const otherSource = observation.sourceId !== track.sourceId;
      const sameSpot = Math.abs(previous[0] - lonLat[0]) < DUPLICATE_DEGREES && Math.abs(previous[1] - lonLat[1]) < DUPLICATE_DEGREES;
      if (sameSpot && Math.abs(timeMs - previousMs) <= DUPLICATE_WINDOW_MS) {
        return otherSource ? MERGED : { position: null, rejected: "duplicate" };
      }
      if (timeMs < previousMs) {
        return otherSource && previousMs - timeMs <= MERGE_WINDOW_MS ? MERGED : { position: null, rejected: "stale_timestamp" };
      }

      const fresh = timeMs - previousMs <= this.options.staleAfterMs;
      if (fresh && this.isImplausibleJump(track, previous, lonLat, timeMs - previousMs)) {
        track.rejectedJumps++;
        if (track.rejectedJumps < JUMP_RESET_COUNT) {
          return { position: null, rejected: "implausible_jump" };
        }
      }
    }

    track.lonLat = lonLat;
    track.positionTimeMs = timeMs;
    track.rejectedJumps = 0;
    track.sourceId = observation.sourceId;
    return { position: { lonLat, timeMs }, rejected: null };
  }

  private isImplausibleJump(track: TrackState, from: [number, number], to: [number, number], elapsedMs: number): boolean {
    const reachableKm = (this.maxSpeedKmh(track.icaoAddress) * JUMP_SPEED_MARGIN * Math.max(elapsedMs, 1000)) / 3_600_000;
    return haversineKm(from, to) > reachableKm + JUMP_ALLOWANCE_KM;
  }

  // A repeated position may still bring newer fields: a helicopter hovering
  // over a hoist site reports one position with a changing altitude. An
  // older report's fields are not newer than the track's, so they are dropped.
  private mergeNewerFields(track: TrackState, observation: Observation): void {
    if (observation.timeMs <= track.lastSeenMs) {
      return;
    }
    this.mergeFields(track, observation);
    this.changed.add(track.icaoAddress);
  }

  private mergeFields(track: TrackState, observation: Observation): void {
    const fields = ["callsign", "altitudeM", "groundSpeedKmh", "trackDeg", "verticalRateMps", "squawk", "onGround"] as const;
    for (const field of fields) {
      const value = observation[field];
      if (value !== undefined) {
        (track as unknown as Record<string, unknown>)[field] = value;
      }
    }
    if (observation.emitterCategory !== undefined) {
      track.emitterCategory = observation.emitterCategory;
    }
    track.lastSeenMs = Math.max(track.lastSeenMs, observation.timeMs);
    track.stale = false;
  }
}
