import { describe, expect, it } from "vitest";

import { defaultAlertThresholds, evaluateAlerts, type AircraftState, type AlertContext, type MissionState } from "./rules.js";

const t0 = Date.UTC(2026, 5, 15, 3, 0, 0);
const minute = 60_000;
const gongmiaoziLonLat: [number, number] = [108.998835, 40.614366];

function aircraft(overrides: Partial<AircraftState> = {}): AircraftState {
  return {
    aircraftId: 7,
    typeId: "h125",
    enduranceMin: 270,
    cruiseSpeedKmh: 245,
    lastPositionMs: t0,
    lonLat: [109.15, 40.72],
    squawk: "1200",
    airborne: true,
    airborneSinceMs: t0,
    mission: null,
    ...overrides,
  };
}

function context(overrides: Partial<AlertContext> = {}): AlertContext {
  return { nowMs: t0, thresholds: defaultAlertThresholds, restrictedAreas: [], fuelBases: [{ id: 3, lonLat: gongmiaoziLonLat }], ...overrides };
}

function mission(overrides: Partial<MissionState> = {}): MissionState {
  return { id: 11, status: "airborne", dispatchedAtMs: t0, estimatedEtaMin: 20, route: null, ...overrides };
}

function kindsAndLevels(state: AircraftState, ctx: AlertContext): string[] {
  return evaluateAlerts([state], ctx).map((c) => `${c.kind}:${c.level}`);
}

describe("lost contact", () => {
  it("raises tiers at 3, 15 and 30 min", () => {
    const cases: Array<[number, string[]]> = [
      [2.9, []],
      [3, ["lost_contact:warning"]],
      [14.9, ["lost_contact:warning"]],
      [15, ["lost_contact:alarm"]],
      [30, ["lost_contact:escalation"]],
    ];
    for (const [silentMin, expected] of cases) {
      expect(kindsAndLevels(aircraft(), context({ nowMs: t0 + silentMin * minute })), `${silentMin} min`).toEqual(expected);
    }
  });

  it("uses per-type thresholds", () => {
    const thresholds = { ...defaultAlertThresholds, lostContactByType: { h125: { warningMin: 1 } } };

    expect(kindsAndLevels(aircraft(), context({ nowMs: t0 + 1.5 * minute, thresholds }))).toEqual(["lost_contact:warning"]);
    expect(kindsAndLevels(aircraft({ typeId: "h145" }), context({ nowMs: t0 + 1.5 * minute, thresholds }))).toEqual([]);
  });

  it("ignores aircraft on the ground", () => {
    expect(kindsAndLevels(aircraft({ airborne: false, airborneSinceMs: null }), context({ nowMs: t0 + 60 * minute }))).toEqual([]);
  });

  it("counts a mission in flight as airborne", () => {
    const state = aircraft({ airborne: false, airborneSinceMs: null, mission: mission({ status: "on_scene" }) });

    expect(kindsAndLevels(state, context({ nowMs: t0 + 4 * minute }))).toEqual(["lost_contact:warning"]);
  });
});

describe("emergency squawk", () => {
  it("names each emergency code", () => {
    const meanings = { "7500": "unlawful_interference", "7600": "radio_failure", "7700": "general_emergency" };
    for (const [squawk, meaning] of Object.entries(meanings)) {
      const [found] = evaluateAlerts([aircraft({ squawk })], context());
      expect(found?.kind).toBe("emergency_squawk");
      expect(found?.level).toBe("emergency");
      expect(found?.details.meaning).toBe(meaning);
    }
  });

  it("ignores ordinary codes", () => {
    expect(kindsAndLevels(aircraft({ squawk: "7000" }), context())).toEqual([]);
  });
});

describe("route deviation", () => {
  const route = { path: [[109.0, 40.7], [109.3, 40.7]], corridorWidthKm: 5 };

  it("allows the corridor width either side", () => {
    const state = aircraft({ lonLat: [109.15, 40.74], mission: mission({ route }) });

    expect(kindsAndLevels(state, context())).toEqual([]);
  });

  it("warns beyond the corridor", () => {
    const [found] = evaluateAlerts([aircraft({ lonLat: [109.15, 40.8], mission: mission({ route }) })], context());

    expect(found?.kind).toBe("route_deviation");
    expect(found?.details.offRouteKm).toBeCloseTo(11.1, 1);
    expect(found?.missionId).toBe(11);
  });

  it("ignores a returning aircraft", () => {
    const state = aircraft({ lonLat: [109.15, 40.8], mission: mission({ route, status: "returning" }) });

    expect(kindsAndLevels(state, context())).toEqual([]);
  });
});

describe("restricted area", () => {
  const area = {
    id: 5,
    nameZh: "乌拉山火场临时管制区",
    nameEn: "Wula fire restriction",
    polygons: [[[[109.1, 40.7], [109.2, 40.7], [109.2, 40.75], [109.1, 40.75], [109.1, 40.7]]]],
    activeFromMs: t0 - 60 * minute,
    activeUntilMs: t0 + 60 * minute,
  };

  it("raises an alarm inside an active area", () => {
    const [found] = evaluateAlerts([aircraft()], context({ restrictedAreas: [area] }));

    expect(found?.kind).toBe("restricted_area");
    expect(found?.level).toBe("alarm");
    expect(found?.details.restrictedAreaId).toBe(5);
  });

  it("ignores an area outside its active window", () => {
    const later = t0 + 61 * minute;
    expect(kindsAndLevels(aircraft({ lastPositionMs: later }), context({ nowMs: later, restrictedAreas: [area] }))).toEqual([]);
    expect(kindsAndLevels(aircraft(), context({ restrictedAreas: [{ ...area, activeFromMs: t0 + minute }] }))).toEqual([]);
  });

  it("ignores an aircraft on the ground", () => {
    expect(kindsAndLevels(aircraft({ airborne: false }), context({ restrictedAreas: [area] }))).toEqual([]);
  });
});

describe("low endurance", () => {
  it("raises when home plus reserve exceeds fuel left", () => {
    // About 17.5 km to Gongmiaozi: 4.3 min at 245 km/h, plus the 30 min reserve.
    const ok = evaluateAlerts([aircraft({ lastPositionMs: t0 + 230 * minute })], context({ nowMs: t0 + 230 * minute }));
    const low = evaluateAlerts([aircraft({ lastPositionMs: t0 + 237 * minute })], context({ nowMs: t0 + 237 * minute }));

    expect(ok).toEqual([]);
    expect(low[0]?.kind).toBe("low_endurance");
    expect(low[0]?.details.remainingMin).toBe(33);
    expect(low[0]?.details.nearestBaseId).toBe(3);
  });

  it("needs a known take-off time", () => {
    const state = aircraft({ airborneSinceMs: null, lastPositionMs: t0 + 269 * minute });

    expect(kindsAndLevels(state, context({ nowMs: t0 + 269 * minute }))).toEqual([]);
  });
});

describe("overdue", () => {
  it("warns after ETA plus margin until on scene", () => {
    const due = t0 + 35 * minute;
    const fresh = (nowMs: number, status: MissionState["status"]) =>
      kindsAndLevels(aircraft({ lastPositionMs: nowMs, mission: mission({ status }) }), context({ nowMs }));

    expect(fresh(due, "airborne")).toEqual([]);
    expect(fresh(due + minute, "airborne")).toEqual(["overdue:warning"]);
    expect(fresh(due + minute, "dispatched")).toEqual(["overdue:warning"]);
    expect(fresh(due + minute, "on_scene")).toEqual([]);
  });
});
