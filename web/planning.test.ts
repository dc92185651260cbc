import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { assetTotal, findAssetByName } from "./test/asset-queries.js";
import { expectNoProblems, openConsole, type ConsoleSession } from "./test/console-session.js";
import { artifacts, setUpConsoleTest, tearDownConsoleTest, type TestServer } from "./test/console-setup.js";

let server: TestServer;
let browser: Browser;

// Opens the console, by default as the planner, in a context that may talk
// only to the test server, so that the planning tools are shown to work
// with no network.
function openAs(options: { token?: string; locale?: string } = {}): Promise<ConsoleSession> {
  return openConsole(browser, server.url, {
    locale: options.locale ?? "zh-CN",
    token: options.token ?? server.tokens.planner,
    defaultTimeoutMs: 8_000,
    // A rejected write is an expected 400 or 422, which Chromium also logs.
    allowed: (text) => /status of 4(00|22)/.test(text),
  });
}

// The landing-point writes that the tests make the API reject.
function isRejectedLandingPoint(line: string): boolean {
  return /^4(00|22) .*\/api\/v1\/landing-points$/.test(line);
}

// Returns the API's own message for a landing point with a negative size
// (and, in English, none), to compare with what the form shows.
async function apiMessage(field: string, language: "zh-CN" | "en"): Promise<string> {
  const properties = language === "en" ? { nameZh: "英文测试点", surface: "grass", city: "bayannur" } : { nameZh: "测试机降点甲", surface: "grass", sizeM: -5, city: "bayannur" };
  const { status, json } = await server.call("POST", "/api/v1/landing-points", {
    language,
    body: { type: "Feature", geometry: { type: "Point", coordinates: [107.5, 40.9] }, properties },
  });
  expect(status).toBeGreaterThanOrEqual(400);
  return (json.errors as Array<{ field: string; message: string }>).find((error) => error.field === field)!.message;
}

// Returns the box of an element once the map has stopped moving it, because
// a drag that starts during the zoom animation misses the element.
async function settledBox(page: Page, locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  let previous = await locator.boundingBox();
  for (let attempt = 0; attempt < 20; attempt++) {
    await page.waitForTimeout(150);
    const current = await locator.boundingBox();
    if (current && previous && current.x === previous.x && current.y === previous.y) {
      return current;
    }
    previous = current;
  }
  throw new Error("the element kept moving for 3 s");
}

// Clicks the map at an offset in pixels from its centre. The point moves
// right in 10 px steps until no marker, label or clickable shape is under
// it, because geoman takes a click on a marker as a click on that marker.
async function clickMap(page: Page, dx: number, dy: number): Promise<{ x: number; y: number }> {
  const box = (await page.getByTestId("map").boundingBox())!;
  for (let shift = 0; shift < 300; shift += 10) {
    const x = box.x + box.width / 2 + dx + shift;
    const y = box.y + box.height / 2 + dy;
    const free = await page.evaluate(([px, py]) => {
      const target = document.elementFromPoint(px!, py!);
      return target !== null && target.closest(".leaflet-marker-pane, .leaflet-tooltip-pane, .leaflet-control, .leaflet-interactive, .map-label") === null;
    }, [x, y]);
    if (free) {
      await page.mouse.click(x, y);
      return { x, y };
    }
  }
  throw new Error(`no free spot on the map near (${dx}, ${dy})`);
}

async function openPlanning(page: Page, kindId: string): Promise<void> {
  await page.getByTestId("open-planning").click();
  await page.getByTestId(`planning-kind-${kindId}`).click();
}

beforeAll(async () => {
  ({ server, browser } = await setUpConsoleTest({ tracking: {} }));
});

afterAll(() => tearDownConsoleTest({ server, browser }));

describe("planning edits", () => {
  it("hides the tools from viewers", async () => {
    const session = await openAs({ token: server.tokens.viewer });
    const { context, page } = session;

    expect(await page.getByTestId("open-planning").count()).toBe(0);

    expectNoProblems(session, isRejectedLandingPoint);
    await context.close();
  });

  it("creates and edits a landing point", async () => {
    const session = await openAs();
    const { context, page } = session;
    const before = await assetTotal(server, "landing-points");
    const markersBefore = await page.locator(".landing-point").count();
    await openPlanning(page, "landingPoints");

    await page.getByTestId("planning-new").click();
    expect(await page.getByTestId("planning-status").textContent()).toBe("请在地图上单击位置");
    await clickMap(page, -80, 40);
    await page.getByTestId("field-nameZh").fill("测试机降点甲");
    await page.getByTestId("field-sizeM").fill("-5");
    await page.getByTestId("planning-save").click();

    const sizeError = page.getByTestId("error-sizeM");
    await sizeError.waitFor({ state: "visible" });
    expect(await sizeError.textContent()).toBe(await apiMessage("properties.sizeM", "zh-CN"));
    expect(await sizeError.textContent()).toContain("-5");
    expect(await page.getByTestId("field-sizeM").getAttribute("aria-invalid")).toBe("true");
    await page.screenshot({ path: `${artifacts}planning-rejected-zh-CN.png`, animations: "disabled" });
    expect(await assetTotal(server, "landing-points")).toBe(before);
    expect(await page.locator(".landing-point").count()).toBe(markersBefore);

    await page.getByTestId("field-sizeM").fill("40");
    await page.getByTestId("planning-save").click();
    await expect.poll(() => page.getByTestId("planning-status").textContent()).toBe("已保存");
    expect(await assetTotal(server, "landing-points")).toBe(before + 1);
    expect(await page.locator(".landing-point").count()).toBe(markersBefore + 1);
    expect(await page.locator(".planning-draft").count()).toBe(0);
    const created = (await findAssetByName(server, "landing-points", "测试机降点甲"))!;
    expect(created.properties?.sizeM).toBe(40);
    expect(created.properties?.surface).toBe("grass");

    await page.getByTestId("planning-search").fill("测试机降点甲");
    await page.getByTestId(`edit-${created.properties!.id}`).click();
    await page.getByTestId("field-sizeM").fill("60");
    const draft = page.locator(".leaflet-marker-icon.planning-draft");
    const box = await settledBox(page, draft);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height - 4);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height - 4, { steps: 8 });
    await page.mouse.up();
    await page.screenshot({ path: `${artifacts}planning-dragged-zh-CN.png`, animations: "disabled" });
    await page.getByTestId("planning-save").click();
    await expect.poll(() => page.getByTestId("planning-status").textContent()).toBe("已保存");

    const edited = (await findAssetByName(server, "landing-points", "测试机降点甲"))!;
    expect(edited.properties?.sizeM).toBe(60);
    const [lonBefore] = (created.geometry as GeoJSON.Point).coordinates as [number, number];
    const [lonAfter, latAfter] = (edited.geometry as GeoJSON.Point).coordinates as [number, number];
    expect(lonAfter).toBeGreaterThan(lonBefore);
    expect(latAfter).toBeCloseTo((created.geometry as GeoJSON.Point).coordinates[1]!, 1);
    expect(await assetTotal(server, "landing-points")).toBe(before + 1);

    await page.screenshot({ path: `${artifacts}planning-edited-zh-CN.png`, animations: "disabled" });
    expectNoProblems(session, isRejectedLandingPoint);
    await context.close();
  });

  it("draws a patrol route", async () => {
    const session = await openAs();
    const { context, page } = session;
    const before = await assetTotal(server, "patrol-routes");
    await openPlanning(page, "patrolRoutes");

    await page.getByTestId("planning-new").click();
    await clickMap(page, -150, 100);
    await clickMap(page, -50, 20);
    const last = await clickMap(page, 60, 60);
    // A second click on the last vertex finishes the line.
    await page.mouse.click(last.x, last.y);
    await page.getByTestId("field-nameZh").fill("测试巡航线路");
    await page.getByTestId("field-corridorWidthKm").fill("8");
    await page.getByTestId("field-activeMonths").fill("4,5,6");
    await page.screenshot({ path: `${artifacts}planning-route-zh-CN.png`, animations: "disabled" });
    await page.getByTestId("planning-save").click();
    await expect.poll(() => page.getByTestId("planning-status").textContent()).toBe("已保存");

    expect(await assetTotal(server, "patrol-routes")).toBe(before + 1);
    const route = (await findAssetByName(server, "patrol-routes", "测试巡航线路"))!;
    expect(route.geometry.type).toBe("LineString");
    expect((route.geometry as GeoJSON.LineString).coordinates).toHaveLength(3);
    expect(route.properties?.corridorWidthKm).toBe(8);
    expect(route.properties?.activeMonths).toEqual([4, 5, 6]);

    expectNoProblems(session, isRejectedLandingPoint);
    await context.close();
  });

  it("deletes only after confirmation", async () => {
    const created = await server.call("POST", "/api/v1/landing-points", {
      body: { type: "Feature", geometry: { type: "Point", coordinates: [107.5, 40.9] }, properties: { nameZh: "待删除机降点", surface: "dirt", sizeM: 30, city: "bayannur" } },
    });
    expect(created.status).toBe(201);
    const before = await assetTotal(server, "landing-points");
    const session = await openAs();
    const { context, page } = session;
    await openPlanning(page, "landingPoints");
    await page.getByTestId("planning-search").fill("待删除");
    const id = created.json.properties.id as number;

    const messages: string[] = [];
    page.once("dialog", (dialog) => {
      messages.push(dialog.message());
      void dialog.dismiss();
    });
    await page.getByTestId(`delete-${id}`).click();
    await expect.poll(() => messages.length).toBe(1);
    expect(messages[0]).toBe("确定删除机降点“待删除机降点”吗？此操作不可撤销。");
    expect(await assetTotal(server, "landing-points")).toBe(before);

    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByTestId(`delete-${id}`).click();
    await expect.poll(() => page.getByTestId("planning-status").textContent()).toBe("已删除");
    expect(await assetTotal(server, "landing-points")).toBe(before - 1);
    expect(await page.getByTestId(`planning-row-${id}`).count()).toBe(0);

    expectNoProblems(session, isRejectedLandingPoint);
    await context.close();
  });

  it("searches the table by name", async () => {
    const { json } = await server.call("GET", "/api/v1/water-sources?limit=1000");
    const features = json.features as GeoJSON.Feature[];
    const target = features[0]!.properties!.nameZh as string;
    const expected = features.filter((feature) => String(feature.properties?.nameZh).includes(target) || String(feature.properties?.nameEn ?? "").includes(target));
    const session = await openAs();
    const { context, page } = session;
    await openPlanning(page, "waterSources");

    expect(await page.locator(".planning-row").count()).toBe(features.length);
    await page.getByTestId("planning-search").fill(target);
    expect(await page.locator(".planning-row").count()).toBe(expected.length);
    for (const name of await page.locator(".planning-row .planning-name").allTextContents()) {
      expect(name).toContain(target);
    }

    await page.getByTestId("planning-search").fill("没有这个名字");
    expect(await page.locator(".planning-row").count()).toBe(0);
    expect(await page.getByTestId("planning-panel").textContent()).toContain("没有匹配的记录");

    expectNoProblems(session, isRejectedLandingPoint);
    await context.close();
  });

  it("zooms to a picked row", async () => {
    const session = await openAs();
    const { context, page } = session;
    await openPlanning(page, "riskAreas");
    const zoomBefore = await page.locator(".leaflet-proxy").getAttribute("style");

    await page.locator(".planning-row").first().click();
    await expect.poll(() => page.locator(".leaflet-proxy").getAttribute("style")).not.toBe(zoomBefore);

    expectNoProblems(session, isRejectedLandingPoint);
    await context.close();
  });

  it("shows English messages", async () => {
    const session = await openAs({ locale: "en-US" });
    const { context, page } = session;
    const before = await assetTotal(server, "landing-points");
    await openPlanning(page, "landingPoints");
    expect(await page.getByTestId("open-planning").textContent()).toBe("Planning");

    await page.getByTestId("planning-new").click();
    await clickMap(page, 40, -40);
    await page.getByTestId("field-nameZh").fill("英文测试点");
    await page.getByTestId("planning-save").click();
    const sizeError = page.getByTestId("error-sizeM");
    await sizeError.waitFor({ state: "visible" });
    expect(await sizeError.textContent()).toBe(await apiMessage("properties.sizeM", "en"));
    await page.screenshot({ path: `${artifacts}planning-rejected-en.png`, animations: "disabled" });

    await page.getByTestId("planning-cancel").click();
    expect(await page.locator(".planning-draft").count()).toBe(0);
    expect(await assetTotal(server, "landing-points")).toBe(before);

    expectNoProblems(session, isRejectedLandingPoint);
    await context.close();
  });

  it("writes units in each language", async () => {
    const unitLabel = (page: Page, name: string) => page.locator("label.planning-field", { has: page.getByTestId(`field-${name}`) }).locator("span").first().textContent();

    for (const [locale, expected] of [
      ["zh-CN", { sizeM: "场地边长（米）", elevationM: "海拔（米）" }],
      ["en-US", { sizeM: "Size (m)", elevationM: "Elevation (m)" }],
    ] as const) {
      const session = await openAs({ locale });
      const { context, page } = session;
      await openPlanning(page, "landingPoints");
      await page.getByTestId("planning-new").click();
      await clickMap(page, 60, 60);

      expect(await unitLabel(page, "sizeM")).toBe(expected.sizeM);
      expect(await unitLabel(page, "elevationM")).toBe(expected.elevationM);

      await page.getByTestId("planning-cancel").click();
      expectNoProblems(session, isRejectedLandingPoint);
      await context.close();
    }
  });
});
