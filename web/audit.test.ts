import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { landingPointFeature } from "../api/test/factories.js";
import type { ConsoleSession } from "./test/console-session.js";
import { artifacts, setUpConsoleTest, tearDownConsoleTest, type TestServer } from "./test/console-setup.js";
import { apiCall } from "./test/http-api.js";
import { logInThroughApi, openSignedIn } from "./test/sign-in.js";

// Demo accounts only: setUpConsoleTest gives every demo user this password.
const demoPassword = "audit-test-password";

const createdName = "审计测试机降点";
const renamed = "审计测试机降点（已改名）";
// North of Haliut, where no seeded marker or label covers it at the first zoom.
const landingPointLonLat = [108.21, 41.63];

let server: TestServer;
let browser: Browser;
let landingPointId: number;
let incidentId: number;
let alertId: number;
let userId: number;

beforeAll(async () => {
  // With live tracking, so that the console's /ws connects and the page logs no errors.
  ({ server, browser } = await setUpConsoleTest({ tracking: {}, demoPassword }));

  // The planner writes through the API with its own session, so that the
  // audit rows name the same user the browser signs in as.
  const planner = await logInThroughApi(server.url, "demo-planner", demoPassword);
  const created = await apiCall(server.url, "POST", "/api/v1/landing-points", {
    token: planner,
    body: landingPointFeature({ nameZh: createdName, elevationM: 1040 }, { type: "Point", coordinates: landingPointLonLat }),
  });
  landingPointId = created.id;
  await apiCall(server.url, "PATCH", `/api/v1/landing-points/${landingPointId}`, { token: planner, body: { type: "Feature", properties: { nameZh: renamed, elevationM: 1065 } } });

  const dispatcher = await logInThroughApi(server.url, "demo-dispatcher", demoPassword);
  const incident = await apiCall(server.url, "POST", "/api/v1/incidents", {
    token: dispatcher,
    body: {
      kind: "grassland_fire",
      priority: 2,
      reporter: "审计测试报告人",
      notes: null,
      reportedAt: new Date().toISOString(),
      geometry: { type: "Point", coordinates: [107.6, 41.1] },
    },
  });
  incidentId = incident.id;

  // An alert acknowledged by the dispatcher: the acknowledgement is its audit row.
  const inserted = await server.database.sql<{ id: number }[]>`
    INSERT INTO alerts (kind, level, aircraft_id, details, raised_at, level_changed_at)
    SELECT 'lost_contact', 'warning', id, '{}'::jsonb, now(), now() FROM aircraft WHERE registration = 'B-7Z41'
    RETURNING id`;
  alertId = inserted[0]!.id;
  await apiCall(server.url, "POST", `/api/v1/alerts/${alertId}/acknowledge`, { token: dispatcher, body: {} });

  // A user that the admin creates and then disables.
  const admin = await logInThroughApi(server.url, "demo-admin", demoPassword);
  const user = await apiCall(server.url, "POST", "/api/v1/users", {
    token: admin,
    body: { username: "audit.viewer", displayName: "审计只读用户", role: "viewer", city: "bayannur", password: "audit-viewer-password" },
  });
  userId = user.id;
  await apiCall(server.url, "PATCH", `/api/v1/users/${userId}`, { token: admin, body: { disabled: true } });
});

afterAll(() => tearDownConsoleTest({ server, browser }));

// Signs in through the console's dialog, in a context that may talk only to the test server.
function signIn(username: string): Promise<ConsoleSession> {
  return openSignedIn(browser, server.url, username, demoPassword, { locale: "zh-CN" });
}

async function openLandingPointPopup(page: Page): Promise<void> {
  await page.locator(`.leaflet-marker-icon[title="${renamed}"]`).click();
  await page.locator(".leaflet-popup .asset-popup").waitFor();
}

// The time as the dialog should show it: China Standard Time, whatever the browser's zone.
function chinaClock(iso: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" })
      .formatToParts(new Date(iso))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

async function fieldText(entry: Locator, field: string): Promise<string> {
  return ((await entry.locator(`tr[data-field="${field}"] td`).textContent()) ?? "").trim();
}

describe("audit log dialog", () => {
  it("shows a planner a landing point's history", async () => {
    const { context, page, problems, external } = await signIn("demo-planner");
    const planner = await logInThroughApi(server.url, "demo-planner", demoPassword);
    const rows = await apiCall(server.url, "GET", `/api/v1/audit?objectKind=landing-points&objectId=${landingPointId}`, { token: planner });

    await openLandingPointPopup(page);
    await page.getByTestId(`history-landing-points-${landingPointId}`).click();
    const dialog = page.getByTestId("audit-dialog");
    await dialog.waitFor();
    const entries = dialog.getByTestId("audit-entry");
    await expect.poll(() => entries.count()).toBe(2);

    expect(await dialog.locator("h2").textContent()).toBe(`历史记录：${renamed}`);
    expect(await dialog.getByTestId("audit-total").textContent()).toBe("共 2 条");
    expect(await dialog.getByTestId("audit-more").count()).toBe(0);

    // Newest first: the update, then the creation.
    const update = entries.nth(0);
    const create = entries.nth(1);
    expect(await update.getAttribute("data-action")).toBe("update");
    expect(await create.getAttribute("data-action")).toBe("create");
    expect(await update.locator(".audit-action").textContent()).toBe("修改");
    expect(await create.locator(".audit-action").textContent()).toBe("创建");
    expect(await update.locator(".audit-actor").textContent()).toBe("demo-planner（规划员）");
    expect(await create.locator(".audit-actor").textContent()).toBe("demo-planner（规划员）");
    expect(await update.locator(".audit-time").textContent()).toBe(chinaClock(rows.items[0].at));
    expect(await create.locator(".audit-time").textContent()).toBe(chinaClock(rows.items[1].at));

    // The update lists only the two fields it changed, before → after.
    expect(await update.locator("tr").count()).toBe(2);
    expect(await update.locator('tr[data-field="nameZh"] th').textContent()).toBe("中文名称");
    expect(await fieldText(update, "nameZh")).toBe(`${createdName} → ${renamed}`);
    expect(await update.locator('tr[data-field="elevationM"] th').textContent()).toBe("海拔");
    expect(await fieldText(update, "elevationM")).toBe("1,040 米 → 1,065 米");

    // The creation summarizes the record, with the geometry by type only.
    expect(await fieldText(create, "nameZh")).toBe(createdName);
    expect(await fieldText(create, "surface")).toBe("水泥");
    expect(await fieldText(create, "city")).toBe("巴彦淖尔市");
    expect(await fieldText(create, "geometry")).toBe("点");
    expect(await create.textContent()).not.toContain(String(landingPointLonLat[0]));
    await page.screenshot({ path: `${artifacts}audit-landing-point-zh.png`, animations: "disabled" });

    // The dialog's own switch, since the modal dialog covers the header.
    await page.getByTestId("audit-language-en").click();
    await expect.poll(() => update.locator(".audit-action").textContent()).toBe("Updated");
    expect(await create.locator(".audit-action").textContent()).toBe("Created");
    expect(await update.locator(".audit-actor").textContent()).toBe("demo-planner (Planner)");
    expect(await update.locator('tr[data-field="nameZh"] th').textContent()).toBe("Chinese name");
    expect(await update.locator('tr[data-field="elevationM"] th').textContent()).toBe("Elevation");
    expect(await fieldText(update, "elevationM")).toBe("1,040 m → 1,065 m");
    expect(await fieldText(create, "surface")).toBe("Concrete");
    expect(await fieldText(create, "geometry")).toBe("point");
    expect(await dialog.getByTestId("audit-total").textContent()).toBe("2 entries");
    expect(await update.locator(".audit-time").textContent()).toBe(chinaClock(rows.items[0].at));
    await page.screenshot({ path: `${artifacts}audit-landing-point-en.png`, animations: "disabled" });

    await page.getByTestId("audit-close").click();
    await expect.poll(() => page.getByTestId("audit-dialog").count()).toBe(0);
    expect(problems).toEqual({ consoleErrors: [], failedRequests: [] });
    expect(external).toEqual([]);
    await context.close();
  });

  it("pages a long history with more", async () => {
    const planner = await logInThroughApi(server.url, "demo-planner", demoPassword);
    const created = await apiCall(server.url, "POST", "/api/v1/landing-points", {
      token: planner,
      body: landingPointFeature({ nameZh: "审计分页机降点" }, { type: "Point", coordinates: [106.9, 41.0] }),
    });
    // 1 creation and 24 updates: one full page of 20 and 5 more.
    for (let sizeM = 51; sizeM <= 74; sizeM++) {
      await apiCall(server.url, "PATCH", `/api/v1/landing-points/${created.id}`, { token: planner, body: { type: "Feature", properties: { sizeM } } });
    }

    const { context, page } = await signIn("demo-planner");
    await page.getByTestId("open-planning").click();
    await page.getByTestId("planning-kind-landingPoints").click();
    await page.getByTestId(`history-${created.id}`).click();
    const dialog = page.getByTestId("audit-dialog");
    const entries = dialog.getByTestId("audit-entry");
    await expect.poll(() => entries.count()).toBe(20);
    expect(await dialog.getByTestId("audit-total").textContent()).toBe("共 25 条");
    expect(await fieldText(entries.nth(0), "sizeM")).toBe("73 米 → 74 米");

    await dialog.getByTestId("audit-more").click();
    await expect.poll(() => entries.count()).toBe(25);
    expect(await entries.nth(24).getAttribute("data-action")).toBe("create");
    expect(await dialog.getByTestId("audit-more").count()).toBe(0);
    await page.screenshot({ path: `${artifacts}audit-paging.png`, animations: "disabled" });
    await context.close();
  });

  it("shows a dispatcher an incident's creation", async () => {
    const { context, page, problems } = await signIn("demo-dispatcher");
    await page.getByTestId("open-dispatch").click();
    await page.getByTestId(`open-incident-${incidentId}`).click();
    await page.getByTestId("incident-history").click();

    const entries = page.getByTestId("audit-dialog").getByTestId("audit-entry");
    await expect.poll(() => entries.count()).toBe(1);
    const created = entries.nth(0);
    expect(await created.locator(".audit-action").textContent()).toBe("创建");
    expect(await created.locator(".audit-actor").textContent()).toBe("demo-dispatcher（调度员）");
    expect(await fieldText(created, "kind")).toBe("草原火灾");
    expect(await fieldText(created, "status")).toBe("未结案");
    expect(await fieldText(created, "reporter")).toBe("审计测试报告人");
    expect(await fieldText(created, "geometry")).toBe("点");
    expect(await created.locator('tr[data-field="lonLat"]').count()).toBe(0);
    await page.screenshot({ path: `${artifacts}audit-incident.png`, animations: "disabled" });
    expect(problems).toEqual({ consoleErrors: [], failedRequests: [] });
    await context.close();
  });

  it("shows a dispatcher an alert's acknowledgement", async () => {
    const { context, page, problems } = await signIn("demo-dispatcher");
    await page.getByTestId("open-dispatch").click();
    await page.getByTestId(`alert-history-${alertId}`).click();

    const entries = page.getByTestId("audit-dialog").getByTestId("audit-entry");
    await expect.poll(() => entries.count()).toBe(1);
    expect(await entries.nth(0).locator(".audit-action").textContent()).toBe("确认告警");
    expect(await entries.nth(0).locator(".audit-actor").textContent()).toBe("demo-dispatcher（调度员）");
    await page.screenshot({ path: `${artifacts}audit-alert.png`, animations: "disabled" });
    expect(problems).toEqual({ consoleErrors: [], failedRequests: [] });
    await context.close();
  });

  it("shows an admin a user's history over the admin screen", async () => {
    const { context, page, problems } = await signIn("demo-admin");
    await page.getByTestId("open-admin").click();
    await page.getByTestId("admin-user-audit.viewer").getByTestId("admin-action-history").click();

    const dialog = page.getByTestId("audit-dialog");
    const entries = dialog.getByTestId("audit-entry");
    await expect.poll(() => entries.count()).toBe(2);
    expect(await entries.nth(0).locator(".audit-action").textContent()).toBe("修改");
    expect(await entries.nth(1).locator(".audit-action").textContent()).toBe("创建");
    // The dialog is on top of the admin screen, so a user can click in it.
    await dialog.getByTestId("audit-close").click();
    await expect.poll(() => dialog.count()).toBe(0);
    await page.screenshot({ path: `${artifacts}audit-user.png`, animations: "disabled" });
    expect(problems).toEqual({ consoleErrors: [], failedRequests: [] });
    await context.close();
  });

  it("shows a dispatcher no history button on assets", async () => {
    const { context, page } = await signIn("demo-dispatcher");
    await openLandingPointPopup(page);
    expect(await page.locator(".leaflet-popup").textContent()).toContain(renamed);
    expect(await page.locator(".leaflet-popup .history-button").count()).toBe(0);
    await context.close();
  });

  // Viewers read no audit rows; coordinators read mutual-aid requests only
  // (api/audit/query.ts).
  for (const username of ["demo-viewer", "demo-coordinator"]) {
    it(`shows ${username} no history button`, async () => {
      const { context, page } = await signIn(username);
      await openLandingPointPopup(page);
      expect(await page.locator(".leaflet-popup").textContent()).toContain(renamed);
      expect(await page.locator(".leaflet-popup .history-button").count()).toBe(0);

      await page.getByTestId("open-dispatch").click();
      await page.getByTestId(`open-incident-${incidentId}`).click();
      await page.getByTestId("dispatch-incident").waitFor();
      expect(await page.getByTestId("incident-history").count()).toBe(0);
      await page.screenshot({ path: `${artifacts}audit-${username}.png`, animations: "disabled" });
      await context.close();
    });
  }
});
