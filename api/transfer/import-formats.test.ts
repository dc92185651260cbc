import { beforeAll, describe, expect, it } from "vitest";

import { testApp } from "../test/app.js";
import { countRows, fixture, storedPoint, upload } from "./test-client.js";

let t: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  t = await testApp();
});

type ReportRow = { index: number; line: number | null; name: string | null; folder: string | null; element: string | null; action: string; id: number | null; errors: { code: string; field: string; message: string }[] };

async function landingPoint(nameZh: string) {
  const rows = await t.database.sql`
    SELECT name_zh, surface, size_m, night_capable, elevation_m, city, notes, name_en FROM landing_points WHERE name_zh = ${nameZh}`;
  return rows[0];
}

describe("KML import", () => {
  it("reads placemarks of one folder with ExtendedData", async () => {
    const res = await upload(t, "kind=landing-points&format=kml&folder=机降点&dryRun=false", fixture("planning-survey.kml"));
    expect(res.status).toBe(200);
    expect(res.json.applied).toBe(true);
    expect(res.json.summary).toEqual({ total: 3, create: 3, update: 0, reject: 0, skipped: 2 });

    const rows = res.json.rows as ReportRow[];
    expect(rows.map((r) => r.name)).toEqual(["临河区体育场机降点", "五原县机降点", "乌拉特前旗公庙子机降点"]);
    expect(rows[0]!.folder).toBe("机降点/临河区");
    expect(rows[1]!.folder).toBe("机降点");

    const stadium = await landingPoint("临河区体育场机降点");
    expect(stadium).toMatchObject({ surface: "grass", size_m: 80, night_capable: true, elevation_m: 1041, city: "bayannur", notes: "体育场北侧草坪，夜间有照明" });
    const wuyuan = await landingPoint("五原县机降点");
    expect(wuyuan).toMatchObject({ surface: "concrete", name_en: "Wuyuan County seat landing point" });
    expect((await landingPoint("乌拉特前旗公庙子机降点"))?.night_capable).toBe(false);
    expect(await storedPoint(t, "landing_points", "五原县机降点")).toEqual([108.262273, 41.08685]);
  });

  it("filters by a folder path", async () => {
    const res = await upload(t, "kind=landing-points&format=kml&folder=机降点/临河区", fixture("planning-survey.kml"));
    expect(res.status).toBe(200);
    expect(res.json.summary).toMatchObject({ total: 1, skipped: 4 });
    expect(res.json.rows[0]).toMatchObject({ name: "临河区体育场机降点", folder: "机降点/临河区" });
  });

  it("reads typed SchemaData and lists of months", async () => {
    const res = await upload(t, "kind=water-sources&format=kml&folder=取水点&dryRun=false", fixture("planning-survey.kml"));
    expect(res.status).toBe(200);
    expect(res.json.summary.create).toBe(1);

    const [row] = await t.database.sql`SELECT kind, min_depth_m, bucket_usable, months_frozen FROM water_sources WHERE name_zh = '乌梁素海取水点'`;
    expect(row).toMatchObject({ kind: "lake", min_depth_m: 2.5, bucket_usable: true, months_frozen: [12, 1, 2, 3] });
  });

  it("reads a LineString placemark as a patrol route", async () => {
    const res = await upload(t, "kind=patrol-routes&format=kml&folder=巡航线路&dryRun=false", fixture("planning-survey.kml"));
    expect(res.status).toBe(200);

    const [row] = await t.database.sql`
      SELECT corridor_width_km, active_months, ST_NPoints(path) AS points FROM patrol_routes WHERE name_zh = '乌拉山林区巡航线路'`;
    expect(row).toMatchObject({ corridor_width_km: 10, active_months: [3, 4, 5, 6, 9, 10, 11], points: 6 });
  });

  it("rejects placemarks of the wrong geometry without a folder filter", async () => {
    const before = await countRows(t, "water_sources");
    const res = await upload(t, "kind=water-sources&format=kml&dryRun=true", fixture("planning-survey.kml"), { language: "en" });
    expect(res.status).toBe(200);

    const route = (res.json.rows as ReportRow[]).find((r) => r.name === "乌拉山林区巡航线路")!;
    expect(route.action).toBe("reject");
    expect(route.errors[0]).toMatchObject({ code: "wrong_geometry_type", field: "geometry.type" });
    expect(route.errors[0]!.message).toBe("geometry.type: geometry type must be Point, got \"LineString\"");
    expect(await countRows(t, "water_sources")).toBe(before);
  });

  it("rejects a truncated file and changes nothing", async () => {
    const before = await countRows(t, "landing_points");
    const res = await upload(t, "kind=landing-points&format=kml&dryRun=false", fixture("truncated.kml"), { language: "en" });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe("invalid_file");
    expect(res.json.error.message).toBe("file could not be read (line 30): XML: unexpected end of input; nothing in it was imported");
    expect(await countRows(t, "landing_points")).toBe(before);
  });
});

describe("KMZ import", () => {
  it("reads doc.kml from the archive", async () => {
    const res = await upload(t, "kind=water-sources&format=kmz&folder=取水点&match=name", fixture("planning-survey.kmz"));
    expect(res.status).toBe(200);
    // The KML test above stored the same water source, so it is matched.
    expect(res.json.rows[0]).toMatchObject({ name: "乌梁素海取水点", action: "update", folder: "取水点" });
  });

  it("rejects an archive that is not a zip", async () => {
    const res = await upload(t, "kind=water-sources&format=kmz", fixture("planning-survey.kml"));
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe("invalid_file");
  });
});

describe("GPX import", () => {
  it("reads waypoints with defaults for what GPX cannot carry", async () => {
    const query = "kind=landing-points&format=gpx&dryRun=false&defaults[surface]=concrete&defaults[sizeM]=40&defaults[city]=bayannur";
    const res = await upload(t, query, fixture("survey-gps.gpx"));
    expect(res.status).toBe(200);
    expect(res.json.summary).toMatchObject({ create: 3, reject: 0, skipped: 2 });
    expect(res.json.rows.map((r: ReportRow) => [r.element, r.index])).toEqual([["wpt", 0], ["wpt", 1], ["wpt", 2]]);

    expect(await landingPoint("海流图镇机降点")).toMatchObject({ surface: "concrete", size_m: 40, elevation_m: 1288.4, notes: "镇政府广场，硬化地面" });
    expect((await landingPoint("德岭山镇机降点"))?.notes).toBe("学校操场，需提前联系");
    expect(await storedPoint(t, "landing_points", "德岭山镇机降点")).toEqual([108.9632, 41.32179]);
  });

  it("names each missing required property", async () => {
    const before = await countRows(t, "landing_points");
    const res = await upload(t, "kind=landing-points&format=gpx&dryRun=false&match=id", fixture("survey-gps.gpx"));
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe("import_rejected");

    // The city is not missing: a new record takes the importer's city.
    const first = res.json.rows[0] as ReportRow;
    expect(first.action).toBe("reject");
    expect(first.errors.map((e) => [e.code, e.field])).toEqual([
      ["missing_field", "surface"],
      ["missing_field", "sizeM"],
    ]);
    expect(first.errors[0]!.message).toBe("surface：缺少必填字段");
    expect(await countRows(t, "landing_points")).toBe(before);
  });

  it("reads a route and a multi-segment track as patrol routes", async () => {
    const res = await upload(t, "kind=patrol-routes&format=gpx&dryRun=false&defaults[corridorWidthKm]=8", fixture("survey-gps.gpx"));
    expect(res.status).toBe(200);
    expect(res.json.summary).toMatchObject({ create: 2, skipped: 3 });
    expect(res.json.rows.map((r: ReportRow) => [r.element, r.name])).toEqual([
      ["rte", "乌拉特中旗北部巡航线路"],
      ["trk", "2026-09-18 实飞航迹"],
    ]);

    const rows = await t.database.sql`
      SELECT name_zh, notes, corridor_width_km, ST_NPoints(path) AS points, ST_AsText(ST_StartPoint(path)) AS start
      FROM patrol_routes WHERE name_zh IN ('乌拉特中旗北部巡航线路', '2026-09-18 实飞航迹') ORDER BY id`;
    expect(rows[0]).toMatchObject({ notes: "沿国道 242 向北的草原巡查", corridor_width_km: 8, points: 4, start: "POINT(108.514873 41.567912)" });
    // The two track segments are joined: 3 + 2 points.
    expect(rows[1]).toMatchObject({ points: 5 });
  });
});

describe("CSV import", () => {
  it("reads decimal degrees with Chinese headers and values", async () => {
    const res = await upload(t, "kind=landing-points&format=csv&dryRun=false", fixture("landing-points-decimal.csv"));
    expect(res.status).toBe(200);
    // 五原县机降点 came from the KML test, so it is matched by name.
    expect(res.json.summary).toMatchObject({ create: 3, update: 1, reject: 0 });
    expect(res.json.rows.map((r: ReportRow) => [r.line, r.action])).toEqual([[2, "create"], [3, "update"], [4, "create"], [5, "create"]]);

    expect(await landingPoint("临河区机降点")).toMatchObject({
      surface: "concrete", size_m: 50, night_capable: true, elevation_m: 1040, city: "bayannur", notes: "市政府广场, 夜间照明",
    });
    expect((await landingPoint("磴口县机降点"))?.surface).toBe("asphalt");
    expect(await storedPoint(t, "landing_points", "杭锦后旗机降点")).toEqual([107.150597, 40.885781]);
  });

  it("reads degrees-minutes-seconds in several spellings", async () => {
    const res = await upload(t, "kind=water-sources&dryRun=false", fixture("water-sources-dms.csv"), {
      multipart: { filename: "取水点.csv", fields: { defaults: JSON.stringify({ city: "bayannur" }) } },
    });
    expect(res.status).toBe(200);
    expect(res.json.format).toBe("csv");
    // 乌梁素海取水点 came from the KML test and is updated with the new position.
    expect(res.json.summary).toMatchObject({ create: 2, update: 1, reject: 0 });

    const expected: [string, [number, number]][] = [
      ["乌梁素海取水点", [108 + 52 / 60 + 1.2 / 3600, 40 + 55 / 60 + 58.8 / 3600]],
      ["黄河磴口段取水点", [107 + 8 / 60 + 39.1 / 3600, 40 + 26 / 60 + 4.1 / 3600]],
      ["红圪卜水库取水点", [108 + 20 / 60 + 6 / 3600, 41 + 3 / 60 + 21 / 3600]],
    ];
    for (const [name, [lon, lat]] of expected) {
      const [storedLon, storedLat] = await storedPoint(t, "water_sources", name);
      expect(Math.abs(storedLon - lon), name).toBeLessThan(1e-6);
      expect(Math.abs(storedLat - lat), name).toBeLessThan(1e-6);
    }

    const rows = await t.database.sql`SELECT name_zh, kind, bucket_usable, min_depth_m, months_frozen FROM water_sources WHERE name_zh LIKE '%取水点' AND name_zh <> '乌梁素海取水点' ORDER BY name_zh`;
    const byName = Object.fromEntries(rows.map((r) => [r.name_zh, r]));
    expect(byName["黄河磴口段取水点"]).toMatchObject({ kind: "river", min_depth_m: 1.5, months_frozen: [12, 1, 2, 3] });
    expect(byName["红圪卜水库取水点"]).toMatchObject({ kind: "reservoir", bucket_usable: false, min_depth_m: null, months_frozen: [12, 1, 2] });
  });

  it("reads a GB18030 file saved by WPS", async () => {
    const res = await upload(t, "kind=landing-points&format=csv&dryRun=false", fixture("landing-points-gbk.csv"));
    expect(res.status).toBe(200);
    expect(res.json.rows[0].name).toBe("乌拉特后旗机降点");
    expect((await landingPoint("乌拉特后旗机降点"))?.notes).toBe("WPS 另存为 CSV（GBK 编码）");
  });

  it("takes coordinate columns named in the query", async () => {
    const csv = "序号,名称,东经,北纬,surface,sizeM,city\n1,临河东机降点,107.45,40.77,grass,30,bayannur\n";
    const res = await upload(t, "kind=landing-points&format=csv&lonColumn=东经&latColumn=北纬&dryRun=false", csv);
    expect(res.status).toBe(200);
    expect(res.json.rows[0]).toMatchObject({ action: "create", name: "临河东机降点" });
    expect(res.json.ignoredFields).toEqual(["序号"]);
    expect(await storedPoint(t, "landing_points", "临河东机降点")).toEqual([107.45, 40.77]);
  });

  it("reads name and description headers", async () => {
    const csv = "Name,Description,lng,lat,surface,size_m,city\nQGIS 导出机降点,来自 QGIS,107.46,40.78,dirt,25,bayannur\n";
    const res = await upload(t, "kind=landing-points&format=csv&dryRun=false", csv);
    expect(res.status).toBe(200);
    expect(await landingPoint("QGIS 导出机降点")).toMatchObject({ notes: "来自 QGIS", surface: "dirt", size_m: 25 });
  });

  it("reports a missing coordinate column", async () => {
    const csv = "名称,经度,surface\n临河东机降点,107.45,grass\n";
    const res = await upload(t, "kind=landing-points&format=csv", csv, { language: "en" });
    expect(res.status).toBe(422);
    expect(res.json.error).toMatchObject({ code: "missing_column", field: "latColumn" });
  });
});

describe("GCJ-02 import", () => {
  it("stores the WGS-84 position", async () => {
    // The file contains Bayannur Tianjitai Airport (ZBYZ, WGS-84 107.74093,
    // 40.926358 from OurAirports) shifted to GCJ-02 by the forward formula.
    const res = await upload(t, "kind=landing-points&format=csv&crs=gcj02&dryRun=false", fixture("landing-points-gcj02.csv"));
    expect(res.status).toBe(200);

    const [lon, lat] = await storedPoint(t, "landing_points", "巴彦淖尔天吉泰机场机降点");
    expect(Math.abs(lon - 107.74093)).toBeLessThan(1e-6);
    expect(Math.abs(lat - 40.926358)).toBeLessThan(1e-6);
  });
});
