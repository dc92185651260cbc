import { mkdirSync } from "node:fs";

import type { Browser } from "playwright-core";

import { seedDemoUsers } from "../../api/auth/users/seed.js";
import { startTestServer, type TestServerOptions } from "../../api/test/server.js";
import { launchChromium } from "./browser.js";
import { ensureConsoleBuilt } from "./build.js";

// Folder for the screenshots that browser tests save.
export const artifacts = new URL("../../test-artifacts/", import.meta.url).pathname;

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

export interface ConsoleTest {
  server: TestServer;
  browser: Browser;
}

export interface ConsoleTestOptions extends Omit<TestServerOptions, "serveFirst"> {
  // Seeds the demo users (api/auth/users/seed.ts), all with this password.
  // Demo accounts only, and at least 10 characters long.
  demoPassword?: string;
}

// Builds the console if its sources changed, starts the test server on a
// fresh demo database and launches Chromium. A failure after the server
// has started closes the server again.
export async function setUpConsoleTest(options: ConsoleTestOptions = {}): Promise<ConsoleTest> {
  const { demoPassword, ...serverOptions } = options;
  mkdirSync(artifacts, { recursive: true });
  await ensureConsoleBuilt();
  const server = await startTestServer(serverOptions);

  try {
    if (demoPassword !== undefined) {
      await seedDemoUsers(server.database, { DEMO_PASSWORD: demoPassword });
    }
    return { server, browser: await launchChromium() };
  } catch (error) {
    await server.close();
    throw error;
  }
}

// Closes what setUpConsoleTest opened. Either may be missing when the set-up failed.
export async function tearDownConsoleTest(test: Partial<ConsoleTest>): Promise<void> {
  await test.browser?.close();
  await test.server?.close();
}
