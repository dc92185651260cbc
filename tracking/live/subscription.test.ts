import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";

import { startTestServer } from "../../api/test/server.js";
import type { Observation } from "../observation.js";
import { defaultHubOptions } from "./hub.js";

// Removals on a bbox subscription, over real sockets. Tracks are lost after
// 2 s of silence here, so that a lost aircraft shows up within the test.
let s: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  s = await startTestServer({
    seed: false,
    tracking: {
      sweepIntervalMs: 200,
      fleetRefreshMs: 60_000,
      tracks: { staleAfterMs: 1_000, removeAfterMs: 2_000, otherTrafficMaxSpeedKmh: 1300 },
      hub: { ...defaultHubOptions, maxBufferedBytes: 64 * 1024 },
    },
  });
});

afterAll(async () => {
  await s.close();
});

interface Frame {
  type: string;
  aircraft: Array<{ icaoAddress: string; altitudeM: number | null }>;
  removed?: string[];
}

// [minLon, minLat, maxLon, maxLat] around Linhe.
const box = [107.7, 40.9, 107.8, 41.0];
const inside: [number, number] = [107.75, 40.95];
const outside: [number, number] = [106.5, 40.5];

async function connect(bbox: number[] | null) {
  const socket = new WebSocket(`${s.wsUrl}?token=${s.tokens.viewer}`);
  const frames: Frame[] = [];
  socket.on("message", (data) => frames.push(JSON.parse(data.toString())));
  await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
  if (bbox) {
    socket.send(JSON.stringify({ type: "subscribe", bbox }));
    await waitFor("snapshot of the subscription", () => frames.filter((frame) => frame.type === "snapshot").length === 2);
  }
  return { socket, frames };
}

async function waitFor(what: string, condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for: ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function observe(icaoAddress: string, lonLat: [number, number], overrides: Partial<Observation> = {}): void {
  s.tracking!.ingest({ icaoAddress, lonLat, timeMs: Date.now(), sourceId: "test", ...overrides });
}

function removedIn(frames: Frame[]): string[] {
  return frames.flatMap((frame) => frame.removed ?? []);
}

function altitudesOf(frames: Frame[], icaoAddress: string): Array<number | null> {
  return frames.flatMap((frame) => frame.aircraft).filter((aircraft) => aircraft.icaoAddress === icaoAddress).map((aircraft) => aircraft.altitudeM);
}

// Lets the service publish what was ingested so far.
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

describe("bbox subscription removals", () => {
  it("sends none for aircraft never inside", async () => {
    const client = await connect(box);

    // Each round is its own publish: the aircraft outside changes every time.
    for (let round = 0; round < 5; round++) {
      observe("78B001", [outside[0], outside[1] + round * 0.001], { altitudeM: 1000 + round, timeMs: Date.now() + round * 1000 });
      observe("78B002", inside, { altitudeM: 2000 + round, timeMs: Date.now() + round * 1000 });
      await nextTurn();
    }
    await waitFor("the last update inside the box", () => altitudesOf(client.frames, "78B002").includes(2004));

    expect(altitudesOf(client.frames, "78B001")).toEqual([]);
    expect(removedIn(client.frames)).toEqual([]);
    client.socket.close();
  });

  it("sends one when an aircraft leaves", async () => {
    const client = await connect(box);
    const everything = await connect(null);

    observe("78B003", [107.795, 40.95]);
    await waitFor("the aircraft inside the box", () => altitudesOf(client.frames, "78B003").length > 0);

    // 0.01 degree of longitude (about 840 m) in 3 s is a plausible move.
    observe("78B003", [107.805, 40.95], { timeMs: Date.now() + 3000 });
    await waitFor("its removal", () => removedIn(client.frames).includes("78B003"));

    // Further moves outside send nothing more.
    observe("78B003", [107.806, 40.95], { altitudeM: 900, timeMs: Date.now() + 4000 });
    await waitFor("the move outside on an unfiltered client", () => altitudesOf(everything.frames, "78B003").includes(900));
    observe("78B004", inside, { altitudeM: 901 });
    await waitFor("a later delta on the bbox client", () => altitudesOf(client.frames, "78B004").includes(901));
    // Aircraft of the test before may be lost meanwhile, so count only this one.
    expect(removedIn(client.frames).filter((icao) => icao === "78B003")).toEqual(["78B003"]);
    client.socket.close();
    everything.socket.close();
  });

  it("sends lost aircraft only if seen", async () => {
    const client = await connect(box);
    const everything = await connect(null);

    observe("78B005", outside);
    observe("78B006", [inside[0], inside[1] + 0.01]);
    await waitFor("the aircraft inside the box", () => altitudesOf(client.frames, "78B006").length > 0);

    await waitFor("both lost on an unfiltered client", () => ["78B005", "78B006"].every((icao) => removedIn(everything.frames).includes(icao)));
    await waitFor("the lost aircraft on the bbox client", () => removedIn(client.frames).includes("78B006"));
    expect(removedIn(client.frames)).not.toContain("78B005");
    client.socket.close();
    everything.socket.close();
  });

  it("skips what a slow client never drew", async () => {
    const slow = await connect(box);
    const rawSocket = (slow.socket as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    rawSocket.pause();

    // Updates inside the box until the slow client's socket backs up and
    // the hub queues its frames.
    const hub = s.tracking!.hub;
    const coalescedBefore = hub.framesCoalesced;
    for (let round = 0; round < 2000 && hub.framesCoalesced === coalescedBefore; round++) {
      for (let i = 0; i < 50; i++) {
        const icao = (0x78c000 + i).toString(16).toUpperCase();
        observe(icao, [107.71 + i * 0.001, 40.91 + round * 0.00001], { callsign: `FLOOD${i}`, altitudeM: 1000 + round });
      }
      await nextTurn();
    }
    expect(hub.framesCoalesced).toBeGreaterThan(coalescedBefore);

    // While the slow client is behind, one aircraft enters and leaves.
    observe("78B007", [107.795, 40.95], { altitudeM: 700 });
    await nextTurn();
    observe("78B007", [107.805, 40.95], { altitudeM: 701, timeMs: Date.now() + 3000 });
    await nextTurn();
    observe("78B008", inside, { altitudeM: 702 });
    await nextTurn();

    rawSocket.resume();
    await waitFor("the slow client catches up", () => altitudesOf(slow.frames, "78B008").includes(702));
    expect(altitudesOf(slow.frames, "78B007")).toEqual([]);
    expect(removedIn(slow.frames)).not.toContain("78B007");
    slow.socket.close();
  });
});
