import { describe, expect, it } from "vitest";

import { gcj02ToWgs84, wgs84ToGcj02 } from "./gcj02.js";

// WGS-84 and GCJ-02 pairs [lon, lat] from the test vectors of
// googollee/eviltransform (javascript/test.js, MIT).
const published: { place: string; wgs84: [number, number]; gcj02: [number, number] }[] = [
  { place: "Shanghai", wgs84: [121.5272106, 31.1774276], gcj02: [121.531541859215, 31.17530398364597] },
  { place: "Shenzhen", wgs84: [113.912316, 22.543847], gcj02: [113.9171764808363, 22.540796131694766] },
  { place: "Beijing", wgs84: [116.377817, 39.911954], gcj02: [116.38404722455657, 39.91334545536069] },
];

describe("GCJ-02 conversion", () => {
  for (const pair of published) {
    it(`matches the published ${pair.place} pair`, () => {
      const [gcjLon, gcjLat] = wgs84ToGcj02(pair.wgs84);
      expect(gcjLon).toBeCloseTo(pair.gcj02[0], 9);
      expect(gcjLat).toBeCloseTo(pair.gcj02[1], 9);

      const [lon, lat] = gcj02ToWgs84(pair.gcj02);
      expect(Math.abs(lon - pair.wgs84[0])).toBeLessThan(1e-8);
      expect(Math.abs(lat - pair.wgs84[1])).toBeLessThan(1e-8);
    });
  }

  it("inverts the offset across Bayannur", () => {
    for (let lon = 105.5; lon <= 110; lon += 0.5) {
      for (let lat = 40; lat <= 42.5; lat += 0.5) {
        const [backLon, backLat] = gcj02ToWgs84(wgs84ToGcj02([lon, lat]));
        expect(Math.abs(backLon - lon)).toBeLessThan(1e-9);
        expect(Math.abs(backLat - lat)).toBeLessThan(1e-9);
      }
    }
  });

  it("shifts a Bayannur point by hundreds of metres", () => {
    const [gcjLon, gcjLat] = wgs84ToGcj02([107.74093, 40.926358]);
    const eastM = (gcjLon - 107.74093) * 111_320 * Math.cos((40.926358 * Math.PI) / 180);
    const northM = (gcjLat - 40.926358) * 110_574;
    expect(Math.hypot(eastM, northM)).toBeGreaterThan(300);
    expect(Math.hypot(eastM, northM)).toBeLessThan(700);
  });

  it("leaves points outside China unchanged", () => {
    expect(gcj02ToWgs84([2.3522, 48.8566])).toEqual([2.3522, 48.8566]);
  });
});
