import { readFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Observation } from "../observation.js";
import { AircraftJsonPoller } from "./aircraft-json-poller.js";
import type { FeedSource } from "./feed-source.js";
import { FileSource } from "./file-source.js";
import { TcpClientSource } from "./tcp-client.js";
import { TcpListenerSource } from "./tcp-listener.js";
import { CollectingSink, quietLogger, splitIntoChunks, waitFor, writeChunks } from "./test-support.js";

/**
 * One set of expectations, run against every source kind fed with the
 * recorded fixtures: what any source hands the track table must be
 * well-formed whatever the transport and the format.
 */

const feedPath = (name: string) => fileURLToPath(new URL(`../fixtures/adsb/feeds/${name}`, import.meta.url));
const SBS_FILE = "beastblackbox_ulss7_2018-04-03.sbs.txt";
const AVR_FILE = "beastblackbox_ulss7_2018-04-03.avr-mlat.txt";
const BEAST_FILE = "beastblackbox_ulss7_2018-04-03.beast";
const JSON_FILE = "sdre_aircraft_1.json";

interface Run {
  source: FeedSource;
  sink: CollectingSink;
}

async function runListener(format: "sbs" | "avr" | "beast", file: string): Promise<Run> {
  const sink = new CollectingSink();
  const source = new TcpListenerSource({ id: `contract-listener-${format}`, format, port: 0, sink, logger: quietLogger });
  await source.start();
  await writeChunks(source.address().port, splitIntoChunks(readFileSync(feedPath(file)), 1500));
  await waitFor(() => source.stats.received > 0 && source.connectionCount === 0, "the listener to read the whole file");
  await source.stop();
  return { source, sink };
}

async function runClient(format: "sbs" | "avr" | "beast", file: string): Promise<Run> {
  const server = net.createServer((socket) => {
    // The client may reset a later connection when it stops.
    socket.on("error", () => {});
    socket.end(readFileSync(feedPath(file)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const sink = new CollectingSink();
  const port = (server.address() as net.AddressInfo).port;
  const source = new TcpClientSource({ id: `contract-client-${format}`, format, host: "127.0.0.1", port, sink, logger: quietLogger });
  await source.start();
  await waitFor(() => source.stats.reconnects >= 1, "the client to read the file and reconnect");
  await source.stop();
  await new Promise((resolve) => server.close(resolve));
  return { source, sink };
}

async function runPoller(): Promise<Run> {
  const server = http.createServer((_request, response) => response.end(readFileSync(feedPath(JSON_FILE))));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const sink = new CollectingSink();
  const url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/data/aircraft.json`;
  const source = new AircraftJsonPoller({ id: "contract-poll", url, sink, logger: quietLogger });
  await source.pollOnce();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  return { source, sink };
}

async function runFile(file: string): Promise<Run> {
  const sink = new CollectingSink();
  const source = new FileSource({ id: `contract-file-${file}`, path: feedPath(file), sink, logger: quietLogger });
  await source.start();
  return { source, sink };
}

const SOURCE_KINDS: Array<[string, () => Promise<Run>]> = [
  ["tcp listener, SBS", () => runListener("sbs", SBS_FILE)],
  ["tcp listener, AVR", () => runListener("avr", AVR_FILE)],
  ["tcp listener, Beast", () => runListener("beast", BEAST_FILE)],
  ["tcp client, SBS", () => runClient("sbs", SBS_FILE)],
  ["tcp client, AVR", () => runClient("avr", AVR_FILE)],
  ["tcp client, Beast", () => runClient("beast", BEAST_FILE)],
  ["aircraft.json poller", () => runPoller()],
  ["file, SBS", () => runFile(SBS_FILE)],
  ["file, AVR", () => runFile(AVR_FILE)],
  ["file, Beast", () => runFile(BEAST_FILE)],
  ["file, aircraft.json", () => runFile(JSON_FILE)],
  ["file, hex CSV", () => runFile("pymodes_sample_data_adsb.csv")],
];

function expectWellFormed(observation: Observation, sourceId: string): void {
  expect(observation.icaoAddress).toMatch(/^[0-9A-F]{6}$/);
  expect(observation.sourceId).toBe(sourceId);
  expect(Number.isFinite(observation.timeMs)).toBe(true);
  if (observation.lonLat !== undefined) {
    const [lonDeg, latDeg] = observation.lonLat;
    expect(Math.abs(lonDeg)).toBeLessThanOrEqual(180);
    expect(Math.abs(latDeg)).toBeLessThanOrEqual(90);
  }
  expectWithin(observation.altitudeM, -700, 20_000);
  expectWithin(observation.groundSpeedKmh, 0, 2_500);
  expectWithin(observation.trackDeg, 0, 360);
  expectWithin(observation.verticalRateMps, -200, 200);
  if (typeof observation.squawk === "string") {
    expect(observation.squawk).toMatch(/^[0-7]{4}$/);
  }
  if (typeof observation.callsign === "string") {
    expect(observation.callsign).toMatch(/^[A-Z0-9 #]{1,8}$/);
  }
}

function expectWithin(value: number | null | undefined, min: number, max: number): void {
  if (typeof value !== "number") {
    return;
  }
  expect(Number.isFinite(value)).toBe(true);
  expect(value).toBeGreaterThanOrEqual(min);
  expect(value).toBeLessThanOrEqual(max);
}

describe("source contract", () => {
  it.each(SOURCE_KINDS)("%s hands over well-formed observations", async (_kind, run) => {
    const { source, sink } = await run();

    expect(sink.observations.length).toBeGreaterThan(0);
    expect(sink.withPosition().length).toBeGreaterThan(0);
    for (const observation of sink.observations) {
      expectWellFormed(observation, source.id);
    }
  });

  it.each(SOURCE_KINDS)("%s counts every message it reads", async (_kind, run) => {
    const { source, sink } = await run();
    const { stats } = source;
    const rejectedTotal = Object.values(stats.rejected).reduce((sum, count) => sum + count, 0);

    expect(stats.decoded).toBe(sink.observations.length);
    expect(stats.received).toBeGreaterThanOrEqual(stats.decoded);
    expect(stats.decoded + rejectedTotal).toBeGreaterThanOrEqual(stats.received);
    expect(stats.lastMessageMs).not.toBeNull();
  });
});
