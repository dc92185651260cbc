import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { seedDemo } from "../../scripts/seed.js";
import { testApp } from "../test/app.js";
import { estimateRemainingEndurance } from "./airborne.js";

const t = await testApp({ tracking: {} });
await seedDemo(t.database);

const nowMs = Date.now();

async function storePosition(icaoAddress: string, minutesAgo: number, onGround: boolean) {
  const time = new Date(nowMs - minutesAgo * 60_000).toISOString();
  await t.database.db.execute(sql`
    INSERT INTO positions (icao_address, time, location, on_ground, source)
    VALUES (${icaoAddress}, ${time}::timestamptz, ST_SetSRID(ST_MakePoint(107.74, 40.93), 4326), ${onGround}, 'test')`);
}

async function aircraftId(registration: string): Promise<number> {
  const fleet = await t.call("GET", "/api/v1/aircraft?limit=1000");
  return fleet.json.items.find((item: { registration: string }) => item.registration === registration).id;
}

describe("estimateRemainingEndurance", () => {
  it("counts from the last ground report", async () => {
    // On the ground 70 minutes ago, airborne from 60 minutes ago: 210 - 60 = 150 min left.
    await storePosition("AAAA01", 70, true);
    for (const minutesAgo of [60, 40, 20, 1]) {
      await storePosition("AAAA01", minutesAgo, false);
    }
    const remainingMin = await estimateRemainingEndurance(t.database, "AAAA01", 210, nowMs);
    expect(remainingMin).toBeCloseTo(150, 3);
  });

  it("returns null without history", async () => {
    expect(await estimateRemainingEndurance(t.database, "AAAA02", 210, nowMs)).toBeNull();
  });

  it("returns null when the flight may predate the window", async () => {
    // Airborne since 205 of the last 210 minutes with no ground report: take-off unknown.
    await storePosition("AAAA03", 205, false);
    await storePosition("AAAA03", 5, false);
    expect(await estimateRemainingEndurance(t.database, "AAAA03", 210, nowMs)).toBeNull();
  });

  it("looks back one endurance only", async () => {
    // Landed 100 and took off 95 minutes ago: outside a 60 or 90 minute window, inside 120.
    await storePosition("AAAA04", 100, true);
    await storePosition("AAAA04", 95, false);
    expect(await estimateRemainingEndurance(t.database, "AAAA04", 60, nowMs)).toBeNull();
    expect(await estimateRemainingEndurance(t.database, "AAAA04", 90, nowMs)).toBeNull();
    expect(await estimateRemainingEndurance(t.database, "AAAA04", 120, nowMs)).toBeCloseTo(25, 3);
  });
});

describe("GET /api/v1/eta with live tracks", () => {
  it("starts an airborne aircraft at its live position", async () => {
    // The Linhe Bell 412 (7BFE01) took off 30 minutes ago and is now over Wuyuan.
    await storePosition("7BFE01", 31, true);
    await storePosition("7BFE01", 30, false);
    t.tracking!.ingest({ icaoAddress: "7BFE01", timeMs: Date.now(), sourceId: "test", lonLat: [108.5, 40.9], onGround: false });

    const id = await aircraftId("B-7Z41");
    const res = await t.call("GET", `/api/v1/eta?lon=109.25&lat=40.72&night=false&aircraftIds=${id}`);
    const item = res.json.aircraft[0];
    expect(item.airborne).toBe(true);
    expect(item.startLonLat).toEqual([108.5, 40.9]);
    // Airborne: no readiness time, and 210 - 30 = 180 min of fuel is plenty for 70 km.
    expect(item.readinessMin).toBe(0);
    expect(item.distanceKm).toBeGreaterThan(60);
    expect(item.distanceKm).toBeLessThan(70);
    expect(item.status).toBe("ok");
  });

  it("reports unknown fuel without a take-off time", async () => {
    t.tracking!.ingest({ icaoAddress: "7BFE07", timeMs: Date.now(), sourceId: "test", lonLat: [109.0, 40.7], onGround: false });

    const id = await aircraftId("B-7Z26");
    const res = await t.call("GET", `/api/v1/eta?lon=109.25&lat=40.72&night=false&aircraftIds=${id}`, { language: "en" });
    const item = res.json.aircraft[0];
    expect(item.airborne).toBe(true);
    expect(item.status).toBe("unable");
    expect(item.reasons[0].code).toBe("endurance_unknown");
    expect(item.reasons[0].message.en).toContain("take-off time is unknown");
  });
});
