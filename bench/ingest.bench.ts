// Ingestion speed: decode rate of AVR and SBS lines per core, side by side
// with dump1090-mutability on the same AVR input, and sustained position
// inserts into PostGIS. Prints a Markdown report on stdout.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import net from "node:net";
import { fileURLToPath } from "node:url";

import pino from "pino";

import { connectDatabase } from "../api/db/client.js";
import { runMigrations } from "../api/db/migrate.js";
import { createDatabase, dropDatabase, provisionServer } from "../scripts/postgres.js";
import { decodeFrame } from "../tracking/decoder/decode.js";
import { CprPairer } from "../tracking/decoder/position/resolver.js";
import { parseAvrLine } from "../tracking/formats/avr.js";
import { parseSbsLine } from "../tracking/formats/sbs.js";
import { dump1090Binary } from "../tracking/crosscheck/dump1090.js";
import { PositionWriter, type PositionRow } from "../tracking/store/position-writer.js";

const feeds = fileURLToPath(new URL("../tracking/fixtures/adsb/feeds/", import.meta.url));
const avrLines = readFileSync(`${feeds}beastblackbox_ulss7_2018-04-03.avr-mlat.txt`, "utf8").split("\n").filter(Boolean);
const sbsLines = readFileSync(`${feeds}beastblackbox_ulss7_2018-04-03.sbs.txt`, "utf8").split("\n").filter(Boolean);
const COPIES = 40;

function cpuSeconds(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

// Full AVR path: parse the line, check CRC and decode, pair CPR frames.
function decodeAvrOnce(): number {
  const pairer = new CprPairer();
  let decoded = 0;
  for (let copy = 0; copy < COPIES; copy++) {
    for (let i = 0; i < avrLines.length; i++) {
      const parsed = parseAvrLine(avrLines[i]!);
      if (!parsed.ok) {
        continue;
      }
      const message = decodeFrame(parsed.value.frame);
      if (message.ok) {
        decoded++;
        if (message.value.kind === "airborne_position") {
          pairer.resolve(message.value.icao, message.value.cpr, copy * 1e7 + i);
        }
      }
    }
  }
  return decoded;
}

function parseSbsOnce(): number {
  let parsed = 0;
  for (let copy = 0; copy < COPIES; copy++) {
    for (const line of sbsLines) {
      if (parseSbsLine(line, { utcOffsetMin: 0 }).ok) {
        parsed++;
      }
    }
  }
  return parsed;
}

function measureRate(run: () => number, lineCount: number) {
  run();
  const rates: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = process.cpuUsage();
    run();
    rates.push(lineCount / cpuSeconds(start));
  }
  rates.sort((a, b) => a - b);
  return rates[2]!;
}

// Feeds the AVR lines to dump1090-mutability on loopback with no outputs, in
// paced chunks (it drops input it cannot read in time), and takes its own
// statistics at exit: Mode S messages received, and the milliseconds it spent
// on network input, which includes decoding.
async function measureDump1090(): Promise<{ perSecond: number; messages: number } | null> {
  const port = 41000 + Math.floor(Math.random() * 1000);
  const child = spawn(
    dump1090Binary,
    ["--net-only", "--quiet", "--stats", "--net-bind-address", "127.0.0.1", "--net-ri-port", String(port), "--net-sbs-port", "0", "--net-ro-port", "0", "--net-bi-port", "0", "--net-bo-port", "0", "--net-http-port", "0", "--net-heartbeat", "0", "--net-buffer", "2"],
    { stdio: ["ignore", "pipe", "ignore"] },
  );
  let statistics = "";
  child.stdout.on("data", (chunk: Buffer) => {
    statistics += chunk.toString();
  });
  child.on("error", () => {});
  await new Promise((resolve) => setTimeout(resolve, 500));
  if (child.exitCode !== null || !child.pid) {
    return null;
  }

  const socket = net.connect(port, "127.0.0.1");
  socket.on("error", (error) => console.error(`dump1090 input socket: ${error.message}`));
  await new Promise((resolve) => socket.once("connect", resolve));
  for (let copy = 0; copy < COPIES; copy++) {
    for (let i = 0; i < avrLines.length; i += 200) {
      socket.write(avrLines.slice(i, i + 200).join("\n") + "\n");
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }
  await new Promise<void>((resolve) => socket.end(() => resolve()));
  await new Promise((resolve) => setTimeout(resolve, 1000));

  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGINT");
  await exited;
  const messages = Number(/(\d+) Mode S messages received/.exec(statistics)?.[1] ?? NaN);
  const networkMs = Number(/(\d+) ms for network input and background tasks/.exec(statistics)?.[1] ?? NaN);
  return { perSecond: messages / (networkMs / 1000), messages };
}

function positionRow(i: number): PositionRow {
  return {
    icaoAddress: (0x780000 + (i % 500)).toString(16).toUpperCase(),
    timeMs: Date.UTC(2026, 11, 4) + i * 2,
    lonLat: [107 + (i % 1000) * 0.001, 40.5 + (i % 700) * 0.001],
    altitudeM: 1500,
    groundSpeedKmh: 220,
    trackDeg: 90,
    verticalRateMps: 0,
    squawk: "2000",
    onGround: false,
    sourceId: "bench",
  };
}

async function measureStore(count: number): Promise<{ perSecond: number; stored: number }> {
  const serverUrl = process.env.DATABASE_URL ?? provisionServer();
  const name = `air_rescue_bench_${process.pid}`;
  const url = await createDatabase(serverUrl, name);
  await runMigrations(url);
  const database = connectDatabase(url, { max: 2 });
  const writer = new PositionWriter(database.sql, pino({ level: "warn" }), { maxBuffered: count, batchSize: 10_000, flushIntervalMs: 50, maxRetryDelayMs: 1000 });

  const started = performance.now();
  writer.start();
  for (let i = 0; i < count; i++) {
    writer.enqueue(positionRow(i));
  }
  await writer.stop(120_000);
  const seconds = (performance.now() - started) / 1000;
  const [row] = await database.sql`SELECT count(*)::int AS n FROM positions`;
  await database.close();
  await dropDatabase(serverUrl, name);
  return { perSecond: count / seconds, stored: row!.n as number };
}

const avrRate = measureRate(decodeAvrOnce, avrLines.length * COPIES);
const sbsRate = measureRate(parseSbsOnce, sbsLines.length * COPIES);
const dumpRate = await measureDump1090();
const store = await measureStore(200_000);

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
console.log(`| measure | result | target |
| --- | --- | --- |
| AVR lines decoded per CPU-second (parse, CRC, decode, CPR pairing), ours | ${fmt(avrRate)} | >= 300,000 |
| AVR lines per second of network-input time, dump1090-mutability (its own --stats; ${dumpRate === null ? "-" : fmt(dumpRate.messages)} of ${fmt(avrLines.length * COPIES)} lines read) | ${dumpRate === null ? "not installed" : fmt(dumpRate.perSecond)} | |
| ratio ours / dump1090 | ${dumpRate === null ? "-" : (avrRate / dumpRate.perSecond).toFixed(2)} | |
| SBS lines parsed per CPU-second | ${fmt(sbsRate)} | >= 300,000 |
| positions stored in PostGIS per second (200,000 rows, batches of 10,000) | ${fmt(store.perSecond)} | >= 20,000 |
| positions stored of 200,000 | ${fmt(store.stored)} | all |

Input: the recorded AVR (${avrLines.length} lines) and SBS (${sbsLines.length} lines) feeds in tracking/fixtures/adsb/feeds, ${COPIES} copies each; rates are the median of 5 runs, per CPU-second of one process.`);
