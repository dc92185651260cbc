import type { Server } from "node:http";

import type { Principal } from "../api/auth/tokens.js";
import type { Database } from "../api/db/client.js";
import type { Logger } from "../api/logger.js";
import { defaultHubOptions, LiveHub, type HubOptions } from "./live/hub.js";
import { presentTrack, type TrackFrame } from "./live/track-frame.js";
import type { Observation } from "./observation.js";
import { SourceRegistry } from "./sources/registry.js";
import type { SourceStats } from "./sources/stats.js";
import { defaultWriterOptions, PositionWriter, type PositionWriterOptions } from "./store/position-writer.js";
import { loadFleet } from "./tracks/fleet.js";
import { defaultTrackOptions, TrackTable, type TrackState, type TrackTableOptions } from "./tracks/track-table.js";

export interface TrackingOptions {
  tracks: TrackTableOptions;
  writer: PositionWriterOptions;
  hub: HubOptions;
  sweepIntervalMs: number;
  fleetRefreshMs: number;
}

export const defaultTrackingOptions: TrackingOptions = {
  tracks: defaultTrackOptions,
  writer: defaultWriterOptions,
  hub: defaultHubOptions,
  sweepIntervalMs: 1_000,
  fleetRefreshMs: 30_000,
};

// Ties the tracking path together: observations from every source go into
// the track table, accepted positions into the PostGIS writer, and changes
// to the WebSocket hub, batched per event-loop turn.
export class TrackingService {
  readonly table: TrackTable;
  readonly writer: PositionWriter;
  readonly hub: LiveHub;
  // Sources started from configuration or the admin API.
  readonly registry: SourceRegistry;
  // Sources without a transport of their own, such as HTTP push.
  readonly sources = new Map<string, SourceStats>();
  private timers: NodeJS.Timeout[] = [];
  private publishScheduled = false;
  private readonly stopHooks: Array<() => Promise<void> | void> = [];
  private readonly changeListeners: Array<(updated: TrackState[], removed: string[], nowMs: number) => void> = [];

  constructor(
    private readonly database: Database,
    private readonly logger: Logger,
    authenticate: (token: string) => Promise<Principal | null>,
    readonly options: TrackingOptions = defaultTrackingOptions,
  ) {
    this.table = new TrackTable(new Map(), options.tracks);
    this.writer = new PositionWriter(database.sql, logger, options.writer);
    this.hub = new LiveHub(() => this.frames(this.table.all()), authenticate, logger, options.hub);
    this.registry = new SourceRegistry({ sink: { ingest: (observation) => this.ingest(observation) }, logger });
  }

  async start(server?: Server): Promise<void> {
    await this.refreshFleet();
    this.writer.start();
    if (server) {
      this.hub.attach(server);
    }
    this.timers.push(setInterval(() => this.sweep(), this.options.sweepIntervalMs));
    this.timers.push(setInterval(() => void this.refreshFleet(), this.options.fleetRefreshMs));
    this.logger.info({ fleetWithIcaoAddress: this.table.fleetSize }, "tracking started");
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) {
      clearInterval(timer);
    }
    for (const hook of this.stopHooks) {
      await hook();
    }
    await this.registry.stopAll();
    this.hub.close();
    await this.writer.stop();
    this.logger.info({ written: this.writer.written }, "tracking stopped");
  }

  onStop(hook: () => Promise<void> | void): void {
    this.stopHooks.push(hook);
  }

  // Calls `listener` with the tracks changed in each publish and on every
  // sweep (at least once per sweepIntervalMs, even when nothing changed), so
  // rules such as flight-following alerts can also act on silence.
  onChanges(listener: (updated: TrackState[], removed: string[], nowMs: number) => void): void {
    this.changeListeners.push(listener);
  }

  // Registers the counters of a source that has no transport in the
  // registry (HTTP push), so GET /api/v1/feeds lists them.
  registerSource(stats: SourceStats): SourceStats {
    this.sources.set(stats.sourceId, stats);
    return stats;
  }

  ingest(observation: Observation, nowMs = Date.now()): void {
    const outcome = this.table.ingest(observation, nowMs);
    const stats = this.sources.get(observation.sourceId) ?? this.registry.statsOf(observation.sourceId);
    if (outcome.rejected) {
      stats?.countRejected(outcome.rejected);
      return;
    }
    if (outcome.merged) {
      stats?.countMerged();
      return;
    }

    if (outcome.position) {
      const track = this.table.get(observation.icaoAddress)!;
      this.writer.enqueue({
        icaoAddress: track.icaoAddress,
        timeMs: outcome.position.timeMs,
        lonLat: outcome.position.lonLat,
        altitudeM: track.altitudeM,
        groundSpeedKmh: track.groundSpeedKmh,
        trackDeg: track.trackDeg,
        verticalRateMps: track.verticalRateMps,
        squawk: track.squawk,
        onGround: track.onGround,
        sourceId: observation.sourceId,
      });
    }
    this.schedulePublish();
  }

  // Counters of every source: configured transports first, then pushed feeds.
  sourceStats() {
    return [...this.registry.list(), ...[...this.sources.values()].map((stats) => stats.toJSON())];
  }

  frames(tracks: Iterable<TrackState>): TrackFrame[] {
    const frames: TrackFrame[] = [];
    for (const track of tracks) {
      frames.push(presentTrack(track, this.table.fleetEntry(track.icaoAddress)));
    }
    return frames;
  }

  private schedulePublish(): void {
    if (this.publishScheduled) {
      return;
    }
    this.publishScheduled = true;
    setImmediate(() => {
      this.publishScheduled = false;
      this.publish();
    });
  }

  private publish(force = false): void {
    const { updated, removed } = this.table.drainChanges();
    if (updated.length > 0 || removed.length > 0) {
      this.hub.publish(this.frames(updated), removed);
    }
    if (updated.length > 0 || removed.length > 0 || force) {
      this.notifyListeners(updated, removed);
    }
  }

  private notifyListeners(updated: TrackState[], removed: string[]): void {
    const nowMs = Date.now();
    for (const listener of this.changeListeners) {
      try {
        listener(updated, removed, nowMs);
      } catch (error) {
        this.logger.error({ err: error }, "track change listener failed");
      }
    }
  }

  private sweep(): void {
    this.table.sweep(Date.now());
    this.publish(true);
  }

  private async refreshFleet(): Promise<void> {
    try {
      this.table.setFleet(await loadFleet(this.database));
    } catch (error) {
      this.logger.warn({ err: error }, "fleet refresh failed, keeping the previous list");
    }
  }
}
