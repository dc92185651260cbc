import { beforeAll, describe, expect, it } from "vitest";

import { testApp } from "../test/app.js";
import {
  aircraftBody,
  aircraftTypeBody,
  baseFeature,
  landingPointFeature,
  linheAirportLonLat,
  patrolRouteFeature,
  riskAreaFeature,
  waterSourceFeature,
} from "../test/factories.js";

let t: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  t = await testApp();
});

describe("asset CRUD", () => {
  const spatialKinds = [
    { path: "bases", make: baseFeature, patch: { nameEn: "Renamed station" } },
    { path: "landing-points", make: landingPointFeature, patch: { sizeM: 80 } },
    { path: "water-sources", make: waterSourceFeature, patch: { minDepthM: 3.5 } },
    { path: "patrol-routes", make: patrolRouteFeature, patch: { corridorWidthKm: 8 } },
    { path: "risk-areas", make: riskAreaFeature, patch: { weight: 7 } },
  ] as const;

  for (const kind of spatialKinds) {
    it(`${kind.path} create, read, update, delete`, async () => {
      const body = kind.make({ nameZh: `${kind.path} 测试`, ...(kind.path === "bases" ? { code: `CRUD-${kind.path}` } : {}) });
      const created = await t.call("POST", `/api/v1/${kind.path}`, { body });
      expect(created.status).toBe(201);
      expect(created.json.type).toBe("Feature");
      const id = created.json.id;

      const read = await t.call("GET", `/api/v1/${kind.path}/${id}`);
      expect(read.status).toBe(200);
      expect(read.json.properties.nameZh).toBe(`${kind.path} 测试`);

      const patched = await t.call("PATCH", `/api/v1/${kind.path}/${id}`, { body: { type: "Feature", properties: kind.patch } });
      expect(patched.status).toBe(200);
      expect(patched.json.properties).toMatchObject(kind.patch);

      const removed = await t.call("DELETE", `/api/v1/${kind.path}/${id}`);
      expect(removed.status).toBe(204);
      expect((await t.call("GET", `/api/v1/${kind.path}/${id}`)).status).toBe(404);
    });
  }

  it("stores a Polygon risk area as MultiPolygon", async () => {
    const created = await t.call("POST", "/api/v1/risk-areas", { body: riskAreaFeature({ nameZh: "多边形" }) });
    expect(created.status).toBe(201);
    expect(created.json.geometry.type).toBe("MultiPolygon");
    expect(created.json.geometry.coordinates[0][0]).toHaveLength(5);
  });

  it("aircraft types and aircraft as plain JSON", async () => {
    const type = await t.call("POST", "/api/v1/aircraft-types", { body: aircraftTypeBody() });
    expect(type.status).toBe(201);
    expect(type.json.cruiseSpeedKmh).toBe(226);

    const base = await t.call("POST", "/api/v1/bases", { body: baseFeature({ code: "AIRCRAFT-HOME" }) });
    const plane = await t.call("POST", "/api/v1/aircraft", { body: aircraftBody({ homeBaseId: base.json.id, icaoAddress: "7801a2" }) });
    expect(plane.status).toBe(201);
    expect(plane.json.icaoAddress).toBe("7801A2");
    expect(plane.json.homeBaseId).toBe(base.json.id);

    const list = await t.call("GET", "/api/v1/aircraft");
    expect(list.status).toBe(200);
    expect(list.json.items.map((a: { registration: string }) => a.registration)).toContain("B-7412");

    const patched = await t.call("PATCH", `/api/v1/aircraft/${plane.json.id}`, { body: { status: "maintenance" } });
    expect(patched.json.status).toBe("maintenance");
  });

  it("responses carry only declared fields", async () => {
    const created = await t.call("POST", "/api/v1/bases", { body: baseFeature({ code: "FIELDS" }) });
    expect(Object.keys(created.json).sort()).toEqual(["geometry", "id", "properties", "type"]);
    expect(Object.keys(created.json.properties).sort()).toEqual(
      ["city", "code", "createdAt", "elevationM", "fuelAvailable", "id", "kind", "nameEn", "nameZh", "nightOperations", "notes", "source", "synthetic", "updatedAt"].sort(),
    );
  });
});

describe("asset lists", () => {
  beforeAll(async () => {
    for (let i = 0; i < 5; i++) {
      await t.call("POST", "/api/v1/landing-points", { body: landingPointFeature({ nameZh: `列表 ${i}` }, { type: "Point", coordinates: [107 + i * 0.5, 41] }) });
    }
  });

  it("filters by bbox", async () => {
    const list = await t.call("GET", "/api/v1/landing-points?bbox=107.9,40.9,108.6,41.1");
    expect(list.status).toBe(200);
    expect(list.json.type).toBe("FeatureCollection");
    const names = list.json.features.map((f: { properties: { nameZh: string } }) => f.properties.nameZh);
    expect(names).toEqual(["列表 2", "列表 3"]);
    expect(list.json.total).toBe(2);
  });

  it("pages with limit and offset", async () => {
    const first = await t.call("GET", "/api/v1/landing-points?bbox=106.9,40.9,109.1,41.1&limit=2&offset=0");
    const second = await t.call("GET", "/api/v1/landing-points?bbox=106.9,40.9,109.1,41.1&limit=2&offset=2");
    expect(first.json.features).toHaveLength(2);
    expect(second.json.features).toHaveLength(2);
    expect(first.json.total).toBe(5);
    expect(second.json.features[0].properties.nameZh).toBe("列表 2");
  });

  it("rejects a malformed bbox", async () => {
    const list = await t.call("GET", "/api/v1/landing-points?bbox=108,41,107,40", { language: "en" });
    expect(list.status).toBe(400);
    expect(list.json.error.code).toBe("invalid_query");
    expect(list.json.error.field).toBe("bbox");
  });

  it("rejects a limit above 1000", async () => {
    const list = await t.call("GET", "/api/v1/bases?limit=5000");
    expect(list.status).toBe(400);
    expect(list.json.error.code).toBe("too_big");
    expect(list.json.error.field).toBe("limit");
  });
});

describe("base position", () => {
  it("keeps the airport's real coordinates", async () => {
    const created = await t.call("POST", "/api/v1/bases", { body: baseFeature({ code: "COORDS" }) });
    expect(created.json.geometry.coordinates).toEqual(linheAirportLonLat);
  });
});
