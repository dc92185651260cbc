import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import { seedDemo } from "../../scripts/seed.js";
import { testApp } from "../test/app.js";
import { decodeEtaMin } from "./grid-encoding.js";

const t = await testApp();
await seedDemo(t.database);

interface AreaShare {
  areaKm2: number;
  reachedAreaKm2: number;
  shareOfArea: number;
}

async function coverage(query: string, token = t.tokens.viewer) {
  return t.call("GET", `/api/v1/coverage?night=false${query ? `&${query}` : ""}`, { token });
}

describe("GET /api/v1/coverage", () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let body: any;

  // At 120 minutes the own fleet reaches the whole city, so 60 minutes leaves gaps to measure.
  beforeAll(async () => {
    const res = await coverage("targetMin=60");
    expect(res.status).toBe(200);
    body = res.json;
  });

  it("draws isochrones per base at four thresholds", () => {
    expect(body.spec.thresholdsMin).toEqual([30, 60, 90, 120]);
    const codes = body.groups.map((group: { base: { code: string } }) => group.base.code);
    expect(codes).toEqual(["BYN-LINHE", "BYN-URAD-MIDDLE", "BYN-GONGMIAOZI"]);
    for (const group of body.groups) {
      expect(group.isochrones.map((entry: { thresholdMin: number }) => entry.thresholdMin)).toEqual([30, 60, 90, 120]);
      expect(["Polygon", "MultiPolygon"]).toContain(group.isochrones[3].geometry.type);
    }
    expect(body.union).toHaveLength(4);
  });

  it("uses own-city aircraft by default", () => {
    const cities = new Set(body.aircraft.map((aircraft: { city: string }) => aircraft.city));
    expect([...cities]).toEqual(["bayannur"]);
  });

  it("keeps every share between 0 and 1", () => {
    const shares: AreaShare[] = [body.shares.city, ...body.shares.counties, ...body.shares.riskAreas, body.shares.riskAreasTotal];
    for (const share of shares) {
      expect(share.shareOfArea).toBeGreaterThanOrEqual(0);
      expect(share.shareOfArea).toBeLessThanOrEqual(1);
      expect(share.reachedAreaKm2).toBeLessThanOrEqual(share.areaKm2 + 1e-6);
    }
    expect(body.shares.riskAreasTotal.riskWeightedShare).toBeGreaterThan(0);
    expect(body.shares.riskAreasTotal.riskWeightedShare).toBeLessThanOrEqual(1);
    expect(body.shares.counties).toHaveLength(7);
    expect(body.shares.riskAreas).toHaveLength(8);
  });

  it("grows shares with the threshold", () => {
    const shares = body.shares.cityByThreshold.map((entry: { shareOfArea: number }) => entry.shareOfArea);
    expect([...shares].sort((a: number, b: number) => a - b)).toEqual(shares);
    expect(shares[1]).toBeCloseTo(body.shares.city.shareOfArea, 4);
    expect(shares[1]).toBeLessThan(1);
  });

  it("matches the area-weighted mean of county shares", () => {
    const counties: AreaShare[] = body.shares.counties;
    const countyAreaKm2 = counties.reduce((sum, county) => sum + county.areaKm2, 0);
    const weightedMean = counties.reduce((sum, county) => sum + county.shareOfArea * county.areaKm2, 0) / countyAreaKm2;
    expect(Math.abs(weightedMean - body.shares.city.shareOfArea)).toBeLessThan(0.01);
  });

  it("measures the city near 65,000 km²", async () => {
    // Published area of Bayannur: about 65,000 km² (city government figure).
    expect(Math.abs(body.shares.city.areaKm2 - 65000) / 65000).toBeLessThan(0.02);
    const rows = await t.database.db.execute<{ areaKm2: number }>(
      sql`SELECT (ST_Area(area::geography) / 1e6)::float8 AS "areaKm2" FROM admin_areas WHERE adcode = '150800'`,
    );
    expect(Math.abs(rows[0]!.areaKm2 - 65000) / 65000).toBeLessThan(0.02);
  });

  it("agrees with PostGIS on the city share", async () => {
    const target = body.union.find((entry: { thresholdMin: number }) => entry.thresholdMin === 60);
    const rows = await t.database.db.execute<{ share: number }>(sql`
      SELECT (ST_Area(ST_Intersection(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(target.geometry)}), 4326), area)::geography)
              / ST_Area(area::geography))::float8 AS share
      FROM admin_areas WHERE adcode = '150800'`);
    expect(Math.abs(rows[0]!.share - body.shares.city.shareOfArea)).toBeLessThan(0.01);
  });

  it("returns valid polygons", async () => {
    const geometries = [
      ...body.union.map((entry: { geometry: unknown }) => entry.geometry),
      ...body.groups.flatMap((group: { isochrones: { geometry: unknown }[] }) => group.isochrones.map((entry) => entry.geometry)),
      body.gaps.geometry,
    ];
    for (const geometry of geometries) {
      const rows = await t.database.db.execute<{ reason: string }>(
        sql`SELECT ST_IsValidReason(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geometry)}), 4326)) AS reason`,
      );
      expect(rows[0]!.reason).toBe("Valid Geometry");
    }
  });

  it("cuts the reached area out of the city as gaps", () => {
    const unreachedKm2 = body.shares.city.areaKm2 - body.shares.city.reachedAreaKm2;
    expect(["Polygon", "MultiPolygon"]).toContain(body.gaps.geometry.type);
    expect(body.gaps.areaKm2).toBeGreaterThan(1000);
    expect(Math.abs(body.gaps.areaKm2 - unreachedKm2) / body.shares.city.areaKm2).toBeLessThan(0.01);
  });

  it("encodes the grid as Uint16 tenths of a minute", () => {
    const grid = body.grid;
    expect(grid.encoding).toBe("uint16le-base64");
    const etaMin = decodeEtaMin(grid);
    expect(etaMin).toHaveLength(grid.columns * grid.rows);

    // The cell holding the Linhe base: readiness 15 min plus at most a cell's flight.
    const [lonDeg, latDeg] = [107.74093, 40.926358];
    const column = Math.floor((lonDeg - grid.bbox[0]) / grid.cellWidthDeg);
    const row = Math.floor((grid.bbox[3] - latDeg) / grid.cellHeightDeg);
    const linheEtaMin = etaMin[row * grid.columns + column]!;
    expect(linheEtaMin).toBeGreaterThanOrEqual(15);
    expect(linheEtaMin).toBeLessThan(16);
    expect(grid.aircraftIds).toEqual(body.aircraft.map((aircraft: { aircraftId: number }) => aircraft.aircraftId));
  });

  it("agrees with the exact ETA at cell centres", async () => {
    // The grid uses a local distance approximation (within 0.07 %) and tenths of a minute.
    const grid = body.grid;
    const etaMin = decodeEtaMin(grid);
    expect(grid.columns).toBeGreaterThan(150);
    expect(grid.rows).toBeGreaterThan(120);
    for (const [row, column] of [[10, 150], [50, 75], [100, 30], [120, 125], [5, 5]] as const) {
      const lon = grid.bbox[0] + (column + 0.5) * grid.cellWidthDeg;
      const lat = grid.bbox[3] - (row + 0.5) * grid.cellHeightDeg;
      const res = await t.call("GET", `/api/v1/eta?lon=${lon}&lat=${lat}&night=false&cities=own`);
      const best = res.json.aircraft[0];
      const cellEtaMin = etaMin[row * grid.columns + column]!;
      if (best.status !== "ok") {
        expect(cellEtaMin, `cell ${row},${column}`).toBeNaN();
        continue;
      }
      expect(Math.abs(cellEtaMin - best.etaMin), `cell ${row},${column}`).toBeLessThan(0.2);
    }
  });

  it("groups by aircraft on request", async () => {
    const res = await coverage("groupBy=aircraft&thresholds=60,120&cellSizeM=5000");
    expect(res.status).toBe(200);
    expect(res.json.groups).toHaveLength(res.json.aircraft.length);
    expect(res.json.groups[0].kind).toBe("aircraft");
    expect(res.json.groups[0].isochrones).toHaveLength(2);
  });

  it("adds partner aircraft with cities=all", async () => {
    const own = await coverage("groupBy=none&cellSizeM=5000");
    const all = await coverage("groupBy=none&cellSizeM=5000&cities=all");
    expect(all.json.shares.city.shareOfArea).toBeGreaterThanOrEqual(own.json.shares.city.shareOfArea);
    expect(all.json.aircraft.length).toBeGreaterThan(own.json.aircraft.length);
  });

  it("computes a gap for a target off the thresholds", async () => {
    const res = await coverage("groupBy=none&cellSizeM=5000&targetMin=45&thresholds=30,60");
    expect(res.json.shares.targetMin).toBe(45);
    expect(res.json.gaps.thresholdMin).toBe(45);
    expect(res.json.gaps.areaKm2).toBeGreaterThan(0);
  });

  it("rejects a cell size under 500 m", async () => {
    const res = await coverage("cellSizeM=100");
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: "too_small", field: "cellSizeM", value: "100", expected: "500" });
  });

  it("rejects a bbox with west past east", async () => {
    const res = await coverage("bbox=109,40,107,41");
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: "invalid_query", field: "bbox", value: "109,40,107,41" });
  });

  it("rejects a bbox outside the service region", async () => {
    const res = await coverage("bbox=116,39,117,40");
    expect(res.json.error).toMatchObject({ code: "invalid_query", field: "bbox" });
  });

  it("rejects a grid of too many cells", async () => {
    const res = await coverage("bbox=96,36.5,112.5,43.5&cellSizeM=500");
    expect(res.status).toBe(422);
    expect(res.json.error).toMatchObject({ code: "grid_too_large", field: "cellSizeM", expected: "1000000" });
  });

  it("rejects a non-numeric threshold", async () => {
    const res = await coverage("thresholds=30,soon");
    expect(res.status).toBe(400);
    expect(res.json.error.field).toBe("thresholds.1");
  });

  it("rejects a target of zero minutes", async () => {
    const res = await coverage("targetMin=0");
    expect(res.json.error).toMatchObject({ code: "too_small", field: "targetMin" });
  });

  it("rejects an unknown aircraft id", async () => {
    const res = await coverage("aircraftIds=424242");
    expect(res.status).toBe(422);
    expect(res.json.error).toMatchObject({ code: "reference_not_found", field: "aircraftIds", value: 424242 });
  });

  it("refreshes shares when a risk area changes", async () => {
    const before = await coverage("groupBy=none&cellSizeM=5000");
    const created = await t.call("POST", "/api/v1/risk-areas", {
      body: {
        type: "Feature",
        geometry: {
          type: "Polygon",
          coordinates: [[[105.5, 41.8], [105.9, 41.8], [105.9, 42.1], [105.5, 42.1], [105.5, 41.8]]],
        },
        properties: { nameZh: "测试远区", kind: "grassland", weight: 3 },
      },
    });
    expect(created.status).toBe(201);
    const after = await coverage("groupBy=none&cellSizeM=5000");
    expect(after.json.shares.riskAreas).toHaveLength(before.json.shares.riskAreas.length + 1);
    await t.call("DELETE", `/api/v1/risk-areas/${created.json.id}`);
  });
});
