import { describe, expect, it } from "vitest";

import type { AuditRow } from "./api.js";
import { describeChanges } from "./changes.js";

// Builds a row as GET /api/v1/audit returns it. The console is in zh-CN in these tests.
function row(objectKind: string, action: string, before: unknown, after: unknown): AuditRow {
  return { id: 1, at: "2026-12-04T08:00:00.000Z", actor: "user:1", actorName: "demo", actorRole: "planner", action, objectKind, objectId: "7", before, after, requestId: null };
}

const square = { type: "Polygon", coordinates: [[[107, 41], [107.1, 41], [107.1, 41.1], [107, 41.1], [107, 41]]] };
const pentagon = { type: "Polygon", coordinates: [[[107, 41], [107.1, 41], [107.15, 41.05], [107.1, 41.1], [107, 41.1], [107, 41]]] };

describe("describeChanges", () => {
  it("lists only changed fields of an update", () => {
    const before = { id: 7, nameZh: "甲", sizeM: 50, updatedAt: "2026-12-04T07:00:00Z", geometry: { type: "Point", coordinates: [107, 41] } };
    const after = { id: 7, nameZh: "乙", sizeM: 50, updatedAt: "2026-12-04T08:00:00Z", geometry: { type: "Point", coordinates: [107, 41] } };

    const { mode, changes } = describeChanges(row("landing-points", "update", before, after));
    expect(mode).toBe("diff");
    expect(changes).toEqual([{ field: "nameZh", label: "中文名称", before: "甲", after: "乙" }]);
  });

  it("gives the vertex counts of a reshaped polygon", () => {
    const { changes } = describeChanges(row("risk-areas", "update", { geometry: square }, { geometry: pentagon }));
    expect(changes).toEqual([{ field: "geometry", label: "几何", before: null, after: "几何已修改，顶点 4 → 5 个" }]);
  });

  it("says a polygon changed when its vertex count did not", () => {
    const moved = { ...square, coordinates: [square.coordinates[0]!.map(([lon, lat]) => [lon! + 0.01, lat!])] };
    const { changes } = describeChanges(row("risk-areas", "update", { geometry: square }, { geometry: moved }));
    expect(changes[0]!.after).toBe("几何已修改");
  });

  it("gives the distance a point moved", () => {
    // 0.01 degree of latitude is about 1,112 m.
    const before = { geometry: { type: "Point", coordinates: [107, 41] } };
    const after = { geometry: { type: "Point", coordinates: [107, 41.01] } };
    const { changes } = describeChanges(row("bases", "update", before, after));
    expect(changes[0]!.after).toBe("几何已修改，移动 1.1 千米");
  });

  it("shows no coordinates of a created route", () => {
    const route = { type: "LineString", coordinates: [[107.123456, 41.5], [107.5, 41.6], [107.9, 41.7]] };
    const { mode, changes } = describeChanges(row("patrol-routes", "create", null, { id: 3, nameZh: "线路", nameEn: null, corridorWidthKm: 8, geometry: route }));

    expect(mode).toBe("record");
    expect(changes.map((change) => change.field)).toEqual(["nameZh", "corridorWidthKm", "geometry"]);
    expect(changes[1]!.after).toBe("8 千米");
    expect(changes[2]!.after).toBe("线，3 个顶点");
    expect(JSON.stringify(changes)).not.toContain("107.123456");
  });

  it("summarizes a deleted record from before", () => {
    const { mode, changes } = describeChanges(row("water-sources", "delete", { nameZh: "取水点", kind: "lake", monthsFrozen: [12, 1] }, null));
    expect(mode).toBe("record");
    expect(changes.find((change) => change.field === "kind")!.after).toBe("湖泊");
    expect(changes.find((change) => change.field === "monthsFrozen")!.after).toBe("1月、12月");
  });

  it("translates a mission status change", () => {
    const { changes } = describeChanges(row("mission", "status", { status: "dispatched" }, { status: "airborne", note: null, landedBaseId: null }));
    expect(changes).toEqual([{ field: "status", label: "状态", before: "已派遣", after: "已起飞" }]);
  });

  it("shows the incident's point once", () => {
    const incident = { id: 1, kind: "flood", status: "open", lonLat: [107, 41], geometry: { type: "Point", coordinates: [107, 41] } };
    const { changes } = describeChanges(row("incident", "create", null, incident));
    expect(changes.map((change) => change.field)).toEqual(["kind", "status", "geometry"]);
    expect(changes.map((change) => change.after)).toEqual(["洪涝", "未结案", "点"]);
  });

  it("formats timestamps in China Standard Time", () => {
    const { changes } = describeChanges(row("alert", "acknowledge", null, { acknowledgedAt: "2026-12-04T20:30:00.000Z", level: "warning" }));
    expect(changes[0]!.after).toBe("2026-12-05 04:30:00");
    expect(changes[1]!.after).toBe("预警");
  });

  it("returns nothing for a row without states", () => {
    expect(describeChanges(row("session", "login", null, null))).toEqual({ mode: "record", changes: [] });
  });
});
