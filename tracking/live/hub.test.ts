import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";

import { startTestServer } from "../../api/test/server.js";
import type { Observation } from "../observation.js";
import { trackFrameFields } from "./track-frame.js";

let s: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  s = await startTestServer({ tracking: { sweepIntervalMs: 200, fleetRefreshMs: 60_000 } });
});

afterAll(async () => {
  await s.close();
});

interface Frame {
  type: string;
  aircraft: Array<Record<string, unknown>>;
  removed?: string[];
}

// Opens a client and records every frame it receives.
async function connect(token = s.tokens.viewer) {
  const socket = new WebSocket(`${s.wsUrl}?token=${token}`);
  const frames: Frame[] = [];
  socket.on("message", (data) => frames.push(JSON.parse(data.toString())));
  await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
  return { socket, frames };
}

async function waitFor(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for: ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// Moves of 0.001 degree (about 85 m) a second apart stay within a Bell 412's
// speed, so the track table accepts them.
function observe(overrides: Partial<Observation>): void {
  s.tracking!.ingest({ icaoAddress: "7BFE01", timeMs: Date.now(), sourceId: "test", ...overrides });
}

function lastPositionOf(frames: Frame[], icao: string) {
  const seen = frames.flatMap((f) => f.aircraft).filter((a) => a.icaoAddress === icao);
  return seen[seen.length - 1];
}

describe("live hub", () => {
  it("rejects a connection without a valid token", async () => {
    const socket = new WebSocket(`${s.wsUrl}?token=wrong`);
    const status = await new Promise<number>((resolve) => socket.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(401);
  });

  it("sends a snapshot, then deltas", async () => {
    observe({ lonLat: [107.74, 40.92], callsign: "BYNR01" });
    const client = await connect();
    await waitFor("snapshot", () => client.frames.length > 0);
    expect(client.frames[0]!.type).toBe("snapshot");
    expect(client.frames[0]!.aircraft.map((a) => a.icaoAddress)).toContain("7BFE01");

    observe({ lonLat: [107.741, 40.92], altitudeM: 1200, timeMs: Date.now() + 1000 });
    await waitFor("delta", () => client.frames.some((f) => f.type === "delta"));
    const latest = lastPositionOf(client.frames, "7BFE01")!;
    expect(latest.lonLat).toEqual([107.741, 40.92]);
    expect(latest.fleet).toBe(true);
    expect(latest.registration).toBe("B-7Z41");
    client.socket.close();
  });

  it("carries only declared fields", async () => {
    const client = await connect();
    observe({ icaoAddress: "780AB1", lonLat: [107.9, 41.0], squawk: "1200", emitterCategory: "A7" });
    await waitFor("delta with the new aircraft", () => client.frames.some((f) => f.aircraft.some((a) => a.icaoAddress === "780AB1")));
    for (const frame of client.frames) {
      expect(Object.keys(frame).sort()).toEqual(frame.type === "snapshot" ? ["aircraft", "time", "type"] : ["aircraft", "removed", "time", "type"]);
      for (const aircraft of frame.aircraft) {
        expect(Object.keys(aircraft).sort()).toEqual([...trackFrameFields].sort());
      }
    }
    client.socket.close();
  });

  it("filters by bbox and fleet", async () => {
    const client = await connect();
    client.socket.send(JSON.stringify({ type: "subscribe", bbox: [107.7, 40.9, 107.8, 41.0], fleetOnly: true }));
    await waitFor("second snapshot", () => client.frames.filter((f) => f.type === "snapshot").length === 2);
    const snapshot = client.frames[1]!;
    expect(snapshot.aircraft.map((a) => a.icaoAddress)).toEqual(["7BFE01"]);

    observe({ icaoAddress: "780AB2", lonLat: [107.75, 40.95] });
    observe({ lonLat: [107.742, 40.92], timeMs: Date.now() + 2000 });
    await waitFor("fleet delta", () => client.frames.some((f) => f.type === "delta" && f.aircraft.some((a) => a.icaoAddress === "7BFE01")));
    const others = client.frames.flatMap((f) => f.aircraft).filter((a) => a.icaoAddress === "780AB2");
    expect(others).toHaveLength(0);
    client.socket.close();
  });

  it("reports a bad subscribe message", async () => {
    const client = await connect();
    client.socket.send(JSON.stringify({ type: "subscribe", bbox: [1, 2] }));
    await waitFor("error frame", () => client.frames.some((f) => f.type === "error"));
    expect(client.frames.find((f) => f.type === "error")).toMatchObject({ code: "invalid_message", field: "bbox" });
    client.socket.close();
  });

  it("keeps a slow client from slowing others", async () => {
    const fast = await connect();
    const slow = await connect();
    await waitFor("both snapshots", () => fast.frames.length > 0 && slow.frames.length > 0);
    // The slow client stops reading: its socket buffers fill and the hub
    // must skip it, keeping only the newest frame per aircraft.
    (slow.socket as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();

    const aircraftCount = 50;
    const rounds = 200;
    for (let round = 0; round < rounds; round++) {
      for (let i = 0; i < aircraftCount; i++) {
        const icao = (0x780c00 + i).toString(16).toUpperCase();
        observe({ icaoAddress: icao, lonLat: [107 + i * 0.01, 40.5 + round * 0.0001], callsign: `SLOW${i}`, altitudeM: 1000 + round });
      }
      await new Promise((resolve) => setImmediate(resolve));
    }

    const finalAlt = 1000 + rounds - 1;
    await waitFor("fast client has every final state", () =>
      Array.from({ length: aircraftCount }, (_, i) => (0x780c00 + i).toString(16).toUpperCase()).every(
        (icao) => lastPositionOf(fast.frames, icao)?.altitudeM === finalAlt,
      ),
    );

    (slow.socket as unknown as { _socket: { resume(): void } })._socket.resume();
    await waitFor("slow client catches up with the latest state", () =>
      Array.from({ length: aircraftCount }, (_, i) => (0x780c00 + i).toString(16).toUpperCase()).every(
        (icao) => lastPositionOf(slow.frames, icao)?.altitudeM === finalAlt,
      ),
    );
    fast.socket.close();
    slow.socket.close();
  });
});

describe("tracking API", () => {
  it("lists live tracks as GeoJSON", async () => {
    observe({ lonLat: [107.743, 40.92], timeMs: Date.now() + 3000 });
    const res = await s.call("GET", "/api/v1/tracks", { token: s.tokens.viewer });
    expect(res.status).toBe(200);
    const linhe = res.json.features.find((f: { id: string }) => f.id === "7BFE01");
    expect(linhe.geometry.coordinates).toEqual([107.743, 40.92]);
  });

  it("returns stored history as a timed LineString", async () => {
    await s.tracking!.writer.stop();
    const to = new Date(Date.now() + 60_000).toISOString();
    const res = await s.call("GET", `/api/v1/tracks/7bfe01?to=${to}`);
    expect(res.status).toBe(200);
    expect(res.json.geometry.type).toBe("LineString");
    expect(res.json.properties.count).toBeGreaterThanOrEqual(3);
    expect(res.json.properties.times).toHaveLength(res.json.geometry.coordinates.length);
    s.tracking!.writer.start();
  });

  it("rejects a malformed ICAO address", async () => {
    const res = await s.call("GET", "/api/v1/tracks/XYZ");
    expect(res.status).toBe(400);
    expect(res.json.error.field).toBe("icao");
  });

  it("accepts pushed positions and reports bad rows", async () => {
    const feed = await s.call("POST", "/api/v1/tokens", { body: { name: "beidou trackers", role: "feed" } });
    const now = new Date().toISOString();
    const res = await s.call("POST", "/api/v1/feeds/positions", {
      token: feed.json.token,
      language: "en",
      body: {
        sourceId: "beidou",
        positions: [
          { icaoAddress: "7bfe02", time: now, lon: 108.5, lat: 41.58, altitudeM: 900, groundSpeedKmh: 200, trackDeg: 45 },
          { icaoAddress: "7BFE03", time: now, lon: 190, lat: 41 },
          { trackerId: "no-such-tracker", time: now, lon: 108, lat: 41 },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.json.accepted).toBe(1);
    expect(res.json.rejected.map((r: { index: number }) => r.index)).toEqual([1, 2]);
    expect(res.json.rejected[1].code).toBe("reference_not_found");
    expect(res.json.rejected[0]).toMatchObject({ code: "too_big", field: "positions.1.lon" });
    expect(res.json.rejected[0].message).toBe("positions.1.lon: must be at most 180, got 190");

    const feeds = await s.call("GET", "/api/v1/feeds");
    const beidou = feeds.json.sources.find((f: { id: string }) => f.id === "beidou");
    expect(beidou.received).toBe(3);
    expect(beidou.decoded).toBe(1);
    expect(beidou.rejectedTotal).toBe(2);
  });

  it("forbids a feed token to read assets", async () => {
    const feed = await s.call("POST", "/api/v1/tokens", { body: { name: "feed only", role: "feed" } });
    const res = await s.call("POST", "/api/v1/bases", { token: feed.json.token, body: {} });
    expect(res.status).toBe(403);
  });
});
