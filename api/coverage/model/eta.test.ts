import { describe, expect, it } from "vitest";

import { estimateEta, rankByEta } from "./eta.js";
import type { AircraftInput, BaseInput } from "./eta-types.js";
import { type LonLat, destinationPoint } from "./geodesy.js";

// Every expected number below is worked by hand in the comments. Targets are
// placed with destinationPoint (the direct geodesic problem, checked against
// published values in geodesy.test.ts) at a round distance from the start, so
// the distances are known exactly and only the model's arithmetic is tested.

const zbyzLonLat: LonLat = [107.74093, 40.926358];

const tianjitai: BaseInput = { id: "zbyz", lonLat: zbyzLonLat, nightOperations: true, fuelAvailable: true };

function aircraft(overrides: Partial<AircraftInput>): AircraftInput {
  return {
    id: "b-7801",
    registration: "B-7801",
    typeId: "bell-412",
    category: "helicopter",
    cruiseSpeedKmh: 226,
    bucketCruiseSpeedKmh: 160,
    rangeKm: 745,
    enduranceMin: 210,
    readinessDayMin: 15,
    readinessNightMin: 30,
    nightCapable: true,
    startLonLat: zbyzLonLat,
    remainingEnduranceMin: null,
    airborne: false,
    homeBase: tianjitai,
    ...overrides,
  };
}

const bell412 = aircraft({});
const y12 = aircraft({
  id: "b-3821",
  registration: "B-3821",
  typeId: "y-12",
  category: "fixed_wing",
  cruiseSpeedKmh: 250,
  bucketCruiseSpeedKmh: null,
  rangeKm: 1300,
  enduranceMin: 300,
  readinessDayMin: 30,
  readinessNightMin: 45,
});
const r44 = aircraft({
  id: "b-70aa",
  registration: "B-70AA",
  typeId: "r44",
  cruiseSpeedKmh: 200,
  bucketCruiseSpeedKmh: null,
  rangeKm: 560,
  enduranceMin: 180,
  readinessDayMin: 15,
  nightCapable: false,
});

describe("estimateEta", () => {
  it("times a Bell 412 from ZBYZ", () => {
    // Target 150 km from ZBYZ on azimuth 200, no wind, day, defaults:
    // reserve 30 min, on scene 15 min, approval 0.
    //   flight out  = 150 / 226 * 60 = 39.823 min
    //   ETA         = 15 (readiness) + 0 + 39.823 = 54.823 min <= 120
    //   back home   = 150 km, 39.823 min
    //   endurance   : 39.823 + 15 + 39.823 = 94.646 <= 210 - 30 = 180
    //   range       : 150 + 150 + 15 * 226 / 60 (56.5) = 356.5 <= 745 - 30 * 226 / 60 (113) = 632
    //   total       = 54.823 + 15 + 39.823 = 109.646 min
    const target = destinationPoint(zbyzLonLat, 200, 150);
    const result = estimateEta(bell412, target, [tianjitai]);

    expect(result.status).toBe("ok");
    expect(result.reasons).toEqual([]);
    expect(result.distanceKm).toBeCloseTo(150, 6);
    expect(result.groundSpeedKmh).toBe(226);
    expect(result.flightMin).toBeCloseTo(39.823, 3);
    expect(result.readinessMin).toBe(15);
    expect(result.approvalDelayMin).toBe(0);
    expect(result.etaMin).toBeCloseTo(54.823, 3);
    expect(result.returnBase?.id).toBe("zbyz");
    expect(result.returnBase?.distanceKm).toBeCloseTo(150, 6);
    expect(result.returnBase?.flightMin).toBeCloseTo(39.823, 3);
    expect(result.totalMissionMin).toBeCloseTo(109.646, 3);
    expect(result.meetsTarget).toBe(true);
  });

  it("returns a Y-12 to the nearer fuel base", () => {
    // Target 400 km from ZBYZ on azimuth 250, approval delay 20 min. A base
    // with fuel lies 50 km due north of the target.
    //   flight out  = 400 / 250 * 60 = 96 min
    //   ETA         = 30 + 20 + 96 = 146 min > 120, so able but misses the target
    //   back        = 50 km to the fuel base = 50 / 250 * 60 = 12 min (ZBYZ: 96 min)
    //   endurance   : 96 + 15 + 12 = 123 <= 300 - 30 = 270
    //   range       : 400 + 50 + 15 * 250 / 60 (62.5) = 512.5 <= 1300 - 30 * 250 / 60 (125) = 1175
    //   total       = 146 + 15 + 12 = 173 min
    const target = destinationPoint(zbyzLonLat, 250, 400);
    const fuelBase: BaseInput = {
      id: "fuel-north",
      lonLat: destinationPoint(target, 0, 50),
      nightOperations: false,
      fuelAvailable: true,
    };
    const result = estimateEta(y12, target, [tianjitai, fuelBase], { approvalDelayMin: 20 });

    expect(result.status).toBe("ok");
    expect(result.flightMin).toBeCloseTo(96, 6);
    expect(result.etaMin).toBeCloseTo(146, 6);
    expect(result.meetsTarget).toBe(false);
    expect(result.returnBase?.id).toBe("fuel-north");
    expect(result.returnBase?.flightMin).toBeCloseTo(12, 6);
    expect(result.totalMissionMin).toBeCloseTo(173, 6);
  });

  it("ignores a base without fuel for the return", () => {
    const target = destinationPoint(zbyzLonLat, 250, 400);
    const dryBase: BaseInput = {
      id: "dry-north",
      lonLat: destinationPoint(target, 0, 50),
      nightOperations: true,
      fuelAvailable: false,
    };
    const result = estimateEta(y12, target, [tianjitai, dryBase]);

    expect(result.returnBase?.id).toBe("zbyz");
    expect(result.returnBase?.flightMin).toBeCloseTo(96, 6);
  });

  it("fails an R44 300 km out on range and endurance", () => {
    // R44: cruise 200, range 560, endurance 180. Target 300 km east of ZBYZ.
    //   flight out  = 300 / 200 * 60 = 90 min, ETA = 15 + 90 = 105 min
    //   range       : 300 + 300 + 15 * 200 / 60 (50) = 650 > 560 - 30 * 200 / 60 (100) = 460
    //   endurance   : 90 + 15 + 90 = 195 > 180 - 30 = 150
    const target = destinationPoint(zbyzLonLat, 90, 300);
    const result = estimateEta(r44, target, [tianjitai]);

    expect(result.status).toBe("unable");
    expect(result.meetsTarget).toBe(false);
    expect(result.etaMin).toBeCloseTo(105, 6);
    expect(result.reasons).toHaveLength(2);

    const range = result.reasons.find((reason) => reason.code === "out_of_range");
    expect(range?.detail).toEqual({ requiredKm: expect.closeTo(650, 6), availableKm: expect.closeTo(460, 6) });

    const endurance = result.reasons.find((reason) => reason.code === "endurance");
    expect(endurance?.detail).toEqual({ requiredMin: expect.closeTo(195, 6), availableMin: expect.closeTo(150, 6) });
  });

  it("keeps an R44 able at 150 km", () => {
    // 150 km: range 150 + 150 + 50 = 350 <= 460; endurance 45 + 15 + 45 = 105 <= 150.
    const result = estimateEta(r44, destinationPoint(zbyzLonLat, 90, 150), [tianjitai]);

    expect(result.status).toBe("ok");
    expect(result.etaMin).toBeCloseTo(15 + 45, 6);
  });

  it("marks a day-only aircraft unable at night", () => {
    const target = destinationPoint(zbyzLonLat, 90, 50);
    const result = estimateEta(r44, target, [tianjitai], { night: true });

    expect(result.status).toBe("unable");
    expect(result.reasons).toEqual([{ code: "night", detail: { cause: "aircraft_not_night_capable" } }]);
    expect(result.readinessMin).toBe(30);
  });

  it("marks an aircraft unable when its base closes at night", () => {
    const dayBase: BaseInput = { ...tianjitai, id: "day-only", nightOperations: false };
    const result = estimateEta(aircraft({ homeBase: dayBase }), destinationPoint(zbyzLonLat, 90, 50), [], {
      night: true,
    });

    expect(result.status).toBe("unable");
    expect(result.reasons).toEqual([
      { code: "night", detail: { cause: "home_base_closed_at_night", baseId: "day-only" } },
    ]);
  });

  it("uses night readiness and night bases at night", () => {
    // Night: readiness 30. The fuel base 20 km from the target is closed at
    // night, so the Bell 412 returns to ZBYZ, 100 km away.
    //   ETA = 30 + 100 / 226 * 60 (26.549) = 56.549 min
    const target = destinationPoint(zbyzLonLat, 90, 100);
    const dayFuelBase: BaseInput = {
      id: "day-fuel",
      lonLat: destinationPoint(target, 180, 20),
      nightOperations: false,
      fuelAvailable: true,
    };
    const night = estimateEta(bell412, target, [tianjitai, dayFuelBase], { night: true });
    const day = estimateEta(bell412, target, [tianjitai, dayFuelBase], { night: false });

    expect(night.status).toBe("ok");
    expect(night.etaMin).toBeCloseTo(56.549, 3);
    expect(night.returnBase?.id).toBe("zbyz");
    expect(day.returnBase?.id).toBe("day-fuel");
  });

  it("slows the outbound leg into a headwind", () => {
    // Target 100 km due north of ZBYZ (a meridian, so the track is exactly 000
    // out and 180 back). Wind from 360 at 40 km/h.
    //   GS out  = 226 - 40 = 186, flight = 100 / 186 * 60 = 32.258 min
    //   ETA     = 15 + 32.258 = 47.258 min
    //   GS back = 226 + 40 = 266, flight = 100 / 266 * 60 = 22.556 min
    //   total   = 47.258 + 15 + 22.556 = 84.814 min
    const target = destinationPoint(zbyzLonLat, 0, 100);
    const result = estimateEta(bell412, target, [tianjitai], { wind: { fromDeg: 360, speedKmh: 40 } });

    expect(result.status).toBe("ok");
    expect(result.groundSpeedKmh).toBeCloseTo(186, 6);
    expect(result.flightMin).toBeCloseTo(32.258, 3);
    expect(result.etaMin).toBeCloseTo(47.258, 3);
    expect(result.returnBase?.flightMin).toBeCloseTo(22.556, 3);
    expect(result.totalMissionMin).toBeCloseTo(84.814, 3);
  });

  it("marks a drone unable in a strong crosswind", () => {
    // Drone at 60 km/h flying north with 70 km/h from 090: crosswind 70 >= 60.
    const drone = aircraft({ id: "uav-1", category: "drone", cruiseSpeedKmh: 60, bucketCruiseSpeedKmh: null });
    const result = estimateEta(drone, destinationPoint(zbyzLonLat, 0, 30), [tianjitai], {
      wind: { fromDeg: 90, speedKmh: 70 },
    });

    expect(result.status).toBe("unable");
    expect(result.etaMin).toBeNull();
    expect(result.reasons.map((reason) => reason.code)).toEqual(["wind", "wind"]);
    expect(result.reasons[0]).toEqual({
      code: "wind",
      detail: { leg: "outbound", airspeedKmh: 60, headwindKmh: expect.closeTo(0, 9), crosswindKmh: expect.closeTo(70, 9) },
    });
  });

  it("flies slower with a bucket", () => {
    // Bucket cruise 160: 100 km takes 100 / 160 * 60 = 37.5 min, ETA = 15 + 37.5 = 52.5.
    const result = estimateEta(bell412, destinationPoint(zbyzLonLat, 90, 100), [tianjitai], { withBucket: true });

    expect(result.groundSpeedKmh).toBe(160);
    expect(result.etaMin).toBeCloseTo(52.5, 6);
    expect(result.returnBase?.flightMin).toBeCloseTo(37.5, 6);
  });

  it("marks an aircraft without bucket unable for bucket work", () => {
    const result = estimateEta(y12, destinationPoint(zbyzLonLat, 90, 100), [tianjitai], { withBucket: true });

    expect(result.status).toBe("unable");
    expect(result.reasons).toEqual([{ code: "no_bucket", detail: { typeId: "y-12" } }]);
  });

  describe("airborne Bell 412", () => {
    // Live position 40 km east of ZBYZ on the geodesic to a target 100 km
    // east of ZBYZ, so the target is 60 km ahead and 100 km from home.
    //   readiness 0, flight out = 60 / 226 * 60 = 15.929 min, ETA = 15.929
    //   back home = 100 / 226 * 60 = 26.549 min
    //   required time = 15.929 + 15 + 26.549 = 57.478 min
    //   required distance = 60 + 100 + 56.5 = 216.5 km
    const target = destinationPoint(zbyzLonLat, 90, 100);
    const livePosition = destinationPoint(zbyzLonLat, 90, 40);

    it("fails with 60 minutes of fuel left", () => {
      //   endurance: 57.478 > 60 - 30 = 30
      //   range: fuel fraction 60 / 210, 745 * 60 / 210 = 212.857 - 113 = 99.857 < 216.5
      const result = estimateEta(
        aircraft({ airborne: true, startLonLat: livePosition, remainingEnduranceMin: 60 }),
        target,
        [tianjitai],
      );

      expect(result.readinessMin).toBe(0);
      expect(result.etaMin).toBeCloseTo(15.929, 3);
      expect(result.status).toBe("unable");
      expect(result.reasons).toEqual([
        { code: "endurance", detail: { requiredMin: expect.closeTo(57.478, 3), availableMin: 30 } },
        { code: "out_of_range", detail: { requiredKm: expect.closeTo(216.5, 6), availableKm: expect.closeTo(99.857, 3) } },
      ]);
    });

    it("succeeds with 100 minutes of fuel left", () => {
      //   endurance: 57.478 <= 100 - 30 = 70
      //   range: 745 * 100 / 210 = 354.762 - 113 = 241.762 >= 216.5
      const result = estimateEta(
        aircraft({ airborne: true, startLonLat: livePosition, remainingEnduranceMin: 100 }),
        target,
        [tianjitai],
      );

      expect(result.status).toBe("ok");
      expect(result.etaMin).toBeCloseTo(15.929, 3);
    });

    it("burns fuel holding for approval", () => {
      // Approval 10 min, held airborne:
      //   ETA = 0 + 10 + 15.929 = 25.929
      //   endurance: 57.478 <= 100 - 30 - 10 = 60
      //   range: 354.762 - (30 + 10) * 226 / 60 (150.667) = 204.095 < 216.5
      const result = estimateEta(
        aircraft({ airborne: true, startLonLat: livePosition, remainingEnduranceMin: 100 }),
        target,
        [tianjitai],
        { approvalDelayMin: 10 },
      );

      expect(result.etaMin).toBeCloseTo(25.929, 3);
      expect(result.reasons).toEqual([
        { code: "out_of_range", detail: { requiredKm: expect.closeTo(216.5, 6), availableKm: expect.closeTo(204.095, 3) } },
      ]);
    });

    it("is unable without a remaining endurance", () => {
      const result = estimateEta(aircraft({ airborne: true, startLonLat: livePosition }), target, [tianjitai]);

      expect(result.status).toBe("unable");
      expect(result.reasons[0]).toEqual({ code: "endurance_unknown", detail: { aircraftId: "b-7801" } });
    });
  });

  it("rejects a non-positive cruise speed", () => {
    expect(() => estimateEta(aircraft({ cruiseSpeedKmh: 0 }), zbyzLonLat, [])).toThrow(
      /aircraft b-7801: cruiseSpeedKmh must be > 0; got 0/,
    );
  });

  it("rejects a negative approval delay", () => {
    expect(() => estimateEta(bell412, zbyzLonLat, [], { approvalDelayMin: -5 })).toThrow(
      /approvalDelayMin must be a finite number >= 0; got -5/,
    );
  });
});

describe("rankByEta", () => {
  it("puts able aircraft first by ETA", () => {
    // Target 150 km east of ZBYZ, day:
    //   Bell 412: 15 + 150 / 226 * 60 (39.823) = 54.823
    //   R44     : 15 + 150 / 200 * 60 (45)     = 60
    //   Y-12    : 30 + 150 / 250 * 60 (36)     = 66
    // At night the R44 is unable (not night capable) and sorts after the others,
    // while the Bell 412 (30 + 39.823) stays ahead of the Y-12 (45 + 36).
    const target = destinationPoint(zbyzLonLat, 90, 150);
    const fleet = [y12, r44, bell412];

    const day = rankByEta(fleet, target, [tianjitai]);
    expect(day.map((result) => result.aircraftId)).toEqual(["b-7801", "b-70aa", "b-3821"]);
    expect(day.map((result) => result.etaMin)).toEqual([
      expect.closeTo(54.823, 3),
      expect.closeTo(60, 6),
      expect.closeTo(66, 6),
    ]);

    const night = rankByEta(fleet, target, [tianjitai], { night: true });
    expect(night.map((result) => result.aircraftId)).toEqual(["b-7801", "b-3821", "b-70aa"]);
    expect(night.map((result) => result.status)).toEqual(["ok", "ok", "unable"]);
  });
});
