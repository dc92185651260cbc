import { describe, expect, it } from "vitest";

import { seedDemo } from "../../scripts/seed.js";
import { testApp } from "./app.js";

const t = await testApp();
await seedDemo(t.database);

describe("demo seed", () => {
  it("lists the Linhe station at ZBYZ's coordinates", async () => {
    const res = await t.call("GET", "/api/v1/bases", { token: t.tokens.viewer });
    const linhe = res.json.features.find((f: { properties: { code: string } }) => f.properties.code === "BYN-LINHE");
    expect(linhe.properties.nameZh).toBe("临河航空救援站");
    // Bayannur Tianjitai Airport reference point, OurAirports (ZBYZ).
    expect(linhe.geometry.coordinates).toEqual([107.74093, 40.926358]);
  });

  it("places a Bell 412 at Linhe", async () => {
    const bases = await t.call("GET", "/api/v1/bases");
    const linheId = bases.json.features.find((f: { properties: { code: string } }) => f.properties.code === "BYN-LINHE").id;
    const fleet = await t.call("GET", "/api/v1/aircraft?limit=1000");
    const atLinhe = fleet.json.items.filter((a: { homeBaseId: number }) => a.homeBaseId === linheId);
    expect(atLinhe.map((a: { typeId: string }) => a.typeId)).toContain("bell-412ep");
  });

  it("loads five patrol routes", async () => {
    const res = await t.call("GET", "/api/v1/patrol-routes");
    expect(res.json.total).toBe(5);
  });

  it("stores a city area within 2 % of 65,000 km²", async () => {
    const res = await t.call("GET", "/api/v1/admin-areas");
    const city = res.json.features.find((f: { properties: { adcode: string } }) => f.properties.adcode === "150800");
    // Published area of Bayannur: about 65,000 km² (city government figure).
    expect(Math.abs(city.properties.areaKm2 - 65000) / 65000).toBeLessThan(0.02);
    expect(res.json.features.filter((f: { properties: { role: string } }) => f.properties.role === "county_of_subject")).toHaveLength(7);
  });

  it("runs twice without duplicates", async () => {
    await seedDemo(t.database);
    const res = await t.call("GET", "/api/v1/bases");
    const codes = res.json.features.map((f: { properties: { code: string } }) => f.properties.code);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
