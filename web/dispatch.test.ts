import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";

import type { Browser, BrowserContext, Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startTestServer } from "../api/test/server.js";
import { launchChromium, watchProblems, type PageProblems } from "./test/browser.js";

const harnessRoot = fileURLToPath(new URL("./src/dispatch/harness/", import.meta.url));
const artifacts = new URL("../test-artifacts/", import.meta.url).pathname;
const contentTypes: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".png": "image/png", ".svg": "image/svg+xml" };

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let harnessDir: string;

// Builds the harness page with Vite into a temporary folder; the browser
// gets it under /dispatch-harness/ on the test server's origin, so that the
// panel's API and WebSocket calls go to the real server.
async function buildHarness(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), "dispatch-harness-"));
  await build({ root: harnessRoot, base: "./", configFile: false, logLevel: "warn", build: { outDir, emptyOutDir: true, assetsInlineLimit: 0 } });
  return outDir;
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
  await context.route(`${server.url}/dispatch-harness/**`, (route) => {
    const path = new URL(route.request().url()).pathname.replace("/dispatch-harness/", "");
    const file = join(harnessDir, path || "index.html");
    return route.fulfill({ body: readFileSync(file), contentType: contentTypes[extname(file)] ?? "application/octet-stream" });
  });
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
  server = await startTestServer({ tracking: {} });
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

    const firstId = (await candidates.first().getAttribute("data-testid"))!.replace("candidate-", "");
    await page.getByTestId(`dispatch-${firstId}`).click();
    const mission = page.getByTestId("dispatch-mission");
    await page.waitForSelector("[data-testid=dispatch-mission][data-status=dispatched]");
    expect(await mission.getByTestId("mission-timeline").locator("li").count()).toBe(2);
    await page.getByTestId("mission-status-airborne").click();
    await page.waitForSelector("[data-testid=dispatch-mission][data-status=airborne]");

    // An emergency squawk from another fleet aircraft raises an alert over the WebSocket.
    server.tracking!.ingest({ icaoAddress: "7BFE01", timeMs: Date.now(), sourceId: "test", lonLat: [107.9, 41.0], squawk: "7700", onGround: false, groundSpeedKmh: 150 });
    await new Promise((r) => setTimeout(r, 2000));
    console.log("DEBUG", JSON.stringify((await server.call("GET", "/api/v1/alerts")).json).slice(0, 600), await page.getByTestId("dispatch-panel").textContent());
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

  it("shows English when asked", async () => {
    const context = await isolatedContext([]);
    const { page } = await openPanel(context, "en");

    expect(await page.getByTestId("dispatch-pick").textContent()).toBe("Pick the incident location on the map");
    await context.close();
  });
});
