import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { expect } from "vitest";

import { watchProblems, type PageProblems } from "./browser.js";

// One page in its own browser context, with what went wrong on it:
// `problems` from watchProblems, `external` the addresses it tried to reach
// outside the test server (all of them aborted).
export interface ConsoleSession {
  context: BrowserContext;
  page: Page;
  problems: PageProblems;
  external: string[];
}

export interface IsolatedContextOptions extends BrowserContextOptions {
  // Schemes the page may load besides the server's origin ("data:" always).
  localProtocols?: string[];
}

export interface OpenConsoleOptions extends IsolatedContextOptions {
  // Page path on the server: "/" for the console, or a harness page.
  path?: string;
  // Signs in with this token in the link (#token=…); null opens without one.
  token?: string | null;
  // Put in the link as #lang=…, for harness pages that read it.
  language?: "zh-CN" | "en";
  // Waited for after loading; null waits for nothing (a sign-in dialog is expected).
  readySelector?: string | null;
  readyTimeoutMs?: number;
  // Console messages the test expects, not counted as problems.
  allowed?: (text: string) => boolean;
  defaultTimeoutMs?: number;
  // Runs on the new page before it loads: routes, init scripts, a fixed clock.
  beforeLoad?: (page: Page) => Promise<unknown>;
}

// A browser context that may talk only to the server at `origin`: any other
// address is aborted and recorded in `external`, so the test proves the
// page needs no network. Times show in UTC unless the options set timezoneId.
export async function isolatedContext(browser: Browser, origin: string, options: IsolatedContextOptions = {}): Promise<{ context: BrowserContext; external: string[] }> {
  const { localProtocols = [], ...contextOptions } = options;
  const allowedProtocols = ["data:", ...localProtocols];
  const external: string[] = [];
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, timezoneId: "UTC", ...contextOptions });
  await context.route(
    (url) => url.origin !== origin && !allowedProtocols.includes(url.protocol),
    (route) => {
      external.push(route.request().url());
      return route.abort();
    },
  );
  return { context, external };
}

// The link a user follows: the token and language ride in the fragment,
// which never reaches the server.
function pageLink(origin: string, path: string, token: string | null, language: string | undefined): string {
  const fragment = [token ? `token=${token}` : "", language ? `lang=${language}` : ""].filter((part) => part !== "").join("&");
  return fragment === "" ? `${origin}${path}` : `${origin}${path}#${fragment}`;
}

// Opens a page of the server at `origin` as a user would, signed in by the
// token in the link, in an isolated context, and waits until it is ready.
export async function openConsole(browser: Browser, origin: string, options: OpenConsoleOptions = {}): Promise<ConsoleSession> {
  const { path = "/", token = null, language, readySelector = "body[data-ready=true]", readyTimeoutMs = 20_000, allowed, defaultTimeoutMs, beforeLoad, ...contextOptions } = options;
  const { context, external } = await isolatedContext(browser, origin, contextOptions);
  const page = await context.newPage();
  if (defaultTimeoutMs !== undefined) {
    page.setDefaultTimeout(defaultTimeoutMs);
  }
  const problems = watchProblems(page, allowed);
  await beforeLoad?.(page);

  await page.goto(pageLink(origin, path, token, language));
  if (readySelector !== null) {
    await page.waitForSelector(readySelector, { timeout: readyTimeoutMs });
  }
  return { context, page, problems, external };
}

// Expects no console error, no failed request (but those `allowedFailure`
// accepts) and no request outside the test server.
export function expectNoProblems(session: Pick<ConsoleSession, "problems" | "external">, allowedFailure: (line: string) => boolean = () => false): void {
  expect(session.problems.consoleErrors).toEqual([]);
  expect(session.problems.failedRequests.filter((line) => !allowedFailure(line))).toEqual([]);
  expect(session.external).toEqual([]);
}
