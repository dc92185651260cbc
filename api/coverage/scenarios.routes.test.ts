import { beforeAll, describe, expect, it } from "vitest";

import { seedDemo } from "../../scripts/seed.js";
import { testApp } from "../test/app.js";

const t = await testApp();
await seedDemo(t.database);

// At 120 minutes the own fleet reaches the whole city; 60 minutes shows changes both ways.
const common = { night: false, targetMin: 60, cellSizeM: 4000 };

async function scenario(changes: unknown[], token = t.tokens.planner, extra: Record<string, unknown> = {}) {
  return t.call("POST", "/api/v1/coverage/scenarios", { token, body: { ...common, ...extra, changes } });
}

describe("POST /api/v1/coverage/scenarios", () => {
  let mi171Id: number;

  beforeAll(async () => {
    const fleet = await t.call("GET", "/api/v1/aircraft?limit=1000");
    mi171Id = fleet.json.items.find((item: { registration: string }) => item.registration === "B-7Z71").id;
  });

  it("lowers the share when Linhe closes", async () => {
    const res = await scenario([{ op: "close_base", baseCode: "BYN-LINHE" }]);
    expect(res.status).toBe(200);
    const difference = res.json.difference;
    expect(difference.city.after).toBeLessThan(difference.city.before);
    expect(difference.city.delta).toBeLessThan(0);
    expect(difference.lost.areaKm2).toBeGreaterThan(0);
    expect(difference.gained.areaKm2).toBe(0);
    expect(["Polygon", "MultiPolygon"]).toContain(difference.lost.geometry.type);
    expect(res.json.scenario.groundedByClosure.map((item: { registration: string }) => item.registration)).toEqual(["B-7Z41"]);
  });

  it("raises the share when a base is added", async () => {
    const res = await scenario([
      { op: "add_base", code: "URAD-REAR-WEST", nameZh: "乌拉特后旗西部起降点", lonLat: [106.2, 41.7] },
      { op: "add_aircraft", typeId: "h125", baseCode: "URAD-REAR-WEST" },
    ]);
    expect(res.status).toBe(200);
    const difference = res.json.difference;
    expect(difference.city.after).toBeGreaterThan(difference.city.before);
    expect(difference.gained.areaKm2).toBeGreaterThan(0);
    expect(difference.lost.areaKm2).toBe(0);
    const rear = difference.counties.find((county: { adcode: string }) => county.adcode === "150825");
    expect(rear.delta).toBeGreaterThan(0);
    const added = res.json.scenario.aircraft.filter((item: { added: boolean }) => item.added);
    expect(added).toHaveLength(1);
    expect(res.json.scenario.bases.find((base: { code: string }) => base.code === "URAD-REAR-WEST").added).toBe(true);
  });

  it("keeps share deltas consistent with the sides", async () => {
    const res = await scenario([{ op: "close_base", baseCode: "BYN-GONGMIAOZI" }]);
    const { baseline, scenario: after, difference } = res.json;
    expect(difference.city.before).toBe(baseline.shares.city.shareOfArea);
    expect(difference.city.after).toBe(after.shares.city.shareOfArea);
    for (const area of difference.riskAreas) {
      expect(area.delta).toBeCloseTo(area.after - area.before, 4);
    }
    expect(difference.riskWeightedShare.delta).toBeLessThanOrEqual(0);
  });

  it("never writes the scenario", async () => {
    const before = await t.call("GET", "/api/v1/bases");
    await scenario([{ op: "add_base", code: "TEMP", lonLat: [107, 41] }, { op: "close_base", baseCode: "BYN-LINHE" }]);
    const after = await t.call("GET", "/api/v1/bases");
    expect(after.json.features).toHaveLength(before.json.features.length);
  });

  it("returns an aircraft from maintenance", async () => {
    const res = await scenario([{ op: "set_aircraft_status", aircraftId: mi171Id, status: "available" }]);
    expect(res.status).toBe(200);
    expect(res.json.difference.city.delta).toBeGreaterThanOrEqual(0);
    const ids = res.json.scenario.aircraft.map((item: { aircraftId: number }) => item.aircraftId);
    expect(ids).toContain(mi171Id);
    expect(res.json.baseline.aircraft.map((item: { aircraftId: number }) => item.aircraftId)).not.toContain(mi171Id);
  });

  it("shrinks coverage in a strong wind", async () => {
    const res = await scenario([{ op: "set_wind", windFromDeg: 270, windSpeedKmh: 80 }]);
    expect(res.json.scenario.wind).toEqual({ fromDeg: 270, speedKmh: 80 });
    expect(res.json.difference.city.delta).toBeLessThan(0);
  });

  it("grows coverage with faster readiness", async () => {
    const res = await scenario([{ op: "set_readiness", readinessDayMin: 5 }]);
    expect(res.json.difference.city.delta).toBeGreaterThan(0);
  });

  it("adds several aircraft of a type", async () => {
    const res = await scenario([{ op: "add_aircraft", typeId: "h125", baseCode: "BYN-DENGKOU", count: 2, readinessDayMin: 10 }]);
    const added = res.json.scenario.aircraft.filter((item: { added: boolean }) => item.added);
    expect(added).toHaveLength(2);
    expect(added.map((item: { typeId: string }) => item.typeId)).toEqual(["h125", "h125"]);
    expect(res.json.difference.city.delta).toBeGreaterThanOrEqual(0);
  });

  it("changes readiness for one type only", async () => {
    const slower = await scenario([{ op: "set_readiness", typeId: "bell-412ep", readinessDayMin: 60 }]);
    expect(slower.json.difference.city.delta).toBeLessThan(0);
  });

  it("moves a base with its aircraft", async () => {
    // West toward the Urad Rear gap it gains; east next to Gongmiaozi it loses the west.
    const west = await scenario([{ op: "move_base", baseCode: "BYN-LINHE", lonLat: [106.6, 41.4] }]);
    expect(west.json.difference.gained.areaKm2).toBeGreaterThan(0);
    expect(west.json.difference.city.delta).toBeGreaterThan(0);
    const east = await scenario([{ op: "move_base", baseCode: "BYN-LINHE", lonLat: [109.3, 40.9] }]);
    expect(east.json.difference.lost.areaKm2).toBeGreaterThan(0);
    expect(east.json.difference.city.delta).toBeLessThan(0);
  });

  it("rejects an unknown base code", async () => {
    const res = await scenario([{ op: "close_base", baseCode: "NOWHERE" }]);
    expect(res.status).toBe(422);
    expect(res.json.error).toMatchObject({ code: "reference_not_found", field: "changes.0.baseCode", value: "NOWHERE" });
  });

  it("rejects an unknown aircraft", async () => {
    const res = await scenario([{ op: "set_aircraft_status", aircraftId: 9999, status: "maintenance" }]);
    expect(res.json.error).toMatchObject({ code: "reference_not_found", field: "changes.0.aircraftId", value: 9999 });
  });

  it("rejects an unknown aircraft type", async () => {
    const res = await scenario([{ op: "add_aircraft", typeId: "concorde", baseCode: "BYN-LINHE" }]);
    expect(res.json.error).toMatchObject({ code: "reference_not_found", field: "changes.0.typeId", value: "concorde" });
  });

  it("rejects a duplicate base code", async () => {
    const res = await scenario([{ op: "add_base", code: "BYN-LINHE", lonLat: [107, 41] }]);
    expect(res.json.error).toMatchObject({ code: "duplicate_value", field: "changes.0.code" });
  });

  it("rejects swapped coordinates", async () => {
    const res = await scenario([{ op: "add_base", code: "X", lonLat: [41, 107] }]);
    expect(res.status).toBe(422);
    expect(res.json.error).toMatchObject({ code: "coordinates_swapped", field: "changes.0.lonLat" });
  });

  it("rejects wind out of range", async () => {
    const res = await scenario([{ op: "set_wind", windFromDeg: 90, windSpeedKmh: 300 }]);
    expect(res.json.error).toMatchObject({ code: "too_big", field: "changes.0.windSpeedKmh", value: 300 });
  });

  it("rejects a bad target", async () => {
    const res = await scenario([{ op: "set_wind", windFromDeg: 90, windSpeedKmh: 10 }], t.tokens.planner, { targetMin: -5 });
    expect(res.json.error).toMatchObject({ code: "too_small", field: "targetMin", value: -5 });
  });

  it("rejects a bad cell size", async () => {
    const res = await scenario([{ op: "close_base", baseCode: "BYN-LINHE" }], t.tokens.planner, { cellSizeM: 50 });
    expect(res.json.error).toMatchObject({ code: "too_small", field: "cellSizeM" });
  });

  it("rejects an empty change list", async () => {
    const res = await scenario([]);
    expect(res.json.error).toMatchObject({ code: "too_small", field: "changes" });
  });

  it("rejects an unknown operation", async () => {
    const res = await scenario([{ op: "demolish_base", baseCode: "BYN-LINHE" }]);
    expect(res.status).toBe(422);
    expect(res.json.error.field).toBe("changes.0.op");
  });

  it("forbids viewers", async () => {
    const res = await scenario([{ op: "close_base", baseCode: "BYN-LINHE" }], t.tokens.viewer);
    expect(res.status).toBe(403);
  });

  it("lets admins run scenarios", async () => {
    const res = await scenario([{ op: "close_base", baseCode: "BYN-LINHE" }], t.tokens.admin);
    expect(res.status).toBe(200);
  });
});
