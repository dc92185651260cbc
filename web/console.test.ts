import type { Browser, Page, WebSocketRoute } from "playwright-core";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Track } from "./src/live/track.js";
import { wgs84ToGcj02 } from "./src/map/gcj02.js";
import { expectNoProblems, openConsole, type ConsoleSession } from "./test/console-session.js";
import { artifacts, setUpConsoleTest, tearDownConsoleTest, type TestServer } from "./test/console-setup.js";

const countyNamesZh = ["临河区", "五原县", "磴口县", "乌拉特前旗", "乌拉特中旗", "乌拉特后旗", "杭锦后旗"];
const countyNamesEn = ["Linhe District", "Wuyuan County", "Dengkou County", "Urad Front Banner", "Urad Middle Banner", "Urad Rear Banner", "Hanggin Rear Banner"];
const layerPaths: Record<string, string> = {
  bases: "bases",
  landingPoints: "landing-points",
  waterSources: "water-sources",
  patrolRoutes: "patrol-routes",
  riskAreas: "risk-areas",
};
// A 1x1 tinted PNG served for the tile requests that the tests intercept.
const tilePng = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

let server: TestServer;
let browser: Browser;
let liveEndpointExists = false;

// Returns whether the API serves the live feed yet. Until it does, the
// console's failed handshake to /ws is expected and not counted as an error.
async function probeLiveEndpoint(url: string, token: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${url.replace(/^http/, "ws")}/ws?token=${encodeURIComponent(token)}`);
    socket.on("open", () => {
      socket.close();
      resolve(true);
    });
    socket.on("unexpected-response", () => resolve(false));
    socket.on("error", () => resolve(false));
  });
}

function isMissingLiveEndpoint(text: string): boolean {
  return !liveEndpointExists && /WebSocket connection to 'ws:\/\/127\.0\.0\.1:\d+\/ws\?token=[^']*' failed/.test(text);
}

interface MapOptions {
  locale?: string;
  token?: string | null;
  expectSignIn?: boolean;
  beforeLoad?: (page: Page) => Promise<unknown>;
}

// Opens the console as a user would, by default with the viewer token in the
// link, in a context that may talk only to the test server, so the test
// proves the console needs no network. It waits until the console has
// loaded unless a sign-in dialog is expected.
function openMap(options: MapOptions = {}): Promise<ConsoleSession> {
  const token = options.token === undefined ? server.tokens.viewer : options.token;
  return openConsole(browser, server.url, {
    locale: options.locale ?? "zh-CN",
    token,
    readySelector: token && !options.expectSignIn ? "body[data-ready=true]" : null,
    allowed: isMissingLiveEndpoint,
    beforeLoad: options.beforeLoad,
  });
}

// Opens the console as the viewer, with the live feed's socket handled by
// the test instead of the server.
function openWithFakeFeed(handler: (socket: WebSocketRoute) => void): Promise<ConsoleSession> {
  return openConsole(browser, server.url, {
    locale: "zh-CN",
    token: server.tokens.viewer,
    beforeLoad: (page) => page.context().routeWebSocket(/\/ws\?token=/, handler),
  });
}

async function visibleTexts(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((nodes) =>
    nodes.filter((node) => (node as HTMLElement).offsetParent !== null).map((node) => node.textContent?.trim() ?? ""),
  );
}

beforeAll(async () => {
  ({ server, browser } = await setUpConsoleTest({ tracking: { sweepIntervalMs: 500 } }));
  liveEndpointExists = await probeLiveEndpoint(server.url, server.tokens.viewer);
});

afterAll(() => tearDownConsoleTest({ server, browser }));

describe("map console", () => {
  it("shows the Chinese console by default", async () => {
    const session = await openMap();
    const { context, page } = session;

    expect(await page.title()).toBe("巴彦淖尔航空救援调度台");
    expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
    await expect.poll(() => page.getByTestId("app-title").textContent()).toBe("巴彦淖尔航空救援调度台");
    expect(await page.getByTestId("layer-panel").textContent()).toContain("图层与图例");
    expect(await page.getByTestId("layer-panel").textContent()).toContain("航空救援站");
    expect(await page.getByTestId("layer-panel").textContent()).toContain("机降点");
    expect(await page.getByTestId("clock").textContent()).toMatch(/^北京时间 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

    const counties = await visibleTexts(page, ".label-county");
    for (const name of countyNamesZh) {
      expect(counties).toContain(name);
    }
    expect(await visibleTexts(page, ".label-neighbour")).toContain("包头市");

    expect(page.url()).toBe(`${server.url}/`);
    expect(await page.evaluate(() => localStorage.getItem("bayannur-console.token"))).toBe(server.tokens.viewer);

    await page.screenshot({ path: `${artifacts}console-zh-CN.png`, animations: "disabled" });
    expectNoProblems(session);
    await context.close();
  });

  it("matches layer counts to the API", async () => {
    const session = await openMap();
    const { context, page } = session;

    for (const [id, path] of Object.entries(layerPaths)) {
      const { json } = await server.call("GET", `/api/v1/${path}?limit=1`);
      const shown = await page.getByTestId(`count-${id}`).textContent();
      expect(Number(shown?.match(/\d+/)?.[0]), `${id} count`).toBe(json.total);
      expect(json.total, `${id} has demo data`).toBeGreaterThan(0);
    }

    const markers = { ".base-air_station, .base-mobile_station, .base-helipad, .base-partner_base": "bases", ".landing-point": "landing-points", ".water-source": "water-sources" };
    for (const [selector, path] of Object.entries(markers)) {
      const { json } = await server.call("GET", `/api/v1/${path}?limit=1`);
      expect(await page.locator(selector).count(), `${path} markers`).toBe(json.total);
    }

    expectNoProblems(session);
    await context.close();
  });

  it("opens the Linhe station popup", async () => {
    const session = await openMap();
    const { context, page } = session;

    await page.locator('.leaflet-marker-icon[title="临河航空救援站"]').click();
    const popup = page.locator(".leaflet-popup-content");
    await expect.poll(() => popup.locator(".popup-title").textContent()).toBe("临河航空救援站");
    const text = await popup.textContent();
    expect(text).toContain("航空救援站");
    expect(text).toContain("演示数据（非真实）");
    expect(text).toContain("巴彦淖尔市");
    expect(text).toContain("B-7Z41");
    expect(await popup.locator("tr", { hasText: "可加油" }).locator("td").textContent()).toBe("是");

    await page.screenshot({ path: `${artifacts}console-zh-CN-popup.png`, animations: "disabled" });

    await page.locator(".leaflet-popup-close-button").click();
    await expect.poll(() => page.locator(".leaflet-popup").count()).toBe(0);
    // Clicks the route where nothing sits on top of it (its vertices carry
    // landing-point markers).
    const onRoute = await page.locator(".leaflet-patrolRoutes-pane path[stroke-dasharray]").first().evaluate((path) => {
      const line = path as SVGPathElement;
      const matrix = line.getScreenCTM()!;
      for (let share = 0.05; share < 1; share += 0.05) {
        const point = line.getPointAtLength(line.getTotalLength() * share);
        const x = matrix.a * point.x + matrix.c * point.y + matrix.e;
        const y = matrix.b * point.x + matrix.d * point.y + matrix.f;
        if (document.elementFromPoint(x, y)?.closest(".leaflet-patrolRoutes-pane")) {
          return { x, y };
        }
      }
      return null;
    });
    expect(onRoute).not.toBeNull();
    await page.mouse.click(onRoute!.x, onRoute!.y);
    await expect.poll(() => popup.count()).toBe(1);
    const route = await popup.textContent();
    expect(route).toContain("巡航线路");
    expect(route).toContain("走廊宽度");
    expect(route).toContain("千米");
    expect(route).toContain("驻地基地");
    expectNoProblems(session);
    await context.close();
  });

  it("switches to English without reload", async () => {
    const session = await openMap();
    const { context, page } = session;
    await page.evaluate(() => Object.assign(window, { loadedOnce: true }));
    await page.locator('.leaflet-marker-icon[title="临河航空救援站"]').click();

    await page.getByTestId("language-en").click();

    expect(await page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce)).toBe(true);
    expect(await page.getByTestId("app-title").textContent()).toBe("Bayannur Air Rescue Console");
    expect(await page.title()).toBe("Bayannur Air Rescue Console");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.getByTestId("layer-panel").textContent()).toContain("Air rescue station");
    expect(await page.getByTestId("layer-panel").textContent()).toContain("Landing points");
    expect(await page.locator(".leaflet-popup-content .popup-title").textContent()).toBe("Linhe Air Rescue Station");
    expect(await page.locator(".leaflet-popup-content").textContent()).toContain("Synthetic demo data");
    expect(await page.getByTestId("clock").textContent()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} China Standard Time$/);
    const counties = await visibleTexts(page, ".label-county");
    for (const name of countyNamesEn) {
      expect(counties).toContain(name);
    }

    await page.locator(".leaflet-popup-close-button").click();
    await expect.poll(() => page.locator(".leaflet-popup").count()).toBe(0);
    await page.screenshot({ path: `${artifacts}console-en.png`, animations: "disabled" });

    // Apart from the button that switches back to Chinese, no visible text
    // on the English page is Chinese. (Popups, closed here, show the Chinese
    // name under the English one on purpose.)
    const visibleText = await page.evaluate(() => document.body.innerText);
    expect(visibleText.replaceAll("中文", "")).not.toMatch(/\p{Script=Han}/u);
    await page.getByTestId("open-fleet").click();
    const withFleet = await page.evaluate(() => document.body.innerText);
    expect(withFleet).toContain("Available");
    expect(withFleet.replaceAll("中文", "")).not.toMatch(/\p{Script=Han}/u);
    await page.getByTestId("open-fleet").click();

    await page.reload();
    await page.waitForSelector("body[data-ready=true]");
    expect(await page.getByTestId("app-title").textContent()).toBe("Bayannur Air Rescue Console");

    expectNoProblems(session);
    await context.close();
  });

  it("hides and shows a layer", async () => {
    const session = await openMap();
    const { context, page } = session;
    const baseMarkers = page.locator(".asset-marker.base-air_station, .asset-marker.base-partner_base");
    const before = await baseMarkers.count();

    await page.getByTestId("toggle-bases").uncheck();
    expect(await baseMarkers.count()).toBe(0);

    await page.getByTestId("toggle-bases").check();
    expect(await baseMarkers.count()).toBe(before);
    expect(before).toBeGreaterThan(0);

    await page.getByTestId("layer-panel-toggle").click();
    expect(await page.locator(".layer-panel .legend").first().isVisible()).toBe(false);
    expect(await page.getByTestId("count-bases").isVisible()).toBe(true);
    await page.getByTestId("layer-panel-toggle").click();
    expect(await page.locator(".layer-panel .legend").first().isVisible()).toBe(true);

    expectNoProblems(session);
    await context.close();
  });

  it("greys water sources frozen this month", async () => {
    const { json } = await server.call("GET", "/api/v1/water-sources?limit=1000");
    const features = json.features as Array<{ properties: { monthsFrozen: number[]; bucketUsable: boolean } }>;

    for (const month of [7, 11, 1]) {
      const { context, page, external } = await openMap({
        // Noon on the 15th in China Standard Time, as UTC.
        beforeLoad: (page) => page.clock.setFixedTime(new Date(Date.UTC(2026, month - 1, 15, 4))),
      });

      const frozen = features.filter((f) => f.properties.monthsFrozen.includes(month)).length;
      expect(await page.locator(".water-source.water-frozen").count(), `frozen in month ${month}`).toBe(frozen);
      expect(await page.locator(".water-source.water-open, .water-source.water-noBucket").count()).toBe(features.length - frozen);
      if (month === 7) {
        expect(frozen).toBe(0);
        await page.locator(".water-source.water-open").first().click();
        expect(await page.locator(".leaflet-popup-content").textContent()).not.toContain("本月封冻");
      }
      if (month === 1) {
        expect(frozen).toBe(features.length);
        await page.locator(".water-source").first().click();
        expect(await page.locator(".leaflet-popup-content").textContent()).toContain("本月封冻，不可取水");
        expect(await page.locator(".leaflet-popup-content").textContent()).toContain("封冻月份");
      }

      expect(external).toEqual([]);
      await context.close();
    }
  });

  it("lists the fleet with type and status", async () => {
    const session = await openMap();
    const { context, page } = session;
    const { json } = await server.call("GET", "/api/v1/aircraft?limit=1000");
    const linhe = (json.items as Array<{ registration: string; homeBaseId: number | null }>).find((a) => a.registration === "B-7Z41")!;

    await page.getByTestId("open-fleet").click();
    const panel = page.getByTestId("fleet-panel");
    expect(await panel.locator(".fleet-row").count()).toBe(json.total);
    expect(await panel.textContent()).toContain(`共 ${json.total} 架`);

    const row = panel.locator('.fleet-row[data-registration="B-7Z41"]');
    expect(await row.locator(".fleet-status").textContent()).toBe("待命");
    expect(await row.locator(".fleet-base").textContent()).toBe("临河航空救援站");
    expect(await row.locator(".fleet-type").textContent()).not.toBe("bell-412ep");
    expect(linhe.homeBaseId).not.toBeNull();
    expect(await panel.locator(".fleet-status", { hasText: "维修" }).count()).toBeGreaterThan(0);

    await row.click();
    await expect.poll(() => page.locator(".leaflet-popup-content .popup-title").textContent()).toBe("临河航空救援站");
    await page.screenshot({ path: `${artifacts}console-fleet.png`, animations: "disabled" });

    await page.getByTestId("language-en").click();
    expect(await row.locator(".fleet-status").textContent()).toBe("Available");
    expect(await row.locator(".fleet-base").textContent()).toBe("Linhe Air Rescue Station");

    expectNoProblems(session);
    await context.close();
  });

  it("names airports when zoomed in", async () => {
    const session = await openMap();
    const { context, page } = session;
    expect(await visibleTexts(page, ".label-airport")).toEqual([]);

    // Each click zooms in half a level, with an animation of about 250 ms.
    for (let click = 0; click < 4 && (await page.locator(".leaflet-container.zoom-high").count()) === 0; click++) {
      await page.locator(".leaflet-control-zoom-in").click();
      await page.waitForTimeout(400);
    }
    expect(await page.locator(".leaflet-container.zoom-high").count()).toBe(1);

    // Labels are laid out again once the zoom animation ends, which takes
    // longer than usual on a loaded machine, so the check polls.
    const shownAirports = () =>
      page.locator(".label-airport span").evaluateAll((spans) =>
        spans.filter((span) => (span as HTMLElement).offsetParent !== null && getComputedStyle(span).visibility !== "hidden").map((span) => span.textContent),
      );
    await expect.poll(shownAirports, { timeout: 10_000 }).toContain("巴彦淖尔天吉泰机场");
    await page.screenshot({ path: `${artifacts}console-zoomed.png`, animations: "disabled" });

    expectNoProblems(session);
    await context.close();
  });

  it("asks again for a rejected token", async () => {
    const { context, page, external } = await openMap({ token: "revoked-or-mistyped", expectSignIn: true });

    await page.getByTestId("sign-in").waitFor();
    expect(await page.evaluate(() => localStorage.getItem("bayannur-console.token"))).toBeNull();
    expect(await page.getByTestId("app-title").textContent()).toBe("巴彦淖尔航空救援调度台");

    expect(external).toEqual([]);
    await context.close();
  });

  it("draws the base map without boundaries", async () => {
    const unavailable = { status: 503, contentType: "application/json", body: JSON.stringify({ error: { code: "unavailable", message: "维护中" } }) };
    const { context, page, external } = await openMap({
      beforeLoad: async (page) => {
        await page.route("**/api/v1/admin-areas", (route) => route.fulfill(unavailable));
        await page.route("**/api/v1/risk-areas?*", (route) => route.fulfill(unavailable));
      },
    });

    expect(await page.getByTestId("notice").textContent()).toBe("底图加载失败：维护中");
    expect(await visibleTexts(page, ".label-county")).toEqual([]);
    expect(await visibleTexts(page, ".label-river")).toEqual(["黄河"]);
    expect(await page.getByTestId("count-bases").textContent()).toMatch(/^\d+ 处$/);
    expect(await page.getByTestId("count-riskAreas").textContent()).toBe("加载失败");
    expect(await page.getByTestId("count-riskAreas").getAttribute("title")).toBe("维护中");

    expect(external).toEqual([]);
    await context.close();
  });

  it("opens and closes coverage and dispatch", async () => {
    const session = await openMap();
    const { context, page } = session;

    await page.getByTestId("open-dispatch").click();
    await page.getByTestId("dispatch-panel").waitFor();
    expect(await page.getByTestId("open-dispatch").getAttribute("aria-pressed")).toBe("true");
    expect(await page.locator(".layer-panel .legend").first().isVisible()).toBe(false);

    await page.getByTestId("open-coverage").click();
    await page.getByTestId("coverage-panel").waitFor();
    await page.screenshot({ path: `${artifacts}console-panels.png`, animations: "disabled" });

    await page.getByTestId("language-en").click();
    expect(await page.getByTestId("open-coverage").textContent()).toBe("Coverage");
    expect(await page.getByTestId("coverage-panel").textContent()).toContain("Air rescue coverage");

    await page.getByTestId("open-coverage").click();
    await page.getByTestId("open-dispatch").click();
    expect(await page.getByTestId("coverage-panel").count()).toBe(0);
    expect(await page.getByTestId("dispatch-panel").count()).toBe(0);
    expect(await page.getByTestId("open-dispatch").getAttribute("aria-pressed")).toBe("false");

    expectNoProblems(session);
    await context.close();
  });

  it("keeps the attribution clear of side panels", async () => {
    // Enough open incidents to fill the dispatch board to its maximum height.
    const incidentIds: number[] = [];
    for (let index = 0; index < 25; index++) {
      const created = await server.call("POST", "/api/v1/incidents", {
        token: server.tokens.dispatcher,
        body: { kind: "forest_fire", priority: 3, reportedAt: new Date().toISOString(), geometry: { type: "Point", coordinates: [107.2 + index * 0.02, 40.6] } },
      });
      expect(created.status).toBe(201);
      incidentIds.push(created.json.id);
    }
    const session = await openMap();
    const { context, page } = session;
    await page.setViewportSize({ width: 1024, height: 600 });

    const overlapPx = async (testIdOrSelector: string) => {
      const panel = (await page.locator(testIdOrSelector).boundingBox())!;
      const attribution = (await page.locator(".leaflet-control-attribution").boundingBox())!;
      const dx = Math.min(panel.x + panel.width, attribution.x + attribution.width) - Math.max(panel.x, attribution.x);
      const dy = Math.min(panel.y + panel.height, attribution.y + attribution.height) - Math.max(panel.y, attribution.y);
      return Math.max(0, Math.min(dx, dy));
    };

    await page.getByTestId("open-dispatch").click();
    await page.getByTestId("dispatch-panel").waitFor();
    // The panel scrolls once the board is loaded: its content is taller than the room it gets.
    const overflowPx = () => page.getByTestId("dispatch-panel").evaluate((panel) => panel.scrollHeight - panel.clientHeight);
    await expect.poll(overflowPx, { timeout: 10_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: `${artifacts}console-dispatch-attribution.png`, animations: "disabled" });
    expect(await overlapPx("[data-testid=dispatch-panel]")).toBe(0);
    expect(await overlapPx(".layer-panel")).toBe(0);

    for (const id of incidentIds) {
      await server.call("POST", `/api/v1/incidents/${id}/close`, { token: server.tokens.dispatcher, body: {} });
    }
    expectNoProblems(session);
    await context.close();
  });

  it("marks open incidents without the panel", async () => {
    const created = await server.call("POST", "/api/v1/incidents", {
      token: server.tokens.dispatcher,
      body: { kind: "forest_fire", priority: 1, reportedAt: new Date().toISOString(), geometry: { type: "Point", coordinates: [109.15, 40.72] } },
    });
    expect(created.status).toBe(201);
    const session = await openMap();
    const { context, page } = session;

    const marker = page.locator(`path.incident-marker.incident-${created.json.id}`);
    await expect.poll(() => marker.count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByTestId("dispatch-panel").count()).toBe(0);
    await marker.dispatchEvent("mouseover");
    await expect.poll(() => page.locator(".leaflet-tooltip").first().textContent()).toContain("森林火灾");

    await server.call("POST", `/api/v1/incidents/${created.json.id}/close`, { token: server.tokens.dispatcher, body: {} });
    expectNoProblems(session);
    await context.close();
  });

  it("shows a 7700 alert without the panel", async () => {
    const session = await openMap();
    const { context, page } = session;
    await expect.poll(() => page.getByTestId("live-state").textContent()).toBe("实时航迹：已连接");
    // A click lets the page start audio, as a dispatcher's first click does.
    await page.getByTestId("map").click({ position: { x: 20, y: 400 } });

    // B-7Z41 of the demo fleet, flying as BYNR01, squawks 7700 east of Linhe.
    server.tracking!.ingest({ icaoAddress: "7BFE01", timeMs: Date.now(), sourceId: "browser-test", lonLat: [107.9, 40.95], squawk: "7700", onGround: false, groundSpeedKmh: 150, callsign: "BYNR01" });

    const banner = page.getByTestId("alert-banner");
    await banner.locator("p").first().waitFor({ timeout: 10_000 });
    expect(await banner.textContent()).toContain("BYNR01");
    expect(await banner.textContent()).toContain("B-7Z41");
    expect(await banner.textContent()).toContain("7700");
    expect(await page.getByTestId("dispatch-badge").textContent()).toBe("1");
    expect(await page.getByTestId("dispatch-panel").count()).toBe(0);
    expect(Number(await banner.getAttribute("data-beeps"))).toBeGreaterThanOrEqual(1);
    const marker = page.locator('.ac[data-icao="7BFE01"]');
    await expect.poll(() => marker.getAttribute("class")).toContain("ac-alerting");

    // A reload reads the open alert from the API.
    await page.reload();
    await page.waitForSelector("body[data-ready=true]");
    await page.getByTestId("alert-banner").locator("p").first().waitFor({ timeout: 10_000 });
    expect(await page.getByTestId("dispatch-badge").textContent()).toBe("1");

    // An acknowledgement from a dispatch desk takes the banner away, and the alert stays counted until it clears.
    const open = await server.call("GET", "/api/v1/alerts?open=true");
    const squawkAlert = open.json.items.find((alert: { kind: string }) => alert.kind === "emergency_squawk");
    await server.call("POST", `/api/v1/alerts/${squawkAlert.id}/acknowledge`, { token: server.tokens.dispatcher });
    await expect.poll(() => page.getByTestId("alert-banner").isHidden(), { timeout: 10_000 }).toBe(true);
    expect(await page.getByTestId("dispatch-badge").textContent()).toBe("1");
    expectNoProblems(session);
    await context.close();
  });

  it("picks an incident inside a risk area", async () => {
    const session = await openMap({ token: server.tokens.dispatcher });
    const { context, page } = session;
    await page.getByTestId("open-dispatch").click();
    await page.getByTestId("dispatch-pick").waitFor();

    // A point where the risk area is the top element, so that a click there
    // opens the area's popup outside picking mode.
    const insideArea = await page.locator(".leaflet-riskAreas-pane path").first().evaluate((path) => {
      const box = path.getBoundingClientRect();
      const points: Array<{ x: number; y: number }> = [];
      for (let row = 0.1; row < 1; row += 0.1) {
        for (let column = 0.1; column < 1; column += 0.1) {
          const x = box.left + box.width * column;
          const y = box.top + box.height * row;
          if (document.elementFromPoint(x, y) === path) {
            points.push({ x, y });
          }
        }
      }
      return points;
    });
    expect(insideArea.length).toBeGreaterThan(1);
    await page.getByTestId("dispatch-pick").click();
    await page.mouse.click(insideArea[0]!.x, insideArea[0]!.y);
    await page.getByTestId("dispatch-kind").waitFor({ timeout: 5000 });
    expect(await page.locator(".leaflet-popup").count()).toBe(0);

    // Outside picking mode a click in the area opens its popup again. The
    // last point is used because the picked position now carries a marker.
    const other = insideArea.at(-1)!;
    await page.mouse.click(other.x, other.y);
    await expect.poll(() => page.locator(".leaflet-popup").count()).toBe(1);
    expectNoProblems(session);
    await context.close();
  });

  it("picks English for an English browser", async () => {
    const { context, page } = await openMap({ locale: "en-GB" });

    expect(await page.getByTestId("app-title").textContent()).toBe("Bayannur Air Rescue Console");

    // On a small laptop screen the header still fits its buttons, and the
    // layer panel starts folded.
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.reload();
    await page.waitForSelector("body[data-ready=true]");
    expect(await page.locator("#header").evaluate((header) => header.scrollWidth <= header.clientWidth)).toBe(true);
    expect(await page.getByTestId("open-settings").isVisible()).toBe(true);
    expect(await page.locator(".layer-panel .legend").first().isVisible()).toBe(false);
    await page.screenshot({ path: `${artifacts}console-en-1024.png`, animations: "disabled" });

    await context.close();
  });

  it("asks for a token without one", async () => {
    const { context, page, external } = await openMap({ token: null });
    const dialog = page.getByTestId("sign-in");

    await dialog.waitFor();
    expect(await dialog.textContent()).toContain("登录调度台");
    // Username and password come first; the token is behind its own tab.
    await page.getByTestId("sign-in-mode-token").click();
    expect(await dialog.textContent()).toContain("访问令牌");

    await page.getByTestId("sign-in-language-en").click();
    expect(await dialog.locator("h2").textContent()).toBe("Sign in to the console");
    expect(await page.getByTestId("app-title").textContent()).toBe("Bayannur Air Rescue Console");
    await page.getByTestId("sign-in-language-zh-CN").click();
    expect(await dialog.locator("h2").textContent()).toBe("登录调度台");

    await page.getByTestId("sign-in-submit").click();
    expect(await page.getByTestId("sign-in-error").textContent()).toBe("请输入访问令牌");

    await page.getByTestId("token-input").fill("not-a-real-token");
    await page.getByTestId("sign-in-submit").click();
    await expect.poll(() => page.getByTestId("sign-in-error").textContent()).toBe("令牌无效或已被吊销");
    await page.screenshot({ path: `${artifacts}console-sign-in.png`, animations: "disabled" });

    await page.getByTestId("token-input").fill(server.tokens.viewer);
    await page.getByTestId("sign-in-submit").click();
    await page.waitForSelector("body[data-ready=true]");
    expect(await dialog.count()).toBe(0);
    expect(await visibleTexts(page, ".label-county")).toContain("临河区");

    expect(external).toEqual([]);
    await context.close();
  });
});

function fakeTrack(overrides: Partial<Track> & Pick<Track, "icaoAddress">): Track {
  return {
    callsign: null,
    registration: null,
    fleet: false,
    category: "fixed_wing",
    lonLat: [107.9, 41.0],
    altitudeM: 1200,
    groundSpeedKmh: 180,
    trackDeg: 90,
    verticalRateMps: 0,
    squawk: "1200",
    onGround: false,
    lastSeen: "2026-12-04T08:00:00Z",
    stale: false,
    source: "test",
    ...overrides,
  };
}

describe("live aircraft", () => {
  it("draws tracks from the live feed", async () => {
    const sockets: WebSocketRoute[] = [];
    const received: unknown[] = [];
    const session = await openWithFakeFeed((socket) => {
      sockets.push(socket);
      socket.onMessage((message) => received.push(JSON.parse(String(message))));
      socket.send(
        JSON.stringify({
          type: "snapshot",
          aircraft: [
            fakeTrack({ icaoAddress: "7BFE01", callsign: "BYNR01", registration: "B-7Z41", fleet: true, category: "helicopter", lonLat: [107.74, 40.93] }),
            fakeTrack({ icaoAddress: "780A11", callsign: "CCA1234", lonLat: [108.3, 41.2], altitudeM: 9800, groundSpeedKmh: 820, trackDeg: 45 }),
            fakeTrack({ icaoAddress: "780A12", registration: "B-0001", category: "drone", lonLat: [108.8, 40.9], stale: true }),
            { icaoAddress: "BAD", lonLat: ["x", 1] },
          ],
        }),
      );
    });
    const { context, page } = session;

    await expect.poll(() => page.locator(".aircraft-marker").count()).toBe(3);
    const fleet = page.locator('.ac[data-icao="7BFE01"]');
    expect(await fleet.getAttribute("class")).toContain("ac-fleet");
    expect(await fleet.getAttribute("class")).toContain("ac-helicopter");
    expect(await fleet.locator(".ac-name").textContent()).toBe("BYNR01");
    expect(await fleet.locator(".ac-data").textContent()).toBe("1,200 米 · 180 千米/时");
    expect(await fleet.locator(".ac-glyph").getAttribute("style")).toContain("rotate(90deg)");
    expect(await page.locator('.ac[data-icao="780A12"]').getAttribute("class")).toContain("ac-stale");
    expect(await page.locator('.ac[data-icao="780A11"]').getAttribute("class")).toContain("ac-traffic");
    expect(await page.getByTestId("live-state").textContent()).toBe("实时航迹：已连接");
    expect(await page.getByTestId("live-count").textContent()).toBe("视野内 3 架（本队 1 架）");
    expect(await page.getByTestId("count-liveAircraft").textContent()).toBe("视野内 3 架");

    await expect.poll(() => received.length).toBeGreaterThan(0);
    const subscribe = received[0] as { type: string; bbox: number[]; fleetOnly: boolean };
    expect(subscribe.type).toBe("subscribe");
    expect(subscribe.bbox).toHaveLength(4);
    expect(subscribe.bbox[0]).toBeLessThan(subscribe.bbox[2]!);
    expect(subscribe.fleetOnly).toBe(false);

    sockets[0]!.send(
      JSON.stringify({
        type: "delta",
        aircraft: [fakeTrack({ icaoAddress: "7BFE01", callsign: "BYNR01", fleet: true, category: "helicopter", lonLat: [107.8, 40.95], altitudeM: 1500, trackDeg: 180 })],
        removed: ["780A11"],
      }),
    );
    await expect.poll(() => page.locator(".aircraft-marker").count()).toBe(2);
    expect(await fleet.locator(".ac-data").textContent()).toBe("1,500 米 · 180 千米/时");
    expect(await fleet.locator(".ac-glyph").getAttribute("style")).toContain("rotate(180deg)");
    expect(await page.getByTestId("live-count").textContent()).toBe("视野内 2 架（本队 1 架）");
    await page.screenshot({ path: `${artifacts}console-live.png`, animations: "disabled" });

    await fleet.click();
    expect(await page.locator(".leaflet-popup-content").textContent()).toContain("1,500 米");
    sockets[0]!.send(
      JSON.stringify({
        type: "delta",
        aircraft: [fakeTrack({ icaoAddress: "7BFE01", callsign: "BYNR01", fleet: true, category: "helicopter", lonLat: [107.81, 40.95], altitudeM: 1600 })],
        removed: [],
      }),
    );
    await expect.poll(() => page.locator(".leaflet-popup-content").textContent()).toContain("1,600 米");
    await page.locator(".leaflet-popup-close-button").click();

    await page.getByTestId("open-settings").click();
    await page.getByTestId("fleet-only").check();
    await page.getByTestId("settings-save").click();
    expect(await page.locator(".aircraft-marker").count()).toBe(1);
    expect(await page.getByTestId("live-count").textContent()).toBe("视野内 1 架（本队 1 架）");
    await expect.poll(() => received.at(-1)).toMatchObject({ type: "subscribe", fleetOnly: true });

    await sockets[0]!.close();
    await expect.poll(() => page.getByTestId("live-state").textContent()).toMatch(/^实时航迹：未连接，\d+ 秒后重试$/);
    await expect.poll(() => sockets.length, { timeout: 5000 }).toBe(2);
    await expect.poll(() => page.getByTestId("live-state").textContent()).toBe("实时航迹：已连接");

    expectNoProblems(session);
    await context.close();
  });
  // Frame time is measured by `npm run bench -- console`, not here: this
  // checks that 500 aircraft and five full deltas end in the right state.
  it("draws 500 aircraft and applies full deltas to all of them", async () => {
    const sockets: WebSocketRoute[] = [];
    const { context, page, problems, external } = await openWithFakeFeed((socket) => {
      sockets.push(socket);
    });
    await expect.poll(() => sockets.length).toBe(1);

    const fleet = (i: number, step: number) =>
      fakeTrack({
        icaoAddress: (0x780000 + i).toString(16).toUpperCase(),
        callsign: `T${i}`,
        fleet: i < 20,
        category: (["helicopter", "fixed_wing", "drone", null] as const)[i % 4]!,
        lonLat: [105.5 + (i % 25) * 0.17 + step * 0.01, 40.3 + Math.floor(i / 25) * 0.1],
        altitudeM: 1000 + step,
        trackDeg: (i * 7 + step * 10) % 360,
      });
    const tracks = (step: number) => Array.from({ length: 500 }, (_, i) => fleet(i, step));

    sockets[0]!.send(JSON.stringify({ type: "snapshot", aircraft: tracks(0) }));
    await expect.poll(() => page.locator(".aircraft-marker").count()).toBe(500);

    for (let step = 1; step <= 5; step++) {
      sockets[0]!.send(JSON.stringify({ type: "delta", aircraft: tracks(step), removed: [] }));
    }
    await expect.poll(() => page.locator('.ac[data-icao="7801F3"] .ac-data').textContent()).toBe("1,005 米 · 180 千米/时");
    expect(await page.locator(".aircraft-marker").count()).toBe(500);
    expect(await page.getByTestId("live-count").textContent()).toBe("视野内 500 架（本队 20 架）");
    await page.screenshot({ path: `${artifacts}console-500-aircraft.png`, animations: "disabled" });

    expect(problems.consoleErrors).toEqual([]);
    expect(external).toEqual([]);
    await context.close();
  });

  it("counts aircraft in view, not the fleet", async () => {
    const session = await openWithFakeFeed((socket) => {
      socket.send(
        JSON.stringify({
          type: "snapshot",
          aircraft: [fakeTrack({ icaoAddress: "7BFE01", callsign: "BYNR01", registration: "B-7Z41", fleet: true, category: "helicopter", lonLat: [107.74, 40.93] })],
        }),
      );
    });
    const { context, page } = session;
    const { json } = await server.call("GET", "/api/v1/aircraft?limit=1000");

    // One aircraft in view while the fleet list counts the whole registry: the two must not read as one number.
    await expect.poll(() => page.getByTestId("live-count").textContent()).toBe("视野内 1 架（本队 1 架）");
    await page.getByTestId("open-fleet").click();
    expect(await page.getByTestId("fleet-panel").textContent()).toContain(`共 ${json.total} 架`);
    expect(json.total).toBeGreaterThan(1);

    await page.getByTestId("language-en").click();
    expect(await page.getByTestId("live-count").textContent()).toBe("1 aircraft in view (1 own)");
    expect(await page.getByTestId("count-liveAircraft").textContent()).toBe("1 in view");

    expectNoProblems(session);
    await context.close();
  });
});

describe("live hub", () => {
  it("draws a track from the tracking service", async () => {
    const session = await openMap();
    const { context, page } = session;
    await expect.poll(() => page.getByTestId("live-state").textContent()).toBe("实时航迹：已连接");

    // B-7Z41, the Bell 412 of the demo fleet, east of Linhe.
    server.tracking!.ingest({
      icaoAddress: "7BFE01",
      timeMs: Date.now(),
      sourceId: "browser-test",
      lonLat: [107.9, 40.95],
      altitudeM: 1200,
      groundSpeedKmh: 180,
      trackDeg: 90,
      callsign: "BYNR01",
    });

    const marker = page.locator('.ac[data-icao="7BFE01"]');
    await expect.poll(() => marker.count(), { timeout: 10_000 }).toBe(1);

    // A second position a second later makes a trail of two points, drawn
    // on the trails' canvas under the markers.
    server.tracking!.ingest({ icaoAddress: "7BFE01", timeMs: Date.now() + 1000, sourceId: "browser-test", lonLat: [107.901, 40.95] });
    await expect.poll(() => page.locator('.aircraft-marker:has(.ac[data-icao="7BFE01"])').getAttribute("data-trail-points")).toBe("2");

    // The popup adds the registry's type, home base and status for a fleet
    // aircraft, and the map shows its stored track once both positions are written.
    await expect
      .poll(async () => (await server.database.sql`SELECT count(*)::int AS n FROM positions WHERE icao_address = '7BFE01'`)[0]!.n)
      .toBeGreaterThanOrEqual(2);
    await marker.click();
    await expect.poll(() => page.locator("path.aircraft-history").count()).toBe(1);
    const popup = page.locator(".leaflet-popup-content");
    await expect.poll(() => popup.textContent()).toContain("驻地基地");
    expect(await popup.textContent()).toContain("临河航空救援站");
    expect(await popup.textContent()).toContain("机型");
    expect(await popup.textContent()).toContain("状态");
    await page.locator(".leaflet-popup-close-button").click();
    await expect.poll(() => page.locator("path.aircraft-history").count()).toBe(0);
    expect(await page.locator(".leaflet-trails-pane canvas").count()).toBe(1);
    expect(await marker.getAttribute("class")).toContain("ac-fleet");
    expect(await marker.locator(".ac-name").textContent()).toBe("BYNR01");
    expect(await marker.locator(".ac-data").textContent()).toBe("1,200 米 · 180 千米/时");
    expect(await page.getByTestId("live-count").textContent()).toMatch(/^视野内 \d+ 架（本队 \d+ 架）$/);

    expectNoProblems(session);
    await context.close();
  });
});

describe("feed health", () => {
  it("labels relocated recordings on screen", async () => {
    const { SourceStats } = await import("../tracking/sources/stats.js");
    const recording = new SourceStats("replay-recording", "avr", "tcp-listener");
    recording.relocated = true;
    recording.countReceived(Date.now());
    server.tracking!.registerSource(recording);

    const session = await openMap();
    const { context, page } = session;
    const health = page.getByTestId("feed-health");
    await expect.poll(() => health.textContent()).toMatch(/^数据源 \d+\/\d+ 正常$/);
    expect(await health.getAttribute("title")).toContain("replay-recording：已收 1，拒绝 0，正常");
    const badge = page.getByTestId("relocated-badge");
    expect(await badge.isVisible()).toBe(true);
    expect(await badge.textContent()).toBe("含平移到巴彦淖尔上空的录制数据，非本地真实航迹");

    await page.getByTestId("language-en").click();
    await expect.poll(() => badge.textContent()).toBe("Includes a recording relocated over Bayannur, not real local traffic");
    await page.screenshot({ path: `${artifacts}console-relocated-badge.png` });

    server.tracking!.sources.delete("replay-recording");
    expectNoProblems(session);
    await context.close();
  });
});

describe("raster tiles", () => {
  it("shifts GCJ-02 tiles onto WGS-84 data", async () => {
    const session = await openMap();
    const { context, page } = session;
    const tileRequests: string[] = [];
    await page.route("**/test-tiles/**", (route) => {
      tileRequests.push(new URL(route.request().url()).pathname);
      return route.fulfill({ status: 200, contentType: "image/png", body: tilePng });
    });

    await page.getByTestId("open-settings").click();
    await page.getByTestId("tiles-enabled").check();
    await page.getByTestId("tiles-url").fill("test-tiles/{z}/{x}/{y}.png");
    await page.getByTestId("settings-save").click();
    expect(await page.getByTestId("settings-error").textContent()).toBe("地址模板须以 http://、https:// 或 / 开头");

    await page.getByTestId("tiles-url").fill("/test-tiles/{z}/{x}.png");
    await page.getByTestId("settings-save").click();
    expect(await page.getByTestId("settings-error").textContent()).toBe("地址模板须包含 {z}、{x} 和 {y}");

    await page.getByTestId("tiles-url").fill("/test-tiles/{z}/{x}/{y}.png");
    await page.getByTestId("settings-save").click();
    await expect.poll(() => page.locator(".raster-tiles img.leaflet-tile-loaded").count()).toBeGreaterThan(0);
    expect(tileRequests.every((path) => /^\/test-tiles\/\d+\/\d+\/\d+\.png$/.test(path))).toBe(true);

    const tileOffset = (selector: string) =>
      page.locator(selector).evaluate((tile) => {
        const matrix = new DOMMatrix(getComputedStyle(tile).transform);
        return { x: matrix.m41, y: matrix.m42, src: (tile as HTMLImageElement).src };
      });
    // Zoomed in, so that the GCJ-02 shift spans several pixels.
    await page.mouse.move(600, 500);
    await page.mouse.wheel(0, -300);
    await page.waitForTimeout(800);
    await expect.poll(() => page.locator(".raster-tiles img.leaflet-tile-loaded").count()).toBeGreaterThan(0);
    // A tile of the current zoom; tiles of the previous zoom linger until
    // the new ones have loaded.
    // The zoom animation can remove every loaded tile for a moment, so the
    // lookup is repeated until a tile of the new zoom is there.
    const findCurrentTile = () =>
      page.locator(".raster-tiles img.leaflet-tile-loaded").evaluateAll((tiles) => {
        const zoomOf = (tile: Element) => Number(new URL((tile as HTMLImageElement).src).pathname.split("/")[2]);
        const maxZoom = Math.max(...tiles.map(zoomOf));
        const tile = tiles.find((candidate) => zoomOf(candidate) === maxZoom) as HTMLImageElement | undefined;
        return tile ? new URL(tile.src).pathname : null;
      });
    await expect.poll(findCurrentTile).not.toBeNull();
    const currentTile = (await findCurrentTile())!;
    const plain = await tileOffset(`.raster-tiles img.leaflet-tile-loaded[src="${currentTile}"]`);

    await page.getByTestId("open-settings").click();
    await page.getByTestId("tiles-gcj02").check();
    await page.getByTestId("settings-save").click();
    const sameTile = `.raster-tiles img.leaflet-tile-loaded[src="${new URL(plain.src).pathname}"]`;
    await expect.poll(() => page.locator(sameTile).count()).toBe(1);
    const shifted = await tileOffset(sameTile);

    // The expected shift is the GCJ-02 offset at the tile's centre, in pixels
    // at the tile's zoom. Near this tile GCJ-02 positions lie about 450 m
    // east and 180 m north of WGS-84, so the tiles move west and south (8 and
    // 3 pixels at zoom 11).
    const [, zoom, column, row] = new URL(plain.src).pathname.match(/(\d+)\/(\d+)\/(\d+)/)!.map(Number) as number[];
    const tileLon = ((column! + 0.5) / 2 ** zoom!) * 360 - 180;
    const tileLat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * (row! + 0.5)) / 2 ** zoom!))) * 180) / Math.PI;
    const [gcjLon, gcjLat] = wgs84ToGcj02([tileLon, tileLat]);
    const worldPx = 256 * 2 ** zoom!;
    const mercatorY = (lat: number) => ((1 - Math.asinh(Math.tan((lat * Math.PI) / 180)) / Math.PI) / 2) * worldPx;
    const expectedDx = -((gcjLon - tileLon) / 360) * worldPx;
    const expectedDy = -(mercatorY(gcjLat) - mercatorY(tileLat));
    // The layer rounds each shift to whole pixels.
    expect(Math.abs(shifted.x - plain.x - expectedDx)).toBeLessThanOrEqual(1);
    expect(Math.abs(shifted.y - plain.y - expectedDy)).toBeLessThanOrEqual(1);
    expect(shifted.x - plain.x).toBeLessThan(-2);

    await page.screenshot({ path: `${artifacts}console-tiles.png`, animations: "disabled" });
    expectNoProblems(session);
    await context.close();
  });
});
