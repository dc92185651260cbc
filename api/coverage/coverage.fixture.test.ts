import { beforeAll, describe, expect, it } from "vitest";

import { testApp } from "../test/app.js";
import { decodeEtaMin } from "./grid-encoding.js";
import { loadSquareWorld, squareCentreLonLat } from "./test-fixtures.js";

const t = await testApp();
const empty = await testApp();

describe("coverage of a hand-built square", () => {
  beforeAll(async () => {
    await loadSquareWorld(t, { readinessDayMin: 0, cruiseSpeedKmh: 120 });
  });

  it("reaches a 30 km disc in 15 minutes", async () => {
    // One aircraft at the centre, readiness 0, 120 km/h, no wind: within
    // 15 min it reaches a disc of radius 30 km, pi x 30^2 = 2827 km².
    // The square spans 1 degree each way around 41 N: 84.2 km x 111.05 km
    // (WGS-84 km per degree at 41 N), about 9,350 km², so the share is 0.302.
    const res = await t.call("GET", "/api/v1/coverage?night=false&targetMin=15&thresholds=15&cellSizeM=1000&groupBy=none");
    expect(res.status).toBe(200);
    const shares = res.json.shares;
    expect(shares.city.areaKm2).toBeCloseTo(9350, -2);
    expect(shares.city.reachedAreaKm2).toBeCloseTo(2827, -2);
    expect(shares.city.shareOfArea).toBeCloseTo(0.302, 2);
  });

  it("splits the disc evenly between the halves", async () => {
    const res = await t.call("GET", "/api/v1/coverage?night=false&targetMin=15&thresholds=15&cellSizeM=1000&groupBy=none");
    const [west, east] = res.json.shares.counties;
    expect(west.shareOfArea).toBeCloseTo(east.shareOfArea, 2);
  });

  it("reaches a quarter disc of the risk area", async () => {
    // The risk area is the NE quarter square: a quarter of the disc, 707 km².
    const res = await t.call("GET", "/api/v1/coverage?night=false&targetMin=15&thresholds=15&cellSizeM=1000&groupBy=none");
    expect(res.json.shares.riskAreas[0].reachedAreaKm2).toBeCloseTo(707, -1.5);
    expect(res.json.shares.riskAreasTotal.riskWeightedShare).toBeCloseTo(res.json.shares.riskAreas[0].shareOfArea, 4);
  });

  it("counts 0.5 minutes per km at the centre", async () => {
    const res = await t.call("GET", "/api/v1/coverage?night=false&cellSizeM=1000&groupBy=none");
    const grid = res.json.grid;
    const etaMin = decodeEtaMin(grid);
    const column = Math.floor((squareCentreLonLat[0] - grid.bbox[0]) / grid.cellWidthDeg);
    const row = Math.floor((grid.bbox[3] - squareCentreLonLat[1]) / grid.cellHeightDeg);
    // The cell centre is within half a cell diagonal (0.71 km) of the base: at most 0.36 min.
    expect(etaMin[row * grid.columns + column]!).toBeLessThan(0.4);
  });
});

describe("coverage without boundaries", () => {
  it("asks for the boundaries to be imported", async () => {
    const res = await empty.call("GET", "/api/v1/coverage?night=false", { language: "en" });
    expect(res.status).toBe(503);
    expect(res.json.error).toMatchObject({ code: "boundary_missing", field: "admin_areas" });
    expect(res.json.error.message).toContain("npm run seed");
  });
});
