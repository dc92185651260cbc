import { beforeAll, describe, expect, it } from "vitest";

import { testApp } from "../test/app.js";
import { baseFeature } from "../test/factories.js";
import { maxUploadBytes } from "./upload.js";
import { countRows, fixture, upload } from "./test-client.js";

let t: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  t = await testApp();
});

type ReportError = { code: string; field: string; value: unknown; message: string };
type ReportRow = { line: number | null; name: string | null; action: string; id: number | null; errors: ReportError[] };

function rowAt(rows: ReportRow[], line: number): ReportRow {
  const row = rows.find((candidate) => candidate.line === line);
  if (!row) {
    throw new Error(`no report row for line ${line}`);
  }
  return row;
}

describe("row-level rejections", () => {
  it("reports rows with the wrong column count", async () => {
    const before = await countRows(t, "landing_points");
    const res = await upload(t, "kind=landing-points&format=csv&dryRun=false", fixture("wrong-columns.csv"), { language: "en" });
    expect(res.status).toBe(422);
    expect(res.json.summary).toMatchObject({ total: 4, create: 2, reject: 2 });

    const rows = res.json.rows as ReportRow[];
    expect(rowAt(rows, 2).action).toBe("create");
    expect(rowAt(rows, 3).errors[0]).toMatchObject({ code: "column_count", value: 8 });
    expect(rowAt(rows, 3).errors[0]!.message).toBe("columns: the row has 8 columns but the header has 7; check for a missing or extra delimiter");
    expect(rowAt(rows, 4).errors[0]).toMatchObject({ code: "column_count", value: 4 });
    expect(rowAt(rows, 4).errors.map((e) => e.field)).toContain("sizeM");
    expect(rowAt(rows, 5).action).toBe("create");
    // The valid rows were rolled back with the rest, so they have no id.
    expect(rowAt(rows, 5).id).toBeNull();
    expect(await countRows(t, "landing_points")).toBe(before);
  });

  it("reports each kind of bad coordinate", async () => {
    const before = await countRows(t, "landing_points");
    const res = await upload(t, "kind=landing-points&format=csv&dryRun=false", fixture("bad-coordinates.csv"), { language: "en" });
    expect(res.status).toBe(422);
    const rows = res.json.rows as ReportRow[];

    expect(rowAt(rows, 2).action).toBe("create");
    expect(rowAt(rows, 3).errors[0]).toMatchObject({ code: "coordinate_out_of_range", field: "geometry.coordinates", value: [207.1, 40.5] });
    expect(rowAt(rows, 4).errors[0]).toMatchObject({ code: "coordinate_out_of_range", value: [107.5, 95] });
    expect(rowAt(rows, 5).errors[0]).toMatchObject({ code: "coordinates_swapped", value: [40.749768, 107.358379] });
    expect(rowAt(rows, 5).errors[0]!.message).toContain("looks like [lat, lon]");
    expect(rowAt(rows, 6).errors.map((e) => [e.code, e.field])).toEqual([
      ["wrong_hemisphere", "经度"],
      ["wrong_hemisphere", "纬度"],
    ]);
    expect(rowAt(rows, 7).errors[0]).toMatchObject({ code: "outside_service_region", value: [116.397, 39.909] });
    expect(await countRows(t, "landing_points")).toBe(before);
  });

  it("renders row messages in Chinese by default", async () => {
    const res = await upload(t, "kind=landing-points&format=csv", fixture("bad-coordinates.csv"));
    expect(res.status).toBe(200);
    const swapped = rowAt(res.json.rows, 5);
    expect(swapped.errors[0]!.message).toBe(
      "geometry.coordinates：坐标 [40.749768,107.358379] 远在服务区外，经纬度似乎写反了；GeoJSON 的顺序是 [经度, 纬度]",
    );
  });

  it("rejects duplicate names within a file", async () => {
    const csv = "名称,经度,纬度,道面,场地尺寸,城市\n同名机降点,107.4,40.8,grass,30,bayannur\n同名机降点,107.5,40.9,grass,30,bayannur\n";
    const res = await upload(t, "kind=landing-points&format=csv", csv, { language: "en" });
    expect(res.json.rows[1].errors[0]).toMatchObject({ code: "duplicate_in_file", field: "nameZh", message: "nameZh: \"同名机降点\" appears more than once in the file, first at line 2" });

    const chinese = await upload(t, "kind=landing-points&format=csv", csv);
    expect(chinese.json.rows[1].errors[0].message).toBe("nameZh：\"同名机降点\" 在文件中重复出现，首次出现在第 2 行");
  });

  it("rejects an unknown id with match=id", async () => {
    const csv = "id,名称,经度,纬度,道面,场地尺寸,城市\n999999,不存在的机降点,107.4,40.8,grass,30,bayannur\n";
    const res = await upload(t, "kind=landing-points&format=csv&match=id", csv, { language: "en" });
    expect(res.json.rows[0].errors[0]).toMatchObject({ code: "not_found", field: "id", value: 999999 });
  });
});

describe("all or nothing", () => {
  it("writes nothing when one feature is rejected", async () => {
    const before = await countRows(t, "water_sources");
    const res = await upload(t, "kind=water-sources&format=geojson&dryRun=false", fixture("swapped.geojson"));
    expect(res.status).toBe(422);
    expect(res.json.applied).toBe(false);
    expect(res.json.rows.map((r: ReportRow) => r.action)).toEqual(["create", "reject"]);
    expect(await countRows(t, "water_sources")).toBe(before);

    const fixed = JSON.parse(new TextDecoder().decode(fixture("swapped.geojson")));
    fixed.features[1].geometry.coordinates.reverse();
    const retry = await upload(t, "kind=water-sources&format=geojson&dryRun=false", JSON.stringify(fixed));
    expect(retry.status).toBe(200);
    expect(retry.json.applied).toBe(true);
    expect(await countRows(t, "water_sources")).toBe(before + 2);
    expect(retry.json.rows.every((r: ReportRow) => typeof r.id === "number")).toBe(true);
  });

  it("rolls back when the database rejects a row", async () => {
    const existing = await t.call("POST", "/api/v1/bases", { body: baseFeature({ code: "BYN-TEST-DUP" }) });
    expect(existing.status).toBe(201);
    const before = await countRows(t, "bases");

    // The rejected row comes first: the rows after it still run, in their
    // own savepoints, and get their own verdicts.
    const collection = {
      type: "FeatureCollection",
      features: [
        baseFeature({ code: "BYN-TEST-DUP", nameZh: "编号重复的基地" }, { type: "Point", coordinates: [107.6, 40.9] }),
        baseFeature({ code: "BYN-TEST-NEW", nameZh: "新建测试基地" }, { type: "Point", coordinates: [107.5, 40.8] }),
      ],
    };
    const dryRun = await upload(t, "kind=bases&format=geojson", JSON.stringify(collection), { language: "en" });
    expect(dryRun.status).toBe(200);
    expect(dryRun.json.rows[0].errors[0]).toMatchObject({ code: "duplicate_value", field: "properties.code", value: "BYN-TEST-DUP" });
    expect(dryRun.json.rows[1].action).toBe("create");

    const apply = await upload(t, "kind=bases&format=geojson&dryRun=false", JSON.stringify(collection));
    expect(apply.status).toBe(422);
    expect(apply.json.rows.map((r: ReportRow) => r.action)).toEqual(["reject", "create"]);
    expect(await countRows(t, "bases")).toBe(before);
  });

  it("dry run writes nothing", async () => {
    const before = await countRows(t, "landing_points");
    const res = await upload(t, "kind=landing-points&format=csv", fixture("landing-points-decimal.csv"));
    expect(res.status).toBe(200);
    expect(res.json.dryRun).toBe(true);
    expect(res.json.summary.create).toBe(4);
    expect(await countRows(t, "landing_points")).toBe(before);
  });

  it("updates matched records by name", async () => {
    const first = await upload(t, "kind=landing-points&format=csv&dryRun=false", fixture("landing-points-decimal.csv"));
    expect(first.status).toBe(200);
    const count = await countRows(t, "landing_points");

    const edited = new TextDecoder().decode(fixture("landing-points-decimal.csv")).replace("临河区机降点,107.358379,40.749768,水泥,50", "临河区机降点,107.358379,40.749768,水泥,65");
    const second = await upload(t, "kind=landing-points&format=csv&dryRun=false", edited);
    expect(second.status).toBe(200);
    expect(second.json.summary).toMatchObject({ create: 0, update: 4 });
    expect(second.json.rows[0].id).toBe(first.json.rows[0].id);
    expect(await countRows(t, "landing_points")).toBe(count);

    const [row] = await t.database.sql`SELECT size_m FROM landing_points WHERE id = ${first.json.rows[0].id}`;
    expect(row!.size_m).toBe(65);
  });
});

describe("match by id", () => {
  it("renames a record through an exported CSV", async () => {
    const created = await upload(t, "kind=water-sources&format=csv&dryRun=false&defaults[city]=bayannur", fixture("water-sources-dms.csv"));
    expect(created.status).toBe(200);
    const id = created.json.rows[0].id as number;

    const exported = await t.app.request("/api/v1/exports/water-sources.csv", { headers: { authorization: `Bearer ${t.tokens.viewer}` } });
    const edited = (await exported.text()).replace(",乌梁素海取水点,", ",乌梁素海南岸取水点,");
    const before = await countRows(t, "water_sources");

    const res = await upload(t, "kind=water-sources&format=csv&match=id&dryRun=false", edited);
    expect(res.status).toBe(200);
    const renamed = (res.json.rows as ReportRow[]).find((row) => row.id === id)!;
    expect(renamed).toMatchObject({ action: "update", name: "乌梁素海南岸取水点" });
    expect(res.json.summary.create).toBe(0);
    expect(await countRows(t, "water_sources")).toBe(before);

    const [row] = await t.database.sql`SELECT name_zh FROM water_sources WHERE id = ${id}`;
    expect(row!.name_zh).toBe("乌梁素海南岸取水点");
  });
});

describe("import request", () => {
  it("lets planners and admins import", async () => {
    for (const role of ["planner", "admin"] as const) {
      const res = await upload(t, "kind=landing-points&format=csv", fixture("landing-points-decimal.csv"), { token: t.tokens[role] });
      expect(res.status, role).toBe(200);
    }
  });

  it("forbids viewers and dispatchers", async () => {
    for (const role of ["viewer", "dispatcher", "coordinator", "feed"] as const) {
      const before = await countRows(t, "landing_points");
      const res = await upload(t, "kind=landing-points&format=csv&dryRun=false", fixture("landing-points-decimal.csv"), { token: t.tokens[role] });
      expect(res.status, role).toBe(403);
      expect(res.json.error.code).toBe("forbidden_role");
      expect(await countRows(t, "landing_points")).toBe(before);
    }
  });

  it("rejects an upload over the size limit", async () => {
    const res = await upload(t, "kind=landing-points&format=csv", new Uint8Array(maxUploadBytes + 1), { language: "en" });
    expect(res.status).toBe(413);
    expect(res.json.error).toMatchObject({ code: "file_too_large", message: `file: file is too large (at least ${maxUploadBytes + 1} bytes), the limit is 20 MB` });
  });

  it("rejects an unknown kind", async () => {
    const res = await upload(t, "kind=aircraft&format=csv", "a,b\n1,2\n");
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: "invalid_value", field: "kind" });
  });

  it("takes the format from the media type", async () => {
    const res = await t.app.request("/api/v1/imports?kind=landing-points", {
      method: "POST",
      headers: { authorization: `Bearer ${t.tokens.planner}`, "content-type": "text/csv; charset=utf-8" },
      body: fixture("landing-points-decimal.csv") as Uint8Array<ArrayBuffer>,
    });
    expect(res.status).toBe(200);
    expect((await res.json()).format).toBe("csv");
  });

  it("needs a format when no file name gives one", async () => {
    const res = await upload(t, "kind=landing-points", "a,b\n1,2\n");
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: "missing_field", field: "format" });
  });

  it("rejects an invalid default", async () => {
    const res = await upload(t, "kind=landing-points&format=gpx&defaults[surface]=ice", fixture("survey-gps.gpx"));
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: "invalid_value", field: "defaults.surface", value: "ice" });
  });

  it("rejects an unknown default", async () => {
    const res = await upload(t, "kind=landing-points&format=gpx&defaults[colour]=red", fixture("survey-gps.gpx"));
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: "unknown_field", field: "defaults.colour" });
  });

  it("rejects an empty body", async () => {
    const res = await upload(t, "kind=landing-points&format=csv", new Uint8Array(0));
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: "missing_field", field: "file" });
  });
});
