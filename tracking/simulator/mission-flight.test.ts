import { describe, expect, it } from "vitest";

import { buildDemoFleet, loadDemoData } from "./fleet.js";
import type { SimulatedAircraft, SimulatedState } from "./flight.js";
import { segmentAt } from "./flight-plan.js";
import { geodesicDistanceM, nearestPointOnPolyline } from "./geodesic-path.js";
import { defaultMissionFlightOptions, planMissionFlight, sceneTarget, type MissionTarget } from "./mission-flight.js";
import { Pilot, type SimulatorMission } from "./pilot.js";
import { buildSyntheticFleet } from "./synthetic.js";

const demoFleet = buildDemoFleet(await loadDemoData(new URL("../../data/", import.meta.url)));
const bell412 = demoFleet.find((aircraft) => aircraft.callsign === "BYNR01")!;
const options = defaultMissionFlightOptions;

// Demo bases of data/demo/bases.geojson. simulator.test.ts checks the
// geodesic between them at 100.6 km (a haversine estimate by hand gives 100.7 km).
const linheLonLat: [number, number] = [107.74093, 40.926358];
const uradMiddleLonLat: [number, number] = [108.378439, 41.694354];
const LINHE_TO_URAD_MIDDLE_KM = 100.6;
// Bell 412EP cruise speed in data/aircraft-types.json.
const BELL_412_CRUISE_KMH = 226;
// tracking's on-scene radius (api/dispatch/missions/progress.ts).
const ON_SCENE_RADIUS_KM = 2;

const onGroundAtLinhe: SimulatedState = { lonLat: linheLonLat, altitudeM: 1036, groundSpeedKmh: 0, trackDeg: 0, verticalRateMps: 0, onGround: true };
const toUradMiddle: MissionTarget = { lonLat: uradMiddleLonLat, area: null };

/** First simulated second at which `condition` holds, stepping 1 s from `fromMs`. */
function firstSecond(condition: (simMs: number) => boolean, fromMs: number, untilMs: number): number {
  for (let simMs = fromMs; simMs <= untilMs; simMs += 1000) {
    if (condition(simMs)) {
      return simMs;
    }
  }
  throw new Error(`condition never held between ${fromMs} and ${untilMs} ms`);
}

function mission(status: string, target: MissionTarget = toUradMiddle, id = 7): SimulatorMission {
  return { id, icaoAddress: bell412.icaoAddress, status, target };
}

describe("mission flight plan", () => {
  const plan = planMissionFlight(bell412, bell412.home!, onGroundAtLinhe, toUradMiddle, 0, options);
  const stateAt = (simMs: number) => segmentAt(plan, simMs).stateAt(simMs);

  it("heads for the incident", () => {
    const first = stateAt(0);

    // Flat-earth bearing by hand: 53.3 km east, 85.4 km north, atan2 gives 32.0 degrees.
    expect(Math.abs(first.trackDeg - 32)).toBeLessThan(1);
    expect(first.groundSpeedKmh).toBe(BELL_412_CRUISE_KMH);
    expect(first.onGround).toBe(false);
    expect(geodesicDistanceM(stateAt(60_000).lonLat, uradMiddleLonLat)).toBeLessThan(geodesicDistanceM(first.lonLat, uradMiddleLonLat));
  });

  it("reaches the on-scene radius at cruise speed", () => {
    const expectedMin = ((LINHE_TO_URAD_MIDDLE_KM - ON_SCENE_RADIUS_KM) / BELL_412_CRUISE_KMH) * 60;
    const withinMs = firstSecond((simMs) => geodesicDistanceM(stateAt(simMs).lonLat, uradMiddleLonLat) <= ON_SCENE_RADIUS_KM * 1000, 0, 3_600_000);

    // 26.2 min; 0.05 min covers the rounding of 100.6 km and the 1 s step.
    expect(Math.abs(withinMs / 60_000 - expectedMin)).toBeLessThan(0.05);
  });

  it("climbs to cruise altitude", () => {
    const climbS = (bell412.altitudeM - 1036) / options.climbRateMps;

    expect(bell412.altitudeM).toBe(1036 + 600);
    expect(stateAt(10_000).verticalRateMps).toBeCloseTo(options.climbRateMps, 6);
    expect(stateAt(10_000).altitudeM).toBeCloseTo(1036 + 10 * options.climbRateMps, 6);
    expect(stateAt((climbS + 10) * 1000).altitudeM).toBe(bell412.altitudeM);
    expect(stateAt((climbS + 10) * 1000).verticalRateMps).toBe(0);
  });

  it("orbits within the on-scene radius for the hold time", () => {
    const arrivalMs = (LINHE_TO_URAD_MIDDLE_KM / BELL_412_CRUISE_KMH) * 3_600_000;
    const orbit = plan.find((segment) => segment.phase === "on_scene")!;

    expect(Math.abs(orbit.startMs - arrivalMs)).toBeLessThan(5_000);
    expect(orbit.endMs - orbit.startMs).toBe(options.holdOnSceneS * 1000);
    for (let simMs = orbit.startMs; simMs < orbit.endMs; simMs += 5_000) {
      expect(geodesicDistanceM(stateAt(simMs).lonLat, uradMiddleLonLat)).toBeLessThan(2 * options.orbitRadiusM + 1);
    }
  });

  it("flies home, lands and resumes patrol", () => {
    const orbit = plan.find((segment) => segment.phase === "on_scene")!;
    const ground = plan.find((segment) => segment.phase === "ground")!;
    const returnMin = (ground.startMs - orbit.endMs) / 60_000;
    const parked = stateAt(ground.startMs + 1000);

    // The orbit ends within 1.6 km of the scene, so the way home is 100.6 km less up to that.
    expect(returnMin).toBeGreaterThan(((LINHE_TO_URAD_MIDDLE_KM - 1.6) / BELL_412_CRUISE_KMH) * 60 - 0.05);
    expect(returnMin).toBeLessThan(((LINHE_TO_URAD_MIDDLE_KM + 1.6) / BELL_412_CRUISE_KMH) * 60 + 0.05);
    expect(stateAt(ground.startMs - 1).altitudeM).toBeCloseTo(1036, 0);
    expect(parked.onGround).toBe(true);
    expect(parked.groundSpeedKmh).toBe(0);
    expect(geodesicDistanceM(parked.lonLat, linheLonLat)).toBeLessThan(1);
    expect(ground.endMs - ground.startMs).toBe(options.turnaroundS * 1000);
    expect(segmentAt(plan, ground.endMs + 3_600_000).phase).toBe("patrol");
    expect(stateAt(ground.endMs + 3_600_000).altitudeM).toBe(bell412.altitudeM);
  });
});

describe("scene target", () => {
  const front: MissionTarget = {
    lonLat: [108.55, 41.55],
    area: [[[108.45, 41.5], [108.65, 41.5], [108.65, 41.6], [108.45, 41.6], [108.45, 41.5]]],
  };

  it("is the incident point", () => {
    expect(sceneTarget(linheLonLat, toUradMiddle)).toEqual(uradMiddleLonLat);
  });

  it("is the nearest edge point of a fire front", () => {
    const [lonDeg, latDeg] = sceneTarget([108.0, 41.55], front);

    expect(lonDeg).toBeCloseTo(108.45, 6);
    // Due west of the edge, the nearest point is within 0.01 degree of the same latitude.
    expect(Math.abs(latDeg - 41.55)).toBeLessThan(0.01);
  });

  it("is the nearest corner from the south-west", () => {
    const [lonDeg, latDeg] = sceneTarget(linheLonLat, front);

    expect(lonDeg).toBeCloseTo(108.45, 4);
    expect(latDeg).toBeCloseTo(41.5, 4);
  });

  it("is the aircraft's place inside the front", () => {
    expect(sceneTarget([108.5, 41.55], front)).toEqual([108.5, 41.55]);
  });

  it("is nearer than every corner", () => {
    const from: [number, number] = [108.55, 41.9];
    const nearest = nearestPointOnPolyline(front.area![0]! as Array<[number, number]>, from);
    const nearestM = geodesicDistanceM(from, nearest);

    for (const corner of front.area![0]!) {
      expect(nearestM).toBeLessThanOrEqual(geodesicDistanceM(from, corner as [number, number]));
    }
    // About 0.3 degree of latitude north of the front's top edge: 33.3 km.
    expect(nearestM / 1000).toBeCloseTo(33.3, 0);
  });
});

describe("pilot", () => {
  it("patrols without a mission", () => {
    const pilot = new Pilot(bell412, options);

    expect(pilot.follow(null, 60_000)).toBeNull();
    expect(pilot.phaseAt(120_000)).toBe("patrol");
  });

  it("waits while the mission is requested", () => {
    const pilot = new Pilot(bell412, options);

    expect(pilot.follow(mission("requested"), 60_000)).toBeNull();
    expect(pilot.phaseAt(120_000)).toBe("patrol");
  });

  it("flies to the scene when dispatched", () => {
    const pilot = new Pilot(bell412, options);
    const before = pilot.stateAt(60_000);
    const decision = pilot.follow(mission("dispatched"), 60_000);
    const expectedMin = (geodesicDistanceM(before.lonLat, uradMiddleLonLat) / 1000 / BELL_412_CRUISE_KMH) * 60;

    expect(decision?.action).toBe("fly_to_scene");
    expect(decision?.reason).toBe("new_mission");
    expect(decision!.etaMin).toBeCloseTo(expectedMin, 2);
    expect(pilot.phaseAt(61_000)).toBe("outbound");
    // The flight starts where the patrol left off.
    expect(geodesicDistanceM(pilot.stateAt(60_000).lonLat, before.lonLat)).toBeLessThan(0.01);
    expect(pilot.follow(mission("airborne"), 120_000)).toBeNull();
  });

  it("returns when the mission ends early", () => {
    const pilot = new Pilot(bell412, options);
    pilot.follow(mission("dispatched"), 0);
    const decision = pilot.follow(null, 300_000);

    expect(decision?.action).toBe("return_home");
    expect(decision?.reason).toBe("mission_ended");
    expect(pilot.phaseAt(301_000)).toBe("return");
    expect(pilot.follow(null, 400_000)).toBeNull();
  });

  it("returns when the dispatcher orders it", () => {
    const pilot = new Pilot(bell412, options);
    pilot.follow(mission("dispatched"), 0);

    expect(pilot.follow(mission("returning"), 300_000)?.reason).toBe("return_ordered");
    expect(pilot.phaseAt(301_000)).toBe("return");
  });

  it("turns when the scene moves", () => {
    const pilot = new Pilot(bell412, options);
    pilot.follow(mission("dispatched"), 0);
    const moved = mission("airborne", { lonLat: linheLonLat, area: null });
    const decision = pilot.follow(moved, 300_000);

    expect(decision?.reason).toBe("scene_moved");
    const trackDeg = pilot.stateAt(301_000).trackDeg;
    // Back towards Linhe: the reverse of the outbound 32 degrees, give or take the route flown.
    expect(Math.abs(trackDeg - 212)).toBeLessThan(20);
  });

  it("ignores missions without a home base", () => {
    const synthetic: SimulatedAircraft = buildSyntheticFleet(1)[0]!;
    const pilot = new Pilot(synthetic, options);

    expect(pilot.follow({ ...mission("dispatched"), icaoAddress: synthetic.icaoAddress }, 0)).toBeNull();
    expect(pilot.phaseAt(1000)).toBe("patrol");
  });
});
