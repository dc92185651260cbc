import { readFileSync } from "node:fs";

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { expectNoProblems, openConsole, type IsolatedContextOptions } from "./test/console-session.js";
import { artifacts, setUpConsoleTest, tearDownConsoleTest, type TestServer } from "./test/console-setup.js";

// Two new landing points in Bayannur, as a planner saves them from Excel.
// The file has no city or surface column: both come from the panel's
// defaults. Line 1 is the header, so the rows are lines 2 and 3.
const goodCsv = [
  "名称,经度,纬度,场地尺寸（米）,夜航,备注",
  "海流图镇北机降点,108.5161,41.5902,60,是,镇北空地",
  "乌拉山镇东机降点,109.0342,40.7201,45,否,",
].join("\n");

// The second row has latitude and longitude swapped.
const swappedCsv = [
  "名称,经度,纬度,场地尺寸（米）",
  "新安镇机降点,107.4512,40.8123,50",
  "隆兴昌镇机降点,41.0876,108.2613,50",
].join("\n");

// One aircraft as the live feed sends it.
function liveTrack(icaoAddress: string, callsign: string, lonLat: [number, number]) {
  return {
    icaoAddress, callsign, registration: null, fleet: true, category: "helicopter", lonLat, altitudeM: 1200, groundSpeedKmh: 180,
    trackDeg: 90, verticalRateMps: 0, squawk: "1200", onGround: false, lastSeen: new Date().toISOString(), stale: false, source: "test",
  };
}

let server: TestServer;
let browser: Browser;

// Contexts in Chinese that accept downloads. An export is saved through a
// blob: link, which is local, so it is not counted as an outside address.
const contextOptions: IsolatedContextOptions = { locale: "zh-CN", acceptDownloads: true, localProtocols: ["blob:"] };

// Opens the console signed in with `token`. The console logs each response
// with a status in `allowedStatus` as an error, which is then expected.
function openWithToken(token: string, allowedStatus: number[] = []) {
  return openConsole(browser, server.url, {
    ...contextOptions,
    token,
    // The live feed's socket is not part of these tests and may not connect.
    allowed: (text) => /WebSocket connection to .*\/ws\?token=/.test(text) || allowedStatus.some((status) => text.includes(`status of ${status}`)),
  });
}

// Accepts a failed request line ("422 http://…") of this status.
function hasStatus(status: number): (line: string) => boolean {
  return (line) => line.startsWith(`${status} `);
}

async function landingPointTotal(): Promise<number> {
  const { json } = await server.call("GET", "/api/v1/landing-points?limit=1");
  return json.total as number;
}

async function chooseFile(page: Page, name: string, text: string): Promise<void> {
  await page.getByTestId("transfer-file").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(text, "utf8") });
}

async function dryRun(page: Page): Promise<void> {
  await page.getByTestId("transfer-dry-run").click();
  await page.getByTestId("transfer-report").waitFor();
}

async function reportRows(page: Page): Promise<Array<{ place: string; action: string; reason: string }>> {
  return page.getByTestId("transfer-row").evaluateAll((rows) =>
    rows.map((row) => ({
      place: row.children[0]?.textContent ?? "",
      action: row.children[2]?.textContent ?? "",
      reason: row.children[3]?.textContent ?? "",
    })),
  );
}

beforeAll(async () => {
  ({ server, browser } = await setUpConsoleTest());
});

afterAll(() => tearDownConsoleTest({ server, browser }));

describe("import and export panel", () => {
  it("imports landing points from CSV", async () => {
    const session = await openWithToken(server.tokens.planner);
    const { context, page } = session;
    const before = await landingPointTotal();
    expect(await page.getByTestId("count-landingPoints").textContent()).toBe(`${before} 处`);

    await page.getByTestId("open-transfer").click();
    const panel = page.getByTestId("transfer-panel");
    expect(await panel.textContent()).toContain("导入与导出");
    await page.getByTestId("transfer-kind").selectOption("landing-points");
    await chooseFile(page, "新增机降点.csv", goodCsv);
    expect(await page.getByTestId("transfer-format").textContent()).toBe("格式：CSV");
    expect(await page.getByTestId("transfer-default-city").inputValue()).toBe("bayannur");
    await page.getByTestId("transfer-default-surface").selectOption({ label: "草地" });
    expect(await page.getByTestId("transfer-apply").isDisabled()).toBe(true);

    await dryRun(page);
    expect(await page.getByTestId("transfer-summary").textContent()).toBe("共 2 条：新建 2，更新 0，拒绝 0");
    expect(await page.getByTestId("transfer-message").textContent()).toBe("预检通过，可以确认导入");
    expect(await reportRows(page)).toEqual([
      { place: "第 2 行", action: "新建", reason: "" },
      { place: "第 3 行", action: "新建", reason: "" },
    ]);
    expect(await page.getByTestId("transfer-report").textContent()).toContain("海流图镇北机降点");
    expect(await landingPointTotal(), "a dry run writes nothing").toBe(before);
    await page.screenshot({ path: `${artifacts}transfer-dry-run.png`, animations: "disabled" });

    await page.getByTestId("transfer-apply").click();
    await expect.poll(() => page.getByTestId("transfer-message").textContent()).toBe("导入完成：新建 2，更新 0，图层已刷新");
    expect(await landingPointTotal()).toBe(before + 2);
    await expect.poll(() => page.getByTestId("count-landingPoints").textContent()).toBe(`${before + 2} 处`);
    expect(await page.locator(".landing-point").count()).toBe(before + 2);
    expect(await page.locator('.leaflet-marker-icon[title="海流图镇北机降点"]').count()).toBe(1);
    expect(await page.getByTestId("transfer-apply").isDisabled()).toBe(true);
    await page.screenshot({ path: `${artifacts}transfer-applied.png`, animations: "disabled" });

    const { json } = await server.call("GET", "/api/v1/landing-points?limit=1000");
    const imported = (json.features as Array<{ properties: { nameZh: string; surface: string; city: string; sizeM: number } }>).find(
      (feature) => feature.properties.nameZh === "海流图镇北机降点",
    );
    expect(imported?.properties).toMatchObject({ surface: "grass", city: "bayannur", sizeM: 60 });

    expectNoProblems(session);
    await context.close();
  });

  it("rejects a swapped coordinate row", async () => {
    const session = await openWithToken(server.tokens.planner);
    const { context, page } = session;
    const before = await landingPointTotal();

    await page.getByTestId("open-transfer").click();
    await page.getByTestId("transfer-kind").selectOption("landing-points");
    await page.getByTestId("transfer-default-surface").selectOption("concrete");
    await chooseFile(page, "有错的机降点.csv", swappedCsv);
    await dryRun(page);

    expect(await page.getByTestId("transfer-summary").textContent()).toBe("共 2 条：新建 1，更新 0，拒绝 1");
    expect(await page.getByTestId("transfer-message").textContent()).toBe("有 1 条被拒绝，未写入任何数据：请修改文件后重新预检");
    const rows = await reportRows(page);
    expect(rows[0]).toEqual({ place: "第 2 行", action: "新建", reason: "" });
    expect(rows[1]?.place).toBe("第 3 行");
    expect(rows[1]?.action).toBe("拒绝");
    expect(rows[1]?.reason).toContain("经纬度似乎写反了");
    expect(await page.getByTestId("transfer-apply").isDisabled()).toBe(true);
    await page.screenshot({ path: `${artifacts}transfer-rejected.png`, animations: "disabled" });

    expect(await landingPointTotal(), "nothing written").toBe(before);
    expect(await page.getByTestId("count-landingPoints").textContent()).toBe(`${before} 处`);

    expectNoProblems(session);
    await context.close();
  });

  it("reports an unreadable file", async () => {
    const session = await openWithToken(server.tokens.planner, [422]);
    const { context, page } = session;

    await page.getByTestId("open-transfer").click();
    await page.getByTestId("transfer-kind").selectOption("landing-points");
    await chooseFile(page, "机降点.xlsx", "not a spreadsheet we read");
    expect(await page.getByTestId("transfer-format").textContent()).toContain("无法从文件名 机降点.xlsx 识别格式");
    expect(await page.getByTestId("transfer-dry-run").isDisabled()).toBe(true);

    await chooseFile(page, "没有坐标.csv", "名称,地址\n临河区机降点,临河区");
    await page.getByTestId("transfer-dry-run").click();
    await expect.poll(() => page.getByTestId("transfer-message").textContent()).toMatch(/^导入失败：/);
    expect(await page.getByTestId("transfer-message").textContent()).toContain("找不到所需的列");
    expect(await page.getByTestId("transfer-report").count()).toBe(0);
    expect(await page.getByTestId("transfer-apply").isDisabled()).toBe(true);
    // The form stays for a corrected file.
    expect(await page.getByTestId("transfer-dry-run").isVisible()).toBe(true);

    expectNoProblems(session, hasStatus(422));
    await context.close();
  });

  it("sends GCJ-02 and the defaults", async () => {
    // An admin of the home city, who may import rows of Wuhai.
    const session = await openWithToken(server.tokens.admin);
    const { context, page } = session;

    await page.getByTestId("open-transfer").click();
    await page.getByTestId("transfer-kind").selectOption("water-sources");
    expect(await page.getByTestId("transfer-default-surface").isVisible(), "surface is for landing points only").toBe(false);
    await page.getByTestId("transfer-kind").selectOption("landing-points");
    await page.getByTestId("transfer-gcj02").check();
    await page.getByTestId("transfer-default-city").selectOption("wuhai");
    await page.getByTestId("transfer-default-surface").selectOption("gravel");
    await page.getByTestId("transfer-default-size").fill("80");
    await chooseFile(page, "高德坐标.csv", goodCsv);
    const [request] = await Promise.all([page.waitForRequest(/\/api\/v1\/imports\?/), page.getByTestId("transfer-dry-run").click()]);

    const query = new URL(request.url()).searchParams;
    expect(query.get("kind")).toBe("landing-points");
    expect(query.get("format")).toBe("csv");
    expect(query.get("dryRun")).toBe("true");
    expect(query.get("crs")).toBe("gcj02");
    expect(query.get("defaults[city]")).toBe("wuhai");
    expect(query.get("defaults[surface]")).toBe("gravel");
    expect(query.get("defaults[sizeM]")).toBe("80");
    await page.getByTestId("transfer-report").waitFor();

    // A changed input makes the report stale, so the apply waits for a new check.
    await page.getByTestId("transfer-gcj02").uncheck();
    expect(await page.getByTestId("transfer-report").count()).toBe(0);
    expect(await page.getByTestId("transfer-apply").isDisabled()).toBe(true);

    expectNoProblems(session);
    await context.close();
  });

  it("offers only writable default cities", async () => {
    // The API rejects a row of a city the account may not write (forbidden_city),
    // so planners get their own city only and admins of the home city every city.
    const ordosPlanner = await server.call("POST", "/api/v1/tokens", { body: { name: "ordos planner", role: "planner", city: "ordos" } });
    expect(ordosPlanner.status).toBe(201);
    const cases = [
      { account: "Ordos planner", token: ordosPlanner.json.token as string, offered: ["", "ordos"], selected: "ordos", label: "鄂尔多斯市" },
      { account: "Bayannur planner", token: server.tokens.planner, offered: ["", "bayannur"], selected: "bayannur", label: "巴彦淖尔市" },
      { account: "Bayannur admin", token: server.tokens.admin, offered: ["", "bayannur", "baotou", "ordos", "wuhai", "alxa"], selected: "bayannur", label: "巴彦淖尔市" },
    ];

    for (const expected of cases) {
      const session = await openWithToken(expected.token);
    const { context, page } = session;
      await page.getByTestId("open-transfer").click();
      await page.getByTestId("transfer-kind").selectOption("landing-points");
      const city = page.getByTestId("transfer-default-city");

      const offered = await city.locator("option").evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
      expect(offered, `cities offered to the ${expected.account}`).toEqual(expected.offered);
      expect(await city.inputValue(), `default city of the ${expected.account}`).toBe(expected.selected);
      expect(await city.locator("option:checked").textContent()).toBe(expected.label);

      expectNoProblems(session);
      await context.close();
    }
  });

  it("downloads a KML with Chinese names", async () => {
    const session = await openWithToken(server.tokens.viewer);
    const { context, page } = session;
    const { json } = await server.call("GET", "/api/v1/landing-points?limit=1");
    const firstName = json.features[0].properties.nameZh as string;
    expect(firstName).toMatch(/\p{Script=Han}/u);

    await page.getByTestId("open-transfer").click();
    expect(await page.getByTestId("download-risk-areas-gpx").count(), "no GPX for polygons").toBe(0);
    expect(await page.getByTestId("download-risk-areas-kml").count()).toBe(1);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-landing-points-kml").click()]);
    expect(download.suggestedFilename()).toBe("landing-points.kml");
    const kml = readFileSync((await download.path())!, "utf8");
    expect(kml).toContain("<kml");
    expect(kml).toContain("<name>机降点</name>");
    expect(kml).toContain(`<name>${firstName}</name>`);

    expectNoProblems(session);
    await context.close();
  });

  it("switches the panel to English", async () => {
    const session = await openWithToken(server.tokens.planner);
    const { context, page } = session;

    await page.getByTestId("open-transfer").click();
    await page.getByTestId("transfer-kind").selectOption("landing-points");
    await page.getByTestId("transfer-default-surface").selectOption("concrete");
    await chooseFile(page, "swapped.csv", swappedCsv);
    await dryRun(page);
    expect(await page.getByTestId("transfer-summary").textContent()).toBe("共 2 条：新建 1，更新 0，拒绝 1");

    await page.getByTestId("language-en").click();
    const panel = page.getByTestId("transfer-panel");
    expect(await panel.locator("h2").textContent()).toBe("Import and export");
    expect(await page.getByTestId("open-transfer").textContent()).toBe("Import / export");
    expect(await page.getByTestId("transfer-dry-run").textContent()).toBe("Check");
    expect(await page.getByTestId("transfer-apply").textContent()).toBe("Confirm import");
    expect(await page.getByTestId("transfer-format").textContent()).toBe("Format: CSV");
    expect(await page.getByTestId("transfer-default-surface").locator("option:checked").textContent()).toBe("Concrete");
    // The dry run is requested again, so the API's reasons come in English too.
    await expect.poll(() => page.getByTestId("transfer-summary").textContent()).toBe("2 records: 1 new, 0 updated, 1 rejected");
    const rows = await reportRows(page);
    expect(rows[1]?.place).toBe("Line 3");
    expect(rows[1]?.action).toBe("Rejected");
    expect(rows[1]?.reason).toContain("looks like [lat, lon]");
    expect(await page.getByTestId("download-landing-points-csv").getAttribute("title")).toBe("Landing points · Download CSV");

    // Apart from the record names from the file, the panel has no Chinese left.
    const text = await panel.evaluate((node) => (node as HTMLElement).innerText);
    expect(text.replace(/新安镇机降点|隆兴昌镇机降点/g, "")).not.toMatch(/\p{Script=Han}/u);
    await page.screenshot({ path: `${artifacts}transfer-en.png`, animations: "disabled" });

    expectNoProblems(session);
    await context.close();
  });

  it("downloads an aircraft's last hour", async () => {
    // Positions of the last 30 minutes for one aircraft, and none for the other.
    const nowMs = Date.now();
    for (let minute = 30; minute > 0; minute -= 10) {
      const time = new Date(nowMs - minute * 60_000).toISOString();
      await server.database.sql`
        INSERT INTO positions (icao_address, time, location, altitude_m, source)
        VALUES ('7BFE01', ${time}, ST_SetSRID(ST_MakePoint(${107.74 + minute * 0.001}, 40.93), 4326), 1200, 'test')`;
    }
    const { context, page, problems, external } = await openConsole(browser, server.url, {
      ...contextOptions,
      token: server.tokens.viewer,
      beforeLoad: (page) =>
        page.context().routeWebSocket(/\/ws\?token=/, (socket) => {
          socket.send(JSON.stringify({ type: "snapshot", aircraft: [liveTrack("7BFE01", "BYNR01", [107.74, 40.93]), liveTrack("780A11", "CCA1234", [108.3, 41.2])] }));
        }),
    });

    await page.locator('.ac[data-icao="7BFE01"]').click();
    const button = page.locator(".leaflet-popup-content").getByTestId("download-track");
    expect(await button.textContent()).toBe("下载近 1 小时航迹（GPX）");
    const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
    expect(download.suggestedFilename()).toBe("track-7BFE01.gpx");
    const gpx = readFileSync((await download.path())!, "utf8");
    expect(gpx).toContain("<trk>");
    expect(gpx.match(/<trkpt /g)).toHaveLength(3);
    await page.screenshot({ path: `${artifacts}transfer-track.png`, animations: "disabled" });

    await page.locator(".leaflet-popup-close-button").click();
    await page.locator('.ac[data-icao="780A11"]').click();
    await page.locator(".leaflet-popup-content").getByTestId("download-track").click();
    await expect.poll(() => page.locator(".leaflet-popup-content [role=alert]").textContent()).toMatch(/^航迹下载失败：/);

    expect(problems.consoleErrors.filter((text) => !text.includes("status of 404"))).toEqual([]);
    expect(problems.failedRequests.filter((line) => !/^404 .*\/exports\/tracks\/780a11\.gpx/.test(line))).toEqual([]);
    expect(external).toEqual([]);
    await context.close();
  });

  it("offers a viewer downloads only", async () => {
    const session = await openWithToken(server.tokens.viewer);
    const { context, page } = session;

    await page.getByTestId("open-transfer").click();
    expect(await page.getByTestId("download-landing-points-csv").isVisible()).toBe(true);
    expect(await page.getByTestId("transfer-import").count()).toBe(0);
    expect(await page.getByTestId("transfer-panel").textContent()).not.toContain("预检");

    expectNoProblems(session);
    await context.close();
  });

  it("hides the form on a 403", async () => {
    const session = await openWithToken(server.tokens.planner, [403]);
    const { context, page } = session;
    const before = await landingPointTotal();
    // The API checks every request, whatever the console's capability table allows.
    const forbidden = { code: "forbidden", message: "角色 planner 无权执行此操作" };
    await page.route("**/api/v1/imports?*", (route) => route.fulfill({ status: 403, contentType: "application/json", body: JSON.stringify({ error: forbidden }) }));

    await page.getByTestId("open-transfer").click();
    await page.getByTestId("transfer-kind").selectOption("landing-points");
    await chooseFile(page, "新增机降点.csv", goodCsv);
    await page.getByTestId("transfer-dry-run").click();

    await expect.poll(() => page.getByTestId("transfer-message").textContent()).toBe("当前账号不能导入：角色 planner 无权执行此操作");
    expect(await page.getByTestId("transfer-dry-run").isVisible()).toBe(false);
    expect(await page.getByTestId("download-landing-points-csv").isVisible()).toBe(true);
    expect(await landingPointTotal()).toBe(before);

    expectNoProblems(session, hasStatus(403));
    await context.close();
  });
});
