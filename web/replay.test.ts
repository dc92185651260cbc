import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { expectNoProblems, openConsole } from "./test/console-session.js";
import { artifacts, setUpConsoleTest, tearDownConsoleTest, type TestServer } from "./test/console-setup.js";

// B-7Z41, the Bell 412 of the demo fleet.
const icao = "7BFE01";
const stepMs = 10_000;
const steps = 60;
const startLonDeg = 107.5;
const lonStepDeg = 0.01;
const latDeg = 40.9;

// Traffic outside the fleet that flew only in the past: stored in PostGIS,
// never sent to the tracking service, so it is not live.
const pastIcao = "781D55";
const pastStepMs = 30_000;
const pastSteps = 10;
const pastStartLatDeg = 40.6;
const latStepDeg = 0.02;
const pastLonDeg = 107.3;

let server: TestServer;
let browser: Browser;
// Time of the first inserted position, on a whole second 40 min ago.
let firstMs: number;
// Time of the past aircraft's first position, on a whole second 35 min ago.
let pastFirstMs: number;

function openAsViewer(locale = "zh-CN") {
  return openConsole(browser, server.url, { locale, token: server.tokens.viewer, defaultTimeoutMs: 8_000 });
}

// Formats a UTC instant as China Standard Time (UTC+8, no daylight saving).
function chinaTime(utcMs: number): string {
  return new Date(utcMs + 8 * 3_600_000).toISOString().slice(0, 19).replace("T", " ");
}

// Moves the time slider as a user dragging it would: a new value, then an input event.
async function seek(page: Page, timeMs: number): Promise<void> {
  await page.getByTestId("replay-slider").evaluate((slider, value) => {
    (slider as HTMLInputElement).value = String(value);
    slider.dispatchEvent(new Event("input", { bubbles: true }));
  }, timeMs);
}

async function markerLonLat(page: Page, address = icao): Promise<[number, number]> {
  const text = await page.locator(`.replay-aircraft[data-icao="${address}"]`).getAttribute("data-lon-lat");
  return text!.split(",").map(Number) as [number, number];
}

// Sends positions through the tracking service as a receiver would, each at
// its own time, then stops and restarts the writer to flush them to PostGIS.
async function insertTrack(): Promise<void> {
  firstMs = Math.floor((Date.now() - 40 * 60_000) / 1000) * 1000;
  for (let i = 0; i <= steps; i++) {
    const timeMs = firstMs + i * stepMs;
    server.tracking!.ingest(
      { icaoAddress: icao, timeMs, sourceId: "replay-test", lonLat: [startLonDeg + i * lonStepDeg, latDeg], altitudeM: 900, groundSpeedKmh: 300, trackDeg: 90, onGround: false },
      timeMs,
    );
  }
  await server.tracking!.writer.stop();
  server.tracking!.writer.start();
}

// Writes the past aircraft's positions straight into PostGIS, northbound
// one step every 30 s, as the tracking writer stored them back then.
async function insertPastTrack(): Promise<void> {
  pastFirstMs = Math.floor((Date.now() - 35 * 60_000) / 1000) * 1000;
  for (let i = 0; i <= pastSteps; i++) {
    await server.database.sql`
      INSERT INTO positions (icao_address, time, location, altitude_m, ground_speed_kmh, track_deg, source)
      VALUES (${pastIcao}, ${new Date(pastFirstMs + i * pastStepMs).toISOString()}, ST_SetSRID(ST_MakePoint(${pastLonDeg}, ${pastStartLatDeg + i * latStepDeg}), 4326), 2400, 260, 0, 'replay-test')`;
  }
}

beforeAll(async () => {
  ({ server, browser } = await setUpConsoleTest({ tracking: {} }));
  await insertTrack();
  await insertPastTrack();
});

afterAll(() => tearDownConsoleTest({ server, browser }));

describe("history replay", () => {
  it("stores the inserted track", async () => {
    const from = new Date(firstMs).toISOString();
    const to = new Date(firstMs + steps * stepMs).toISOString();
    const { status, json } = await server.call("GET", `/api/v1/tracks/${icao}?from=${from}&to=${to}`);

    expect(status).toBe(200);
    expect(json.properties.count).toBe(steps + 1);
  });

  it("places an aircraft at a replay time", async () => {
    const session = await openAsViewer();
    const { context, page } = session;
    server.tracking!.ingest({ icaoAddress: "7BFE77", timeMs: Date.now(), sourceId: "replay-test", lonLat: [107.4, 40.8], altitudeM: 800, onGround: false });
    await expect.poll(() => page.locator(".leaflet-map-pane .ac").count(), { timeout: 10_000 }).toBeGreaterThan(0);

    await page.getByTestId("open-replay").click();
    await expect.poll(() => page.getByTestId("replay-status").textContent()).toMatch(/^\d+ 架航空器有航迹$/);
    expect(await page.getByTestId("replay-banner").textContent()).toMatch(/^回放中 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}（北京时间）$/);
    expect(await page.locator(".leaflet-map-pane .ac").count()).toBe(0);

    // 305 s after the first position: halfway between the 31st and 32nd.
    await seek(page, firstMs + 305_000);
    const [lon, lat] = await markerLonLat(page);
    expect(lon).toBeCloseTo(startLonDeg + 30.5 * lonStepDeg, 5);
    expect(lat).toBeCloseTo(latDeg, 5);
    expect(await page.getByTestId("replay-banner").textContent()).toBe(`回放中 ${chinaTime(firstMs + 305_000)}（北京时间）`);
    expect(await page.locator(`.replay-aircraft[data-icao="${icao}"] .replay-label`).textContent()).toBe("BYNR01");
    await page.screenshot({ path: `${artifacts}replay-zh-CN.png`, animations: "disabled" });

    await seek(page, firstMs - 60_000);
    expect(await page.locator(`.replay-aircraft[data-icao="${icao}"]`).count()).toBe(0);

    expectNoProblems(session);
    await context.close();
  });

  it("replays traffic seen only in the past", async () => {
    const live = await server.call("GET", "/api/v1/tracks");
    expect(live.json.features.map((feature: { id: string }) => feature.id)).not.toContain(pastIcao);
    const session = await openAsViewer();
    const { context, page } = session;

    await page.getByTestId("open-replay").click();
    await expect.poll(() => page.getByTestId("replay-status").textContent()).toMatch(/架航空器有航迹$/);

    await seek(page, pastFirstMs - 1000);
    expect(await page.locator(`.replay-aircraft[data-icao="${pastIcao}"]`).count()).toBe(0);

    // 75 s after its first position: halfway between the 3rd and 4th.
    await seek(page, pastFirstMs + 75_000);
    const [lon, lat] = await markerLonLat(page, pastIcao);
    expect(lon).toBeCloseTo(pastLonDeg, 5);
    expect(lat).toBeCloseTo(pastStartLatDeg + 2.5 * latStepDeg, 5);
    expect(await page.locator(`.replay-aircraft[data-icao="${pastIcao}"] .replay-label`).textContent()).toBe(pastIcao);
    await page.screenshot({ path: `${artifacts}replay-past-traffic.png`, animations: "disabled" });

    // Shown at its last stored position and hidden right after it.
    const pastLastMs = pastFirstMs + pastSteps * pastStepMs;
    await seek(page, pastLastMs);
    const [, lastLat] = await markerLonLat(page, pastIcao);
    expect(lastLat).toBeCloseTo(pastStartLatDeg + pastSteps * latStepDeg, 5);
    await seek(page, pastLastMs + 1000);
    expect(await page.locator(`.replay-aircraft[data-icao="${pastIcao}"]`).count()).toBe(0);

    expectNoProblems(session);
    await context.close();
  });

  it("plays forward at the chosen speed", async () => {
    const session = await openAsViewer();
    const { context, page } = session;
    await page.getByTestId("open-replay").click();
    await expect.poll(() => page.getByTestId("replay-status").textContent()).toMatch(/架航空器有航迹$/);

    await seek(page, firstMs + 60_000);
    const [lonBefore] = await markerLonLat(page);
    await page.getByTestId("replay-speed").selectOption("60");
    await page.getByTestId("replay-play").click();
    expect(await page.getByTestId("replay-play").textContent()).toBe("暂停");
    await page.waitForTimeout(1500);
    await page.getByTestId("replay-play").click();

    // 1.5 s at 60x is 90 s of history, 9 positions further east. The bounds allow for timer slack.
    const [lonAfter] = await markerLonLat(page);
    expect(lonAfter - lonBefore).toBeGreaterThan(5 * lonStepDeg);
    expect(lonAfter - lonBefore).toBeLessThan(15 * lonStepDeg);

    await page.getByTestId("open-replay").click();
    expect(await page.getByTestId("replay-banner").isHidden()).toBe(true);
    expect(await page.locator(".replay-aircraft").count()).toBe(0);

    expectNoProblems(session);
    await context.close();
  });

  it("rejects an inverted window", async () => {
    const session = await openAsViewer();
    const { context, page } = session;
    await page.getByTestId("open-replay").click();
    await expect.poll(() => page.getByTestId("replay-status").textContent()).toMatch(/架航空器有航迹$/);

    const from = await page.getByTestId("replay-from").inputValue();
    const to = await page.getByTestId("replay-to").inputValue();
    await page.getByTestId("replay-from").fill(to);
    await page.getByTestId("replay-to").fill(from);
    await page.getByTestId("replay-load").click();
    expect(await page.getByTestId("replay-status").textContent()).toBe("开始时间须早于结束时间，且时段不超过 24 小时");

    expectNoProblems(session);
    await context.close();
  });

  it("shows the English banner", async () => {
    const session = await openAsViewer("en-US");
    const { context, page } = session;
    await page.getByTestId("open-replay").click();
    await expect.poll(() => page.getByTestId("replay-status").textContent()).toMatch(/^\d+ aircraft have tracks$/);

    await seek(page, firstMs + 120_000);
    expect(await page.getByTestId("replay-banner").textContent()).toBe(`Replaying ${chinaTime(firstMs + 120_000)} (China Standard Time)`);
    const [lon] = await markerLonLat(page);
    expect(lon).toBeCloseTo(startLonDeg + 12 * lonStepDeg, 5);
    await page.screenshot({ path: `${artifacts}replay-en.png`, animations: "disabled" });

    expectNoProblems(session);
    await context.close();
  });
});
