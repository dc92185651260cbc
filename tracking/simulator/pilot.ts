import type { SimulatedAircraft, SimulatedState } from "./flight.js";
import { patrolSegment, segmentAt, type FlightPhase, type FlightSegment } from "./flight-plan.js";
import { distanceToSceneKm, minutesToScene, planMissionFlight, planReturnHome, type MissionFlightOptions, type MissionTarget } from "./mission-flight.js";

/**
 * Flies one simulated aircraft: its patrol path until a mission comes, then
 * the mission flight, and changes the plan when the mission changes under it
 * (new scene, return ordered, mission ended).
 */

/** Active mission of one aircraft, with the place of its incident. */
export interface SimulatorMission {
  id: number;
  /** ICAO address of the assigned aircraft, 6 upper-case hex digits. */
  icaoAddress: string;
  /** Mission status as the API reports it: requested, dispatched, airborne, on_scene or returning. */
  status: string;
  target: MissionTarget;
}

export interface PilotDecision {
  action: "fly_to_scene" | "return_home";
  missionId: number;
  reason: "new_mission" | "scene_moved" | "return_ordered" | "mission_ended";
  /** Simulated minutes to the scene; 0 for a return. */
  etaMin: number;
  distanceKm: number;
}

// A mission in "requested" has no dispatch order yet, so the aircraft waits.
const FLOWN_STATUSES = new Set(["dispatched", "airborne", "on_scene", "returning"]);

export class Pilot {
  private plan: FlightSegment[];
  private missionId: number | null = null;
  private targetKey = "";

  constructor(
    readonly aircraft: SimulatedAircraft,
    private readonly options: MissionFlightOptions,
  ) {
    this.plan = [patrolSegment(aircraft, 0, aircraft.startOffsetM)];
  }

  stateAt(simMs: number): SimulatedState {
    return segmentAt(this.plan, simMs).stateAt(simMs);
  }

  phaseAt(simMs: number): FlightPhase {
    return segmentAt(this.plan, simMs).phase;
  }

  /**
   * Updates the plan for the aircraft's active mission (null when it has
   * none) at simulated time `simMs`. Returns what changed, or null.
   */
  follow(mission: SimulatorMission | null, simMs: number): PilotDecision | null {
    const home = this.aircraft.home;
    if (home === undefined) {
      return null;
    }
    const flown = mission !== null && FLOWN_STATUSES.has(mission.status) ? mission : null;

    if (flown !== null && flown.id !== this.missionId) {
      this.missionId = flown.id;
      this.targetKey = JSON.stringify(flown.target);
      return flown.status === "returning" ? this.returnHome(flown.id, "new_mission", simMs) : this.flyToScene(flown, "new_mission", simMs);
    }

    const phase = this.phaseAt(simMs);
    const working = this.missionId !== null && (phase === "outbound" || phase === "on_scene");
    if (!working) {
      return null;
    }
    if (flown === null) {
      return this.returnHome(this.missionId!, "mission_ended", simMs);
    }
    if (flown.status === "returning") {
      return this.returnHome(flown.id, "return_ordered", simMs);
    }
    const targetKey = JSON.stringify(flown.target);
    if (phase === "outbound" && targetKey !== this.targetKey) {
      this.targetKey = targetKey;
      return this.flyToScene(flown, "scene_moved", simMs);
    }
    return null;
  }

  private flyToScene(mission: SimulatorMission, reason: PilotDecision["reason"], simMs: number): PilotDecision {
    const from = this.stateAt(simMs);
    this.plan = planMissionFlight(this.aircraft, this.aircraft.home!, from, mission.target, simMs, this.options);
    return { action: "fly_to_scene", missionId: mission.id, reason, etaMin: minutesToScene(this.plan, simMs), distanceKm: distanceToSceneKm(from.lonLat, mission.target) };
  }

  private returnHome(missionId: number, reason: PilotDecision["reason"], simMs: number): PilotDecision {
    const from = this.stateAt(simMs);
    const home = this.aircraft.home!;
    this.plan = planReturnHome(this.aircraft, home, from, simMs, this.options);
    return { action: "return_home", missionId, reason, etaMin: 0, distanceKm: distanceToSceneKm(from.lonLat, { lonLat: home.lonLat, area: null }) };
  }
}
