import type { Browser, Page } from "playwright-core";
import { expect } from "vitest";

import { openConsole, type ConsoleSession, type OpenConsoleOptions } from "./console-session.js";
import { requestApi } from "./http-api.js";

// Fills the username and password tab of the console's sign-in dialog and
// submits it, without waiting for the result.
export async function submitPasswordSignIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId("sign-in").waitFor();
  await page.getByTestId("sign-in-mode-password").click();
  await page.getByTestId("username-input").fill(username);
  await page.getByTestId("password-input").fill(password);
  await page.getByTestId("sign-in-submit").click();
}

// Signs in through the dialog and waits until the console has loaded.
export async function signInWithPassword(page: Page, username: string, password: string): Promise<void> {
  await submitPasswordSignIn(page, username, password);
  await page.waitForSelector("body[data-ready=true]", { timeout: 20_000 });
}

// Opens the console at `origin` with no token, in an isolated context, and
// signs in through the dialog.
export async function openSignedIn(browser: Browser, origin: string, username: string, password: string, options: Omit<OpenConsoleOptions, "token" | "readySelector"> = {}): Promise<ConsoleSession> {
  const session = await openConsole(browser, origin, { ...options, readySelector: null });
  await signInWithPassword(session.page, username, password);
  return session;
}

// Logs in through POST /api/v1/auth/login, expects 201 and returns the session token.
export async function logInThroughApi(origin: string, username: string, password: string): Promise<string> {
  const response = await requestApi(origin, "POST", "/api/v1/auth/login", { body: { username, password } });
  expect(response.status).toBe(201);
  return ((await response.json()) as { token: string }).token;
}
