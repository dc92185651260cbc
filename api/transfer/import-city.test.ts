import { beforeAll, describe, expect, it } from "vitest";

import { createToken } from "../auth/tokens.js";
import { testApp } from "../test/app.js";
import { countRows, upload } from "./test-client.js";

let t: Awaited<ReturnType<typeof testApp>>;
let ordosPlanner: string;

beforeAll(async () => {
  t = await testApp();
  ordosPlanner = (await createToken(t.database.db, { name: "ordos planner", role: "planner", city: "ordos" })).token;
});

type ReportError = { code: string; field: string; value: unknown; expected: unknown; message: string };
type ReportRow = { name: string | null; action: string; id: number | null; errors: ReportError[] };

const header = "名称,经度,纬度,道面,场地尺寸,城市";
// Points inside the service region, one per row.
const points = ["109.98,39.81", "109.99,39.82", "110.00,39.83"];

function csvRows(rows: Array<[string, string]>): string {
  const lines = rows.map(([name, city], index) => `${name},${points[index]},grass,30,${city}`);
  return `${header}\n${lines.join("\n")}\n`;
}

async function storedCity(nameZh: string): Promise<string | undefined> {
  const rows = await t.database.sql<{ city: string }[]>`SELECT city FROM landing_points WHERE name_zh = ${nameZh}`;
  return rows[0]?.city;
}

describe("city rule of imports", () => {
  it("rejects another city's row in the dry run", async () => {
    const csv = csvRows([["鄂尔多斯导入机降点", "ordos"], ["越权导入机降点", "bayannur"]]);
    const res = await upload(t, "kind=landing-points&format=csv", csv, { token: ordosPlanner, language: "en" });
    expect(res.status).toBe(200);
    expect(res.json.summary).toMatchObject({ total: 2, create: 1, reject: 1 });

    const rows = res.json.rows as ReportRow[];
    expect(rows[0]!.action).toBe("create");
    expect(rows[1]!.action).toBe("reject");
    expect(rows[1]!.errors).toHaveLength(1);
    expect(rows[1]!.errors[0]).toMatchObject({ code: "forbidden_city", field: "city", value: "bayannur", expected: "ordos" });
    expect(rows[1]!.errors[0]!.message).toBe("city: you may change records of your own city (ordos) only, not \"bayannur\"");

    const chinese = await upload(t, "kind=landing-points&format=csv", csv, { token: ordosPlanner });
    expect(chinese.json.rows[1].errors[0].message).toBe("city：只能修改本市（ordos）的数据，不能修改 \"bayannur\"");
  });

  it("writes nothing when one row names another city", async () => {
    const before = await countRows(t, "landing_points");
    const csv = csvRows([["鄂尔多斯机降点甲", "ordos"], ["巴彦淖尔越权机降点", "bayannur"], ["鄂尔多斯机降点乙", "ordos"]]);
    const res = await upload(t, "kind=landing-points&format=csv&dryRun=false", csv, { token: ordosPlanner });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe("import_rejected");
    expect(res.json.applied).toBe(false);
    expect(res.json.rows.map((row: ReportRow) => row.action)).toEqual(["create", "reject", "create"]);
    expect(await countRows(t, "landing_points")).toBe(before);
  });

  it("rejects an update of another city's record", async () => {
    const created = await upload(t, "kind=landing-points&format=csv&dryRun=false", csvRows([["巴彦淖尔已有机降点", "bayannur"]]));
    expect(created.status).toBe(200);

    // The file names the record but carries no city: the stored city decides.
    const csv = `名称,经度,纬度,场地尺寸\n巴彦淖尔已有机降点,${points[0]},45\n`;
    const res = await upload(t, "kind=landing-points&format=csv&dryRun=false", csv, { token: ordosPlanner });
    expect(res.status).toBe(422);
    expect(res.json.rows[0].errors[0]).toMatchObject({ code: "forbidden_city", field: "city", value: "bayannur" });

    const [row] = await t.database.sql`SELECT size_m FROM landing_points WHERE name_zh = '巴彦淖尔已有机降点'`;
    expect(row!.size_m).toBe(30);
  });

  it("stores the importer's city for rows without one", async () => {
    const csv = `名称,经度,纬度,道面,场地尺寸\n无城市机降点,${points[0]},grass,30\n`;
    const res = await upload(t, "kind=landing-points&format=csv&dryRun=false", csv, { token: ordosPlanner });
    expect(res.status).toBe(200);
    expect(res.json.applied).toBe(true);
    expect(await storedCity("无城市机降点")).toBe("ordos");
  });

  it("prefers an explicit default city", async () => {
    const csv = `名称,经度,纬度,道面,场地尺寸\n默认城市机降点,${points[1]},grass,30\n`;
    const own = await upload(t, "kind=landing-points&format=csv&dryRun=false&defaults[city]=ordos", csv, { token: ordosPlanner });
    expect(own.status).toBe(200);
    expect(await storedCity("默认城市机降点")).toBe("ordos");

    const other = await upload(t, "kind=landing-points&format=csv&defaults[city]=wuhai", csv.replace("默认", "乌海默认"), { token: ordosPlanner });
    expect(other.json.rows[0].errors[0]).toMatchObject({ code: "forbidden_city", field: "city", value: "wuhai" });
  });

  it("lets a home-city admin import for any city", async () => {
    const csv = csvRows([["管理员乌海机降点", "wuhai"], ["管理员阿拉善机降点", "alxa"], ["管理员无城市机降点", ""]]);
    const res = await upload(t, "kind=landing-points&format=csv&dryRun=false", csv, { token: t.tokens.admin });
    expect(res.status).toBe(200);
    expect(res.json.summary).toMatchObject({ create: 3, reject: 0 });
    expect(await storedCity("管理员乌海机降点")).toBe("wuhai");
    expect(await storedCity("管理员阿拉善机降点")).toBe("alxa");
    expect(await storedCity("管理员无城市机降点")).toBe("bayannur");
  });

  it("records the importer in the audit rows", async () => {
    const csv = csvRows([["审计机降点甲", "ordos"], ["审计机降点乙", "ordos"]]);
    const res = await upload(t, "kind=landing-points&format=csv&dryRun=false", csv, { token: ordosPlanner });
    expect(res.status).toBe(200);

    const ids = (res.json.rows as ReportRow[]).map((row) => String(row.id));
    const audit = await t.database.sql<{ object_id: string; action: string; actor: string; actor_name: string; actor_role: string }[]>`
      SELECT object_id, action, actor, actor_name, actor_role FROM audit_log
      WHERE object_kind = 'landing-points' AND object_id IN ${t.database.sql(ids)} ORDER BY id`;
    expect(audit.map((row) => row.object_id)).toEqual(ids);
    for (const row of audit) {
      expect(row.action).toBe("create");
      expect(row.actor).toMatch(/^token:\d+$/);
      expect(row.actor_name).toBe("ordos planner");
      expect(row.actor_role).toBe("planner");
    }
  });

  it("leaves no audit row for a rejected import", async () => {
    const before = await countRows(t, "audit_log");
    const csv = csvRows([["回滚审计机降点", "ordos"], ["回滚越权机降点", "baotou"]]);
    const res = await upload(t, "kind=landing-points&format=csv&dryRun=false", csv, { token: ordosPlanner });
    expect(res.status).toBe(422);
    expect(await countRows(t, "audit_log")).toBe(before);
  });
});
