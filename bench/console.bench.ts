// Frame times of the built console in headless Chromium while 500 simulated
// aircraft report once a second. The service runs in its own process on a
// fresh database seeded with the demo data, as in production. This process
// sends the feed as SBS lines to a TCP listener and drives the browser.
// Prints a Markdown report on stdout.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";

import { connectDatabase } from "../api/db/client.js";
import { runMigrations } from "../api/db/migrate.js";
import { createDatabase, dropDatabase, provisionServer } from "../scripts/postgres.js";
import { seedDemo } from "../scripts/seed.js";
import { formatSbsAirbornePosition } from "../tracking/formats/index.js";
import { launchChromium } from "../web/test/browser.js";
import { ensureConsoleBuilt } from "../web/test/build.js";
import { freePort, percentile, waitForHealth } from "./support.js";

const AIRCRAFT = 500;
const MEASURE_S = 30;
const TOKEN = "bench-console-admin-token";
// A frame longer than this is a visible stutter (under 20 frames/s).
const SLOW_FRAME_MS = 50;

interface PageMeasures {
  frameTimesMs: number[];
  longTasksMs: number[];
  markers: number;
}

function progress(step: string): void {
  process.stderr.write(`console bench: ${step}\n`);
}

// One SBS position per aircraft. The aircraft sit on a 25 x 20 grid over
// central Bayannur (inside the console's first view) and fly east at about
// 200 km/h, 0.0007 degree of longitude a second at 41 degrees north.
function feedBatch(second: number): string {
  let batch = "";
  for (let index = 0; index < AIRCRAFT; index++) {
    const icao = (0x790000 + index).toString(16).toUpperCase();
    const lonDeg = 106.6 + (index % 25) * 0.08 + second * 0.0007;
    const latDeg = 40.6 + Math.floor(index / 25) * 0.06;
    batch += formatSbsAirbornePosition({ icao, generatedAtMs: Date.now(), altitudeM: 1500, latDeg, lonDeg }) + "\r\n";
  }
  return batch;
}

// Records the gap between animation frames and every long task for
// durationMs, inside the page. It is a string because tsx adds helper calls
// (__name) to compiled functions, which do not exist in the page.
function measureScript(durationMs: number): string {
  return `new Promise((resolve) => {
    const frameTimesMs = [];
    const longTasksMs = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        longTasksMs.push(entry.duration);
      }
    });
    observer.observe({ type: "longtask", buffered: false });

    const startMs = performance.now();
    let lastMs = startMs;
    const step = (nowMs) => {
      frameTimesMs.push(nowMs - lastMs);
      lastMs = nowMs;
      if (nowMs - startMs < ${durationMs}) {
        requestAnimationFrame(step);
        return;
      }
      observer.disconnect();
      resolve({ frameTimesMs: frameTimesMs.slice(1), longTasksMs, markers: document.querySelectorAll(".leaflet-map-pane .ac").length });
    };
    requestAnimationFrame(step);
  })`;
}

progress("building the console");
await ensureConsoleBuilt();
progress("seeding a fresh database");

const serverUrl = process.env.DATABASE_URL ?? provisionServer();
const dbName = `air_rescue_bench_console_${process.pid}`;
const databaseUrl = await createDatabase(serverUrl, dbName);
await runMigrations(databaseUrl);
const database = connectDatabase(databaseUrl);
await seedDemo(database);
await database.close();

const httpPort = await freePort();
const feedPort = await freePort();
const feedsConfig = `${os.tmpdir()}/air-rescue-bench-console-feeds-${process.pid}.json`;
writeFileSync(feedsConfig, JSON.stringify([{ id: "bench-sbs", format: "sbs", transport: "tcp-listener", host: "127.0.0.1", port: feedPort, sbsUtcOffsetMin: 0 }]));

// node itself runs the server (tsx as a loader), so SIGTERM reaches the
// server and not only an npx wrapper that would leave it running.
const service = spawn(process.execPath, ["--import", "tsx", "api/server.ts"], {
  env: { ...process.env, DATABASE_URL: databaseUrl, ADMIN_TOKEN: TOKEN, PORT: String(httpPort), FEEDS_CONFIG: feedsConfig, LOG_LEVEL: "warn" },
  stdio: ["ignore", "ignore", "inherit"],
});
const baseUrl = `http://127.0.0.1:${httpPort}`;
await waitForHealth(baseUrl);
progress("service up, feeding aircraft");

const feed = net.connect(feedPort, "127.0.0.1");
await new Promise((resolve) => feed.once("connect", resolve));
let second = 0;
feed.write(feedBatch(second));
const feedTimer = setInterval(() => feed.write(feedBatch(++second)), 1000);

// Sends the service SIGTERM also when the driver fails part way.
process.on("exit", () => service.kill("SIGTERM"));

const browser = await launchChromium();
const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: "zh-CN" });
// Only the service may be reached, as in the browser tests.
await context.route(
  (url) => url.origin !== baseUrl && url.protocol !== "data:",
  (route) => route.abort(),
);
const page = await context.newPage();
await page.goto(`${baseUrl}/#token=${TOKEN}`);
await page.waitForSelector("body[data-ready=true]", { timeout: 60_000 });
progress("console ready, waiting for the aircraft");

// Waits until the console draws (nearly) every aircraft before measuring.
const drawnDeadline = Date.now() + 60_000;
let drawnBefore = 0;
while (Date.now() < drawnDeadline) {
  drawnBefore = await page.locator(".leaflet-map-pane .ac").count();
  if (drawnBefore >= AIRCRAFT * 0.95) {
    break;
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
}

progress(`${drawnBefore} aircraft drawn, measuring for ${MEASURE_S} s`);
const measures = (await page.evaluate(measureScript(MEASURE_S * 1000))) as PageMeasures;

clearInterval(feedTimer);
feed.destroy();
await browser.close();
service.kill("SIGTERM");
await new Promise((resolve) => service.once("exit", resolve));
await dropDatabase(serverUrl, dbName);

const frames = [...measures.frameTimesMs].sort((a, b) => a - b);
const slowFrames = frames.filter((ms) => ms > SLOW_FRAME_MS).length;
const longTaskTotalMs = measures.longTasksMs.reduce((sum, ms) => sum + ms, 0);
const longTaskMaxMs = Math.max(0, ...measures.longTasksMs);
console.log(`| measure | result |
| --- | --- |
| aircraft fed (SBS MSG,3 at 1 Hz each) | ${AIRCRAFT} |
| aircraft drawn when measuring started / ended | ${drawnBefore} / ${measures.markers} |
| measured | ${MEASURE_S} s, ${frames.length} frames (${(frames.length / MEASURE_S).toFixed(1)} frames/s) |
| frame time median | ${percentile(frames, 50).toFixed(1)} ms |
| frame time p95 | ${percentile(frames, 95).toFixed(1)} ms |
| frame time p99 | ${percentile(frames, 99).toFixed(1)} ms |
| frame time max | ${frames[frames.length - 1]?.toFixed(1)} ms |
| frames over ${SLOW_FRAME_MS} ms | ${slowFrames} (${((slowFrames / Math.max(1, frames.length)) * 100).toFixed(1)} %) |
| long tasks (over 50 ms) | ${measures.longTasksMs.length}, ${longTaskTotalMs.toFixed(0)} ms in all, longest ${longTaskMaxMs.toFixed(0)} ms |

Headless Chromium (\`/usr/bin/chromium --headless --disable-gpu\`, software
rendering, 1400 x 900 viewport) showed the built console (\`web/dist\`) with
the admin token. The service (\`tsx api/server.ts\`), this driver and the
browser shared the machine below, so the figures include their load.`);
process.exit(0);
