import { trackingActor } from "../audit/log.js";
import type { Database } from "../db/client.js";
import type { Logger } from "../logger.js";
import type { TrackingService } from "../../tracking/service.js";
import type { TrackState } from "../../tracking/tracks/track-table.js";
import { defaultAlertThresholds, evaluateAlerts, type AircraftState, type AlertThresholds } from "../../tracking/alerts/rules.js";
import { alertMessage } from "./alerts/frame.js";
import { getAlert, reconcileAlerts } from "./alerts/repository.js";
import { awayFromBases, defaultProgressOptions, nextStatus, type ProgressOptions } from "./missions/progress.js";
import { missionMessage, type MissionMessage } from "./missions/frame.js";
import { getMission, transitionMission } from "./missions/repository.js";
import { isActive } from "./missions/transitions.js";
import { loadActiveMissions, loadBases, loadFleetInfo, loadRestrictedAreaShapes, type ActiveMission, type BaseInfo, type FleetInfo } from "./rules-data.js";
import type { DispatchEvents } from "./runtime-events.js";
import type { RestrictedArea } from "../../tracking/alerts/rules.js";

export interface DispatchRuleOptions {
  progress: ProgressOptions;
  thresholds: AlertThresholds;
  // Wall-clock time between reloads of missions, bases and areas. A route
  // that changes them requests a reload at once.
  refreshIntervalMs: number;
}

export const defaultDispatchRuleOptions: DispatchRuleOptions = {
  progress: defaultProgressOptions,
  thresholds: defaultAlertThresholds,
  refreshIntervalMs: 10_000,
};

// The newest state of one fleet aircraft, copied out of the track table.
interface TrackSnapshot {
  icaoAddress: string;
  positionTimeMs: number | null;
  lonLat: [number, number] | null;
  altitudeM: number | null;
  groundSpeedKmh: number | null;
  onGround: boolean | null;
  squawk: string | null;
}

interface AircraftMemory {
  lastPositionMs: number | null;
  lonLat: [number, number] | null;
  squawk: string | null;
  airborne: boolean;
  airborneSinceMs: number | null;
}

interface MissionMemory {
  takeOffAltitudeM: number | null;
  leftBases: boolean;
}

interface Cache {
  fleet: Map<string, FleetInfo>;
  missionsByIcao: Map<string, ActiveMission>;
  bases: BaseInfo[];
  areas: RestrictedArea[];
  loadedAtMs: number;
}

const runtimes = new WeakMap<TrackingService, DispatchRuntime>();

// Returns the dispatch rules installed on a tracking service, for tests that
// drive the clock.
export function dispatchRuntimeOf(tracking: TrackingService): DispatchRuntime | undefined {
  return runtimes.get(tracking);
}

function snapshotOf(track: TrackState): TrackSnapshot {
  return {
    icaoAddress: track.icaoAddress,
    positionTimeMs: track.positionTimeMs,
    lonLat: track.lonLat,
    altitudeM: track.altitudeM,
    groundSpeedKmh: track.groundSpeedKmh,
    onGround: track.onGround,
    squawk: track.squawk,
  };
}

// Runs the tracking rules of dispatch: moves mission status from positions
// and keeps the flight-following alerts in line with the conditions now true. Track
// changes arrive synchronously from TrackingService.onChanges and are worked
// off one batch at a time, so each aircraft has one writer in the database.
export class DispatchRuntime implements DispatchEvents {
  // Milliseconds since the epoch; tests replace it to replay a flight.
  clock: () => number = Date.now;
  private readonly memory = new Map<string, AircraftMemory>();
  private readonly missionMemory = new Map<number, MissionMemory>();
  private pending = new Map<string, TrackSnapshot>();
  private queue: Promise<void> = Promise.resolve();
  private scheduled = false;
  private stale = true;
  private cache: Cache | null = null;

  constructor(
    private readonly database: Database,
    private readonly logger: Logger,
    private readonly tracking: TrackingService,
    readonly options: DispatchRuleOptions = defaultDispatchRuleOptions,
  ) {}

  install(): void {
    runtimes.set(this.tracking, this);
    this.tracking.onChanges((updated) => this.onChanges(updated));
  }

  missionsChanged(): void {
    this.stale = true;
    this.schedule();
  }

  publishMission(message: MissionMessage): void {
    this.tracking.hub.broadcast(message);
  }

  restrictedAreasChanged(): void {
    this.stale = true;
    this.schedule();
  }

  // Runs the rules once more and resolves when no batch is waiting.
  async flush(): Promise<void> {
    this.schedule();
    while (this.scheduled) {
      await this.queue;
    }
  }

  private onChanges(updated: TrackState[]): void {
    for (const track of updated) {
      if (this.tracking.table.fleetEntry(track.icaoAddress)) {
        this.pending.set(track.icaoAddress, snapshotOf(track));
      }
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) {
      return;
    }
    this.scheduled = true;
    this.queue = this.queue.then(async () => {
      this.scheduled = false;
      try {
        await this.run();
      } catch (error) {
        this.logger.error({ err: error }, "dispatch rules failed");
      }
    });
  }

  private async run(): Promise<void> {
    const cache = await this.loadCache();
    const batch = this.pending;
    this.pending = new Map();

    for (const snapshot of batch.values()) {
      this.remember(snapshot);
      await this.progress(snapshot, cache);
    }
    await this.evaluate(this.clock(), cache);
  }

  private async loadCache(): Promise<Cache> {
    if (this.cache && !this.stale && Date.now() - this.cache.loadedAtMs < this.options.refreshIntervalMs) {
      return this.cache;
    }
    this.stale = false;
    const [fleet, missions, bases, areas] = await Promise.all([
      loadFleetInfo(this.database),
      loadActiveMissions(this.database),
      loadBases(this.database),
      loadRestrictedAreaShapes(this.database),
    ]);
    const missionsByIcao = new Map<string, ActiveMission>();
    for (const mission of missions) {
      if (mission.icaoAddress) {
        missionsByIcao.set(mission.icaoAddress, mission);
      }
    }
    this.cache = { fleet, missionsByIcao, bases, areas, loadedAtMs: Date.now() };
    return this.cache;
  }

  // An aircraft is taken as airborne when its feed reports so, or, for trackers
  // that report no air/ground state, when it moves faster than a helicopter taxis.
  private isAirborne(snapshot: TrackSnapshot): boolean {
    if (snapshot.onGround !== null) {
      return !snapshot.onGround;
    }
    return (snapshot.groundSpeedKmh ?? 0) > this.options.progress.airborneSpeedKmh;
  }

  private remember(snapshot: TrackSnapshot): void {
    const previous = this.memory.get(snapshot.icaoAddress);
    const memory: AircraftMemory = previous ?? { lastPositionMs: null, lonLat: null, squawk: null, airborne: false, airborneSinceMs: null };
    memory.squawk = snapshot.squawk;

    const newer = snapshot.positionTimeMs !== null && (memory.lastPositionMs === null || snapshot.positionTimeMs > memory.lastPositionMs);
    if (newer && snapshot.lonLat) {
      const airborne = this.isAirborne(snapshot);
      if (airborne && !memory.airborne) {
        memory.airborneSinceMs = snapshot.positionTimeMs;
      }
      if (!airborne) {
        memory.airborneSinceMs = null;
      }
      memory.airborne = airborne;
      memory.lastPositionMs = snapshot.positionTimeMs;
      memory.lonLat = snapshot.lonLat;
    }
    this.memory.set(snapshot.icaoAddress, memory);
  }

  private missionMemoryFor(mission: ActiveMission): MissionMemory {
    let memory = this.missionMemory.get(mission.id);
    if (!memory) {
      memory = { takeOffAltitudeM: null, leftBases: mission.status === "on_scene" || mission.status === "returning" };
      this.missionMemory.set(mission.id, memory);
    }
    return memory;
  }

  // Applies the automatic status changes for one position, several in a row
  // when one position satisfies more than one (airborne, then on scene).
  private async progress(snapshot: TrackSnapshot, cache: Cache): Promise<void> {
    const mission = cache.missionsByIcao.get(snapshot.icaoAddress);
    if (!mission || !snapshot.lonLat || snapshot.positionTimeMs === null) {
      return;
    }
    const memory = this.missionMemoryFor(mission);
    if (mission.status === "dispatched" && memory.takeOffAltitudeM === null && snapshot.altitudeM !== null) {
      memory.takeOffAltitudeM = snapshot.altitudeM;
    }
    if (mission.status !== "dispatched" && mission.status !== "requested" && awayFromBases(snapshot.lonLat, cache.bases, this.options.progress)) {
      memory.leftBases = true;
    }

    for (let step = 0; step < 3 && isActive(mission.status); step++) {
      const next = nextStatus(
        { status: mission.status, incidentLonLat: mission.incidentLonLat, incidentArea: mission.incidentArea, ...memory },
        { lonLat: snapshot.lonLat, altitudeM: snapshot.altitudeM, groundSpeedKmh: snapshot.groundSpeedKmh, onGround: snapshot.onGround },
        cache.bases,
        this.options.progress,
      );
      if (!next) {
        return;
      }
      const applied = await this.applyTransition(mission, next.to, snapshot.positionTimeMs, next.landedBaseId ?? null);
      if (!applied) {
        return;
      }
    }
  }

  private async applyTransition(mission: ActiveMission, to: ActiveMission["status"], timeMs: number, landedBaseId: number | null): Promise<boolean> {
    try {
      const applied = await transitionMission(this.database.db, mission.id, { to, audit: trackingActor, timeMs, expectedFrom: mission.status, landedBaseId });
      if (!applied) {
        this.stale = true;
        return false;
      }
      this.logger.info({ missionId: mission.id, aircraftId: mission.aircraftId, from: mission.status, to }, "mission status set by tracking");
      mission.status = to;
      if (!isActive(to)) {
        this.stale = true;
      }
    } catch (error) {
      this.logger.error({ err: error, missionId: mission.id, to }, "automatic mission status change failed");
      this.stale = true;
      return false;
    }

    await this.publishMissionById(mission.id);
    return true;
  }

  // Sends the mission as it is now in the database. A failed read loses only
  // this frame: the status change itself is already committed.
  private async publishMissionById(missionId: number): Promise<void> {
    try {
      const { mission, events } = await getMission(this.database.db, missionId);
      this.publishMission(missionMessage(mission, events));
    } catch (error) {
      this.logger.error({ err: error, missionId }, "mission frame failed");
    }
  }

  private aircraftStates(cache: Cache): AircraftState[] {
    const states: AircraftState[] = [];
    const icaos = new Set([...this.memory.keys(), ...cache.missionsByIcao.keys()]);
    for (const icao of icaos) {
      const fleet = cache.fleet.get(icao);
      if (!fleet) {
        continue;
      }
      const memory = this.memory.get(icao);
      const mission = cache.missionsByIcao.get(icao);
      states.push({
        aircraftId: fleet.aircraftId,
        typeId: fleet.typeId,
        enduranceMin: fleet.enduranceMin,
        cruiseSpeedKmh: fleet.cruiseSpeedKmh,
        lastPositionMs: memory?.lastPositionMs ?? null,
        lonLat: memory?.lonLat ?? null,
        squawk: memory?.squawk ?? null,
        airborne: memory?.airborne ?? false,
        airborneSinceMs: memory?.airborneSinceMs ?? null,
        mission: mission
          ? {
              id: mission.id,
              status: mission.status as NonNullable<AircraftState["mission"]>["status"],
              dispatchedAtMs: mission.dispatchedAtMs,
              estimatedEtaMin: mission.estimatedEtaMin,
              route: mission.route,
            }
          : null,
      });
    }
    return states;
  }

  private async evaluate(nowMs: number, cache: Cache): Promise<void> {
    const states = this.aircraftStates(cache);
    const conditions = evaluateAlerts(states, {
      nowMs,
      thresholds: this.options.thresholds,
      restrictedAreas: cache.areas,
      fuelBases: cache.bases.filter((base) => base.fuelAvailable),
    });
    const icaoByAircraft = new Map([...cache.fleet.values()].map((fleet) => [fleet.aircraftId, fleet.icaoAddress]));
    const evaluated = new Set(states.map((state) => state.aircraftId));

    const changes = await reconcileAlerts(this.database.db, conditions, evaluated, icaoByAircraft, nowMs);
    for (const { change, id } of changes) {
      const row = await getAlert(this.database.db, id);
      this.logger.warn({ alertId: id, kind: row.kind, alertLevel: row.level, aircraftId: row.aircraftId, change }, "flight-following alert");
      this.tracking.hub.broadcast(alertMessage(change, row));
    }
  }
}
