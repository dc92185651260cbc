import { beforeAll, describe, expect, it } from "vitest";

import { seedDemo } from "../../scripts/seed.js";
import { testApp } from "../test/app.js";

const t = await testApp();
await seedDemo(t.database);

const wula = "lon=109.25&lat=40.72";

interface EtaItem {
  aircraftId: number;
  registration: string;
  typeId: string;
  city: string;
  aircraftStatus: string;
  status: string;
  etaMin: number | null;
  readinessMin: number;
  distanceKm: number;
  flightMin: number;
  groundSpeedKmh: number;
  returnBase: { code: string; distanceKm: number; flightMin: number } | null;
  totalMissionMin: number;
  meetsTarget: boolean;
  homeBase: { code: string };
  reasons: { code: string; message: { "zh-CN": string; en: string } }[];
}

async function eta(query: string, token = t.tokens.viewer) {
  return t.call("GET", `/api/v1/eta?${query}`, { token });
}

describe("GET /api/v1/eta", () => {
  let bell412: EtaItem;

  beforeAll(async () => {
    const res = await eta(`${wula}&night=false`);
    bell412 = res.json.aircraft.find((item: EtaItem) => item.registration === "B-7Z41");
  });

  it("matches the hand-worked Bell 412 at Linhe", () => {
    // Bell 412EP at BYN-LINHE (ZBYZ, 107.74093 E 40.926358 N) to the Wula
    // Mountains point (109.25 E 40.72 N), by day, no wind, defaults otherwise.
    // At the mid-latitude 40.823 N the WGS-84 radii give 111.050 km per degree
    // north and 84.357 km per degree east, so
    //   east  = 1.50907 deg x 84.357 = 127.30 km, south = 0.206358 deg x 111.050 = 22.92 km
    //   distance = sqrt(127.30^2 + 22.92^2) = 129.35 km (geodesic 129.349 km)
    //   flight = 129.35 km / 226 km/h x 60 = 34.34 min
    //   ETA = readiness 15 + approval 0 + 34.34 = 49.34 min, within 120
    // The nearest base with fuel is Gongmiaozi (108.998835 E 40.614366 N):
    //   east 0.25117 x 84.4 = 21.20 km, north 0.10563 x 111.05 = 11.73 km, so 24.23 km
    //   (geodesic 24.26 km), 24.26 / 226 x 60 = 6.44 min back
    //   total mission = 49.34 + on scene 15 + 6.44 = 70.78 min
    // Fuel: 34.34 + 15 + 6.44 = 55.8 min <= 210 - 30 reserve = 180 min, and
    //   129.35 + 24.26 + 15 x 226/60 = 210.1 km <= 745 - 30 x 226/60 = 632 km.
    expect(bell412.homeBase.code).toBe("BYN-LINHE");
    expect(bell412.readinessMin).toBe(15);
    expect(bell412.distanceKm).toBeCloseTo(129.35, 1);
    expect(bell412.groundSpeedKmh).toBe(226);
    expect(bell412.flightMin).toBeCloseTo(34.34, 1);
    expect(bell412.etaMin).toBeCloseTo(49.34, 1);
    expect(bell412.returnBase?.code).toBe("BYN-GONGMIAOZI");
    expect(bell412.returnBase?.distanceKm).toBeCloseTo(24.26, 1);
    expect(bell412.returnBase?.flightMin).toBeCloseTo(6.44, 1);
    expect(bell412.totalMissionMin).toBeCloseTo(70.78, 1);
    expect(bell412.meetsTarget).toBe(true);
    expect(bell412.status).toBe("ok");
  });

  it("ranks able aircraft first by ETA", async () => {
    const res = await eta(`${wula}&night=false`);
    expect(res.status).toBe(200);
    const items: EtaItem[] = res.json.aircraft;
    const firstUnable = items.findIndex((item) => item.status !== "ok");
    const able = firstUnable < 0 ? items : items.slice(0, firstUnable);
    expect(items.slice(able.length).every((item) => item.status === "unable")).toBe(true);
    for (let i = 1; i < able.length; i += 1) {
      expect(able[i]!.etaMin!).toBeGreaterThanOrEqual(able[i - 1]!.etaMin!);
    }
    expect(res.json.counts.aircraft).toBe(items.length);
  });

  it("lists only available aircraft by default", async () => {
    const res = await eta(`${wula}&night=false`);
    const statuses = new Set(res.json.aircraft.map((item: EtaItem) => item.aircraftStatus));
    expect([...statuses]).toEqual(["available"]);
    expect(res.json.aircraft).toHaveLength(13);
  });

  it("includes maintenance aircraft on request", async () => {
    const res = await eta(`${wula}&night=false&includeStatuses=available,maintenance`);
    const registrations = res.json.aircraft.map((item: EtaItem) => item.registration);
    expect(registrations).toContain("B-7Z71");
  });

  it("filters by own city", async () => {
    const res = await eta(`${wula}&night=false&cities=own`);
    const cities = new Set(res.json.aircraft.map((item: EtaItem) => item.city));
    expect([...cities]).toEqual(["bayannur"]);
  });

  it("filters by a city list", async () => {
    const res = await eta(`${wula}&night=false&cities=baotou,ordos`);
    const cities = new Set(res.json.aircraft.map((item: EtaItem) => item.city));
    expect([...cities].sort()).toEqual(["baotou", "ordos"]);
  });

  it("adds the approval delay to every ETA", async () => {
    const res = await eta(`${wula}&night=false&approvalDelayMin=30&aircraftIds=${bell412.aircraftId}`);
    expect(res.json.aircraft[0].etaMin).toBeCloseTo(bell412.etaMin! + 30, 1);
    expect(res.json.aircraft[0].approvalDelayMin).toBe(30);
  });

  it("slows the outbound leg in a headwind", async () => {
    // Wind from the east (90 deg) at 40 km/h: the track is about 100 deg, so
    // nearly all of it is headwind.
    const res = await eta(`${wula}&night=false&windFromDeg=90&windSpeedKmh=40&aircraftIds=${bell412.aircraftId}`);
    expect(res.json.aircraft[0].groundSpeedKmh).toBeLessThan(226 - 35);
    expect(res.json.aircraft[0].etaMin).toBeGreaterThan(bell412.etaMin!);
  });

  it("explains night limits in both languages", async () => {
    const res = await eta(`${wula}&night=true`);
    const y5b: EtaItem = res.json.aircraft.find((item: EtaItem) => item.typeId === "y-5b");
    expect(y5b.status).toBe("unable");
    const night = y5b.reasons.find((reason) => reason.code === "night")!;
    expect(night.message["zh-CN"]).toContain("夜航");
    expect(night.message.en).toContain("night-capable");
  });

  it("decides night from the time", async () => {
    // 2026-06-21T16:00Z is 00:00 Beijing time, deep in the night at Bayannur.
    const res = await eta(`${wula}&time=2026-06-21T16:00:00Z`);
    const y5b: EtaItem = res.json.aircraft.find((item: EtaItem) => item.typeId === "y-5b");
    expect(y5b.reasons.map((reason) => reason.code)).toContain("night");
    expect(res.json.options.time).toBe("2026-06-21T16:00:00.000Z");
  });

  it("reports a bucket mission without a bucket", async () => {
    const res = await eta(`${wula}&night=false&withBucket=true`);
    const y12: EtaItem = res.json.aircraft.find((item: EtaItem) => item.typeId === "y-12");
    expect(y12.reasons.map((reason) => reason.code)).toContain("no_bucket");
  });

  it("rejects a target of zero minutes", async () => {
    const res = await eta(`${wula}&targetMin=0`);
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: "too_small", field: "targetMin", value: "0" });
    expect(res.json.error.message).toContain("targetMin");
  });

  it("rejects a non-numeric target", async () => {
    const res = await eta(`${wula}&targetMin=two-hours`);
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ field: "targetMin", value: "two-hours" });
  });

  it("rejects wind above 150 km/h", async () => {
    const res = await eta(`${wula}&windFromDeg=90&windSpeedKmh=400`, t.tokens.dispatcher);
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: "too_big", field: "windSpeedKmh", value: "400", expected: "150" });
  });

  it("rejects a wind direction above 360", async () => {
    const res = await eta(`${wula}&windFromDeg=400&windSpeedKmh=20`);
    expect(res.json.error).toMatchObject({ code: "too_big", field: "windFromDeg" });
  });

  it("rejects a wind speed without a direction", async () => {
    const res = await eta(`${wula}&windSpeedKmh=20`);
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: "missing_field", field: "windFromDeg" });
  });

  it("rejects swapped coordinates", async () => {
    const res = await eta("lon=40.72&lat=109.25", t.tokens.viewer);
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: "coordinates_swapped", field: "lon", value: "40.72" });
  });

  it("rejects a latitude out of range", async () => {
    const res = await eta("lon=200&lat=95");
    expect(res.json.error).toMatchObject({ code: "coordinate_out_of_range", field: "lon" });
  });

  it("rejects a point outside the service region", async () => {
    const res = await eta("lon=116.4&lat=39.9");
    expect(res.json.error).toMatchObject({ code: "outside_service_region", field: "lon" });
  });

  it("rejects a missing latitude", async () => {
    const res = await eta("lon=109.25");
    expect(res.json.error).toMatchObject({ code: "missing_field", field: "lat" });
  });

  it("rejects an unknown aircraft id", async () => {
    const res = await eta(`${wula}&aircraftIds=${bell412.aircraftId},99999`);
    expect(res.status).toBe(422);
    expect(res.json.errors).toEqual([expect.objectContaining({ code: "reference_not_found", field: "aircraftIds", value: 99999 })]);
  });

  it("rejects an unknown status", async () => {
    const res = await eta(`${wula}&includeStatuses=available,flying`);
    expect(res.json.error).toMatchObject({ code: "invalid_value", field: "includeStatuses.1" });
  });

  it("rejects an unknown city", async () => {
    const res = await eta(`${wula}&cities=beijing`);
    expect(res.status).toBe(400);
    expect(res.json.error.field).toBe("cities");
  });

  it("rejects time together with night", async () => {
    const res = await eta(`${wula}&night=true&time=2026-06-21T16:00:00Z`);
    expect(res.json.error).toMatchObject({ code: "conflicting_fields", field: "night" });
  });

  it("rejects an unknown parameter", async () => {
    const res = await eta(`${wula}&targetMinutes=90`);
    expect(res.json.error).toMatchObject({ code: "unknown_field", field: "targetMinutes" });
  });

  it("answers in English on request", async () => {
    const res = await t.call("GET", `/api/v1/eta?${wula}&targetMin=0`, { language: "en" });
    expect(res.json.error.message).toBe("targetMin: must be at least 1, got \"0\"");
  });

  it("prefers the aircraft's own readiness", async () => {
    const patched = await t.call("PATCH", `/api/v1/aircraft/${bell412.aircraftId}`, { body: { readinessDayMin: 5 } });
    expect(patched.status).toBe(200);
    const res = await eta(`${wula}&night=false&aircraftIds=${bell412.aircraftId}`);
    expect(res.json.aircraft[0].readinessMin).toBe(5);
    expect(res.json.aircraft[0].etaMin).toBeCloseTo(bell412.etaMin! - 10, 1);
    await t.call("PATCH", `/api/v1/aircraft/${bell412.aircraftId}`, { body: { readinessDayMin: null } });
  });

  it("needs a token", async () => {
    const res = await eta(wula, null as unknown as string);
    expect(res.status).toBe(401);
  });
});
