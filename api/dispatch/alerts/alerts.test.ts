import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type WebSocket from "ws";

import { distanceToLineKm } from "../../../tracking/alerts/geometry.js";
import { incidentBody, linheLonLat } from "../test/factories.js";
import { observation, waitFor } from "../test/flight.js";
import { collectFrames } from "../test/frames.js";
import { startDispatchServer, type DispatchServer } from "../test/server.js";
import { alertFrameFields } from "./frame.js";

let s: DispatchServer;
let socket: WebSocket;
let frames: Array<{ type: string; change: string; alert: Record<string, unknown> }>;
const minute = 60_000;

beforeAll(async () => {
  s = await startDispatchServer();
  ({ socket, frames } = await collectFrames<{ type: string; change: string; alert: Record<string, unknown> }>(s.wsUrl, s.tokens.viewer, "alert"));
});

afterAll(async () => {
  socket.close();
  await s.close();
});

// Waits for the WebSocket frame reporting `change` on an alert of this kind and aircraft.
async function frame(kind: string, aircraftId: number, change: string, level?: string) {
  return waitFor(() =>
    frames.find((f) => f.alert.kind === kind && f.alert.aircraftId === aircraftId && f.change === change && (level === undefined || f.alert.level === level)),
  );
}

async function openAlerts(aircraftId: number, kind: string) {
  return s.database.sql<{ id: number; level: string }[]>`
    SELECT id, level::text FROM alerts WHERE aircraft_id = ${aircraftId} AND kind = ${kind} AND cleared_at IS NULL`;
}

async function allAlerts(aircraftId: number, kind: string) {
  return s.database.sql<{ id: number }[]>`SELECT id FROM alerts WHERE aircraft_id = ${aircraftId} AND kind = ${kind}`;
}

describe("lost contact", () => {
  it("raises, escalates, is acknowledged and clears", async () => {
    const aircraftId = await s.aircraftId("B-7Z26");
    const t0 = s.now();
    const lonLat: [number, number] = [108.5, 40.9];
    await s.feed(observation("7BFE07", { lonLat, timeMs: t0 }));

    await s.advanceTo(t0 + 2.9 * minute);
    expect(await openAlerts(aircraftId, "lost_contact")).toEqual([]);

    await s.advanceTo(t0 + 3 * minute);
    const raised = await frame("lost_contact", aircraftId, "raised");
    expect(raised.alert.level).toBe("warning");
    expect((raised.alert.message as Record<string, string>)["zh-CN"]).toContain("失去联络");
    expect((raised.alert.message as Record<string, string>).en).toContain("lost contact");

    await s.advanceTo(t0 + 5 * minute);
    await s.advanceTo(t0 + 6 * minute);
    expect((await allAlerts(aircraftId, "lost_contact")).length).toBe(1);

    const ack = await s.call("POST", `/api/v1/alerts/${raised.alert.id}/acknowledge`, { token: s.tokens.dispatcher });
    expect(ack.status).toBe(200);
    expect(ack.json.acknowledgedBy).toBe("test dispatcher");
    expect(ack.json.acknowledgedAt).toBe(new Date(t0 + 6 * minute).toISOString());
    await frame("lost_contact", aircraftId, "acknowledged");

    await s.advanceTo(t0 + 15 * minute);
    const alarm = await frame("lost_contact", aircraftId, "level_changed", "alarm");
    expect(alarm.alert.id).toBe(raised.alert.id);
    expect(alarm.alert.acknowledgedAt).toBeNull();

    await s.advanceTo(t0 + 30 * minute);
    const escalation = await frame("lost_contact", aircraftId, "level_changed", "escalation");
    expect(escalation.alert.id).toBe(raised.alert.id);

    await s.feed(observation("7BFE07", { lonLat, timeMs: t0 + 31 * minute }));
    const cleared = await frame("lost_contact", aircraftId, "cleared");
    expect(cleared.alert.clearedAt).toBe(new Date(t0 + 31 * minute).toISOString());
    expect(await openAlerts(aircraftId, "lost_contact")).toEqual([]);

    const late = await s.call("POST", `/api/v1/alerts/${raised.alert.id}/acknowledge`, { token: s.tokens.dispatcher, language: "en" });
    expect(late.status).toBe(409);
    expect(late.json.error.code).toBe("alert_cleared");

    await s.feed(observation("7BFE07", { lonLat, timeMs: t0 + 32 * minute }, { onGround: true, groundSpeedKmh: 0 }));
  });

  it("rejects acknowledgement by a viewer", async () => {
    const response = await s.call("POST", "/api/v1/alerts/1/acknowledge", { token: s.tokens.viewer });

    expect(response.status).toBe(403);
  });
});

describe("emergency squawk", () => {
  it("raises an emergency distinct from lost contact", async () => {
    const aircraftId = await s.aircraftId("B-7Z41");
    const t0 = s.now();
    await s.feed(observation("7BFE01", { lonLat: [107.9, 41.0], timeMs: t0 + 10_000 }, { squawk: "7700" }));

    const raised = await frame("emergency_squawk", aircraftId, "raised");
    expect(raised.alert.level).toBe("emergency");
    expect((raised.alert.message as Record<string, string>)["zh-CN"]).toBe("BYNR01（B-7Z41） 应答机发出紧急代码 7700：紧急情况");
    expect((raised.alert.message as Record<string, string>).en).toBe("BYNR01 (B-7Z41) is squawking 7700: general emergency");

    await s.feed(observation("7BFE01", { lonLat: [107.91, 41.0], timeMs: t0 + 20_000 }, { squawk: "7700" }));
    expect((await allAlerts(aircraftId, "emergency_squawk")).length).toBe(1);

    await s.feed(observation("7BFE01", { lonLat: [107.92, 41.0], timeMs: t0 + 30_000 }, { squawk: "1200" }));
    await frame("emergency_squawk", aircraftId, "cleared");
    await s.feed(observation("7BFE01", { lonLat: [107.92, 41.0], timeMs: t0 + 40_000 }, { onGround: true, groundSpeedKmh: 0 }));
  });
});

describe("route deviation", () => {
  it("warns off the patrol corridor and clears back on it", async () => {
    const routes = await s.database.sql<{ id: number; path: { coordinates: number[][] }; corridorWidthKm: number }[]>`
      SELECT id, ST_AsGeoJSON(path)::json AS path, corridor_width_km::float8 AS "corridorWidthKm" FROM patrol_routes WHERE name_en = 'Wula Mountains forest loop'`;
    const route = routes[0]!;
    const vertex = route.path.coordinates[0] as [number, number];
    const offRoute: [number, number] = [vertex[0], vertex[1] - 0.2];
    expect(distanceToLineKm(offRoute, route.path.coordinates)).toBeGreaterThan(route.corridorWidthKm);

    const aircraftId = await s.aircraftId("B-7Z45");
    const incident = await s.call("POST", "/api/v1/incidents", { body: incidentBody({ kind: "search_and_rescue" }) });
    const mission = await s.call("POST", "/api/v1/missions", {
      body: { incidentId: incident.json.id, aircraftId, patrolRouteId: route.id },
      // B-7Z45 belongs to Baotou, whose dispatchers may send it.
      token: await s.tokenOf("dispatcher", "baotou"),
    });
    expect(mission.status).toBe(201);

    const t0 = s.now();
    await s.feed(observation("7BFE09", { lonLat: vertex, timeMs: t0 + 10_000 }, { groundSpeedKmh: 150 }));
    expect(await openAlerts(aircraftId, "route_deviation")).toEqual([]);

    await s.feed(observation("7BFE09", { lonLat: offRoute, timeMs: t0 + 8 * minute }, { groundSpeedKmh: 150 }));
    const raised = await frame("route_deviation", aircraftId, "raised");
    expect(raised.alert.missionId).toBe(mission.json.id);
    expect(raised.alert.details).toMatchObject({ corridorWidthKm: route.corridorWidthKm });

    await s.feed(observation("7BFE09", { lonLat: vertex, timeMs: t0 + 16 * minute }, { groundSpeedKmh: 150 }));
    await frame("route_deviation", aircraftId, "cleared");
    await s.call("POST", `/api/v1/missions/${mission.json.id}/status`, { body: { status: "returning" }, token: s.tokens.dispatcher });
    await s.call("POST", `/api/v1/missions/${mission.json.id}/status`, { body: { status: "landed" }, token: s.tokens.dispatcher });
  });
});

describe("restricted areas", () => {
  const box = { type: "Polygon", coordinates: [[[108.15, 41.15], [108.25, 41.15], [108.25, 41.25], [108.15, 41.25], [108.15, 41.15]]] };

  it("raises on entry and clears on exit", async () => {
    const created = await s.call("POST", "/api/v1/restricted-areas", {
      body: { nameZh: "临时管制区", nameEn: "Temporary restriction", geometry: box },
      token: s.tokens.dispatcher,
    });
    expect(created.status).toBe(201);
    const aircraftId = await s.aircraftId("B-7Z25");
    const t0 = s.now();

    await s.feed(observation("7BFE06", { lonLat: [108.1, 41.2], timeMs: t0 + 10_000 }));
    expect(await openAlerts(aircraftId, "restricted_area")).toEqual([]);
    await s.feed(observation("7BFE06", { lonLat: [108.2, 41.2], timeMs: t0 + 3 * minute }));
    const raised = await frame("restricted_area", aircraftId, "raised");
    expect(raised.alert.details).toMatchObject({ restrictedAreaId: created.json.id, nameZh: "临时管制区" });
    expect((raised.alert.message as Record<string, string>).en).toBe("BYNR04 (B-7Z25) entered restricted area Temporary restriction");

    await s.feed(observation("7BFE06", { lonLat: [108.3, 41.2], timeMs: t0 + 6 * minute }));
    await frame("restricted_area", aircraftId, "cleared");
    await s.feed(observation("7BFE06", { lonLat: [108.3, 41.2], timeMs: t0 + 7 * minute }, { onGround: true, groundSpeedKmh: 0 }));
  });

  it("lists, updates and deletes an area", async () => {
    const created = await s.call("POST", "/api/v1/restricted-areas", { body: { nameZh: "演练区", geometry: box, activeUntil: "2099-01-01T00:00:00Z" } });
    const id = created.json.id;

    expect(created.json.geometry.type).toBe("MultiPolygon");
    expect(created.json.properties.activeUntil).toBe("2099-01-01T00:00:00.000Z");
    const list = await s.call("GET", "/api/v1/restricted-areas", { token: s.tokens.viewer });
    expect(list.json.features.map((f: { id: number }) => f.id)).toContain(id);

    const updated = await s.call("PATCH", `/api/v1/restricted-areas/${id}`, { body: { nameEn: "Exercise area" }, token: s.tokens.dispatcher });
    expect(updated.json.properties.nameEn).toBe("Exercise area");

    expect((await s.call("DELETE", `/api/v1/restricted-areas/${id}`, { token: s.tokens.dispatcher })).status).toBe(204);
    expect((await s.call("GET", `/api/v1/restricted-areas/${id}`)).status).toBe(404);
  });

  it("rejects a window that ends before it starts", async () => {
    const response = await s.call("POST", "/api/v1/restricted-areas", {
      body: { nameZh: "错误区", geometry: box, activeFrom: "2026-06-02T00:00:00Z", activeUntil: "2026-06-01T00:00:00Z" },
    });

    expect(response.status).toBe(422);
    expect(response.json.error.field).toBe("activeUntil");
  });

  it("rejects a point and a viewer", async () => {
    const point = await s.call("POST", "/api/v1/restricted-areas", { body: { nameZh: "点", geometry: { type: "Point", coordinates: linheLonLat } } });
    const viewer = await s.call("POST", "/api/v1/restricted-areas", { body: { nameZh: "区", geometry: box }, token: s.tokens.viewer });

    expect(point.status).toBe(422);
    expect(point.json.error.code).toBe("wrong_geometry_type");
    expect(viewer.status).toBe(403);
  });
});

describe("low endurance", () => {
  it("raises when fuel left falls below home plus reserve", async () => {
    const aircraftId = await s.aircraftId("B-7Z33");
    const t0 = s.now();
    const lonLat: [number, number] = [109.5, 41.5];
    await s.feed(observation("7BFE0A", { lonLat, timeMs: t0 + 10_000 }));

    await s.feed(observation("7BFE0A", { lonLat, timeMs: t0 + 120 * minute }));
    expect(await openAlerts(aircraftId, "low_endurance")).toEqual([]);

    await s.feed(observation("7BFE0A", { lonLat, timeMs: t0 + 170 * minute }));
    const raised = await frame("low_endurance", aircraftId, "raised");
    expect(raised.alert.level).toBe("alarm");
    expect(Number((raised.alert.details as Record<string, number>).remainingMin)).toBeCloseTo(40.2, 0);

    await s.feed(observation("7BFE0A", { lonLat, timeMs: t0 + 171 * minute }, { onGround: true, groundSpeedKmh: 0 }));
    await frame("low_endurance", aircraftId, "cleared");
  });
});

describe("overdue", () => {
  it("warns past ETA plus margin and clears on scene", async () => {
    const aircraftId = await s.aircraftId("B-7Z39");
    const incident = await s.call("POST", "/api/v1/incidents", {
      body: incidentBody({ kind: "medical_evacuation", geometry: { type: "Point", coordinates: linheLonLat } }),
    });
    // B-7Z39 belongs to Ordos, whose dispatchers may send it.
    const ordosDispatcher = await s.tokenOf("dispatcher", "ordos");
    const mission = await s.call("POST", "/api/v1/missions", { body: { incidentId: incident.json.id, aircraftId }, token: ordosDispatcher });
    const dueMs = Date.parse(mission.json.dispatchedAt) + (mission.json.estimatedEtaMin + 15) * minute;

    await s.advanceTo(dueMs - minute);
    expect(await openAlerts(aircraftId, "overdue")).toEqual([]);
    await s.advanceTo(dueMs + minute);
    const raised = await frame("overdue", aircraftId, "raised");
    expect(raised.alert.missionId).toBe(mission.json.id);

    expect((await s.call("POST", `/api/v1/missions/${mission.json.id}/status`, { body: { status: "airborne" }, token: ordosDispatcher })).status).toBe(200);
    expect((await s.call("POST", `/api/v1/missions/${mission.json.id}/status`, { body: { status: "on_scene" }, token: ordosDispatcher })).status).toBe(200);
    await s.runtime.flush();
    await frame("overdue", aircraftId, "cleared");
  });
});

describe("alert frame", () => {
  it("declares every field it sends", async () => {
    expect(frames.length).toBeGreaterThan(0);
    for (const message of frames) {
      expect(Object.keys(message).sort()).toEqual(["alert", "change", "type"]);
      expect(Object.keys(message.alert).sort()).toEqual([...alertFrameFields].sort());
    }
  });

  it("lists alerts with the same fields", async () => {
    const list = await s.call("GET", "/api/v1/alerts?open=false", { token: s.tokens.viewer });

    expect(list.json.items.length).toBeGreaterThan(0);
    for (const item of list.json.items) {
      expect(Object.keys(item).sort()).toEqual([...alertFrameFields].sort());
    }
  });
});
