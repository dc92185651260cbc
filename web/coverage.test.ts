import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";

import type { Browser, BrowserContext, Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startTestServer } from "../api/test/server.js";
import { launchChromium, watchProblems, type PageProblems } from "./test/browser.js";

const harnessRoot = fileURLToPath(new URL("./src/coverage/harness/", import.meta.url));
const artifacts = new URL("../test-artifacts/", import.meta.url).pathname;
const contentTypes: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".css": "text/css",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let harnessDir: string;

// Builds the harness page with Vite into a temporary folder; the browser gets
// it under /coverage-harness/ on the test server's origin, so that the
// layer's API calls go to the real server with the seeded demo data.
async function buildHarness(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), "coverage-harness-"));
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
  await context.route(`${server.url}/coverage-harness/**`, (route) => {
    const path = new URL(route.request().url()).pathname.replace("/coverage-harness/", "");
    const file = join(harnessDir, path || "index.html");
    return route.fulfill({ body: readFileSync(file), contentType: contentTypes[extname(file)] ?? "application/octet-stream" });
  });
  return context;
}

async function openLayer(context: BrowserContext, language: "zh-CN" | "en", token: string): Promise<{ page: Page; problems: PageProblems }> {
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(`${server.url}/coverage-harness/index.html#token=${token}&lang=${language}`);
  await page.waitForSelector("[data-testid=coverage-city-share]");
  return { page, problems };
}

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  harnessDir = await buildHarness();
  server = await startTestServer();
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("coverage layer", () => {
  it("draws coverage and runs a what-if", async () => {
    const external: string[] = [];
    const context = await isolatedContext(external);
    const { page, problems } = await openLayer(context, "zh-CN", server.tokens.planner);

    expect(await page.getByTestId("coverage-city-share").textContent()).toMatch(/全市 120 分钟覆盖率：\d+\.\d %/);
    expect(await page.getByTestId("coverage-counties").locator("li").count()).toBe(7);
    expect(await page.locator("img.coverage-heatmap").count()).toBe(1);
    expect(await page.getByTestId("coverage-legend").textContent()).toContain("无法到达");
    expect(await page.locator("path.leaflet-interactive").count()).toBeGreaterThan(3);

    // By day at 60 minutes the own fleet leaves gaps, so closing Linhe must lose some of the city.
    await page.getByTestId("coverage-daylight").selectOption("day");
    await page.getByTestId("coverage-target").fill("60");
    await page.getByTestId("coverage-refresh").click();
    await page.waitForFunction(() => document.querySelector("[data-testid=coverage-city-share]")?.textContent?.includes("60 分钟"));
    await page.getByTestId("coverage-op").selectOption("close_base");
    await page.getByTestId("coverage-base").selectOption("BYN-LINHE");
    await page.getByTestId("coverage-run").click();
    await page.getByTestId("coverage-difference-city").waitFor();
    expect(await page.getByTestId("coverage-difference-city").textContent()).toMatch(/变化：.* → .*（−\d+\.\d pp）/);
    expect(Number(await page.getByTestId("coverage-difference").getAttribute("data-delta"))).toBeLessThan(0);

    await page.screenshot({ path: `${artifacts}coverage-layer.png` });
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
    expect(external).toEqual([]);
    await context.close();
  });

  it("adds a base at a map click", async () => {
    const context = await isolatedContext([]);
    const { page } = await openLayer(context, "zh-CN", server.tokens.planner);
    // By day: the H125 placed here does not fly at night.
    await page.getByTestId("coverage-daylight").selectOption("day");
    await page.getByTestId("coverage-target").fill("60");
    await page.getByTestId("coverage-refresh").click();
    await page.waitForFunction(() => document.querySelector("[data-testid=coverage-city-share]")?.textContent?.includes("60 分钟"));

    await page.getByTestId("coverage-op").selectOption("add_base");
    await page.getByTestId("coverage-type").selectOption("h125");
    const map = await page.getByTestId("map").boundingBox();
    const pixel = await page.evaluate(() => {
      const harnessMap = (window as unknown as { harnessMap: import("leaflet").Map }).harnessMap;
      return harnessMap.latLngToContainerPoint([41.7, 106.2]);
    });
    await page.mouse.click(map!.x + pixel.x, map!.y + pixel.y);
    expect(await page.getByTestId("coverage-picked").textContent()).toMatch(/位置：106\.\d+, 41\.\d+/);
    await page.getByTestId("coverage-run").click();
    await page.getByTestId("coverage-difference-city").waitFor();
    expect(Number(await page.getByTestId("coverage-difference").getAttribute("data-delta"))).toBeGreaterThan(0);
    await context.close();
  });

  it("shows English when asked", async () => {
    const context = await isolatedContext([]);
    const { page } = await openLayer(context, "en", server.tokens.viewer);
    expect(await page.getByTestId("coverage-city-share").textContent()).toMatch(/City reached within 120 min: \d+\.\d %/);
    expect(await page.getByTestId("coverage-legend").textContent()).toContain("Unreachable");
    // Once the planner's lists are loaded, the panel shows no Chinese text.
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=coverage-type] option").length > 0);
    expect(await page.getByTestId("coverage-panel").textContent()).not.toMatch(/[\u4e00-\u9fff]/);
    await context.close();
  });

  it("explains a forbidden what-if", async () => {
    const context = await isolatedContext([]);
    const { page } = await openLayer(context, "en", server.tokens.viewer);
    await page.getByTestId("coverage-run").click();
    await page.getByTestId("coverage-error").waitFor({ state: "visible" });
    expect(await page.getByTestId("coverage-error").textContent()).toContain("forbidden");
    await context.close();
  });
});
