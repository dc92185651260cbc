import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import type { ConsoleSession } from "./test/console-session.js";
import { artifacts, setUpConsoleTest, tearDownConsoleTest, type TestServer } from "./test/console-setup.js";
import { requestApi } from "./test/http-api.js";
import { openSignedIn } from "./test/sign-in.js";

// Demo accounts only: setUpConsoleTest gives every demo user this password.
const demoPassword = "admin-test-password";
const plannerPassword = "ordos-planner-password";
const plannerUsername = "ordos.planner";

let server: TestServer;
let browser: Browser;
// Every console these tests open, for the last test's check that none of
// them reached outside the test server.
const sessions: ConsoleSession[] = [];

// The admin's page stays open through the tests below, which run in order.
let admin: Page;

beforeAll(async () => {
  ({ server, browser } = await setUpConsoleTest({ demoPassword }));
  const grantClipboard = (page: Page) => page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
  admin = (await logIn("demo-admin", demoPassword, grantClipboard)).page;
});

// A failed test may leave a modal dialog open on the admin's page; it would
// block every click of the tests after it.
afterEach(async () => {
  await admin?.evaluate(() => document.querySelectorAll("dialog.admin-dialog").forEach((dialog) => dialog.remove()));
});

afterAll(() => tearDownConsoleTest({ server, browser }));

// Signs in through the dialog in a new context, in Chinese.
async function logIn(username: string, password: string, beforeLoad?: (page: Page) => Promise<unknown>): Promise<ConsoleSession> {
  const session = await openSignedIn(browser, server.url, username, password, { locale: "zh-CN", beforeLoad });
  sessions.push(session);
  return session;
}

// Fills the new-user dialog, which must be open.
async function fillNewUser(page: Page, user: { username: string; displayName: string; role: string; city: string; password: string; confirm: string }) {
  const dialog = page.getByTestId("admin-user-create");
  await dialog.getByTestId("admin-field-username").fill(user.username);
  await dialog.getByTestId("admin-field-displayName").fill(user.displayName);
  await dialog.getByTestId("admin-field-role").selectOption(user.role);
  await dialog.getByTestId("admin-field-city").selectOption(user.city);
  await dialog.getByTestId("admin-field-password").fill(user.password);
  await dialog.getByTestId("admin-field-passwordConfirm").fill(user.confirm);
}

function pushPositions(token: string): Promise<Response> {
  return requestApi(server.url, "POST", "/api/v1/feeds/positions", {
    token,
    body: {
      sourceId: "admin-test-receiver",
      positions: [{ icaoAddress: "7C1A01", time: new Date().toISOString(), lon: 107.4, lat: 40.75, altitudeM: 1200 }],
    },
  });
}

describe("admin screen", () => {
  it("is opened from the header by an admin", async () => {
    const button = admin.getByTestId("open-admin");
    expect(await button.isVisible()).toBe(true);
    expect(await button.textContent()).toBe("用户与令牌");

    await button.click();
    await admin.getByTestId("admin-users").waitFor();
    expect(await button.getAttribute("aria-pressed")).toBe("true");
    const own = admin.getByTestId("admin-user-demo-admin");
    expect(await own.getByTestId("admin-user-role").textContent()).toBe("管理员");
    expect(await own.getByTestId("admin-user-city").textContent()).toBe("巴彦淖尔市");
    expect(await own.getByTestId("admin-user-status").textContent()).toBe("启用");
    expect(await admin.getByTestId("admin-token-note").textContent()).toContain("不会自动过期");
  });

  it("creates a planner for Ordos", async () => {
    await admin.getByTestId("admin-user-new").click();
    const dialog = admin.getByTestId("admin-user-create");
    await fillNewUser(admin, { username: plannerUsername, displayName: "鄂尔多斯规划员", role: "planner", city: "ordos", password: plannerPassword, confirm: "something-else" });
    await dialog.getByTestId("admin-user-create-submit").click();
    await expect.poll(() => dialog.getByTestId("admin-error-passwordConfirm").textContent()).toBe("两次输入的密码不一致");

    await dialog.getByTestId("admin-field-passwordConfirm").fill(plannerPassword);
    await dialog.getByTestId("admin-user-create-submit").click();
    const row = admin.getByTestId(`admin-user-${plannerUsername}`);
    await row.waitFor();
    expect(await dialog.count()).toBe(0);
    expect(await row.getByTestId("admin-user-role").textContent()).toBe("规划员");
    expect(await row.getByTestId("admin-user-city").textContent()).toBe("鄂尔多斯市");
    expect(await row.getByTestId("admin-user-status").textContent()).toBe("启用");

    const stored = await server.database.sql<{ role: string; city: string; disabled: boolean }[]>`
      SELECT role, city, disabled FROM users WHERE username = ${plannerUsername}`;
    expect(stored).toEqual([{ role: "planner", city: "ordos", disabled: false }]);
    await admin.screenshot({ path: `${artifacts}admin-users-zh-CN.png`, animations: "disabled" });
  });

  it("shows the API's errors beside the field", async () => {
    await admin.getByTestId("admin-user-new").click();
    const dialog = admin.getByTestId("admin-user-create");

    await fillNewUser(admin, { username: "ordos.second", displayName: "第二位", role: "viewer", city: "ordos", password: "short", confirm: "short" });
    await dialog.getByTestId("admin-user-create-submit").click();
    await expect.poll(() => dialog.getByTestId("admin-error-password").textContent()).toBe("password：至少需要 10 个字符，现有 5 个字符");
    expect(await dialog.getByTestId("admin-error-username").isHidden()).toBe(true);

    await fillNewUser(admin, { username: plannerUsername, displayName: "重名", role: "viewer", city: "ordos", password: plannerPassword, confirm: plannerPassword });
    await dialog.getByTestId("admin-user-create-submit").click();
    await expect.poll(() => dialog.getByTestId("admin-error-username").textContent()).toBe(`username："${plannerUsername}" 已被使用，必须唯一`);
    expect(await dialog.getByTestId("admin-field-username").getAttribute("aria-invalid")).toBe("true");
    expect(await dialog.getByTestId("admin-error-password").isHidden()).toBe(true);
    await admin.screenshot({ path: `${artifacts}admin-duplicate-zh-CN.png`, animations: "disabled" });

    await dialog.getByTestId("admin-user-create-cancel").click();
    expect(await dialog.count()).toBe(0);
    const count = await server.database.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM users WHERE username = ${plannerUsername}`;
    expect(count[0]!.n).toBe(1);
  });

  it("ends a disabled user's session", async () => {
    const { context: plannerContext, page: planner } = await logIn(plannerUsername, plannerPassword);
    expect(await planner.getByTestId("principal").textContent()).toBe("鄂尔多斯规划员 · 规划员 · 鄂尔多斯市");
    expect(await planner.getByTestId("open-planning").isVisible()).toBe(true);
    expect(await planner.getByTestId("open-admin").isVisible()).toBe(false);
    const token = await planner.evaluate(() => localStorage.getItem("bayannur-console.token"));
    expect(token).toMatch(/^ars_/);

    const row = admin.getByTestId(`admin-user-${plannerUsername}`);
    await row.getByTestId("admin-action-disable").click();
    const confirm = admin.getByTestId("admin-user-disable");
    expect(await confirm.textContent()).toContain(`停用用户 ${plannerUsername}？`);
    await confirm.getByTestId("admin-user-disable-submit").click();
    await expect.poll(() => row.getByTestId("admin-user-status").textContent()).toBe("已停用");

    // The next request of the open console meets a 401 and shows the sign-in dialog.
    const me = await requestApi(server.url, "GET", "/api/v1/auth/me", { token: token! });
    expect(me.status).toBe(401);
    await planner.getByTestId("sign-in").waitFor({ timeout: 20_000 });
    expect(await planner.evaluate(() => localStorage.getItem("bayannur-console.token"))).toBeNull();
    await planner.screenshot({ path: `${artifacts}admin-disabled-user-signed-out.png`, animations: "disabled" });
    await plannerContext.close();

    const login = await requestApi(server.url, "POST", "/api/v1/auth/login", { body: { username: plannerUsername, password: plannerPassword } });
    expect(login.status).toBe(401);

    await row.getByTestId("admin-action-enable").click();
    await expect.poll(() => row.getByTestId("admin-user-status").textContent()).toBe("启用");
  }, 60_000);

  it("creates a feed token, shows it once and revokes it", async () => {
    await admin.getByTestId("admin-token-new").click();
    const create = admin.getByTestId("admin-token-create");
    expect(await create.getByTestId("admin-field-role").inputValue()).toBe("feed");
    await create.getByTestId("admin-field-name").fill("临河站 ADS-B 接收机");
    await create.getByTestId("admin-token-create-submit").click();

    const secretDialog = admin.getByTestId("admin-token-secret-dialog");
    await secretDialog.waitFor();
    expect(await secretDialog.getByTestId("admin-token-warning").textContent()).toContain("关闭后它不会再显示");
    const secret = await secretDialog.getByTestId("admin-token-secret").inputValue();
    expect(secret).toMatch(/^art_[A-Za-z0-9_-]{43}$/);

    await secretDialog.getByTestId("admin-token-copy").click();
    await expect.poll(() => secretDialog.getByTestId("admin-token-copy-status").textContent()).toBe("已复制到剪贴板");
    expect(await admin.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await admin.screenshot({ path: `${artifacts}admin-token-secret-zh-CN.png`, animations: "disabled" });

    await secretDialog.getByTestId("admin-token-secret-dialog-submit").click();
    expect(await secretDialog.count()).toBe(0);
    const [tokenRow] = await server.database.sql<{ id: number }[]>`SELECT id FROM api_tokens WHERE name = '临河站 ADS-B 接收机'`;
    const row = admin.getByTestId(`admin-token-${tokenRow!.id}`);
    await row.waitFor();
    expect(await row.getByTestId("admin-token-status").textContent()).toBe("有效");
    expect(await row.getByTestId("admin-token-last-used").textContent()).toBe("从未使用");
    expect(await admin.content()).not.toContain(secret);

    const pushed = await pushPositions(secret);
    expect(pushed.status).toBe(200);
    expect(await pushed.json()).toEqual({ accepted: 1, rejected: [] });

    await row.getByTestId("admin-action-revoke").click();
    await admin.getByTestId("admin-token-revoke").getByTestId("admin-token-revoke-submit").click();
    await expect.poll(() => row.getByTestId("admin-token-status").textContent()).toMatch(/^已于 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d 吊销$/);
    expect(await row.getByTestId("admin-action-revoke").count()).toBe(0);
    // The table reloads after the revoke, with the push above as the last use.
    expect(await row.getByTestId("admin-token-last-used").textContent()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    await admin.screenshot({ path: `${artifacts}admin-tokens-zh-CN.png`, animations: "disabled" });

    const rejected = await pushPositions(secret);
    expect(rejected.status).toBe(401);
    expect(((await rejected.json()) as { error: { code: string } }).error.code).toBe("invalid_token");
  });

  it("switches to English", async () => {
    await admin.getByTestId("language-en").click();
    expect(await admin.getByTestId("open-admin").textContent()).toBe("Users and tokens");
    const row = admin.getByTestId(`admin-user-${plannerUsername}`);
    expect(await row.getByTestId("admin-user-role").textContent()).toBe("Planner");
    expect(await row.getByTestId("admin-user-city").textContent()).toBe("Ordos");
    expect(await admin.getByTestId("admin-screen").locator("h2").textContent()).toBe("Users and API tokens");

    await admin.getByTestId("admin-user-new").click();
    const dialog = admin.getByTestId("admin-user-create");
    await fillNewUser(admin, { username: plannerUsername, displayName: "Duplicate", role: "viewer", city: "ordos", password: plannerPassword, confirm: plannerPassword });
    await dialog.getByTestId("admin-user-create-submit").click();
    await expect.poll(() => dialog.getByTestId("admin-error-username").textContent()).toBe(`username: "${plannerUsername}" is already in use and must be unique`);
    expect(await dialog.locator("h2").textContent()).toBe("New user");
    await admin.screenshot({ path: `${artifacts}admin-duplicate-en.png`, animations: "disabled" });
    await dialog.getByTestId("admin-user-create-cancel").click();

    await admin.getByTestId("admin-close").click();
    expect(await admin.getByTestId("admin-screen").isHidden()).toBe(true);
    expect(await admin.getByTestId("open-admin").getAttribute("aria-pressed")).toBe("false");
    await admin.getByTestId("language-zh-CN").click();
  });

  it("is hidden from a planner", async () => {
    const { context, page: planner } = await logIn("demo-planner", demoPassword);
    expect(await planner.getByTestId("principal").textContent()).toContain("规划员");
    expect(await planner.getByTestId("open-admin").isVisible()).toBe(false);
    expect(await planner.getByTestId("admin-screen").count()).toBe(0);
    await context.close();

    expect(sessions.flatMap((session) => session.external)).toEqual([]);
  });
});
