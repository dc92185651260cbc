import { existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

import { serve } from "@hono/node-server";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { testAdminToken, testApp } from "../api/test/app.js";
import { seedDemo } from "../scripts/seed.js";
import { launchChromium, watchProblems, type PageProblems } from "./test/browser.js";

const harnessRoot = fileURLToPath(new URL("./src/dispatch/harness/", import.meta.url));
const artifacts = new URL("../test-artifacts/", import.meta.url).pathname;
const contentTypes: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".png": "image/png", ".svg": "image/svg+xml" };

let server: Awaited<ReturnType<typeof startHarnessServer>>;
let browser: Browser;
let harnessDir: string;

// Builds the harness page with Vite into a temporary folder, served under
// /dispatch-harness/ beside the real API.
async function buildHarness(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), "dispatch-harness-"));
  await build({ root: harnessRoot, base: "./", configFile: false, logLevel: "warn", build: { outDir, emptyOutDir: true, assetsInlineLimit: 0 } });
  return outDir;
}

// Serves the real API, its WebSocket and the harness page from one loopback
// origin, as the console is served. Chromium blocks a page that a test route
// fulfils from opening a WebSocket to a loopback address (local network
// access checks), so the harness must come from a real local server.
async function startHarnessServer() {
  const t = await testApp({ tracking: {} });
  await seedDemo(t.database);

  const httpServer = serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch: (request) => {
      const path = new URL(request.url).pathname;
      if (!path.startsWith("/dispatch-harness/")) {
        return t.app.fetch(request);
      }
      const file = normalize(join(harnessDir, path.slice("/dispatch-harness/".length) || "index.html"));
      if (!file.startsWith(harnessDir) || !existsSync(file)) {
        return new Response("not found", { status: 404 });
      }
      return new Response(readFileSync(file), { headers: { "content-type": contentTypes[extname(file)] ?? "application/octet-stream" } });
    },
  }) as Server;
  await new Promise<void>((resolve) => httpServer.once("listening", () => resolve()));
  await t.tracking!.start(httpServer);
  const { port } = httpServer.address() as AddressInfo;

  return {
    ...t,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await t.tracking!.stop();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}

async function isolatedContext(external: string[]): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, timezoneId: "UTC" });
  await context.route(
    (url) => url.origin !== server.url && url.protocol !== "data:",
    (route) => {
      external.push(route.request().url());
      return route.abort();
    },
  );
  return context;
}

async function openPanel(context: BrowserContext, language: "zh-CN" | "en"): Promise<{ page: Page; problems: PageProblems }> {
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(`${server.url}/dispatch-harness/index.html#token=${server.tokens.dispatcher}&lang=${language}`);
  await page.waitForSelector("[data-testid=dispatch-panel]");
  return { page, problems };
}

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  harnessDir = await buildHarness();
  server = await startHarnessServer();
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("dispatch panel", () => {
  it("creates, dispatches and acknowledges", async () => {
    const external: string[] = [];
    const context = await isolatedContext(external);
    const { page, problems } = await openPanel(context, "zh-CN");

    await page.getByTestId("dispatch-pick").click();
    const map = await page.getByTestId("map").boundingBox();
    const pixel = await page.evaluate(() => {
      const harnessMap = (window as unknown as { harnessMap: import("leaflet").Map }).harnessMap;
      return harnessMap.latLngToContainerPoint([40.72, 109.15]);
    });
    await page.mouse.click(map!.x + pixel.x, map!.y + pixel.y);
    await page.getByTestId("dispatch-kind").selectOption("forest_fire");
    await page.getByTestId("dispatch-reporter").fill("乌拉山林场");
    await page.getByTestId("dispatch-create").click();

    const candidates = page.getByTestId("dispatch-candidates").locator("li");
    await candidates.first().waitFor();
    expect(await candidates.count()).toBeGreaterThan(0);
    expect(await candidates.first().textContent()).toMatch(/预计 \d+ 分钟|无法到达/);
    const incidents = await server.call("GET", "/api/v1/incidents");
    const [lon, lat] = incidents.json.items[0].lonLat;
    expect(lon).toBeCloseTo(109.15, 2);
    expect(lat).toBeCloseTo(40.72, 2);

    // The first aircraft that the model lets fly, by day or by night.
    const firstId = (await page.locator("[data-testid=dispatch-candidates] li[data-status=ok]").first().getAttribute("data-testid"))!.replace("candidate-", "");
    await page.getByTestId(`dispatch-${firstId}`).click();
    const mission = page.getByTestId("dispatch-mission");
    await page.waitForSelector("[data-testid=dispatch-mission][data-status=dispatched]");
    expect(await mission.getByTestId("mission-timeline").locator("li").count()).toBe(2);
    await page.getByTestId("mission-status-airborne").click();
    await page.waitForSelector("[data-testid=dispatch-mission][data-status=airborne]");

    // An emergency squawk from another fleet aircraft raises an alert over the WebSocket.
    server.tracking!.ingest({ icaoAddress: "7BFE01", timeMs: Date.now(), sourceId: "test", lonLat: [107.9, 41.0], squawk: "7700", onGround: false, groundSpeedKmh: 150 });
    const alert = page.locator("[data-testid^=alert-][data-kind=emergency_squawk]");
    await alert.waitFor({ timeout: 10_000 });
    expect(await alert.textContent()).toContain("应答机发出紧急代码 7700");
    expect(Number(await page.getByTestId("dispatch-alerts").getAttribute("data-beeps"))).toBeGreaterThanOrEqual(1);

    await alert.locator("button").click();
    await page.waitForFunction(() => document.querySelector("[data-kind=emergency_squawk]")?.textContent?.includes("test dispatcher"));
    const open = await server.call("GET", "/api/v1/alerts?open=true");
    expect(open.json.items[0].acknowledgedBy).toBe("test dispatcher");

    await page.screenshot({ path: `${artifacts}dispatch-panel.png` });
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
    expect(external).toEqual([]);
    await context.close();
  });

  it("lists open work after reload", async () => {
    const dispatcher = { token: server.tokens.dispatcher };
    const created = await server.call("POST", "/api/v1/incidents", {
      ...dispatcher,
      body: { kind: "flood", priority: 2, reportedAt: new Date().toISOString(), geometry: { type: "Point", coordinates: [108.4, 40.9] } },
    });
    expect(created.status).toBe(201);
    const incidentId = created.json.id as number;
    const report = await server.call("GET", `/api/v1/incidents/${incidentId}/candidates`, dispatcher);
    const able = report.json.candidates.find((candidate: { status: string }) => candidate.status === "ok");
    const missionResponse = await server.call("POST", "/api/v1/missions", { ...dispatcher, body: { incidentId, aircraftId: able.aircraftId } });
    expect(missionResponse.status).toBe(201);
    const missionId = missionResponse.json.id as number;

    const context = await isolatedContext([]);
    const { page, problems } = await openPanel(context, "zh-CN");
    const incidentRow = page.getByTestId(`open-incident-${incidentId}`);
    await incidentRow.waitFor();
    expect(await incidentRow.textContent()).toContain("洪涝");
    expect(await page.getByTestId(`open-mission-${missionId}`).textContent()).toContain("已派遣");

    await page.getByTestId(`open-mission-${missionId}`).click();
    await page.waitForSelector("[data-testid=dispatch-mission][data-status=dispatched]");
    expect(await page.getByTestId("mission-timeline").locator("li").count()).toBe(2);

    await incidentRow.click();
    expect(await page.getByTestId("dispatch-incident").textContent()).toContain(`#${incidentId}`);
    await page.getByTestId("dispatch-candidates").locator("li").first().waitFor();

    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
    await context.close();
  });

  it("explains an unable aircraft", async () => {
    // Near the north-east corner of the service region, beyond the range or endurance of most of the fleet.
    const created = await server.call("POST", "/api/v1/incidents", {
      token: server.tokens.dispatcher,
      body: { kind: "search_and_rescue", priority: 2, reportedAt: new Date().toISOString(), geometry: { type: "Point", coordinates: [111.0, 42.5] } },
    });
    const context = await isolatedContext([]);
    const { page, problems } = await openPanel(context, "zh-CN");
    await page.getByTestId(`open-incident-${created.json.id}`).click();
    const unable = page.locator("[data-testid=dispatch-candidates] li[data-status=unable]").first();
    await unable.waitFor();
    const aircraftId = (await unable.getAttribute("data-testid"))!.replace("candidate-", "");

    const verdict = await page.getByTestId(`verdict-${aircraftId}`).textContent();
    expect(verdict).toMatch(/^不可执行：/);
    expect(verdict).toMatch(/超出航程：需 \d+ 千米，可用 \d+ 千米|续航不足：需 \d+ 分钟，可用 \d+ 分钟|夜间不能飞行/);
    expect(await unable.textContent()).not.toContain("目标");
    expect(await unable.textContent()).not.toMatch(/out_of_range|endurance|night/);
    expect(await page.getByTestId(`dispatch-${aircraftId}`).count()).toBe(0);

    await page.getByTestId(`override-${aircraftId}`).click();
    await page.getByTestId(`confirm-override-${aircraftId}`).click();
    await page.waitForSelector("[data-testid=dispatch-mission][data-status=dispatched]");
    const missions = await server.call("GET", `/api/v1/missions?incidentId=${created.json.id}`);
    const mission = await server.call("GET", `/api/v1/missions/${missions.json.items[0].id}`);
    expect(mission.json.timeline[0].note).toMatch(/^override:/);
    expect(await page.getByTestId("mission-timeline").locator("li").first().textContent()).toContain("调度员确认仍然派遣");

    await server.call("POST", `/api/v1/missions/${mission.json.id}/status`, { token: server.tokens.dispatcher, body: { status: "cancelled" } });
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
    await context.close();
  });

  it("shows timeline times in CST", async () => {
    const created = await server.call("POST", "/api/v1/incidents", {
      token: testAdminToken,
      body: { kind: "medical_evacuation", priority: 1, reportedAt: new Date().toISOString(), geometry: { type: "Point", coordinates: [107.42, 40.76] } },
    });
    const report = await server.call("GET", `/api/v1/incidents/${created.json.id}/candidates`);
    const able = report.json.candidates.find((candidate: { status: string }) => candidate.status === "ok");
    const mission = await server.call("POST", "/api/v1/missions", { token: testAdminToken, body: { incidentId: created.json.id, aircraftId: able.aircraftId } });
    expect(mission.status).toBe(201);
    expect(mission.json.timeline[0].actor).toBe("ADMIN_TOKEN");
    // 8 hours ahead of UTC, as the console's status bar shows.
    const requestedCst = new Date(Date.parse(mission.json.requestedAt) + 8 * 3_600_000).toISOString().slice(11, 19);

    for (const [language, adminName] of [["zh-CN", "系统管理员"], ["en", "System administrator"]] as const) {
      const context = await isolatedContext([]);
      const { page } = await openPanel(context, language);
      await page.getByTestId(`open-mission-${mission.json.id}`).click();
      const first = page.getByTestId("mission-timeline").locator("li").first();
      await first.waitFor();
      const text = (await first.textContent())!;
      expect(text.startsWith(`${requestedCst} `), text).toBe(true);
      expect(text).not.toContain("Z ");
      expect(text).toContain(adminName);
      expect(text).not.toContain("ADMIN_TOKEN");
      await context.close();
    }
    await server.call("POST", `/api/v1/missions/${mission.json.id}/status`, { token: server.tokens.dispatcher, body: { status: "cancelled" } });
  });

  it("shows English when asked", async () => {
    const context = await isolatedContext([]);
    const { page } = await openPanel(context, "en");

    expect(await page.getByTestId("dispatch-pick").textContent()).toBe("Pick the incident location on the map");
    await context.close();
  });
});
