import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { BeastFramer } from "../../formats/beast.js";
import { AircraftJsonPoller } from "../aircraft-json-poller.js";
import { TcpListenerSource } from "../tcp-listener.js";
import { CollectingSink, quietLogger, waitFor } from "../test-support.js";
import { encodeBeastRecord } from "./beast-encode.js";
import { playRecording } from "./player.js";
import { readRecording } from "./recording.js";
import { readSnapshots, serveSnapshots } from "./snapshot-server.js";

const feedPath = (name: string) => fileURLToPath(new URL(`../../fixtures/adsb/feeds/${name}`, import.meta.url));
const SBS_FILE = feedPath("beastblackbox_ulss7_2018-04-03.sbs.txt");
const AVR_FILE = feedPath("beastblackbox_ulss7_2018-04-03.avr-mlat.txt");
const BEAST_FILE = feedPath("beastblackbox_ulss7_2018-04-03.beast");

const listeners: TcpListenerSource[] = [];

async function startListener(format: "sbs" | "avr" | "beast") {
  const sink = new CollectingSink();
  const listener = new TcpListenerSource({ id: `replay-${format}`, format, port: 0, sink, logger: quietLogger });
  listeners.push(listener);
  await listener.start();
  return { listener, sink, port: listener.address().port };
}

afterEach(async () => {
  await Promise.all(listeners.splice(0).map((listener) => listener.stop()));
});

function writeTempFile(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "replay-")), name);
  writeFileSync(path, content);
  return path;
}

describe("replay recording", () => {
  it("times SBS lines from their generated fields", async () => {
    const recording = await readRecording(SBS_FILE);

    expect(recording.format).toBe("sbs");
    expect(recording.records).toHaveLength(8624);
    // 19:02:28.136 to the last line at 19:03:29.
    expect(recording.records.at(-1)!.offsetMs / 1000).toBeGreaterThan(55);
    expect(recording.records.at(-1)!.offsetMs / 1000).toBeLessThan(62);
  });

  it.each([
    ["AVR", AVR_FILE],
    ["Beast", BEAST_FILE],
  ])("times %s records from the 12 MHz counter", async (_format, path) => {
    const recording = await readRecording(path);
    const offsets = recording.records.map((record) => record.offsetMs);

    expect(offsets.at(-1)! / 1000).toBeGreaterThan(55);
    expect(offsets.at(-1)! / 1000).toBeLessThan(62);
    expect(offsets.every((offset, index) => index === 0 || offset >= offsets[index - 1]!)).toBe(true);
  });

  it("counts forward across a counter wrap", async () => {
    const beforeWrap = (2 ** 48 - 12_000_000).toString(16).toUpperCase().padStart(12, "0");
    const afterWrap = (12_000_000).toString(16).toUpperCase().padStart(12, "0");
    const path = writeTempFile("wrap.avr", `@${beforeWrap}8D406B902015A678D4D220AA4BDA;\n@${afterWrap}8D406B902015A678D4D220AA4BDA;\n`);

    const recording = await readRecording(path);

    expect(recording.records.map((record) => record.offsetMs)).toEqual([0, 2000]);
  });

  it("sends the next record at once after a counter reset", async () => {
    const path = writeTempFile("reset.avr", "@0000FFFFFFFF8D406B902015A678D4D220AA4BDA;\n@0000000000018D406B902015A678D4D220AA4BDA;\n");

    const recording = await readRecording(path);

    expect(recording.records.map((record) => record.offsetMs)).toEqual([0, 0]);
  });

  it("spaces untimed AVR lines at a fixed interval", async () => {
    const path = writeTempFile("untimed.avr", "*8D406B902015A678D4D220AA4BDA;\n*8D40621D58C382D690C8AC2863A7;\n*8D40621D58C386435CC412692AD6;\n");

    const recording = await readRecording(path, { untimedIntervalMs: 25 });

    expect(recording.records.map((record) => record.offsetMs)).toEqual([0, 25, 50]);
  });

  it("rejects aircraft.json files", async () => {
    await expect(readRecording(feedPath("sdre_aircraft_1.json"))).rejects.toThrow(/transport "file"/);
  });
});

describe("beast record encoding", () => {
  it("escapes 0x1a bytes so the framer reads them back", () => {
    const frame = Uint8Array.from([0x8d, 0x1a, 0x1a, 0x00, 0x1a, 0x15, 0xa6, 0x78, 0xd4, 0xd2, 0x20, 0xaa, 0x4b, 0x1a]);
    const ticks = 0x1a1a_0000_1a1a;

    const bytes = encodeBeastRecord(frame, ticks, 0x1a);
    const [record] = new BeastFramer().push(bytes);

    expect(record?.frame).toEqual(frame);
    expect(record?.timestampTicks).toBe(ticks);
    expect(record?.signalLevel).toBe(0x1a);
  });
});

describe("replay into a listener", () => {
  it.each([
    ["sbs", SBS_FILE, 8624, 7187],
    ["avr", AVR_FILE, 13_954, 4000],
    ["beast", BEAST_FILE, 13_954, 4000],
  ] as const)("delivers every %s record at max speed", async (format, path, received, minDecoded) => {
    const { listener, port } = await startListener(format);
    const recording = await readRecording(path);

    const result = await playRecording(recording, { host: "127.0.0.1", port, speed: Infinity });
    await waitFor(() => listener.stats.received === received, `${received} records at the listener`);

    expect(result.sentRecords).toBe(recording.records.length);
    expect(listener.stats.decoded).toBeGreaterThanOrEqual(minDecoded);
  });

  it("relocates SBS positions", async () => {
    const { sink, port } = await startListener("sbs");
    const recording = await readRecording(SBS_FILE, { relocate: { dLonDeg: 77, dLatDeg: -19 } });

    await playRecording(recording, { host: "127.0.0.1", port, speed: Infinity });
    await waitFor(() => sink.withPosition().length === 1176, "every SBS position");

    for (const { lonLat } of sink.withPosition()) {
      expect(lonLat![0]).toBeGreaterThan(107);
      expect(lonLat![0]).toBeLessThan(115);
      expect(lonLat![1]).toBeGreaterThan(40);
      expect(lonLat![1]).toBeLessThan(42);
    }
  });

  it("relocates AVR positions by encoding them again", async () => {
    const { listener, sink, port } = await startListener("avr");
    const recording = await readRecording(AVR_FILE, { relocate: { dLonDeg: 77, dLatDeg: -19 } });

    await playRecording(recording, { host: "127.0.0.1", port, speed: Infinity });
    await waitFor(() => listener.stats.received === recording.records.length, "every sent record");

    expect(sink.withPosition().length).toBeGreaterThan(200);
    for (const { lonLat } of sink.withPosition()) {
      expect(lonLat![0]).toBeGreaterThan(107);
      expect(lonLat![0]).toBeLessThan(115);
      expect(lonLat![1]).toBeGreaterThan(40);
      expect(lonLat![1]).toBeLessThan(42);
    }
  });

  it("loops until aborted", async () => {
    const { listener, port } = await startListener("sbs");
    const recording = await readRecording(SBS_FILE);
    const abort = new AbortController();

    const playing = playRecording(recording, { host: "127.0.0.1", port, speed: Infinity, loop: true, signal: abort.signal });
    await waitFor(() => listener.stats.received > 2 * 8624, "a second pass");
    abort.abort();
    const result = await playing;

    expect(result.passes).toBeGreaterThanOrEqual(2);
  });

  it("names the address when no listener runs", async () => {
    const { listener, port } = await startListener("sbs");
    await listener.stop();
    const recording = await readRecording(SBS_FILE);

    await expect(playRecording(recording, { host: "127.0.0.1", port, speed: Infinity })).rejects.toThrow(`cannot connect to 127.0.0.1:${port}`);
  });
});

describe("aircraft.json replay", () => {
  it("serves snapshots that a poller reads", async () => {
    const snapshots = await readSnapshots(feedPath("sdre_aircraft_1.json"));
    const sink = new CollectingSink();
    const abort = new AbortController();
    let url = "";

    const serving = serveSnapshots(snapshots, {
      host: "127.0.0.1",
      port: 0,
      speed: 1,
      signal: abort.signal,
      onListening: ({ host, port }) => {
        url = `http://${host}:${port}/data/aircraft.json`;
      },
    });
    await waitFor(() => url !== "", "the snapshot server to listen");
    const poller = new AircraftJsonPoller({ id: "replay-json", url, sink, logger: quietLogger });
    await poller.pollOnce();
    await poller.pollOnce();
    abort.abort();
    await serving;

    expect(sink.observations).toHaveLength(64);
    expect(poller.stats.rejected.duplicate).toBe(64);
  });

  it("reads JSON Lines with one snapshot a line", async () => {
    const path = writeTempFile("snapshots.jsonl", '{"now": 100, "aircraft": []}\n{"now": 101.5, "aircraft": []}\n');

    const snapshots = await readSnapshots(path);

    expect(snapshots.map((snapshot) => snapshot.nowS)).toEqual([100, 101.5]);
  });

  it("rejects a document without now", async () => {
    const path = writeTempFile("bad.json", '{"aircraft": []}');

    await expect(readSnapshots(path)).rejects.toThrow(/snapshot 1 has no numeric "now"/);
  });
});
