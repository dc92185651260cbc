import { beforeAll, describe, expect, it } from "vitest";

import { testApp } from "../test/app.js";
import {
  aircraftBody,
  aircraftTypeBody,
  baseFeature,
  landingPointFeature,
  patrolRouteFeature,
  riskAreaFeature,
} from "../test/factories.js";

let t: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  t = await testApp();
  await t.call("POST", "/api/v1/aircraft-types", { body: aircraftTypeBody() });
  await t.call("POST", "/api/v1/aircraft", { body: aircraftBody() });
});

async function countRows(table: string): Promise<number> {
  const rows = await t.database.sql.unsafe(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0]!.n as number;
}

describe("geometry validation", () => {
  it("rejects longitude out of range", async () => {
    const res = await t.call("POST", "/api/v1/landing-points", { body: landingPointFeature({}, { type: "Point", coordinates: [181, 40] }), language: "en" });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe("coordinate_out_of_range");
    expect(res.json.error.field).toBe("geometry.coordinates");
    expect(res.json.error.value).toEqual([181, 40]);
  });

  it("rejects latitude out of range", async () => {
    const res = await t.call("POST", "/api/v1/landing-points", { body: landingPointFeature({}, { type: "Point", coordinates: [10, -95] }) });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe("coordinate_out_of_range");
  });

  it("names swapped coordinates", async () => {
    const res = await t.call("POST", "/api/v1/bases", { body: baseFeature({ code: "SWAP" }, { type: "Point", coordinates: [40.926358, 107.74093] }), language: "en" });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe("coordinates_swapped");
    expect(res.json.error.message).toContain("[lon, lat]");
  });

  it("says swapped coordinates in Chinese by default", async () => {
    const res = await t.call("POST", "/api/v1/bases", { body: baseFeature({ code: "SWAP" }, { type: "Point", coordinates: [40.926358, 107.74093] }) });
    expect(res.json.error.message).toContain("经纬度似乎写反了");
  });

  it("rejects a point outside the service region", async () => {
    const res = await t.call("POST", "/api/v1/landing-points", { body: landingPointFeature({}, { type: "Point", coordinates: [116.4, 39.9] }) });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe("outside_service_region");
  });

  it("rejects the wrong geometry type", async () => {
    const res = await t.call("POST", "/api/v1/landing-points", {
      body: landingPointFeature({}, { type: "LineString", coordinates: [[107, 41], [108, 41]] }),
      language: "en",
    });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe("wrong_geometry_type");
    expect(res.json.error.field).toBe("geometry.type");
    expect(res.json.error.value).toBe("LineString");
    expect(res.json.error.message).toBe('geometry.type: geometry type must be Point, got "LineString"');
  });

  it("rejects an unclosed polygon", async () => {
    const ring = [[109, 40.6], [109.5, 40.6], [109.5, 40.8], [109, 40.8]];
    const res = await t.call("POST", "/api/v1/risk-areas", { body: riskAreaFeature({}, { type: "Polygon", coordinates: [[...ring, [109.1, 40.7]]] }) });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe("ring_not_closed");
    expect(res.json.error.field).toBe("geometry.coordinates.0");
  });

  it("rejects a self-intersecting polygon", async () => {
    const bowTie = [[109, 40.6], [109.5, 40.8], [109.5, 40.6], [109, 40.8], [109, 40.6]];
    const res = await t.call("POST", "/api/v1/risk-areas", { body: riskAreaFeature({}, { type: "Polygon", coordinates: [bowTie] }), language: "en" });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe("self_intersecting");
    expect(res.json.error.field).toBe("geometry");
    expect(res.json.error.message).toBe("geometry: polygon is self-intersecting (self-intersection near longitude 109.25, latitude 40.7), fix its outline");
    expect(res.json.error.expected).toBe("Self-intersection[109.25 40.7]");

    const zh = await t.call("POST", "/api/v1/risk-areas", { body: riskAreaFeature({}, { type: "Polygon", coordinates: [bowTie] }) });
    expect(zh.json.error.message).toBe("geometry：多边形自相交（边界自相交，位置约为经度 109.25、纬度 40.7），请修正边界");
  });

  it("says an empty name must not be empty", async () => {
    const res = await t.call("POST", "/api/v1/risk-areas", { body: riskAreaFeature({ nameZh: "" }) });
    expect(res.status).toBe(422);
    expect(res.json.error).toMatchObject({ code: "too_small", field: "properties.nameZh", value: "" });
    expect(res.json.error.message).toBe("properties.nameZh：不能为空");
  });

  it("counts the positions of a ring that is too short", async () => {
    const ring = [[109, 40.6], [109.5, 40.8], [109, 40.6]];
    const res = await t.call("POST", "/api/v1/risk-areas", { body: riskAreaFeature({}, { type: "Polygon", coordinates: [ring] }), language: "en" });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe("ring_too_short");
    expect(res.json.error.message).toBe("geometry.coordinates.0: a polygon ring needs at least 4 positions including the closing one, got 3");
  });

  it("rejects a route with one distinct point", async () => {
    const res = await t.call("POST", "/api/v1/patrol-routes", {
      body: patrolRouteFeature({}, { type: "LineString", coordinates: [[107.5, 41], [107.5, 41]] }),
    });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe("too_few_points");
    expect(res.json.error.message).toBe("geometry.coordinates：航线至少需要 2 个不同的点，收到 1 个");
  });

  it("leaves no row after a rejected write", async () => {
    const before = await countRows("risk_areas");
    const bowTie = [[109, 40.6], [109.5, 40.8], [109.5, 40.6], [109, 40.8], [109, 40.6]];
    await t.call("POST", "/api/v1/risk-areas", { body: riskAreaFeature({}, { type: "Polygon", coordinates: [bowTie] }) });
    expect(await countRows("risk_areas")).toBe(before);
  });
});

describe("property validation", () => {
  it("rejects unknown fields", async () => {
    const res = await t.call("POST", "/api/v1/bases", { body: baseFeature({ code: "UNKNOWN", radiusKm: 5 }), language: "en" });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe("unknown_field");
    expect(res.json.error.field).toBe("properties.radiusKm");
    expect(res.json.error.value).toBe(5);
  });

  it("rejects unknown top-level fields on plain JSON kinds", async () => {
    const res = await t.call("POST", "/api/v1/aircraft", { body: aircraftBody({ registration: "B-7999", icaoAddress: "780FFF", colour: "red" }) });
    expect(res.status).toBe(422);
    expect(res.json.error.field).toBe("colour");
  });

  it("rejects a negative cruise speed", async () => {
    const res = await t.call("POST", "/api/v1/aircraft-types", { body: aircraftTypeBody({ id: "neg", cruiseSpeedKmh: -10 }), language: "en" });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe("too_small");
    expect(res.json.error.field).toBe("cruiseSpeedKmh");
    expect(res.json.error.value).toBe(-10);
    expect(res.json.error.message).toBe("cruiseSpeedKmh: must be greater than 0, got -10");
  });

  it("says a zero size must be greater than 0", async () => {
    const res = await t.call("POST", "/api/v1/landing-points", { body: landingPointFeature({ sizeM: 0 }) });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe("too_small");
    expect(res.json.error.message).toBe("properties.sizeM：必须大于 0，收到 0");
  });

  it("rejects an unknown enum value", async () => {
    const res = await t.call("POST", "/api/v1/bases", { body: baseFeature({ code: "ENUM", kind: "airport" }) });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe("invalid_value");
    expect(res.json.error.expected).toContain("air_station");
  });

  it("rejects a missing required field", async () => {
    const { nameZh: _dropped, ...properties } = landingPointFeature().properties;
    const res = await t.call("POST", "/api/v1/landing-points", { body: { ...landingPointFeature(), properties } });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe("missing_field");
    expect(res.json.error.field).toBe("properties.nameZh");
  });

  it("rejects a malformed ICAO address", async () => {
    const res = await t.call("POST", "/api/v1/aircraft", { body: aircraftBody({ registration: "B-7001", icaoAddress: "78G1A2" }), language: "en" });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe("invalid_format");
    expect(res.json.error.field).toBe("icaoAddress");
    expect(res.json.error.message).toContain("6 hex digits");
  });

  it("lists every issue, not only the first", async () => {
    const res = await t.call("POST", "/api/v1/aircraft-types", { body: aircraftTypeBody({ id: "many", rangeKm: -1, enduranceMin: 0 }) });
    expect(res.json.errors.map((e: { field: string }) => e.field).sort()).toEqual(["enduranceMin", "rangeKm"]);
  });

  it("rejects invalid JSON", async () => {
    const res = await t.call("POST", "/api/v1/bases", { rawBody: "{not json" });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("invalid_json");
  });
});

describe("uniqueness and references", () => {
  it("rejects a duplicate ICAO address", async () => {
    const res = await t.call("POST", "/api/v1/aircraft", { body: aircraftBody({ registration: "B-7002" }), language: "en" });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe("duplicate_value");
    expect(res.json.error.field).toBe("icaoAddress");
    expect(res.json.error.value).toBe("7801A2");
  });

  it("rejects a duplicate registration", async () => {
    const res = await t.call("POST", "/api/v1/aircraft", { body: aircraftBody({ icaoAddress: "780002" }) });
    expect(res.status).toBe(409);
    expect(res.json.error.field).toBe("registration");
  });

  it("rejects a duplicate base code", async () => {
    await t.call("POST", "/api/v1/bases", { body: baseFeature({ code: "DUP" }) });
    const res = await t.call("POST", "/api/v1/bases", { body: baseFeature({ code: "DUP" }) });
    expect(res.status).toBe(409);
    expect(res.json.error.field).toBe("properties.code");
  });

  it("rejects an unknown aircraft type", async () => {
    const res = await t.call("POST", "/api/v1/aircraft", { body: aircraftBody({ registration: "B-7003", icaoAddress: "780003", typeId: "no-such-type" }) });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe("reference_not_found");
    expect(res.json.error.field).toBe("typeId");
  });

  it("refuses to delete a type in use", async () => {
    const res = await t.call("DELETE", "/api/v1/aircraft-types/bell-412ep");
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe("in_use");
  });

  it("returns 404 for an unknown id", async () => {
    const res = await t.call("GET", "/api/v1/bases/999999");
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe("not_found");
  });

  it("rejects a non-numeric id", async () => {
    const res = await t.call("GET", "/api/v1/bases/abc");
    expect(res.status).toBe(400);
    expect(res.json.error.field).toBe("id");
  });
});
