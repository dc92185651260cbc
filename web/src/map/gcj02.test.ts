import { describe, expect, it } from "vitest";

import { gcj02ToWgs84, wgs84ToGcj02, type LonLat } from "./gcj02.js";

// Reference pairs (WGS-84 -> GCJ-02) from the test suite of the eviltransform
// project (Python package, TESTS table: Shanghai, Shenzhen, Beijing).
const referencePairs: Array<{ place: string; wgs: LonLat; gcj: LonLat }> = [
  { place: "Shanghai", wgs: [121.5272106, 31.1774276], gcj: [121.531541859215, 31.17530398364597] },
  { place: "Shenzhen", wgs: [113.912316, 22.543847], gcj: [113.9171764808363, 22.540796131694766] },
  { place: "Beijing", wgs: [116.377817, 39.911954], gcj: [116.38404722455657, 39.91334545536069] },
];

// 1e-9 degrees is about 0.1 mm.
const toleranceDeg = 1e-9;

describe("wgs84ToGcj02", () => {
  for (const { place, wgs, gcj } of referencePairs) {
    it(`matches the reference pair for ${place}`, () => {
      const [lon, lat] = wgs84ToGcj02(wgs);

      expect(Math.abs(lon - gcj[0])).toBeLessThan(toleranceDeg);
      expect(Math.abs(lat - gcj[1])).toBeLessThan(toleranceDeg);
    });
  }

  it("shifts Linhe by a few hundred metres", () => {
    const linhe: LonLat = [107.74093, 40.926358];
    const [lon, lat] = wgs84ToGcj02(linhe);
    const eastM = (lon - linhe[0]) * 111_320 * Math.cos((linhe[1] * Math.PI) / 180);
    const northM = (lat - linhe[1]) * 110_574;

    expect(Math.hypot(eastM, northM)).toBeGreaterThan(100);
    expect(Math.hypot(eastM, northM)).toBeLessThan(1000);
  });

  it("leaves positions outside China unchanged", () => {
    expect(wgs84ToGcj02([2.3522, 48.8566])).toEqual([2.3522, 48.8566]);
  });
});

describe("gcj02ToWgs84", () => {
  for (const { place, wgs, gcj } of referencePairs) {
    it(`inverts the reference pair for ${place}`, () => {
      const [lon, lat] = gcj02ToWgs84(gcj);

      expect(Math.abs(lon - wgs[0])).toBeLessThan(1e-7);
      expect(Math.abs(lat - wgs[1])).toBeLessThan(1e-7);
    });
  }
});
