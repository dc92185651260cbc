// Request bodies for dispatch tests, which override single fields.
// Coordinates are real places in Bayannur: the Wula Mountains forest, the
// Langshan ridge, Lake Ulansuhai and the Linhe district.
export const wulaForestLonLat: [number, number] = [109.15, 40.72];
export const langshanPondLonLat: [number, number] = [107.34, 41.24];
export const linheLonLat: [number, number] = [107.4, 40.75];

export function incidentBody(overrides: Record<string, unknown> = {}) {
  return {
    kind: "forest_fire",
    priority: 1,
    reporter: "乌拉山林场护林员",
    notes: "山脊东侧明火",
    reportedAt: "2026-06-15T02:30:00Z",
    geometry: { type: "Point", coordinates: wulaForestLonLat },
    ...overrides,
  };
}

// A fire front of about 2 x 1 km around the Wula Mountains forest point.
export const wulaFireFront = {
  type: "Polygon",
  coordinates: [
    [
      [109.14, 40.715],
      [109.165, 40.715],
      [109.165, 40.725],
      [109.14, 40.725],
      [109.14, 40.715],
    ],
  ],
};

// 11:00 in Bayannur on a June day, when no demo water source is frozen.
export const juneMorning = "2026-06-15T03:00:00Z";
