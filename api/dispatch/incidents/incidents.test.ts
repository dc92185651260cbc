import { beforeAll, describe, expect, it } from "vitest";

import { testApp } from "../../test/app.js";
import { incidentBody, wulaFireFront, wulaForestLonLat } from "../test/factories.js";

let t: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  t = await testApp();
});

describe("incidents", () => {
  it("creates a point incident", async () => {
    const created = await t.call("POST", "/api/v1/incidents", { body: incidentBody(), token: t.tokens.dispatcher });

    expect(created.status).toBe(201);
    expect(created.json.kind).toBe("forest_fire");
    expect(created.json.status).toBe("open");
    expect(created.json.lonLat).toEqual(wulaForestLonLat);
    expect(created.json.geometry).toEqual({ type: "Point", coordinates: wulaForestLonLat });
    expect(created.json.reportedAt).toBe("2026-06-15T02:30:00.000Z");
    expect(created.json.createdBy).toBe("test dispatcher");
  });

  it("stores reportedAt in UTC", async () => {
    const created = await t.call("POST", "/api/v1/incidents", { body: incidentBody({ reportedAt: "2026-06-15T10:30:00+08:00" }) });

    expect(created.json.reportedAt).toBe("2026-06-15T02:30:00.000Z");
  });

  it("creates a fire front with a target inside it", async () => {
    const created = await t.call("POST", "/api/v1/incidents", { body: incidentBody({ geometry: wulaFireFront }) });

    expect(created.status).toBe(201);
    expect(created.json.geometry.type).toBe("Polygon");
    const [lon, lat] = created.json.lonLat;
    expect(lon).toBeGreaterThan(109.14);
    expect(lon).toBeLessThan(109.165);
    expect(lat).toBeGreaterThan(40.715);
    expect(lat).toBeLessThan(40.725);
  });

  it("rejects invalid fields by name", async () => {
    const body = { ...incidentBody({ kind: "volcano", priority: 9, extra: 1 }) } as Record<string, unknown>;
    delete body.reportedAt;
    const response = await t.call("POST", "/api/v1/incidents", { body, language: "en" });

    expect(response.status).toBe(422);
    const fields = response.json.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`);
    expect(fields).toContain("kind:invalid_value");
    expect(fields).toContain("priority:too_big");
    expect(fields).toContain("reportedAt:missing_field");
    expect(fields).toContain("extra:unknown_field");
    expect(response.json.errors.find((e: { field: string }) => e.field === "priority").message).toBe("priority: must be at most 5, got 9");
  });

  it("rejects swapped coordinates", async () => {
    const response = await t.call("POST", "/api/v1/incidents", {
      body: incidentBody({ geometry: { type: "Point", coordinates: [40.72, 109.15] } }),
    });

    expect(response.status).toBe(422);
    expect(response.json.error.code).toBe("coordinates_swapped");
    expect(response.json.error.field).toBe("geometry.coordinates");
  });

  it("rejects a line geometry", async () => {
    const response = await t.call("POST", "/api/v1/incidents", {
      body: incidentBody({ geometry: { type: "LineString", coordinates: [wulaForestLonLat, [109.2, 40.8]] } }),
    });

    expect(response.status).toBe(422);
    expect(response.json.error.code).toBe("wrong_geometry_type");
    expect(response.json.error.field).toBe("geometry.type");
  });

  it("rejects a self-intersecting fire front", async () => {
    const bowTie = { type: "Polygon", coordinates: [[[109.1, 40.7], [109.2, 40.8], [109.2, 40.7], [109.1, 40.8], [109.1, 40.7]]] };
    const response = await t.call("POST", "/api/v1/incidents", { body: incidentBody({ geometry: bowTie }) });

    expect(response.status).toBe(422);
    expect(response.json.error.code).toBe("self_intersecting");
  });

  it("rejects a report time in the future", async () => {
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const response = await t.call("POST", "/api/v1/incidents", { body: incidentBody({ reportedAt: future }) });

    expect(response.status).toBe(422);
    expect(response.json.error.field).toBe("reportedAt");
    expect(response.json.error.code).toBe("invalid_value");
  });

  it("rejects writes from a viewer", async () => {
    const response = await t.call("POST", "/api/v1/incidents", { body: incidentBody(), token: t.tokens.viewer });

    expect(response.status).toBe(403);
  });

  it("lets any token read", async () => {
    const created = await t.call("POST", "/api/v1/incidents", { body: incidentBody() });
    const read = await t.call("GET", `/api/v1/incidents/${created.json.id}`, { token: t.tokens.viewer });
    const list = await t.call("GET", "/api/v1/incidents?status=open", { token: t.tokens.coordinator });

    expect(read.status).toBe(200);
    expect(read.json).toEqual(created.json);
    expect(list.json.items.some((item: { id: number }) => item.id === created.json.id)).toBe(true);
  });

  it("updates and closes an incident", async () => {
    const created = await t.call("POST", "/api/v1/incidents", { body: incidentBody() });
    const id = created.json.id;

    const updated = await t.call("PATCH", `/api/v1/incidents/${id}`, { body: { priority: 2, geometry: wulaFireFront }, token: t.tokens.dispatcher });
    expect(updated.status).toBe(200);
    expect(updated.json.priority).toBe(2);
    expect(updated.json.geometry.type).toBe("Polygon");

    const closed = await t.call("POST", `/api/v1/incidents/${id}/close`, { body: { notes: "明火已扑灭" }, token: t.tokens.dispatcher });
    expect(closed.status).toBe(200);
    expect(closed.json.status).toBe("closed");
    expect(closed.json.closedBy).toBe("test dispatcher");
    expect(closed.json.closedAt).not.toBeNull();

    const again = await t.call("PATCH", `/api/v1/incidents/${id}`, { body: { priority: 3 }, language: "en" });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("incident_closed");
    expect(again.json.error.message).toMatch(/closed/);
  });

  it("returns 404 for an unknown incident", async () => {
    const response = await t.call("GET", "/api/v1/incidents/999999");

    expect(response.status).toBe(404);
  });
});
