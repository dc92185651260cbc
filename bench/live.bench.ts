// Latency from an SBS line arriving on a TCP listener to its delta on a
// WebSocket client, at 2,000 messages/s with 200 clients connected. The
// service runs in its own process, as in production; this process sends the
// feed and runs the clients. Prints a Markdown report on stdout.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";

import WebSocket from "ws";

import { runMigrations } from "../api/db/migrate.js";
import { createDatabase, dropDatabase, provisionServer } from "../scripts/postgres.js";
import { formatSbsAirbornePosition } from "../tracking/formats/index.js";
import { freePort, percentile, waitForHealth } from "./support.js";

const CLIENTS = 200;
// Clients that parse every frame to measure latency; the others only receive.
const MEASURING_CLIENTS = 10;
const MESSAGES_PER_SECOND = 2000;
const AIRCRAFT = 200;
const DURATION_S = 15;
const TOKEN = "bench-admin-token";

const serverUrl = process.env.DATABASE_URL ?? provisionServer();
const dbName = `air_rescue_bench_live_${process.pid}`;
const databaseUrl = await createDatabase(serverUrl, dbName);
await runMigrations(databaseUrl);

const httpPort = await freePort();
const feedPort = await freePort();
const feedsConfig = `${os.tmpdir()}/air-rescue-bench-feeds-${process.pid}.json`;
writeFileSync(feedsConfig, JSON.stringify([{ id: "bench-sbs", format: "sbs", transport: "tcp-listener", host: "127.0.0.1", port: feedPort, sbsUtcOffsetMin: 0 }]));

// node itself runs the server (tsx as a loader), so SIGTERM reaches the
// server and not only an npx wrapper that would leave it running.
const service = spawn(process.execPath, ["--import", "tsx", "api/server.ts"], {
  env: { ...process.env, DATABASE_URL: databaseUrl, ADMIN_TOKEN: TOKEN, PORT: String(httpPort), FEEDS_CONFIG: feedsConfig, LOG_LEVEL: "warn" },
  stdio: ["ignore", "ignore", "inherit"],
});
const baseUrl = `http://127.0.0.1:${httpPort}`;
await waitForHealth(baseUrl);

// Send time of each position, keyed by address and latitude text.
const sentAtMs = new Map<string, number>();
const latenciesMs: number[] = [];
let framesReceived = 0;

const sockets: WebSocket[] = [];
for (let i = 0; i < CLIENTS; i++) {
  const socket = new WebSocket(`ws://127.0.0.1:${httpPort}/ws?token=${TOKEN}`);
  const measuring = i < MEASURING_CLIENTS;
  socket.on("message", (data) => {
    framesReceived++;
    if (!measuring) {
      return;
    }
    const receivedMs = performance.now();
    const frame = JSON.parse(data.toString()) as { aircraft: Array<{ icaoAddress: string; lonLat: [number, number] | null }> };
    for (const aircraft of frame.aircraft) {
      const sent = aircraft.lonLat && sentAtMs.get(`${aircraft.icaoAddress}:${aircraft.lonLat[1].toFixed(5)}`);
      if (sent) {
        latenciesMs.push(receivedMs - sent);
      }
    }
  });
  await new Promise((resolve) => socket.once("open", resolve));
  sockets.push(socket);
}

const feed = net.connect(feedPort, "127.0.0.1");
await new Promise((resolve) => feed.once("connect", resolve));

// Each aircraft moves 0.00005 degree of latitude (about 5.6 m) per message:
// a new, plausible position every time at SBS's five decimals.
const started = performance.now();
let sent = 0;
while (performance.now() - started < DURATION_S * 1000) {
  const due = Math.floor(((performance.now() - started) / 1000) * MESSAGES_PER_SECOND);
  let batch = "";
  for (; sent < due; sent++) {
    const index = sent % AIRCRAFT;
    const icao = (0x780000 + index).toString(16).toUpperCase();
    const latDeg = 40.5 + (index % 20) * 0.05 + Math.floor(sent / AIRCRAFT) * 0.00005;
    const lonDeg = 106.5 + Math.floor(index / 20) * 0.1;
    batch += formatSbsAirbornePosition({ icao, generatedAtMs: Date.now(), altitudeM: 1500, latDeg, lonDeg }) + "\r\n";
    sentAtMs.set(`${icao}:${latDeg.toFixed(5)}`, performance.now());
  }
  if (batch) {
    feed.write(batch);
  }
  await new Promise((resolve) => setTimeout(resolve, 5));
}
await new Promise((resolve) => setTimeout(resolve, 1000));

const feeds = (await (await fetch(`${baseUrl}/api/v1/feeds`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as {
  sources: Array<{ id: string; received: number; rejectedTotal: number }>;
};
feed.destroy();
for (const socket of sockets) {
  socket.close();
}
service.kill("SIGTERM");
await new Promise((resolve) => service.once("exit", resolve));
await dropDatabase(serverUrl, dbName);

latenciesMs.sort((a, b) => a - b);
const source = feeds.sources.find((s) => s.id === "bench-sbs");
console.log(`| measure | result | target |
| --- | --- | --- |
| messages sent on TCP (SBS MSG,3, ${AIRCRAFT} aircraft) | ${sent} in ${DURATION_S} s (${Math.round(sent / DURATION_S)}/s) | 2,000/s |
| received by the service / rejected | ${source?.received ?? "?"} / ${source?.rejectedTotal ?? "?"} | |
| WebSocket clients connected | ${CLIENTS} (${MEASURING_CLIENTS} measuring) | 200 |
| latency TCP line to ws delta, p50 | ${percentile(latenciesMs, 50).toFixed(1)} ms | |
| latency p99 | ${percentile(latenciesMs, 99).toFixed(1)} ms | <= 50 ms |
| latency max | ${latenciesMs[latenciesMs.length - 1]?.toFixed(1)} ms | |
| positions measured | ${latenciesMs.length} | |
| ws frames received by all clients | ${framesReceived} | |

The service ran as its own process (\`tsx api/server.ts\`) on the same 2-core machine as this driver, so the figures include the driver's own load.`);
process.exit(0);
