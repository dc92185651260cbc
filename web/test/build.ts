import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { build } from "vite";

const top = fileURLToPath(new URL("../../", import.meta.url));
const builtIndex = join(top, "web/dist/index.html");

// The inputs of the console build; a change to any of them makes web/dist stale.
const sources = ["web/index.html", "web/vite.config.ts", "web/src", "web/i18n", "data/geo/places.geojson", "package-lock.json"];

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

// Builds web/dist with Vite unless it is newer than every source.
export async function ensureConsoleBuilt(): Promise<void> {
  const newestSourceMs = Math.max(...sources.map((source) => newestChangeMs(join(top, source))));
  if (existsSync(builtIndex) && statSync(builtIndex).mtimeMs > newestSourceMs) {
    return;
  }
  await build({ configFile: join(top, "web/vite.config.ts"), logLevel: "warn" });
}
