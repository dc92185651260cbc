import net from "node:net";

import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startTestServer } from "../../api/test/server.js";
import { formatSbsAirbornePosition } from "../formats/index.js";
import { buildDemoFleet, loadDemoData } from "../simulator/fleet.js";
import { FleetSimulator } from "../simulator/simulator.js";
import type { TcpListenerSource } from "../sources/tcp-listener.js";

// Two receivers hearing the same aircraft, over real TCP listeners of the
// tracking service: the demo's simulator on AVR and SBS, and two SBS
// receivers whose reports interleave. Neither must look like a faulty feed.
let s: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  s = await startTestServer({ tracking: { sweepIntervalMs: 1_000, fleetRefreshMs: 60_000 } });
});

afterAll(async () => {
  await s.close();
});

interface FeedCounters {
  id: string;
  received: number;
  decoded: number;
  merged: number;
  rejected: Record<string, number>;
  rejectedTotal: number;
}

async function addListener(id: string, format: "avr" | "sbs"): Promise<number> {
  const config = { id, format, transport: "tcp-listener", host: "127.0.0.1", port: 0, sbsUtcOffsetMin: 0 };
  const source = (await s.tracking!.registry.add(config)) as TcpListenerSource;
  return source.address().port;
}

async function feedCounters(id: string): Promise<FeedCounters> {
  const res = await s.call("GET", "/api/v1/feeds");
  const source = (res.json.sources as FeedCounters[]).find((candidate) => candidate.id === id);
  if (!source) {
    throw new Error(`no feed ${id} in GET /api/v1/feeds`);
  }
  return source;
}

async function waitFor(what: string, condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for: ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// A receiver pushing SBS lines to a listener, one line at a time: each
// send waits until the service has counted the line, so that the order
// across the two sockets is the order of the test.
async function sbsReceiver(id: string) {
  const port = await addListener(id, "sbs");
  const socket = net.connect(port, "127.0.0.1");
  await new Promise((resolve, reject) => socket.once("connect", resolve).once("error", reject));

  async function send(icao: string, timeMs: number, lonLat: [number, number]): Promise<void> {
    const before = (await feedCounters(id)).received;
    const line = formatSbsAirbornePosition({ icao, generatedAtMs: timeMs, altitudeM: 1200, latDeg: lonLat[1], lonDeg: lonLat[0] });
    socket.write(`${line}\r\n`);
    await waitFor(`${id} to receive a line`, async () => (await feedCounters(id)).received > before);
  }
  return { send, close: () => socket.destroy() };
}

describe("two receivers of one aircraft", () => {
  it("merges the demo's SBS copy", async () => {
    const avrPort = await addListener("demo-avr", "avr");
    const sbsPort = await addListener("demo-sbs", "sbs");
    const fleet = buildDemoFleet(await loadDemoData(new URL("../../data/", import.meta.url)));
    const simulator = new FleetSimulator({
      aircraft: fleet,
      outputs: [
        { format: "avr", host: "127.0.0.1", port: avrPort },
        { format: "sbs", host: "127.0.0.1", port: sbsPort },
      ],
      rateHz: 4,
      logger: pino({ level: "silent" }),
    });
    simulator.start();
    try {
      await waitFor("200 SBS lines", async () => (await feedCounters("demo-sbs")).received >= 200);
    } finally {
      await simulator.stop();
    }

    const avr = await feedCounters("demo-avr");
    const sbs = await feedCounters("demo-sbs");
    expect(sbs.rejected.stale_timestamp).toBe(0);
    expect(sbs.rejectedTotal).toBe(0);
    expect(avr.rejectedTotal).toBe(0);
    // Each position is heard on both ports, so one of the two copies is
    // merged: at least one per aircraft after its first fix.
    expect(avr.merged + sbs.merged).toBeGreaterThanOrEqual(fleet.length);
  });

  it("merges what another receiver already sent", async () => {
    const north = await sbsReceiver("rx-north");
    const south = await sbsReceiver("rx-south");
    const icao = "780D01";
    const t0 = Date.now() - 10_000;

    // Each receiver's clock is a little off, so the same message gets
    // different times. 0.001 degree a second stays within airliner speed.
    await north.send(icao, t0 + 1000, [107.701, 40.9]);
    await south.send(icao, t0 + 700, [107.701, 40.9]);
    // A message only the south receiver heard, older than the track.
    await south.send(icao, t0 + 500, [107.7005, 40.9]);
    await north.send(icao, t0 + 2000, [107.702, 40.9]);
    // The south receiver is ahead here: its report moves the track.
    await south.send(icao, t0 + 2500, [107.7025, 40.9]);
    await north.send(icao, t0 + 2400, [107.7024, 40.9]);

    const northCounters = await feedCounters("rx-north");
    const southCounters = await feedCounters("rx-south");
    expect(northCounters.rejectedTotal).toBe(0);
    expect(southCounters.rejectedTotal).toBe(0);
    expect(southCounters.merged).toBe(2);
    expect(northCounters.merged).toBe(1);
    expect(s.tracking!.table.get(icao)!.lonLat).toEqual([107.7025, 40.9]);
    expect(s.tracking!.table.get(icao)!.positionTimeMs).toBe(t0 + 2500);
    north.close();
    south.close();
  });

  it("still rejects a lagging or out-of-order feed", async () => {
    const east = await sbsReceiver("rx-east");
    const west = await sbsReceiver("rx-west");
    const icao = "780D02";
    const t0 = Date.now() - 20_000;

    await east.send(icao, t0 + 10_000, [107.8, 40.9]);
    // Its own older message: out of order within one feed.
    await east.send(icao, t0 + 9_000, [107.799, 40.9]);
    // Another receiver 5 s behind the track: beyond the merge window.
    await west.send(icao, t0 + 5_000, [107.795, 40.9]);

    expect((await feedCounters("rx-east")).rejected.stale_timestamp).toBe(1);
    expect((await feedCounters("rx-west")).rejected.stale_timestamp).toBe(1);
    expect((await feedCounters("rx-west")).merged).toBe(0);
    east.close();
    west.close();
  });
});
