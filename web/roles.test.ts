import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { openConsole } from "./test/console-session.js";
import { artifacts, setUpConsoleTest, tearDownConsoleTest, type TestServer } from "./test/console-setup.js";
import { requestApi } from "./test/http-api.js";
import { openSignedIn, signInWithPassword, submitPasswordSignIn } from "./test/sign-in.js";

// Demo accounts only: setUpConsoleTest gives every demo user this password.
const demoPassword = "roles-test-password";

let server: TestServer;
let browser: Browser;
let alertId: number;

beforeAll(async () => {
  ({ server, browser } = await setUpConsoleTest({ demoPassword }));

  // An open alert, so that the dispatch panel has an acknowledge button to show or hide.
  const inserted = await server.database.sql<{ id: number }[]>`
    INSERT INTO alerts (kind, level, aircraft_id, details, raised_at, level_changed_at)
    SELECT 'lost_contact', 'warning', id, '{}'::jsonb, now(), now() FROM aircraft WHERE registration = 'B-7Z41'
    RETURNING id`;
  alertId = inserted[0]!.id;
});

afterAll(() => tearDownConsoleTest({ server, browser }));

// The console with no token, at its sign-in dialog, in Chinese.
function openSignInDialog() {
  return openConsole(browser, server.url, { locale: "zh-CN", readySelector: null });
}

function logInThroughDialog(username: string) {
  return openSignedIn(browser, server.url, username, demoPassword, { locale: "zh-CN" });
}

// Moves the user's open sessions past their expiry, as time would.
async function expireSessions(username: string): Promise<void> {
  await server.database.sql`
    UPDATE sessions SET expires_at = now() - interval '1 second'
    WHERE user_id = (SELECT id FROM users WHERE username = ${username}) AND revoked_at IS NULL`;
}

async function present(page: Page, testId: string): Promise<boolean> {
  return (await page.getByTestId(testId).count()) > 0;
}

interface Expected {
  username: string;
  header: string;
  incident: boolean;
  acknowledge: boolean;
  whatIf: boolean;
  mutualAid: boolean;
}

const cases: Expected[] = [
  { username: "demo-admin", header: "演示管理员 · 管理员 · 巴彦淖尔市", incident: true, acknowledge: true, whatIf: true, mutualAid: true },
  { username: "demo-planner", header: "演示巡护规划员 · 规划员 · 巴彦淖尔市", incident: false, acknowledge: false, whatIf: true, mutualAid: false },
  { username: "demo-dispatcher", header: "演示调度员 · 调度员 · 巴彦淖尔市", incident: true, acknowledge: true, whatIf: false, mutualAid: false },
  { username: "demo-coordinator", header: "演示跨市协调员 · 跨市协调员 · 巴彦淖尔市", incident: false, acknowledge: false, whatIf: false, mutualAid: true },
  { username: "demo-viewer", header: "演示只读用户 · 只读用户 · 巴彦淖尔市", incident: false, acknowledge: false, whatIf: false, mutualAid: false },
];

describe("console by role", () => {
  for (const expected of cases) {
    it(`shows ${expected.username} its controls`, async () => {
      const { context, page, external } = await logInThroughDialog(expected.username);
      expect(await page.getByTestId("principal").textContent()).toBe(expected.header);
      expect(await page.getByTestId("sign-out").isVisible()).toBe(true);

      await page.getByTestId("open-dispatch").click();
      await page.getByTestId(`alert-${alertId}`).waitFor();
      expect(await present(page, "dispatch-pick")).toBe(expected.incident);
      expect(await present(page, `acknowledge-${alertId}`)).toBe(expected.acknowledge);
      await page.getByTestId("open-dispatch").click();

      await page.getByTestId("open-coverage").click();
      await page.getByTestId("coverage-panel").waitFor();
      expect(await present(page, "coverage-planner")).toBe(expected.whatIf);
      expect(await present(page, "coverage-run")).toBe(expected.whatIf);

      await page.getByTestId("open-mutual-aid").click();
      await page.getByTestId("mutual-aid-panel").waitFor();
      await expect.poll(() => page.getByTestId("mutual-aid-panel").textContent()).toContain("区域互助");
      expect(await present(page, "mutual-aid-submit")).toBe(expected.mutualAid);
      await page.screenshot({ path: `${artifacts}roles-${expected.username}.png`, animations: "disabled" });

      expect(external).toEqual([]);
      await context.close();
    });
  }

  it("lets a coordinator request aid", async () => {
    const { context, page } = await logInThroughDialog("demo-coordinator");
    await page.getByTestId("open-mutual-aid").click();
    await page.getByTestId("mutual-aid-city").selectOption("baotou");
    await page.getByTestId("mutual-aid-submit").click();

    await expect.poll(() => page.getByTestId("mutual-aid-panel").textContent()).toContain("巴彦淖尔市 → 包头市：待批复");
    await context.close();
  });
});

describe("sign-in and sign-out", () => {
  it("signs out and ends the session", async () => {
    const { context, page } = await logInThroughDialog("demo-viewer");
    const token = await page.evaluate(() => localStorage.getItem("bayannur-console.token"));
    expect(token).toMatch(/^ars_/);

    await page.getByTestId("sign-out").click();
    await page.getByTestId("sign-in").waitFor();
    expect(await page.getByTestId("sign-in-error").textContent()).toBe("已退出登录");
    expect(await page.evaluate(() => localStorage.getItem("bayannur-console.token"))).toBeNull();

    const me = await requestApi(server.url, "GET", "/api/v1/auth/me", { token: token! });
    expect(me.status).toBe(401);
    await context.close();
  });

  it("shows a wrong password in Chinese", async () => {
    const { context, page } = await openSignInDialog();

    await submitPasswordSignIn(page, "demo-dispatcher", "not-the-password");
    await expect.poll(() => page.getByTestId("sign-in-error").textContent()).toBe("用户名或密码错误");
    expect(await page.getByTestId("sign-in").isVisible()).toBe(true);
    await page.screenshot({ path: `${artifacts}roles-wrong-password.png`, animations: "disabled" });
    await context.close();
  });

  it("asks again when the session expires", async () => {
    const { context, page } = await logInThroughDialog("demo-planner");
    await expireSessions("demo-planner");

    await page.reload();
    await page.getByTestId("sign-in").waitFor();
    await expect.poll(() => page.getByTestId("sign-in-error").textContent()).toBe("登录已过期，请重新登录");
    expect(await page.evaluate(() => localStorage.getItem("bayannur-console.token"))).toBeNull();
    await page.screenshot({ path: `${artifacts}roles-session-expired.png`, animations: "disabled" });

    await signInWithPassword(page, "demo-planner", demoPassword);
    expect(await page.getByTestId("principal").textContent()).toContain("规划员");
    await context.close();
  });

  // The feed-health poll (every 10 s) is the console's next request and meets the 401.
  it("leaves a console whose session expires", async () => {
    const { context, page } = await logInThroughDialog("demo-dispatcher");
    await expireSessions("demo-dispatcher");

    await page.getByTestId("sign-in").waitFor({ timeout: 20_000 });
    await expect.poll(() => page.getByTestId("sign-in-error").textContent()).toBe("登录已过期，请重新登录");
    await context.close();
  });

  // Runs last: the failures it makes lock logins from 127.0.0.1 for the
  // rate limiter's window.
  it("shows the wait after too many failures", async () => {
    const { context, page } = await openSignInDialog();

    const error = page.getByTestId("sign-in-error");
    for (let attempt = 0; attempt < 6; attempt++) {
      await submitPasswordSignIn(page, "demo-coordinator", "not-the-password");
      await expect.poll(() => error.textContent()).not.toBe("正在验证…");
      if ((await error.textContent())?.includes("登录失败次数过多")) {
        break;
      }
    }
    expect(await error.textContent()).toMatch(/^登录失败次数过多，请 \d+ 秒后再试$/);
    await page.screenshot({ path: `${artifacts}roles-rate-limited.png`, animations: "disabled" });
    await context.close();
  });
});
