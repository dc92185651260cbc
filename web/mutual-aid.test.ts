import type { Browser, Locator, Page, WebSocketRoute } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { ConsoleSession } from "./test/console-session.js";
import { artifacts, setUpConsoleTest, tearDownConsoleTest, type TestServer } from "./test/console-setup.js";
import { openSignedIn } from "./test/sign-in.js";

// Demo accounts only: setUpConsoleTest gives every demo user this password.
const demoPassword = "mutual-aid-test-password";

let server: TestServer;
let browser: Browser;
let incidentId: number;
let aircraftIds: Record<string, number>;
let bayannur: ConsoleSession;
let ordos: ConsoleSession;

beforeAll(async () => {
  // tracking: {} starts the live hub, which carries the mutual_aid frames.
  ({ server, browser } = await setUpConsoleTest({ tracking: {}, demoPassword }));

  const incident = await server.call("POST", "/api/v1/incidents", {
    token: server.tokens.dispatcher,
    body: { kind: "forest_fire", priority: 2, reportedAt: new Date().toISOString(), geometry: { type: "Point", coordinates: [107.4, 40.75] } },
  });
  incidentId = incident.json.id;
  const fleet = await server.call("GET", "/api/v1/aircraft?limit=1000");
  aircraftIds = Object.fromEntries(fleet.json.items.map((plane: { registration: string; id: number }) => [plane.registration, plane.id]));

  bayannur = await logIn("demo-coordinator");
  ordos = await logIn("demo-coordinator-ordos");
});

afterAll(() => tearDownConsoleTest({ server, browser }));

// Signs in through the dialog in a context that may talk only to the test
// server, in Chinese, opens the mutual-aid panel and marks the page, so
// that a test can tell that it was never reloaded.
async function logIn(username: string): Promise<ConsoleSession> {
  const session = await openSignedIn(browser, server.url, username, demoPassword, { locale: "zh-CN" });
  const { page } = session;

  await page.getByTestId("open-mutual-aid").click();
  await page.getByTestId("mutual-aid-panel").waitFor();
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  return session;
}

async function notReloaded(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded === true);
}

function row(page: Page, id: number): Locator {
  return page.getByTestId(`mutual-aid-request-${id}`);
}

async function present(page: Page, testId: string): Promise<boolean> {
  return (await page.getByTestId(testId).count()) > 0;
}

// Submits the request form in the Bayannur console and returns the new request's id.
async function requestAid(options: { aircraft?: string; incident?: boolean; notes?: string }): Promise<number> {
  const page = bayannur.page;
  await page.getByTestId("mutual-aid-city").selectOption("ordos");
  await page.getByTestId("mutual-aid-aircraft").selectOption(options.aircraft ? String(aircraftIds[options.aircraft]) : "");
  if (!options.aircraft) {
    await page.getByTestId("mutual-aid-category").selectOption("helicopter");
  }
  await page.getByTestId("mutual-aid-incident").selectOption(options.incident ? String(incidentId) : "");
  await page.getByTestId("mutual-aid-notes").fill(options.notes ?? "");
  const before = await newestRequestId();
  await page.getByTestId("mutual-aid-submit").click();

  await expect.poll(newestRequestId).toBeGreaterThan(before);
  const id = await newestRequestId();
  await row(page, id).waitFor();
  expect(await page.getByTestId("mutual-aid-form-error").textContent()).toBe("");
  return id;
}

async function newestRequestId(): Promise<number> {
  const newest = await server.call("GET", "/api/v1/mutual-aid/requests?limit=1");
  return (newest.json.items[0]?.id as number | undefined) ?? 0;
}

// "2026-12-05 06:23:48": a UTC time from the API in China Standard Time.
function chinaTime(iso: string): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "medium" }).format(new Date(iso));
}

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

function signedPercent(fraction: number): string {
  const text = percent(Math.abs(fraction));
  return text === "0.0%" ? text : `${fraction > 0 ? "+" : "-"}${text}`;
}

async function getRequest(id: number) {
  return (await server.call("GET", `/api/v1/mutual-aid/requests/${id}`)).json;
}

describe("mutual-aid panel", () => {
  it("lends, approves and returns live", async () => {
    const id = await requestAid({ incident: true, notes: "林场火情需要吊桶" });

    const outgoing = bayannur.page.getByTestId("mutual-aid-outgoing").getByTestId(`mutual-aid-request-${id}`);
    expect(await outgoing.getByTestId(`mutual-aid-status-${id}`).textContent()).toBe(`#${id} 巴彦淖尔市 → 鄂尔多斯市：待批复`);
    expect(await outgoing.textContent()).toContain(`事件：#${incidentId} 森林火灾 · 优先级 2`);
    expect(await outgoing.textContent()).toContain("航空器：任一合适的直升机");
    expect(await present(bayannur.page, `mutual-aid-cancel-${id}`)).toBe(true);
    expect(await present(bayannur.page, `mutual-aid-approve-${id}`)).toBe(false);
    expect(await present(bayannur.page, `mutual-aid-decline-${id}`)).toBe(false);

    // The lender sees it without a reload, with an estimate of the impact.
    const incoming = ordos.page.getByTestId("mutual-aid-incoming").getByTestId(`mutual-aid-request-${id}`);
    await incoming.waitFor();
    expect(await notReloaded(ordos.page)).toBe(true);
    expect(await incoming.getByTestId(`mutual-aid-status-${id}`).textContent()).toBe(`#${id} 巴彦淖尔市 → 鄂尔多斯市：待批复`);
    const requested = await getRequest(id);
    expect(await incoming.getByTestId(`mutual-aid-times-${id}`).textContent()).toBe(`申请：${chinaTime(requested.requestedAt)} · demo-coordinator`);
    expect(await present(ordos.page, `mutual-aid-cancel-${id}`)).toBe(false);
    const preview = (await server.call("GET", `/api/v1/mutual-aid/requests/${id}/coverage-impact`)).json;
    await expect.poll(() => incoming.getByTestId(`mutual-aid-impact-${id}`).textContent()).toContain(`预估，按 ${preview.aircraft.registration}`);

    const picker = ordos.page.getByTestId(`mutual-aid-approve-aircraft-${id}`);
    const offered = await picker.locator("option").allTextContents();
    expect(offered.map((label) => label.split(" ")[0]).sort()).toEqual(["B-7Z33", "B-7Z39"]);
    await ordos.page.screenshot({ path: `${artifacts}mutual-aid-requested-ordos.png`, animations: "disabled" });

    await picker.selectOption(String(aircraftIds["B-7Z39"]));
    await ordos.page.getByTestId(`mutual-aid-approve-${id}`).click();
    await expect.poll(() => incoming.getByTestId(`mutual-aid-status-${id}`).textContent()).toContain("已借出");

    // The borrower sees the approval live, who approved it and when, and the impact of the loan.
    await expect.poll(() => outgoing.getByTestId(`mutual-aid-status-${id}`).textContent()).toBe(`#${id} 巴彦淖尔市 → 鄂尔多斯市：已借出`);
    expect(await notReloaded(bayannur.page)).toBe(true);
    const approved = await getRequest(id);
    expect(approved.aircraftId).toBe(aircraftIds["B-7Z39"]);
    await expect.poll(() => outgoing.getByTestId(`mutual-aid-times-${id}`).textContent()).toContain(`批准：${chinaTime(approved.decidedAt)} · demo-coordinator-ordos`);
    expect(await outgoing.textContent()).toContain("航空器：B-7Z39");

    const impact = (await server.call("GET", `/api/v1/mutual-aid/requests/${id}/coverage-impact`)).json;
    expect(impact.borrower.shareOfArea.delta).toBeGreaterThanOrEqual(0);
    expect(impact.lender.shareOfArea.delta).toBeLessThanOrEqual(0);
    const borrower = `巴彦淖尔市 ${signedPercent(impact.borrower.shareOfArea.delta)}（${percent(impact.borrower.shareOfArea.before)} → ${percent(impact.borrower.shareOfArea.after)}）`;
    const lender = `鄂尔多斯市 ${signedPercent(impact.lender.shareOfArea.delta)}（${percent(impact.lender.shareOfArea.before)} → ${percent(impact.lender.shareOfArea.after)}）`;
    await expect.poll(() => outgoing.getByTestId(`mutual-aid-impact-${id}-borrower`).textContent()).toBe(borrower);
    expect(await outgoing.getByTestId(`mutual-aid-impact-${id}-lender`).textContent()).toBe(lender);
    expect(await outgoing.getByTestId(`mutual-aid-impact-${id}`).textContent()).toContain("覆盖影响（120 分钟目标）");
    expect(await outgoing.getByTestId(`mutual-aid-impact-${id}`).textContent()).not.toContain("预估");
    await bayannur.page.screenshot({ path: `${artifacts}mutual-aid-approved-bayannur.png`, animations: "disabled" });

    // Either side may end the loan; Bayannur does.
    expect(await present(ordos.page, `mutual-aid-return-${id}`)).toBe(true);
    expect(await present(bayannur.page, `mutual-aid-cancel-${id}`)).toBe(false);
    await bayannur.page.getByTestId(`mutual-aid-return-${id}`).click();

    const returned = `#${id} 巴彦淖尔市 → 鄂尔多斯市：已归还`;
    await expect.poll(() => outgoing.getByTestId(`mutual-aid-status-${id}`).textContent()).toBe(returned);
    await expect.poll(() => incoming.getByTestId(`mutual-aid-status-${id}`).textContent()).toBe(returned);
    const closed = await getRequest(id);
    for (const page of [bayannur.page, ordos.page]) {
      await expect.poll(() => row(page, id).getByTestId(`mutual-aid-times-${id}`).textContent()).toContain(`归还：${chinaTime(closed.returnedAt)} · demo-coordinator`);
      expect(await present(page, `mutual-aid-return-${id}`)).toBe(false);
      expect(await row(page, id).getByTestId(`mutual-aid-impact-${id}`).count()).toBe(0);
    }
    expect(await notReloaded(ordos.page)).toBe(true);
    await ordos.page.screenshot({ path: `${artifacts}mutual-aid-returned-ordos.png`, animations: "disabled" });

    // Each step is in the request's audit log.
    await ordos.page.getByTestId(`history-mutual_aid_request-${id}`).click();
    await expect.poll(() => ordos.page.getByTestId("audit-entry").count()).toBe(3);
    const actions = await ordos.page.getByTestId("audit-entry").evaluateAll((entries) => entries.map((entry) => entry.getAttribute("data-action")));
    expect([...actions].sort()).toEqual(["approve", "request", "return"]);
    await ordos.page.getByTestId("audit-close").click();
  });

  it("declines with a required reason", async () => {
    const id = await requestAid({ aircraft: "B-7Z33" });
    const incoming = row(ordos.page, id);
    await incoming.waitFor();
    expect(await incoming.textContent()).toContain("航空器：B-7Z33");
    // A named aircraft needs no pick.
    expect(await present(ordos.page, `mutual-aid-approve-aircraft-${id}`)).toBe(false);
    expect(await present(ordos.page, `mutual-aid-approve-${id}`)).toBe(true);

    await ordos.page.getByTestId(`mutual-aid-decline-${id}`).click();
    await expect.poll(() => ordos.page.getByTestId(`mutual-aid-error-${id}`).textContent()).toBe("请填写拒绝理由");
    expect((await getRequest(id)).status).toBe("requested");

    await ordos.page.getByTestId(`mutual-aid-decline-reason-${id}`).fill("机组正在轮休");
    await ordos.page.getByTestId(`mutual-aid-decline-${id}`).click();

    for (const page of [ordos.page, bayannur.page]) {
      await expect.poll(() => row(page, id).getByTestId(`mutual-aid-status-${id}`).textContent()).toBe(`#${id} 巴彦淖尔市 → 鄂尔多斯市：已拒绝`);
      expect(await row(page, id).getByTestId(`mutual-aid-reason-${id}`).textContent()).toBe("拒绝理由：机组正在轮休");
      expect(await present(page, `mutual-aid-approve-${id}`)).toBe(false);
      expect(await present(page, `mutual-aid-cancel-${id}`)).toBe(false);
    }
    const declined = await getRequest(id);
    expect(await row(bayannur.page, id).getByTestId(`mutual-aid-times-${id}`).textContent()).toContain(`拒绝：${chinaTime(declined.decidedAt)} · demo-coordinator-ordos`);
    await bayannur.page.screenshot({ path: `${artifacts}mutual-aid-declined-bayannur.png`, animations: "disabled" });
  });

  it("withdraws a pending request", async () => {
    const id = await requestAid({});
    await row(ordos.page, id).waitFor();
    expect(await present(ordos.page, `mutual-aid-decline-${id}`)).toBe(true);

    await bayannur.page.getByTestId(`mutual-aid-cancel-${id}`).click();
    for (const page of [bayannur.page, ordos.page]) {
      await expect.poll(() => row(page, id).getByTestId(`mutual-aid-status-${id}`).textContent()).toBe(`#${id} 巴彦淖尔市 → 鄂尔多斯市：已撤回`);
    }
    expect(await present(ordos.page, `mutual-aid-approve-${id}`)).toBe(false);
    expect(await present(ordos.page, `mutual-aid-decline-${id}`)).toBe(false);
    const cancelled = await getRequest(id);
    expect(await row(ordos.page, id).getByTestId(`mutual-aid-times-${id}`).textContent()).toContain(`撤回：${chinaTime(cancelled.decidedAt)} · demo-coordinator`);
  });

  it("shows the API's error in Chinese", async () => {
    const first = await requestAid({ aircraft: "B-7Z39" });
    const second = await requestAid({ aircraft: "B-7Z39" });
    await row(ordos.page, second).waitFor();
    await ordos.page.getByTestId(`mutual-aid-approve-${first}`).click();
    await expect.poll(() => row(ordos.page, first).getByTestId(`mutual-aid-status-${first}`).textContent()).toContain("已借出");

    await ordos.page.getByTestId(`mutual-aid-approve-${second}`).click();
    await expect
      .poll(() => ordos.page.getByTestId(`mutual-aid-error-${second}`).textContent())
      .toBe(`aircraftId：航空器 ${aircraftIds["B-7Z39"]} 已借出（互助请求 ${first}），归还前不能再借`);
    expect((await getRequest(second)).status).toBe("requested");
    await ordos.page.screenshot({ path: `${artifacts}mutual-aid-error-ordos.png`, animations: "disabled" });

    // The lender recalls the loan, so the aircraft is free for the other tests.
    await ordos.page.getByTestId(`mutual-aid-return-${first}`).click();
    await expect.poll(() => row(bayannur.page, first).getByTestId(`mutual-aid-status-${first}`).textContent()).toContain("已归还");
    await bayannur.page.getByTestId(`mutual-aid-cancel-${second}`).click();
    await expect.poll(() => row(ordos.page, second).getByTestId(`mutual-aid-status-${second}`).textContent()).toContain("已撤回");
  });

  it("shows no steps to a viewer", async () => {
    const id = await requestAid({});
    const viewer = await logIn("demo-viewer");
    await row(viewer.page, id).waitFor();
    expect(await row(viewer.page, id).getByTestId(`mutual-aid-status-${id}`).textContent()).toContain("待批复");
    expect(await present(viewer.page, "mutual-aid-submit")).toBe(false);
    expect(await viewer.page.locator("[data-testid=mutual-aid-panel] button").count()).toBe(0);
    expect(viewer.external).toEqual([]);
    await viewer.context.close();

    await bayannur.page.getByTestId(`mutual-aid-cancel-${id}`).click();
    await expect.poll(() => row(bayannur.page, id).getByTestId(`mutual-aid-status-${id}`).textContent()).toContain("已撤回");
  });

  it("switches to English", async () => {
    const id = await requestAid({});
    const page = bayannur.page;
    await page.getByTestId("language-en").click();

    const panel = page.getByTestId("mutual-aid-panel");
    await expect.poll(() => panel.textContent()).toContain("Requests from my city");
    expect(await panel.textContent()).toContain("Requests to my city");
    expect(await panel.textContent()).toContain("Times in China Standard Time");
    expect(await page.getByTestId("mutual-aid-submit").textContent()).toBe("Request aid");
    expect(await row(page, id).getByTestId(`mutual-aid-status-${id}`).textContent()).toBe(`#${id} Bayannur → Ordos: awaiting decision`);
    expect(await row(page, id).textContent()).toContain("Aircraft: Any suitable Helicopter");
    expect(await row(page, id).getByTestId(`mutual-aid-times-${id}`).textContent()).toMatch(/^Requested: \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} · demo-coordinator$/);
    expect(await page.getByTestId(`mutual-aid-cancel-${id}`).textContent()).toBe("Withdraw request");
    await expect.poll(() => row(page, id).getByTestId(`mutual-aid-impact-${id}`).textContent()).toContain("Coverage impact (120 min target)");

    await page.screenshot({ path: `${artifacts}mutual-aid-english.png`, animations: "disabled" });

    await page.getByTestId(`mutual-aid-cancel-${id}`).click();
    await expect.poll(() => row(page, id).getByTestId(`mutual-aid-status-${id}`).textContent()).toContain("withdrawn");
    await page.getByTestId("language-zh-CN").click();
    expect(bayannur.external).toEqual([]);
    expect(ordos.external).toEqual([]);
  });

  it("shares the console's one live connection", async () => {
    // A second console of the Ordos coordinator, signed in by the token
    // stored in the context. The test counts its connections to /ws and can
    // cut them. While reconnectGate is set, a new connection waits for it to
    // resolve, so that a request can be made while this console is offline.
    const sockets: WebSocketRoute[] = [];
    let reconnectGate: Promise<void> | null = null;
    const page = await ordos.context.newPage();
    await page.routeWebSocket(/\/ws\?token=/, async (socket) => {
      sockets.push(socket);
      await reconnectGate;
      socket.connectToServer();
    });
    const opened: string[] = [];
    page.on("websocket", (socket) => opened.push(socket.url()));
    await page.goto(`${server.url}/`);
    await page.waitForSelector("body[data-ready=true]", { timeout: 20_000 });
    await page.getByTestId("open-mutual-aid").click();
    await page.getByTestId("open-dispatch").click();
    await page.getByTestId("dispatch-panel").waitFor();
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

    // A request and an alert both arrive live, over the live feed's connection.
    const live = await requestAid({});
    await row(page, live).waitFor();
    server.tracking!.ingest({ icaoAddress: "7BFE01", timeMs: Date.now(), sourceId: "mutual-aid-test", lonLat: [107.9, 40.95], squawk: "7700", onGround: false, groundSpeedKmh: 150 });
    await page.getByTestId("dispatch-panel").locator("[data-kind=emergency_squawk]").waitFor({ timeout: 10_000 });
    expect(sockets).toHaveLength(1);
    expect(opened).toHaveLength(1);

    // A request made while the connection is down appears once the reconnection reloads the list.
    let allowReconnect = () => {};
    reconnectGate = new Promise<void>((resolve) => (allowReconnect = resolve));
    await sockets[0]!.close();
    await expect.poll(() => page.getByTestId("live-state").textContent()).toMatch(/^实时航迹：未连接/);
    const missed = await requestAid({});
    await row(ordos.page, missed).waitFor();
    expect(await row(page, missed).count()).toBe(0);
    allowReconnect();
    await row(page, missed).waitFor({ timeout: 10_000 });
    expect(await row(page, missed).getByTestId(`mutual-aid-status-${missed}`).textContent()).toBe(`#${missed} 巴彦淖尔市 → 鄂尔多斯市：待批复`);
    expect(sockets).toHaveLength(2);
    expect(opened).toHaveLength(2);
    expect(await notReloaded(page)).toBe(true);
    await page.close();

    for (const id of [live, missed]) {
      await bayannur.page.getByTestId(`mutual-aid-cancel-${id}`).click();
      await expect.poll(() => row(bayannur.page, id).getByTestId(`mutual-aid-status-${id}`).textContent()).toContain("已撤回");
    }
  });

  it("offers aircraft of the chosen category", async () => {
    const page = ordos.page;
    await page.getByTestId("mutual-aid-city").selectOption("bayannur");
    await page.getByTestId("mutual-aid-category").selectOption("helicopter");
    const aircraft = page.getByTestId("mutual-aid-aircraft");

    const helicopters = (await aircraft.locator("option").allTextContents()).map((label) => label.split(" ")[0]);
    expect(helicopters[0]).toBe("任一合适的直升机");
    expect(helicopters).toContain("B-7Z41");
    expect(helicopters).not.toContain("B-3Z12");
    expect(helicopters).not.toContain("B-8Z05");

    await page.getByTestId("mutual-aid-category").selectOption("fixed_wing");
    const fixedWing = (await aircraft.locator("option").allTextContents()).map((label) => label.split(" ")[0]);
    expect(fixedWing).toEqual(["任一合适的固定翼", "B-3Z12", "B-8Z05"]);

    // A named aircraft of another category is dropped when the category changes.
    await aircraft.selectOption(String(aircraftIds["B-3Z12"]));
    await page.getByTestId("mutual-aid-category").selectOption("helicopter");
    expect(await aircraft.inputValue()).toBe("");
  });

  it("offers only the own city's incidents", async () => {
    const ordosIncident = await server.call("POST", "/api/v1/incidents", {
      token: server.tokens.dispatcher,
      body: { kind: "forest_fire", priority: 3, reportedAt: new Date().toISOString(), geometry: { type: "Point", coordinates: [109.78, 39.61] } },
    });
    expect(ordosIncident.status).toBe(201);
    // A reload of the panel's lists, as after a reconnection.
    for (const session of [bayannur, ordos]) {
      await session.page.getByTestId("open-mutual-aid").click();
      await session.page.getByTestId("open-mutual-aid").click();
    }

    const offered = async (session: ConsoleSession) => session.page.getByTestId("mutual-aid-incident").locator("option").evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
    await expect.poll(() => offered(ordos)).toContain(String(ordosIncident.json.id));
    expect(await offered(ordos)).not.toContain(String(incidentId));
    await expect.poll(() => offered(bayannur)).toContain(String(incidentId));
    expect(await offered(bayannur)).not.toContain(String(ordosIncident.json.id));
  });
});
