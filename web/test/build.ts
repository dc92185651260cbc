import { closeSync, existsSync, openSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";

import { build } from "vite";

const top = fileURLToPath(new URL("../../", import.meta.url));
const builtIndex = join(top, "web/dist/index.html");

// The inputs of the console build; a change to any of them makes web/dist stale.
const sources = ["web/index.html", "web/vite.config.ts", "web/src", "web/i18n", "data/geo/places.geojson", "package-lock.json"];

// Test files run in parallel processes; this lock file keeps two of them
// from building into web/dist at once. A lock older than staleLockMs is
// left over from a killed run and is removed.
const lockPath = join(tmpdir(), "bayannur-console-build.lock");
const staleLockMs = 5 * 60_000;
const lockWaitMs = 120_000;

function newestChangeMs(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) {
    return stats.mtimeMs;
  }
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) {
    newest = Math.max(newest, newestChangeMs(join(path, entry)));
  }
  return newest;
}

function isStale(): boolean {
  const newestSourceMs = Math.max(...sources.map((source) => newestChangeMs(join(top, source))));
  return !existsSync(builtIndex) || statSync(builtIndex).mtimeMs <= newestSourceMs;
}

async function withBuildLock(work: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + lockWaitMs;
  for (;;) {
    try {
      closeSync(openSync(lockPath, "wx"));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
        throw error;
      }
      if (existsSync(lockPath) && Date.now() - statSync(lockPath).mtimeMs > staleLockMs) {
        rmSync(lockPath, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new Error(`timed out after ${lockWaitMs} ms waiting for ${lockPath}; remove it if no build is running`);
      }
      await sleep(200);
    }
  }

  try {
    await work();
  } finally {
    rmSync(lockPath, { force: true });
  }
}

// Builds web/dist with Vite unless it is newer than every source.
export async function ensureConsoleBuilt(): Promise<void> {
  if (!isStale()) {
    return;
  }
  await withBuildLock(async () => {
    // Another process may have built it while this one waited.
    if (isStale()) {
      await build({ configFile: join(top, "web/vite.config.ts"), logLevel: "warn" });
    }
  });
}
