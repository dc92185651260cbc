import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AircraftJsonPoller } from "./aircraft-json-poller.js";
import { CollectingSink, quietLogger, waitFor } from "./test-support.js";

const fixtureText = readFileSync(new URL("../fixtures/adsb/feeds/sdre_aircraft_1.json", import.meta.url), "utf8");
const fixture = JSON.parse(fixtureText) as { now: number; aircraft: Array<Record<string, unknown>> };

/** The fixture one second later, as readsb writes it when only `A3E31A` sent a message. */
function advancedSnapshot(): string {
  const later = structuredClone(fixture);
  later.now += 1;
  for (const aircraft of later.aircraft) {
    aircraft.seen = (aircraft.seen as number) + 1;
    if (typeof aircraft.seen_pos === "number") {
      aircraft.seen_pos += 1;
    }
  }
  const changed = later.aircraft.find((aircraft) => aircraft.hex === "a3e31a")!;
  changed.seen = 0;
  changed.seen_pos = 0;
  changed.lat = 35.21;
  return JSON.stringify(later);
}

let server: http.Server;
let baseUrl: string;
let snapshotText = fixtureText;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    if (request.url === "/data/aircraft.json") {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(snapshotText);
    } else if (request.url === "/broken") {
      response.writeHead(500);
      response.end("internal error");
    } else if (request.url === "/garbage") {
      response.writeHead(200, { "content-type": "application/json" });
      response.end("{ not json");
    }
    // Any other path gets no response, to exercise the timeout.
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Only the hanging receiver gets a short timeout, so a busy test machine cannot fail the other tests. */
function createPoller(path: string, sink = new CollectingSink()) {
  const timeoutMs = path === "/hang" ? 200 : 10_000;
  const poller = new AircraftJsonPoller({ id: "poll-test", url: `${baseUrl}${path}`, sink, logger: quietLogger, intervalMs: 20, timeoutMs });
  return { poller, sink };
}

describe("aircraft.json poller", () => {
  it("ingests every aircraft of a snapshot", async () => {
    snapshotText = fixtureText;
    const { poller, sink } = createPoller("/data/aircraft.json");

    await poller.pollOnce();

    expect(sink.observations).toHaveLength(64);
    expect(poller.stats.connected).toBe(true);
    const first = sink.observations.find((observation) => observation.icaoAddress === "A3E31A")!;
    expect(first.callsign).toBe("N35GR");
    expect(first.lonLat).toEqual([-110.373001, 35.208109]);
    expect(first.altitudeM).toBeCloseTo(45_000 * 0.3048, 6);
    expect(first.timeMs).toBeCloseTo((fixture.now - 1.939) * 1000, 3);
  });

  it("reads alt_baro ground as on the ground", async () => {
    snapshotText = fixtureText;
    const { poller, sink } = createPoller("/data/aircraft.json");

    await poller.pollOnce();

    const onGround = sink.observations.filter((observation) => observation.onGround === true);
    expect(onGround).toHaveLength(2);
    expect(onGround.every((observation) => observation.altitudeM === null)).toBe(true);
  });

  it("skips aircraft whose seen times did not change", async () => {
    snapshotText = fixtureText;
    const { poller, sink } = createPoller("/data/aircraft.json");

    await poller.pollOnce();
    snapshotText = advancedSnapshot();
    await poller.pollOnce();

    expect(sink.observations).toHaveLength(65);
    expect(sink.observations[64]!.icaoAddress).toBe("A3E31A");
    expect(sink.observations[64]!.lonLat![1]).toBe(35.21);
    expect(poller.stats.rejected.duplicate).toBe(63);
  });

  it("records an HTTP 500", async () => {
    const { poller } = createPoller("/broken");

    await poller.pollOnce();

    expect(poller.stats.connected).toBe(false);
    expect(poller.stats.lastError).toBe("aircraft.json request failed with HTTP 500");
    expect(poller.failedPolls).toBe(1);
  });

  it("times out a silent receiver", async () => {
    const { poller } = createPoller("/hang");

    await poller.pollOnce();

    expect(poller.stats.lastError).toBe("aircraft.json request timed out after 200 ms");
    expect(poller.failedPolls).toBe(1);
  });

  it("counts a snapshot that is not JSON", async () => {
    const { poller } = createPoller("/garbage");

    await poller.pollOnce();

    expect(poller.stats.rejected.unparseable).toBe(1);
    expect(poller.stats.lastError).toBe("aircraft.json response is not a valid snapshot");
  });

  it("polls repeatedly until stopped", async () => {
    snapshotText = fixtureText;
    const { poller } = createPoller("/data/aircraft.json");

    await poller.start();
    await waitFor(() => poller.pollCount >= 3, "three polls");
    await poller.stop();
    const pollsAtStop = poller.pollCount;
    await new Promise((resolve) => setTimeout(resolve, 60));

    expect(poller.pollCount).toBe(pollsAtStop);
    expect(poller.stats.decoded).toBe(64);
  });
});
