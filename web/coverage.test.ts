import { mkdirSync } from "node:fs";

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { launchChromium } from "./test/browser.js";
import { expectNoProblems, openConsole, type ConsoleSession } from "./test/console-session.js";
import { startHarnessServer } from "./test/harness.js";

const artifacts = new URL("../test-artifacts/", import.meta.url).pathname;

let server: Awaited<ReturnType<typeof startHarnessServer>>;
let browser: Browser;

// Opens the coverage layer's harness page, so that the layer's API calls go
// to the real server with the seeded demo data, and waits for the city's share.
async function openLayer(language: "zh-CN" | "en", token: string): Promise<ConsoleSession> {
  return openConsole(browser, server.url, { path: server.harnessPath, token, language, readySelector: "[data-testid=coverage-city-share]" });
}

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  server = await startHarnessServer("coverage");
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("coverage layer", () => {
  it("draws coverage and runs a what-if", async () => {
    const session = await openLayer("zh-CN", server.tokens.planner);
    const { context, page } = session;

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
    expectNoProblems(session);
    await context.close();
  });

  it("adds a base at a map click", async () => {
    const { context, page } = await openLayer("zh-CN", server.tokens.planner);
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
    const { context, page } = await openLayer("en", server.tokens.viewer);
    expect(await page.getByTestId("coverage-city-share").textContent()).toMatch(/City reached within 120 min: \d+\.\d %/);
    expect(await page.getByTestId("coverage-legend").textContent()).toContain("Unreachable");
    // Once the planner's lists are loaded, the panel shows no Chinese text.
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=coverage-type] option").length > 0);
    expect(await page.getByTestId("coverage-panel").textContent()).not.toMatch(/[\u4e00-\u9fff]/);
    await context.close();
  });

  it("explains a forbidden what-if", async () => {
    const { context, page } = await openLayer("en", server.tokens.viewer);
    await page.getByTestId("coverage-run").click();
    await page.getByTestId("coverage-error").waitFor({ state: "visible" });
    expect(await page.getByTestId("coverage-error").textContent()).toContain("forbidden");
    await context.close();
  });
});
