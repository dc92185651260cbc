import type L from "leaflet";
import type { Browser, Page, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { assetTotal, findAssetByName } from "./test/asset-queries.js";
import { expectNoProblems, openConsole } from "./test/console-session.js";
import { artifacts, setUpConsoleTest, tearDownConsoleTest, type TestServer } from "./test/console-setup.js";

let server: TestServer;
let browser: Browser;

// Patches of open steppe in Urad Rear Banner, one per test. None has a demo
// asset, boundary or place label within geoman's snapping distance (20 px)
// at zoom 12, where one pixel is about 29 m, so every vertex stays where it
// was clicked.
const workZoom = 12;
const polygonArea: LatLon = [41.9, 106.4];
const bowTieArea: LatLon = [41.9, 106.65];
const routeArea: LatLon = [41.75, 106.4];

// The risk area that the tests below draw, edit and delete, in that order.
const riskAreaName = "测试草原风险区";
let riskAreaId = 0;

type LatLon = [lat: number, lon: number];

interface MapClick {
  // Page coordinates of the click, whole CSS pixels.
  x: number;
  y: number;
  // Where the page's map puts that pixel.
  lat: number;
  lon: number;
}

// Catches the console's Leaflet map as it is created. The planning tools
// put Leaflet on window (leaflet-geoman needs a global L) before the app
// creates its map, so an init hook on L.Map catches that map.
function captureConsoleMap(): void {
  let leaflet: typeof L | undefined;
  Object.defineProperty(window, "L", {
    configurable: true,
    get: () => leaflet,
    set(value: typeof L) {
      leaflet = value;
      value.Map.addInitHook(function (this: L.Map) {
        if (this.getContainer().dataset.testid === "map") {
          (window as unknown as { consoleMap: L.Map }).consoleMap = this;
        }
      });
    },
  });
}

// Opens the console signed in with the planner's token, with the planning
// panel open on one kind and the map on the work area.
async function openPlanning(kindId: "riskAreas" | "patrolRoutes", [lat, lon]: LatLon) {
  const session = await openConsole(browser, server.url, {
    locale: "zh-CN",
    token: server.tokens.planner,
    defaultTimeoutMs: 8_000,
    // A rejected write is an expected 422, which Chromium also logs.
    allowed: (text) => /status of 422/.test(text),
    beforeLoad: (page) => page.addInitScript(captureConsoleMap),
  });
  const { page } = session;
  expect(await page.evaluate(() => "consoleMap" in window)).toBe(true);

  await page.getByTestId("open-planning").click();
  await page.getByTestId(`planning-kind-${kindId}`).click();
  await page.evaluate(({ lat, lon, zoom }) => {
    const map = (window as unknown as { consoleMap: L.Map }).consoleMap;
    map.setView([lat, lon], zoom, { animate: false });
  }, { lat, lon, zoom: workZoom });
  return session;
}

// The risk-area and patrol-route writes that the tests make the API reject.
function isRejectedShape(line: string): boolean {
  return /^422 .*\/api\/v1\/(risk-areas|patrol-routes)$/.test(line);
}

// Waits until the map has stopped zooming and panning, because a pixel
// computed during an animation is stale by the time the mouse gets there.
async function settleMap(page: Page): Promise<void> {
  let previous = "";
  for (let attempt = 0; attempt < 30; attempt++) {
    const current = await page.evaluate(() => {
      const map = (window as unknown as { consoleMap: L.Map & { _animatingZoom?: boolean } }).consoleMap;
      return map._animatingZoom ? "zooming" : `${map.getZoom()} ${map.getCenter().toString()} ${map.getSize().toString()}`;
    });
    if (current === previous && current !== "zooming") {
      return;
    }
    previous = current;
    await page.waitForTimeout(150);
  }
  throw new Error("the map kept moving for 4.5 s");
}

// Returns the whole page pixel nearest to a position, and the position the
// map gives that pixel, which is where a click there puts a vertex.
async function mapPixel(page: Page, [lat, lon]: LatLon): Promise<MapClick> {
  const box = (await page.getByTestId("map").boundingBox())!;
  return page.evaluate(
    ({ lat, lon, left, top }) => {
      const map = (window as unknown as { consoleMap: L.Map }).consoleMap;
      const point = map.latLngToContainerPoint([lat, lon]).round();
      const latLng = map.containerPointToLatLng(point);
      return { x: left + point.x, y: top + point.y, lat: latLng.lat, lon: latLng.lng };
    },
    { lat, lon, left: box.x, top: box.y },
  );
}

// Clicks the map at a position. The spot must show the bare map: a click
// on a control, the panel or another feature would not place a vertex.
async function clickAt(page: Page, position: LatLon): Promise<MapClick> {
  const click = await mapPixel(page, position);
  const target = await page.evaluate(([x, y]) => {
    const element = document.elementFromPoint(x!, y!);
    if (element?.closest(".leaflet-control, .planning-panel, .layer-panel, .leaflet-interactive, .leaflet-marker-icon")) {
      return `${element.tagName}.${element.getAttribute("class")} in ${element.parentElement?.closest("[class*=pane]")?.getAttribute("class")}`;
    }
    return element?.closest("[data-testid=map]") ? "map" : String(element?.tagName);
  }, [click.x, click.y]);
  expect(target, `what is under ${position.join(", ")}`).toBe("map");
  await page.mouse.click(click.x, click.y);
  return click;
}

// Distance in metres between a GeoJSON [lon, lat] and an expected
// position, on the WGS-84 ellipsoid's local scale at the expected latitude
// (the usual series for metres per degree). Over a few kilometres it is
// good to well under a metre.
function metresBetween([lon, lat]: number[], expected: { lat: number; lon: number }): number {
  const phi = (expected.lat * Math.PI) / 180;
  const metresPerDegreeLat = 111_132.92 - 559.82 * Math.cos(2 * phi) + 1.175 * Math.cos(4 * phi);
  const metresPerDegreeLon = 111_412.84 * Math.cos(phi) - 93.5 * Math.cos(3 * phi);
  const northM = (lat! - expected.lat) * metresPerDegreeLat;
  const eastM = (lon! - expected.lon) * metresPerDegreeLon;
  return Math.hypot(northM, eastM);
}

function asExpected([lon, lat]: number[]): { lat: number; lon: number } {
  return { lat: lat!, lon: lon! };
}

// Checks stored positions against where they were clicked. Three metres is
// a tenth of a pixel at zoom 12, so a vertex one pixel off, snapped
// elsewhere or with latitude and longitude swapped fails.
function expectVertices(stored: number[][], expected: Array<{ lat: number; lon: number }>): void {
  expect(stored).toHaveLength(expected.length);
  stored.forEach((position, i) => {
    expect(metresBetween(position, expected[i]!), `vertex ${i} (${position.join(", ")})`).toBeLessThan(3);
  });
}

// Drags the geoman vertex marker under one pixel to another pixel.
async function dragVertex(page: Page, from: MapClick, to: MapClick): Promise<void> {
  const grabbed = await page.evaluate(([x, y]) => {
    const element = document.elementFromPoint(x!, y!);
    return element?.closest(".marker-icon:not(.marker-icon-middle)") ? "vertex" : `${element?.tagName}.${element?.getAttribute("class")}`;
  }, [from.x, from.y]);
  expect(grabbed, `what is under ${from.lat}, ${from.lon}`).toBe("vertex");

  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 10 });
  await page.mouse.up();
}

// Clicks save on a new record and returns the message of the API's
// rejection, to compare with what the form shows.
async function saveRejected(page: Page, path: string, field: string): Promise<string> {
  const isCreate = (candidate: Response) => candidate.url().endsWith(`/api/v1/${path}`) && candidate.request().method() === "POST";
  const [response] = await Promise.all([page.waitForResponse(isCreate), page.getByTestId("planning-save").click()]);
  expect(response.status()).toBe(422);
  const { errors } = (await response.json()) as { errors: Array<{ field: string; message: string }> };
  expect(errors.map((error) => error.field)).toEqual([field]);
  return errors[0]!.message;
}

// Returns the only ring of a stored risk area, which the API keeps as a
// MultiPolygon of one polygon.
function outerRing(feature: GeoJSON.Feature): number[][] {
  const geometry = feature.geometry as GeoJSON.MultiPolygon;
  expect(geometry.type).toBe("MultiPolygon");
  expect(geometry.coordinates).toHaveLength(1);
  expect(geometry.coordinates[0]).toHaveLength(1);
  return geometry.coordinates[0]![0]!;
}

// Draws a polygon through the given corners and closes it with a click on
// the first one, as the panel's hint tells the planner.
async function drawPolygon(page: Page, corners: LatLon[]): Promise<MapClick[]> {
  await page.getByTestId("planning-new").click();
  expect(await page.getByTestId("planning-status").textContent()).toBe("请在地图上依次单击区域各顶点，单击第一点闭合");
  const clicks: MapClick[] = [];
  for (const corner of corners) {
    clicks.push(await clickAt(page, corner));
  }
  await page.mouse.click(clicks[0]!.x, clicks[0]!.y);
  await page.getByTestId("planning-form").waitFor();
  return clicks;
}

// A position at an offset in degrees from a patch's centre.
function offset([lat, lon]: LatLon, dLat: number, dLon: number): LatLon {
  return [lat + dLat, lon + dLon];
}

beforeAll(async () => {
  ({ server, browser } = await setUpConsoleTest({ tracking: {} }));
});

afterAll(() => tearDownConsoleTest({ server, browser }));

describe("planning polygons and routes", () => {
  it("draws a risk area polygon", async () => {
    const session = await openPlanning("riskAreas", polygonArea);
    const { context, page } = session;
    const before = await assetTotal(server, "risk-areas");

    const corners = [offset(polygonArea, 0.03, -0.05), offset(polygonArea, 0.025, 0.05), offset(polygonArea, -0.03, 0.04), offset(polygonArea, -0.02, -0.045)];
    const clicks = await drawPolygon(page, corners);
    await page.getByTestId("field-nameZh").fill(riskAreaName);
    await page.getByTestId("field-kind").selectOption("grassland");
    await page.getByTestId("field-weight").fill("6.5");
    await page.screenshot({ path: `${artifacts}planning-polygon-drawn.png`, animations: "disabled" });
    await page.getByTestId("planning-save").click();
    await expect.poll(() => page.getByTestId("planning-status").textContent()).toBe("已保存");

    expect(await assetTotal(server, "risk-areas")).toBe(before + 1);
    const stored = (await findAssetByName(server, "risk-areas", riskAreaName))!;
    expect(stored).toBeDefined();
    riskAreaId = stored.properties!.id as number;
    expect(stored.properties?.kind).toBe("grassland");
    expect(stored.properties?.weight).toBe(6.5);
    // The ring is closed by repeating the first corner.
    expectVertices(outerRing(stored), [...clicks, clicks[0]!]);
    expect(await page.getByTestId(`planning-row-${riskAreaId}`).textContent()).toContain(riskAreaName);

    expectNoProblems(session, isRejectedShape);
    await context.close();
  });

  it("moves a vertex of the risk area", async () => {
    expect(riskAreaId).toBeGreaterThan(0);
    const before = (await server.call("GET", `/api/v1/risk-areas/${riskAreaId}`)).json as GeoJSON.Feature;
    const ringBefore = outerRing(before);
    const session = await openPlanning("riskAreas", polygonArea);
    const { context, page } = session;

    await page.getByTestId("planning-search").fill(riskAreaName);
    await page.getByTestId(`edit-${riskAreaId}`).click();
    await page.getByTestId("planning-form").waitFor();
    expect(await page.getByTestId("field-nameZh").inputValue()).toBe(riskAreaName);
    await settleMap(page);

    // The third corner moves about 1.2 km east and 1.1 km south.
    const [lon, lat] = ringBefore[2]!;
    const from = await mapPixel(page, [lat!, lon!]);
    const to = await mapPixel(page, [lat! - 0.01, lon! + 0.015]);
    await dragVertex(page, from, to);
    await page.screenshot({ path: `${artifacts}planning-polygon-edited.png`, animations: "disabled" });
    await page.getByTestId("planning-save").click();
    await expect.poll(() => page.getByTestId("planning-status").textContent()).toBe("已保存");

    const after = (await server.call("GET", `/api/v1/risk-areas/${riskAreaId}`)).json as GeoJSON.Feature;
    const ringAfter = outerRing(after);
    expect(metresBetween(ringAfter[2]!, asExpected(ringBefore[2]!))).toBeGreaterThan(1000);
    const expected = ringBefore.map(asExpected);
    expected[2] = to;
    expectVertices(ringAfter, expected);
    expect(after.properties?.nameZh).toBe(riskAreaName);
    expect(after.properties?.weight).toBe(6.5);

    expectNoProblems(session, isRejectedShape);
    await context.close();
  });

  it("rejects a self-intersecting polygon", async () => {
    const before = await assetTotal(server, "risk-areas");
    const session = await openPlanning("riskAreas", bowTieArea);
    const { context, page } = session;

    // Corners in the order top-left, bottom-right, top-right, bottom-left:
    // the outline crosses itself in the middle, like a bow tie.
    await drawPolygon(page, [offset(bowTieArea, 0.025, -0.04), offset(bowTieArea, -0.025, 0.04), offset(bowTieArea, 0.025, 0.04), offset(bowTieArea, -0.025, -0.04)]);
    await page.getByTestId("field-nameZh").fill("测试蝴蝶结风险区");
    await page.getByTestId("field-weight").fill("3");
    const apiMessage = await saveRejected(page, "risk-areas", "geometry");

    const geometryError = page.getByTestId("error-geometry");
    await geometryError.waitFor({ state: "visible" });
    expect(await geometryError.textContent()).toBe(apiMessage);
    expect(await geometryError.textContent()).toMatch(/多边形自相交.*请修正边界/);
    expect(await page.getByTestId("planning-error").isVisible()).toBe(false);
    await page.screenshot({ path: `${artifacts}planning-polygon-bowtie-rejected.png`, animations: "disabled" });
    expect(await assetTotal(server, "risk-areas")).toBe(before);
    expect(await findAssetByName(server, "risk-areas", "测试蝴蝶结风险区")).toBeUndefined();

    await page.getByTestId("planning-cancel").click();
    expect(await page.locator(".planning-draft").count()).toBe(0);

    expectNoProblems(session, isRejectedShape);
    await context.close();
  });

  it("draws a patrol route", async () => {
    const before = await assetTotal(server, "patrol-routes");
    const session = await openPlanning("patrolRoutes", routeArea);
    const { context, page } = session;

    await page.getByTestId("planning-new").click();
    expect(await page.getByTestId("planning-status").textContent()).toBe("请在地图上依次单击航线各点，单击最后一点结束");
    const clicks = [await clickAt(page, offset(routeArea, 0.02, -0.06)), await clickAt(page, offset(routeArea, -0.01, 0)), await clickAt(page, offset(routeArea, 0.015, 0.05))];
    // A second click on the last point finishes the line.
    await page.mouse.click(clicks[2]!.x, clicks[2]!.y);
    await page.getByTestId("field-nameZh").fill("测试草原巡航线路");
    await page.getByTestId("field-corridorWidthKm").fill("6");
    await page.screenshot({ path: `${artifacts}planning-polygon-route.png`, animations: "disabled" });
    await page.getByTestId("planning-save").click();
    await expect.poll(() => page.getByTestId("planning-status").textContent()).toBe("已保存");

    expect(await assetTotal(server, "patrol-routes")).toBe(before + 1);
    const route = (await findAssetByName(server, "patrol-routes", "测试草原巡航线路"))!;
    expect(route.geometry.type).toBe("LineString");
    expectVertices((route.geometry as GeoJSON.LineString).coordinates, clicks);
    expect(route.properties?.corridorWidthKm).toBe(6);

    expectNoProblems(session, isRejectedShape);
    await context.close();
  });

  it("cancels and rejects a one-point route", async () => {
    const before = await assetTotal(server, "patrol-routes");
    const session = await openPlanning("patrolRoutes", routeArea);
    const { context, page } = session;

    // geoman does not finish a line of one point: a second click on it
    // leaves the tool drawing.
    await page.getByTestId("planning-new").click();
    const firstPosition = offset(routeArea, -0.03, -0.03);
    const first = await clickAt(page, firstPosition);
    await page.mouse.click(first.x, first.y);
    expect(await page.getByTestId("planning-form").count()).toBe(0);
    expect(await page.getByTestId("planning-status").textContent()).toBe("请在地图上依次单击航线各点，单击最后一点结束");

    // Cancel leaves no vertex on the map, and New starts again from none.
    expect(await page.locator(".leaflet-planningVertices-pane .marker-icon").count()).toBeGreaterThan(0);
    await page.getByTestId("planning-cancel-draw").click();
    expect(await page.getByTestId("planning-status").textContent()).toBe("");
    expect(await page.getByTestId("planning-cancel-draw").count()).toBe(0);
    expect(await page.locator(".leaflet-planningVertices-pane .marker-icon").count()).toBe(0);
    await page.getByTestId("planning-new").click();
    expect(await page.getByTestId("planning-cancel-draw").textContent()).toBe("取消");
    await page.getByTestId("planning-new").click();
    expect(await page.getByTestId("planning-status").textContent()).toBe("请在地图上依次单击航线各点，单击最后一点结束");
    expect(await page.getByTestId("planning-cancel-draw").count()).toBe(1);
    expect(await clickAt(page, firstPosition)).toEqual(first);

    // A second point, then that point dragged back onto the first one.
    const second = await clickAt(page, offset(routeArea, -0.03, 0.03));
    await page.mouse.click(second.x, second.y);
    await page.getByTestId("planning-form").waitFor();
    await page.getByTestId("field-nameZh").fill("测试单点巡航线路");
    await page.getByTestId("field-corridorWidthKm").fill("5");
    await dragVertex(page, second, first);
    const apiMessage = await saveRejected(page, "patrol-routes", "geometry.coordinates");

    const geometryError = page.getByTestId("error-geometry");
    await geometryError.waitFor({ state: "visible" });
    expect(await geometryError.textContent()).toBe(apiMessage);
    expect(await geometryError.textContent()).toMatch(/航线至少需要 2 个不同的点，收到 1 个$/);
    await page.screenshot({ path: `${artifacts}planning-polygon-route-rejected.png`, animations: "disabled" });
    expect(await assetTotal(server, "patrol-routes")).toBe(before);

    expectNoProblems(session, isRejectedShape);
    await context.close();
  });

  it("deletes the risk area after confirmation", async () => {
    expect(riskAreaId).toBeGreaterThan(0);
    const before = await assetTotal(server, "risk-areas");
    const session = await openPlanning("riskAreas", polygonArea);
    const { context, page } = session;
    await page.getByTestId("planning-search").fill(riskAreaName);

    const messages: string[] = [];
    page.once("dialog", (dialog) => {
      messages.push(dialog.message());
      void dialog.dismiss();
    });
    await page.getByTestId(`delete-${riskAreaId}`).click();
    await expect.poll(() => messages.length).toBe(1);
    expect(messages[0]).toBe(`确定删除风险区“${riskAreaName}”吗？此操作不可撤销。`);
    expect(await assetTotal(server, "risk-areas")).toBe(before);

    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByTestId(`delete-${riskAreaId}`).click();
    await expect.poll(() => page.getByTestId("planning-status").textContent()).toBe("已删除");
    await page.screenshot({ path: `${artifacts}planning-polygon-deleted.png`, animations: "disabled" });

    expect(await assetTotal(server, "risk-areas")).toBe(before - 1);
    expect((await server.call("GET", `/api/v1/risk-areas/${riskAreaId}`)).status).toBe(404);
    expect(await page.getByTestId(`planning-row-${riskAreaId}`).count()).toBe(0);

    expectNoProblems(session, isRejectedShape);
    await context.close();
  });
});
