import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { incidentBody } from "../api/dispatch/test/factories.js";
import { expectNoProblems, openConsole, type ConsoleSession } from "./test/console-session.js";
import { artifacts, setUpConsoleTest, tearDownConsoleTest, type TestServer } from "./test/console-setup.js";

// The Linhe air rescue station, home of B-7Z41 (ICAO 7BFE01).
const linheLonLat: [number, number] = [107.74093, 40.926358];

let server: TestServer;
let browser: Browser;

interface Position {
  lonLat: [number, number];
  altitudeM: number;
  groundSpeedKmh: number;
  onGround: boolean;
}

// Sends a position of one aircraft through the tracking service every
// second, as a receiver would, until stop() is called. `position` may be
// changed between sends. Each position is about 40 m east of the last,
// because tracking drops a repeat of the same spot within 2 s as a duplicate.
function feed(icaoAddress: string, callsign: string, position: Position) {
  const send = () => {
    position.lonLat = [position.lonLat[0] + 0.0005, position.lonLat[1]];
    server.tracking!.ingest({ icaoAddress, callsign, timeMs: Date.now(), sourceId: "popup-test", trackDeg: 90, ...position });
  };
  send();
  const timer = setInterval(send, 1000);
  return { position, stop: () => clearInterval(timer) };
}

async function aircraftId(registration: string): Promise<number> {
  const { json } = await server.call("GET", "/api/v1/aircraft?limit=500");
  return json.items.find((aircraft: { registration: string }) => aircraft.registration === registration).id;
}

// Opens the console with the read-only viewer token, with every address
// other than the test server aborted and recorded, once the live feed is connected.
async function openAsViewer(): Promise<ConsoleSession> {
  const session = await openConsole(browser, server.url, { locale: "zh-CN", token: server.tokens.viewer });
  await expect.poll(() => session.page.getByTestId("live-state").textContent(), { timeout: 10_000 }).toBe("实时航迹：已连接");
  return session;
}

async function openPopup(page: Page, icaoAddress: string) {
  const marker = page.locator(`.ac[data-icao="${icaoAddress}"]`);
  await expect.poll(() => marker.count(), { timeout: 10_000 }).toBe(1);
  await marker.click();
  const popup = page.getByTestId("aircraft-popup");
  await expect.poll(() => popup.count()).toBe(1);
  return popup;
}

// The number in an age such as "12 秒前" or "12 s ago", or -1 for any other text.
async function ageSeconds(page: Page): Promise<number> {
  const text = (await page.getByTestId("aircraft-contact-age").textContent()) ?? "";
  const match = text.match(/^(\d+) (秒前|s ago)$/);
  return match ? Number(match[1]) : -1;
}

beforeAll(async () => {
  ({ server, browser } = await setUpConsoleTest({ tracking: {} }));
});

afterAll(() => tearDownConsoleTest({ server, browser }));

describe("aircraft popup", () => {
  it("shows no mission for an idle aircraft", async () => {
    // B-7Z31 (callsign BYNR03), parked near Linhe with no mission.
    const feeder = feed("7BFE05", "BYNR03", { lonLat: [linheLonLat[0] + 0.02, linheLonLat[1]], altitudeM: 1040, groundSpeedKmh: 0, onGround: true });
    const session = await openAsViewer();
    const { context, page } = session;

    const popup = await openPopup(page, "7BFE05");
    const mission = page.getByTestId("aircraft-mission");
    await expect.poll(() => mission.getAttribute("data-state")).toBe("none");
    expect(await mission.textContent()).toBe("当前任务无执行任务");
    expect(await popup.textContent()).toContain("待命");

    await page.getByTestId("language-en").click();
    await expect.poll(() => mission.textContent()).toBe("MissionNo active mission");

    feeder.stop();
    expectNoProblems(session);
    await context.close();
  });

  it("shows a mission, its status and the contact age", async () => {
    const feeder = feed("7BFE01", "BYNR01", { lonLat: linheLonLat, altitudeM: 1040, groundSpeedKmh: 0, onGround: true });
    const incident = await server.call("POST", "/api/v1/incidents", { body: incidentBody(), token: server.tokens.dispatcher });
    // The override lets the test run at night too, when the model rejects day-only flights.
    const created = await server.call("POST", "/api/v1/missions", {
      body: { incidentId: incident.json.id, aircraftId: await aircraftId("B-7Z41"), override: true },
      token: server.tokens.dispatcher,
    });
    expect(created.status).toBe(201);
    const missionId: number = created.json.id;
    const session = await openAsViewer();
    const { context, page } = session;

    // The viewer's popup gives the mission, its incident and the estimate made at dispatch.
    const popup = await openPopup(page, "7BFE01");
    const mission = page.getByTestId("aircraft-mission");
    await expect.poll(() => mission.getAttribute("data-state")).toBe("active");
    expect(await mission.getAttribute("data-mission-id")).toBe(String(missionId));
    expect(await mission.textContent()).toContain(`当前任务#${missionId} · 已派遣`);
    expect(await mission.textContent()).toContain(`事件#${incident.json.id} · 森林火灾`);
    const etaMin: number | null = created.json.estimatedEtaMin;
    if (etaMin === null) {
      expect(await mission.textContent()).not.toContain("预计到达");
    } else {
      expect(await mission.textContent()).toContain(`派遣后 ${Math.round(etaMin)} 分钟`);
    }
    // The registry status row is read again with the mission.
    await expect.poll(() => popup.textContent()).toContain("执行任务");
    expect(await popup.textContent()).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}（北京时间）/);

    // Position updates patch the open popup in place: the same nodes, new values.
    await page.evaluate(() => {
      (document.querySelector("[data-testid=aircraft-popup] .popup-fields") as HTMLElement & { keptNode?: boolean }).keptNode = true;
    });
    feeder.position.altitudeM = 1077;
    await expect.poll(() => popup.textContent(), { timeout: 5000 }).toContain("1,077 米");
    expect(await page.evaluate(() => (document.querySelector("[data-testid=aircraft-popup] .popup-fields") as HTMLElement & { keptNode?: boolean }).keptNode)).toBe(true);

    // Without new positions the age keeps counting up every second.
    feeder.stop();
    await expect.poll(() => ageSeconds(page), { timeout: 5000 }).toBeGreaterThanOrEqual(1);
    const firstAgeS = await ageSeconds(page);
    await expect.poll(() => ageSeconds(page), { timeout: 5000 }).toBeGreaterThan(firstAgeS);
    expect(await page.getByTestId("aircraft-contact-age").getAttribute("title")).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}（北京时间）$/);

    // Tracking moves the mission to airborne once the aircraft flies; the
    // open popup reads the mission again and shows it.
    const flying = feed("7BFE01", "BYNR01", { lonLat: [linheLonLat[0] + 0.05, linheLonLat[1]], altitudeM: 1400, groundSpeedKmh: 180, onGround: false });
    await expect.poll(() => mission.getAttribute("data-status"), { timeout: 20_000 }).toBe("airborne");
    expect(await mission.textContent()).toContain(`#${missionId} · 已起飞`);

    await page.getByTestId("language-en").click();
    await expect.poll(() => mission.textContent()).toContain(`Mission#${missionId} · airborne`);
    expect(await mission.textContent()).toContain(`Incident#${incident.json.id} · Forest fire`);
    expect(await popup.textContent()).toContain("On mission");
    expect(await page.getByTestId("aircraft-contact-age").textContent()).toMatch(/^(just now|\d+ s ago)$/);
    expect(await popup.textContent()).toContain("(China Standard Time)");

    await page.screenshot({ path: `${artifacts}aircraft-popup.png`, animations: "disabled" });
    flying.stop();
    expectNoProblems(session);
    await context.close();
  });

  it("rounds altitude and speed like the label", async () => {
    // Other traffic north of Linhe, away from the fleet's labels.
    const feeder = feed("780A27", "CES2027", { lonLat: [linheLonLat[0], linheLonLat[1] + 0.3], altitudeM: 2026.9, groundSpeedKmh: 412.6, onGround: false });
    const session = await openAsViewer();
    const { context, page } = session;

    const popup = await openPopup(page, "780A27");
    const label = page.locator('.ac[data-icao="780A27"] .ac-data');
    await expect.poll(() => label.textContent()).toBe("2,027 米 · 413 千米/时");
    expect(await popup.textContent()).toContain("2,027 米");
    expect(await popup.textContent()).not.toContain("2,026.9");
    expect(await popup.textContent()).toContain("413 千米/时");
    expect(await popup.textContent()).not.toContain("412.6");

    feeder.stop();
    expectNoProblems(session);
    await context.close();
  });
});
