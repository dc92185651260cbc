import { beforeAll, describe, expect, it } from "vitest";

import { seedDemo } from "../../../scripts/seed.js";
import { testApp } from "../../test/app.js";
import { incidentBody, juneMorning, langshanPondLonLat, linheLonLat, wulaForestLonLat } from "../test/factories.js";
import { bucketShuttle, BUCKET_FILL_DROP_MIN, shanghaiMonth } from "./water.js";

let t: Awaited<ReturnType<typeof testApp>>;

interface CandidateJson {
  registration: string;
  typeId: string;
  capable: boolean;
  etaMin: number | null;
  meetsTarget: boolean;
  status: string;
  reasons: Array<{ code: string }>;
  landingPointId: number | null;
  bucket: { waterSourceId: number; turnMin: number; dropsPerHour: number } | null;
}

async function createIncident(overrides: Record<string, unknown>) {
  const response = await t.call("POST", "/api/v1/incidents", { body: incidentBody(overrides) });
  expect(response.status).toBe(201);
  return response.json.id as number;
}

async function candidates(id: number, query: string) {
  const response = await t.call("GET", `/api/v1/incidents/${id}/candidates?${query}`, { token: t.tokens.viewer });
  expect(response.status).toBe(200);
  return response.json;
}

async function idByName(table: "landing_points" | "water_sources", nameEn: string): Promise<number> {
  const rows = await t.database.sql<{ id: number }[]>`SELECT id FROM ${t.database.sql(table)} WHERE name_en = ${nameEn}`;
  return rows[0]!.id;
}

beforeAll(async () => {
  t = await testApp();
  await seedDemo(t.database);
});

describe("candidates", () => {
  it("ranks bucket aircraft for a forest fire by ETA", async () => {
    const id = await createIncident({});
    const report = await candidates(id, `at=${juneMorning}`);
    const list = report.candidates as CandidateJson[];

    expect(report.requiredCapability).toBe("bucket");
    expect(report.night).toBe(false);
    expect(list[0]!.registration).toBe("B-7Z26");
    expect(list.every((c) => c.capable)).toBe(true);
    const registrations = list.map((c) => c.registration);
    expect(registrations).not.toContain("B-3Z12");
    expect(registrations).not.toContain("B-8Z05");
    expect(registrations).not.toContain("B-7Z31");
    expect(registrations).not.toContain("B-7Z71");
    const etas = list.filter((c) => c.status === "ok").map((c) => c.etaMin!);
    expect(etas).toEqual([...etas].sort((a, b) => a - b));
  });

  it("marks incapable aircraft when asked", async () => {
    const id = await createIncident({});
    const report = await candidates(id, `at=${juneMorning}&includeIncapable=true`);
    const y12 = (report.candidates as CandidateJson[]).find((c) => c.registration === "B-3Z12")!;

    expect(y12.capable).toBe(false);
    expect(y12.reasons.map((r) => r.code)).toContain("no_bucket");
  });

  it("requires a stretcher for medical evacuation", async () => {
    const id = await createIncident({ kind: "medical_evacuation", geometry: { type: "Point", coordinates: linheLonLat } });
    const report = await candidates(id, `at=${juneMorning}`);
    const registrations = (report.candidates as CandidateJson[]).map((c) => c.registration);

    expect(report.requiredCapability).toBe("stretcher");
    expect(registrations).toContain("B-3Z12");
    expect(registrations).toContain("B-7Z41");
    expect(registrations).not.toContain("B-8Z05");
  });

  it("requires a hoist or seats for search and rescue", async () => {
    const id = await createIncident({ kind: "search_and_rescue", geometry: { type: "Point", coordinates: linheLonLat } });
    const report = await candidates(id, `at=${juneMorning}&includeIncapable=true`);
    const list = report.candidates as CandidateJson[];

    expect(report.requiredCapability).toBe("hoist_or_seats");
    expect(list.find((c) => c.registration === "B-7Z41")!.capable).toBe(true);
    expect(list.find((c) => c.registration === "B-8Z05")!.capable).toBe(true);
    expect(list.find((c) => c.registration === "B-7Z25")!.capable).toBe(true);
  });

  it("marks the 2-hour target and a tighter one", async () => {
    const id = await createIncident({});
    const wide = await candidates(id, `at=${juneMorning}`);
    const tight = await candidates(id, `at=${juneMorning}&targetMin=5`);

    expect(wide.targetMin).toBe(120);
    expect((wide.candidates as CandidateJson[])[0]!.meetsTarget).toBe(true);
    expect((tight.candidates as CandidateJson[]).some((c) => c.meetsTarget)).toBe(false);
  });

  it("marks day-only aircraft unable at night", async () => {
    const id = await createIncident({});
    const report = await candidates(id, "at=2026-06-15T15:00:00Z");
    const h125 = (report.candidates as CandidateJson[]).find((c) => c.registration === "B-7Z26")!;

    expect(report.night).toBe(true);
    expect(h125.status).toBe("unable");
    expect(h125.reasons.map((r) => r.code)).toContain("night");
  });

  it("picks the nearest landing point by size and night", async () => {
    const id = await createIncident({});
    const central = await idByName("landing_points", "Wula Mountains central forest landing point");
    const day = await candidates(id, `at=${juneMorning}`);
    const night = await candidates(id, "at=2026-06-15T15:00:00Z");
    const list = day.candidates as CandidateJson[];

    expect(day.landingPoints[0].id).toBe(central);
    expect(day.landingPoints[0].distanceKm).toBeCloseTo(2.2, 1);
    expect(day.landingPoints[0].usableNow).toBe(true);
    expect(day.landingPoints[0].suitableTypeIds).toContain("h125");
    expect(day.landingPoints[0].suitableTypeIds).not.toContain("mi-171");
    expect(list.find((c) => c.typeId === "h125")!.landingPointId).toBe(central);
    expect(list.find((c) => c.typeId === "mi-171")!.landingPointId).toBeNull();
    expect(night.landingPoints[0].usableNow).toBe(false);
    expect(night.landingPoints[0].suitableTypeIds).toEqual([]);
  });

  it("picks the nearest usable water source and bucket turn", async () => {
    const id = await createIncident({});
    const tank = await idByName("water_sources", "Wula forest fire-water tank");
    const report = await candidates(id, `at=${juneMorning}`);
    const first = (report.candidates as CandidateJson[])[0]!;
    const expected = bucketShuttle(report.waterSources[0].distanceKm, 196, 900);

    expect(report.waterSources[0].id).toBe(tank);
    expect(report.bucketFillDropMin).toBe(BUCKET_FILL_DROP_MIN);
    expect(first.bucket!.waterSourceId).toBe(tank);
    expect(first.bucket!.turnMin).toBeCloseTo(expected.turnMin, 0);
    expect(first.bucket!.dropsPerHour).toBeCloseTo(expected.dropsPerHour, 0);
  });

  it("skips water sources that are not bucket-usable", async () => {
    const reeds = await idByName("water_sources", "Ulansuhai south reed beds");
    const id = await createIncident({ kind: "grassland_fire", geometry: { type: "Point", coordinates: [108.872, 40.865] } });
    const report = await candidates(id, `at=${juneMorning}`);

    expect(report.waterSources.length).toBeGreaterThan(0);
    expect(report.waterSources.map((w: { id: number }) => w.id)).not.toContain(reeds);
  });

  it("skips water frozen in the Shanghai month", async () => {
    const pond = await idByName("water_sources", "Langshan forest pond");
    const id = await createIncident({ geometry: { type: "Point", coordinates: langshanPondLonLat } });
    // 17:00 UTC on 31 October is 01:00 on 1 November in Bayannur, when the pond is frozen.
    const october = await candidates(id, "at=2026-10-31T08:00:00Z");
    const november = await candidates(id, "at=2026-10-31T17:00:00Z");
    const january = await candidates(id, "at=2026-01-15T03:00:00Z");

    expect(october.waterSources[0].id).toBe(pond);
    expect(november.waterSources.map((w: { id: number }) => w.id)).not.toContain(pond);
    expect(january.waterSources).toEqual([]);
    expect((january.candidates as CandidateJson[])[0]!.bucket).toBeNull();
  });

  it("rejects a bad target", async () => {
    const id = await createIncident({});
    const response = await t.call("GET", `/api/v1/incidents/${id}/candidates?targetMin=-5`);

    expect(response.status).toBe(400);
    expect(response.json.error.field).toBe("targetMin");
  });
});

describe("shanghaiMonth", () => {
  it("uses UTC+8", () => {
    expect(shanghaiMonth(new Date("2026-10-31T15:59:59Z"))).toBe(10);
    expect(shanghaiMonth(new Date("2026-10-31T16:00:00Z"))).toBe(11);
  });
});
