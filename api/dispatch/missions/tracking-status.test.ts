import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { leg, observation, type FlightPoint } from "../test/flight.js";
import { incidentBody, linheLonLat, wulaForestLonLat } from "../test/factories.js";
import { startDispatchServer, type DispatchServer } from "../test/server.js";

let s: DispatchServer;

// Demo bases and fleet from data/demo.
const gongmiaoziLonLat: [number, number] = [108.998835, 40.614366];
const linheBaseLonLat: [number, number] = [107.74093, 40.926358];
const uradMiddleLonLat: [number, number] = [108.378439, 41.694354];

beforeAll(async () => {
  s = await startDispatchServer();
});

afterAll(async () => {
  await s.close();
});

// Dispatches as a dispatcher of `city`, the city that may dispatch the aircraft.
async function dispatch(registration: string, overrides: Record<string, unknown> = {}, city = "bayannur") {
  const incident = await s.call("POST", "/api/v1/incidents", { body: incidentBody(overrides) });
  const mission = await s.call("POST", "/api/v1/missions", {
    // These tests follow status changes at any hour of the clock, so they
    // override the model's night and range check that missions.test.ts covers.
    body: { incidentId: incident.json.id, aircraftId: await s.aircraftId(registration), override: true },
    token: city === "bayannur" ? s.tokens.dispatcher : await s.tokenOf("dispatcher", city),
  });
  expect(mission.status).toBe(201);
  return mission.json.id as number;
}

async function mission(id: number) {
  return (await s.call("GET", `/api/v1/missions/${id}`)).json;
}

async function fly(icao: string, points: FlightPoint[], fields: Record<string, unknown> = {}) {
  for (const point of points) {
    await s.feed(observation(icao, point, { groundSpeedKmh: 200, ...fields }));
  }
}

describe("status from tracking", () => {
  it("follows a bucket sortie from take-off to landing", async () => {
    const id = await dispatch("B-7Z26");
    const icao = "7BFE07";
    const t0 = s.now();

    await s.feed(observation(icao, { lonLat: gongmiaoziLonLat, timeMs: t0 + 60_000 }, { onGround: true, groundSpeedKmh: 0, altitudeM: 1020 }));
    expect((await mission(id)).status).toBe("dispatched");

    // A tracker that reports no air/ground state: a climb of 80 m at hover speed.
    await s.feed(observation(icao, { lonLat: gongmiaoziLonLat, timeMs: t0 + 120_000 }, { onGround: null, groundSpeedKmh: 20, altitudeM: 1100 }));
    expect((await mission(id)).status).toBe("airborne");

    const outbound = leg(gongmiaoziLonLat, wulaForestLonLat, t0 + 120_000, 200);
    await fly(icao, outbound);
    const onScene = await mission(id);
    expect(onScene.status).toBe("on_scene");
    const arrivalPoint = outbound.find((p) => Math.hypot((p.lonLat[0] - 109.15) * 84.3, (p.lonLat[1] - 40.72) * 111.2) <= 2)!;
    expect(onScene.onSceneAt).toBe(new Date(arrivalPoint.timeMs).toISOString());
    expect(onScene.arrivalMin).toBeCloseTo((arrivalPoint.timeMs - t0) / 60_000, 1);

    const north: [number, number] = [109.15, 41.0];
    const away = leg(wulaForestLonLat, north, outbound.at(-1)!.timeMs, 200);
    await fly(icao, away);
    expect((await mission(id)).status).toBe("returning");

    const back = leg(north, wulaForestLonLat, away.at(-1)!.timeMs, 200);
    await fly(icao, back);
    const again = await mission(id);
    expect(again.status).toBe("on_scene");
    expect(again.arrivalMin).toBe(onScene.arrivalMin);

    const home = leg(wulaForestLonLat, gongmiaoziLonLat, back.at(-1)!.timeMs, 200);
    await fly(icao, home);
    expect((await mission(id)).status).toBe("on_scene");
    await s.feed(observation(icao, { lonLat: gongmiaoziLonLat, timeMs: home.at(-1)!.timeMs + 60_000 }, { onGround: true, groundSpeedKmh: 0 }));

    const landed = await mission(id);
    const baseIds = await s.database.sql<{ id: number }[]>`SELECT id FROM bases WHERE code = 'BYN-GONGMIAOZI'`;
    expect(landed.status).toBe("landed");
    expect(landed.landedBaseId).toBe(baseIds[0]!.id);
    expect(landed.timeline.map((e: { toStatus: string }) => e.toStatus)).toEqual([
      "requested",
      "dispatched",
      "airborne",
      "on_scene",
      "returning",
      "on_scene",
      "landed",
    ]);
    expect(landed.timeline.slice(2).every((e: { actor: string }) => e.actor === "tracking")).toBe(true);
    expect(await s.aircraftStatus(await s.aircraftId("B-7Z26"))).toBe("available");
  });

  it("takes off on speed and lands from returning", async () => {
    const id = await dispatch("B-7Z41", { kind: "medical_evacuation", geometry: { type: "Point", coordinates: linheLonLat } });
    const icao = "7BFE01";
    const t0 = s.now();

    await s.feed(observation(icao, { lonLat: linheBaseLonLat, timeMs: t0 + 30_000 }, { onGround: null, groundSpeedKmh: 120 }));
    expect((await mission(id)).status).toBe("airborne");

    const out = leg(linheBaseLonLat, [107.6, 40.85], t0 + 30_000, 200);
    await fly(icao, out);
    const manual = await s.call("POST", `/api/v1/missions/${id}/status`, { body: { status: "returning", note: "病人已转地面救护车" }, token: s.tokens.dispatcher });
    expect(manual.status).toBe(200);

    const home = leg([107.6, 40.85], linheBaseLonLat, out.at(-1)!.timeMs, 200);
    await fly(icao, home);
    await s.feed(observation(icao, { lonLat: linheBaseLonLat, timeMs: home.at(-1)!.timeMs + 60_000 }, { onGround: null, groundSpeedKmh: 5 }));

    const landed = await mission(id);
    expect(landed.status).toBe("landed");
    const events = landed.timeline.map((e: { toStatus: string; actor: string }) => `${e.toStatus}:${e.actor}`);
    expect(events).toEqual([
      "requested:test dispatcher",
      "dispatched:test dispatcher",
      "airborne:tracking",
      "returning:test dispatcher",
      "landed:tracking",
    ]);
    expect(landed.timeline[3].note).toBe("病人已转地面救护车");
  });

  it("counts the edge of a fire front as on scene", async () => {
    const front = { type: "Polygon", coordinates: [[[108.45, 41.5], [108.65, 41.5], [108.65, 41.6], [108.45, 41.6], [108.45, 41.5]]] };
    const id = await dispatch("B-7Z25", { geometry: front });
    const icao = "7BFE06";
    const t0 = s.now();

    await s.feed(observation(icao, { lonLat: uradMiddleLonLat, timeMs: t0 + 30_000 }, { onGround: false, groundSpeedKmh: 150 }));
    await fly(icao, leg(uradMiddleLonLat, [108.45, 41.61], t0 + 30_000, 200));

    expect((await mission(id)).status).toBe("on_scene");
  });

  it("leaves a dispatcher's change alone", async () => {
    const id = await dispatch("B-7Z31", { geometry: { type: "Point", coordinates: [108.6, 41.5] } });
    await s.call("POST", `/api/v1/missions/${id}/status`, { body: { status: "cancelled" }, token: s.tokens.dispatcher });
    await s.feed(observation("7BFE05", { lonLat: uradMiddleLonLat, timeMs: s.now() + 30_000 }, { onGround: false, groundSpeedKmh: 150 }));

    const cancelled = await mission(id);
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.timeline.length).toBe(3);
  });
});

describe("airborne candidates", () => {
  it("ranks an airborne aircraft from its live position", async () => {
    const incident = await s.call("POST", "/api/v1/incidents", { body: incidentBody({ kind: "flood", geometry: { type: "Point", coordinates: linheLonLat } }) });
    await s.feed(observation("7BFE0C", { lonLat: [107.5, 40.8], timeMs: s.now() + 10_000 }, { groundSpeedKmh: 200 }));

    const report = await s.call("GET", `/api/v1/incidents/${incident.json.id}/candidates`);
    const wuhaiH125 = report.json.candidates.find((c: { registration: string }) => c.registration === "B-7Z27");
    expect(wuhaiH125.airborne).toBe(true);
    expect(wuhaiH125.readinessMin).toBe(0);
    expect(wuhaiH125.distanceKm).toBeLessThan(15);
  });
});

describe("arrival statistics", () => {
  it("reports the share within target and the median", async () => {
    const t0 = s.now() + 10 * 86_400_000;
    const minute = 60_000;

    async function run(registration: string, kind: string, startMs: number, steps: Array<[string, number]>, city = "bayannur") {
      s.setNow(startMs);
      const id = await dispatch(registration, { kind, geometry: { type: "Point", coordinates: linheLonLat } }, city);
      // Only a dispatcher of the mission's city changes it by hand.
      const token = city === "bayannur" ? s.tokens.dispatcher : await s.tokenOf("dispatcher", city);
      for (const [status, atMin] of steps) {
        s.setNow(startMs + atMin * minute);
        const response = await s.call("POST", `/api/v1/missions/${id}/status`, { body: { status }, token });
        expect(response.status, status).toBe(200);
      }
    }

    await run("B-7Z41", "forest_fire", t0, [["airborne", 10], ["on_scene", 30], ["landed", 60]]);
    await run("B-7Z41", "forest_fire", t0 + 120 * minute, [["airborne", 10], ["on_scene", 150], ["landed", 170]]);
    await run("B-3Z12", "medical_evacuation", t0 + 300 * minute, [["airborne", 10], ["on_scene", 60], ["landed", 90]]);
    await run("B-7Z31", "medical_evacuation", t0 + 400 * minute, [["cancelled", 2]]);
    await run("B-7Z39", "flood", t0 + 500 * minute, [["airborne", 5]], "ordos");
    s.setNow(t0 + 510 * minute);

    const from = new Date(t0 - minute).toISOString();
    const to = new Date(t0 + 86_400_000).toISOString();
    const stats = await s.call("GET", `/api/v1/missions/stats?from=${from}&to=${to}`, { token: s.tokens.viewer });

    expect(stats.status).toBe(200);
    expect(stats.json.overall).toEqual({ missions: 4, arrived: 3, arrivedWithinTarget: 2, pending: 1, shareWithinTarget: 2 / 3, medianArrivalMin: 60 });
    const byKind = Object.fromEntries(stats.json.byKind.map((k: { kind: string }) => [k.kind, k]));
    expect(byKind.forest_fire.shareWithinTarget).toBe(0.5);
    expect(byKind.forest_fire.medianArrivalMin).toBe(90);
    expect(byKind.medical_evacuation.missions).toBe(1);
    expect(byKind.medical_evacuation.shareWithinTarget).toBe(1);
    expect(byKind.flood.pending).toBe(1);
    expect(byKind.flood.shareWithinTarget).toBeNull();
  });

  it("counts a late mission still en route as a miss", async () => {
    const t0 = s.now() + 20 * 86_400_000;
    s.setNow(t0);
    const id = await dispatch("B-7Z26", { kind: "flood", geometry: { type: "Point", coordinates: linheLonLat } });
    s.setNow(t0 + 121 * 60_000);

    const window = `from=${new Date(t0 - 60_000).toISOString()}&to=${new Date(t0 + 86_400_000).toISOString()}`;
    const stats = await s.call("GET", `/api/v1/missions/stats?${window}`);
    expect(stats.json.overall.pending).toBe(0);
    expect(stats.json.overall.shareWithinTarget).toBe(0);
    await s.call("POST", `/api/v1/missions/${id}/status`, { body: { status: "cancelled" }, token: s.tokens.dispatcher });
  });

  it("rejects a reversed window", async () => {
    const response = await s.call("GET", "/api/v1/missions/stats?from=2026-06-02T00:00:00Z&to=2026-06-01T00:00:00Z");

    expect(response.status).toBe(400);
    expect(response.json.error.field).toBe("from");
  });
});
