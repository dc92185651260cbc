import { mkdirSync } from "node:fs";

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { testAdminToken } from "../api/test/app.js";
import { launchChromium } from "./test/browser.js";
import { expectNoProblems, openConsole, type ConsoleSession } from "./test/console-session.js";
import { startHarnessServer } from "./test/harness.js";

const artifacts = new URL("../test-artifacts/", import.meta.url).pathname;

let server: Awaited<ReturnType<typeof startHarnessServer>>;
let browser: Browser;

// Opens the dispatch panel's harness page as the dispatcher.
async function openPanel(language: "zh-CN" | "en"): Promise<ConsoleSession> {
  return openConsole(browser, server.url, { path: server.harnessPath, token: server.tokens.dispatcher, language, readySelector: "[data-testid=dispatch-panel]" });
}

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  // Tracking on: the panel's alerts come over the WebSocket.
  server = await startHarnessServer("dispatch", { tracking: {} });
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("dispatch panel", () => {
  it("creates, dispatches and acknowledges", async () => {
    const session = await openPanel("zh-CN");
    const { context, page } = session;

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

    // The first own aircraft that the model lets fly, by day or by night.
    const firstId = (await page.locator("[data-testid=dispatch-candidates] li[data-status=ok][data-at-disposal=true]").first().getAttribute("data-testid"))!.replace("candidate-", "");
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
    expectNoProblems(session);
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
    const able = report.json.candidates.find((candidate: { status: string; atDisposal: boolean }) => candidate.status === "ok" && candidate.atDisposal);
    const missionResponse = await server.call("POST", "/api/v1/missions", { ...dispatcher, body: { incidentId, aircraftId: able.aircraftId } });
    expect(missionResponse.status).toBe(201);
    const missionId = missionResponse.json.id as number;

    const session = await openPanel("zh-CN");
    const { context, page } = session;
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

    expectNoProblems(session);
    await context.close();
  });

  it("explains an unable aircraft", async () => {
    // Near the north-east corner of the service region, beyond the range or endurance of most of the fleet.
    const created = await server.call("POST", "/api/v1/incidents", {
      token: server.tokens.dispatcher,
      body: { kind: "search_and_rescue", priority: 2, reportedAt: new Date().toISOString(), geometry: { type: "Point", coordinates: [111.0, 42.5] } },
    });
    const session = await openPanel("zh-CN");
    const { context, page } = session;
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
    expectNoProblems(session);
    await context.close();
  });

  it("shows timeline times in CST", async () => {
    const created = await server.call("POST", "/api/v1/incidents", {
      token: testAdminToken,
      body: { kind: "medical_evacuation", priority: 1, reportedAt: new Date().toISOString(), geometry: { type: "Point", coordinates: [107.42, 40.76] } },
    });
    const report = await server.call("GET", `/api/v1/incidents/${created.json.id}/candidates`);
    const able = report.json.candidates.find((candidate: { status: string; atDisposal: boolean }) => candidate.status === "ok" && candidate.atDisposal);
    const mission = await server.call("POST", "/api/v1/missions", { token: testAdminToken, body: { incidentId: created.json.id, aircraftId: able.aircraftId } });
    expect(mission.status).toBe(201);
    expect(mission.json.timeline[0].actor).toBe("ADMIN_TOKEN");
    // 8 hours ahead of UTC, as the console's status bar shows.
    const requestedCst = new Date(Date.parse(mission.json.requestedAt) + 8 * 3_600_000).toISOString().slice(11, 19);

    for (const [language, adminName] of [["zh-CN", "系统管理员"], ["en", "System administrator"]] as const) {
      const { context, page } = await openPanel(language);
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

  it("updates mission status live", async () => {
    const created = await server.call("POST", "/api/v1/incidents", {
      token: server.tokens.dispatcher,
      body: { kind: "flood", priority: 2, reportedAt: new Date().toISOString(), geometry: { type: "Point", coordinates: [108.4, 40.9] } },
    });
    const report = await server.call("GET", `/api/v1/incidents/${created.json.id}/candidates`, { token: server.tokens.dispatcher });
    const able = report.json.candidates.find((candidate: { status: string; atDisposal: boolean }) => candidate.status === "ok" && candidate.atDisposal);
    const dispatched = await server.call("POST", "/api/v1/missions", { token: server.tokens.dispatcher, body: { incidentId: created.json.id, aircraftId: able.aircraftId } });
    expect(dispatched.status).toBe(201);
    const missionId = dispatched.json.id as number;

    // The page's clock is installed so that it can be paused: with its timers
    // stopped, no poll can refresh the panel, and only a pushed frame can.
    const session = await openConsole(browser, server.url, {
      path: server.harnessPath,
      token: server.tokens.dispatcher,
      language: "zh-CN",
      readySelector: "[data-testid=dispatch-panel]",
      beforeLoad: (page) => page.clock.install(),
    });
    const { context, page } = session;
    await page.getByTestId(`open-mission-${missionId}`).click();
    await page.waitForSelector("[data-testid=dispatch-mission][data-status=dispatched]");
    expect(await page.getByTestId("mission-status-airborne").textContent()).toBe("改为：已起飞");
    await page.clock.pauseAt(Date.now() + 1000);

    // Another user (the admin) records the take-off.
    const airborne = await server.call("POST", `/api/v1/missions/${missionId}/status`, { body: { status: "airborne" } });
    expect(airborne.status).toBe(200);
    await page.waitForSelector("[data-testid=dispatch-mission][data-status=airborne]", { timeout: 10_000 });
    expect(await page.getByTestId("mission-status-airborne").count()).toBe(0);
    expect(await page.getByTestId("mission-status-on_scene").textContent()).toBe("改为：到达现场");
    expect(await page.getByTestId("mission-timeline").locator("li").count()).toBe(3);
    expect(await page.getByTestId(`open-mission-${missionId}`).textContent()).toContain("已起飞");

    // Ending the mission takes it off the active list.
    await server.call("POST", `/api/v1/missions/${missionId}/status`, { body: { status: "landed" } });
    await page.waitForSelector("[data-testid=dispatch-mission][data-status=landed]", { timeout: 10_000 });
    await page.getByTestId(`open-mission-${missionId}`).waitFor({ state: "detached", timeout: 10_000 });
    expect(await page.getByTestId("mission-status-closed").count()).toBe(1);

    await page.screenshot({ path: `${artifacts}dispatch-live-status.png` });
    expectNoProblems(session);
    await context.close();
  });

  it("marks capabilities and partner aircraft", async () => {
    const created = await server.call("POST", "/api/v1/incidents", {
      token: server.tokens.dispatcher,
      body: { kind: "forest_fire", priority: 1, reportedAt: new Date().toISOString(), geometry: { type: "Point", coordinates: [109.15, 40.72] } },
    });
    const report = await server.call("GET", `/api/v1/incidents/${created.json.id}/candidates`, { token: server.tokens.dispatcher });
    type Candidate = { aircraftId: number; registration: string; callsign: string; atDisposal: boolean };
    // Earlier tests leave own aircraft on missions, so the own row is whichever is still free.
    const own = report.json.candidates.find((candidate: Candidate) => candidate.atDisposal) as Candidate;
    const byRegistration = (registration: string) => (report.json.candidates.find((candidate: Candidate) => candidate.registration === registration) as Candidate).aircraftId;
    // Partner aircraft, which no test can dispatch: an Alxa Mi-171 and a Wuhai H125 (no hoist, not night-capable).
    const alxaMi171 = byRegistration("B-7Z72");
    const wuhaiH125 = byRegistration("B-7Z27");

    const expected = {
      "zh-CN": { mi171: "吊桶 4,500 L · 绞车 · 担架 12 · 夜航", h125: "吊桶 900 L · 担架 1", alxa: "阿拉善 · 需区域互助", wuhai: "乌海 · 需区域互助", dispatch: "派遣" },
      en: { mi171: "Bucket 4,500 L · Hoist · Stretchers 12 · Night", h125: "Bucket 900 L · Stretchers 1", alxa: "Alxa · Needs mutual aid", wuhai: "Wuhai · Needs mutual aid", dispatch: "Dispatch" },
    } as const;
    for (const language of ["zh-CN", "en"] as const) {
      const session = await openPanel(language);
      const { context, page } = session;
      await page.getByTestId(`open-incident-${created.json.id}`).click();
      await page.getByTestId(`candidate-${alxaMi171}`).waitFor();

      expect(await page.getByTestId(`candidate-name-${alxaMi171}`).textContent()).toBe("B-7Z72 · ALXR01");
      expect(await page.getByTestId(`capabilities-${alxaMi171}`).textContent()).toBe(expected[language].mi171);
      expect(await page.getByTestId(`partner-${alxaMi171}`).textContent()).toBe(expected[language].alxa);
      expect(await page.getByTestId(`dispatch-${alxaMi171}`).count()).toBe(0);
      expect(await page.getByTestId(`override-${alxaMi171}`).count()).toBe(0);

      expect(await page.getByTestId(`candidate-name-${wuhaiH125}`).textContent()).toBe("B-7Z27 · WHR01");
      expect(await page.getByTestId(`capabilities-${wuhaiH125}`).textContent()).toBe(expected[language].h125);
      expect(await page.getByTestId(`partner-${wuhaiH125}`).textContent()).toBe(expected[language].wuhai);

      expect(await page.getByTestId(`candidate-name-${own.aircraftId}`).textContent()).toBe(`${own.registration} · ${own.callsign}`);
      expect(await page.getByTestId(`partner-${own.aircraftId}`).count()).toBe(0);
      expect(await page.getByTestId(`dispatch-${own.aircraftId}`).textContent()).toBe(expected[language].dispatch);

      await page.getByTestId("dispatch-candidates").screenshot({ path: `${artifacts}dispatch-candidates-${language}.png` });
      expectNoProblems(session);
      await context.close();
    }
  });

  it("shows English when asked", async () => {
    const { context, page } = await openPanel("en");

    expect(await page.getByTestId("dispatch-pick").textContent()).toBe("Pick the incident location on the map");
    await context.close();
  });
});
