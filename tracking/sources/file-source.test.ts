import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { FileSource, sniffFormat, type FileFormat } from "./file-source.js";
import { CollectingSink, quietLogger } from "./test-support.js";

const feedPath = (name: string) => fileURLToPath(new URL(`../fixtures/adsb/feeds/${name}`, import.meta.url));
const RECORDING_START_MS = Date.UTC(2018, 3, 3, 19, 2, 28);

async function readFixture(name: string, options: { format?: FileFormat; shiftToStart?: boolean; startMs?: number } = {}) {
  const sink = new CollectingSink();
  const source = new FileSource({ id: "file-test", path: feedPath(name), sink, logger: quietLogger, startMs: RECORDING_START_MS, ...options });
  await source.start();
  return { source, sink };
}

/** Expected counts of each fixture, as our decoders read them. */
const FIXTURES = [
  { name: "beastblackbox_ulss7_2018-04-03.beast", format: "beast", received: 13_954, decoded: 4335, aircraft: 11, duplicates: 6977 },
  { name: "beastblackbox_ulss7_2018-04-03.avr-mlat.txt", format: "avr", received: 13_954, decoded: 4335, aircraft: 11, duplicates: 6977 },
  { name: "beastblackbox_ulss7_2018-04-03.sbs.txt", format: "sbs", received: 8624, decoded: 7187, aircraft: 11, duplicates: 1435 },
  { name: "pymodes_sample_data_adsb.csv", format: "hexcsv", received: 2000, decoded: 2000, aircraft: 1, duplicates: 0 },
  { name: "sdre_aircraft_1.json", format: "json", received: 64, decoded: 64, aircraft: 64, duplicates: 0 },
] as const;

describe("file source", () => {
  it.each(FIXTURES)("reads $name", async ({ name, format, received, decoded, aircraft, duplicates }) => {
    const { source, sink } = await readFixture(name);

    expect(source.format).toBe(format);
    expect(source.stats.received).toBe(received);
    expect(source.stats.decoded).toBe(decoded);
    expect(source.stats.rejected.duplicate).toBe(duplicates);
    expect(new Set(sink.observations.map((observation) => observation.icaoAddress)).size).toBe(aircraft);
    expect(sink.withPosition().length).toBeGreaterThan(0);
  });

  it("counts the trailing lines of the SBS recording", async () => {
    const { source } = await readFixture("beastblackbox_ulss7_2018-04-03.sbs.txt");

    // "Total processed ..." and "WARNING! ..." are not SBS; the empty line between is not counted.
    expect(source.stats.rejected.unparseable).toBe(2);
  });

  it("times SBS lines from their generated fields", async () => {
    const { sink } = await readFixture("beastblackbox_ulss7_2018-04-03.sbs.txt");

    expect(sink.observations[0]!.timeMs).toBe(Date.UTC(2018, 3, 3, 19, 2, 28, 136));
  });

  it("times Beast records from the 12 MHz counter", async () => {
    const { sink } = await readFixture("beastblackbox_ulss7_2018-04-03.beast");
    const times = sink.observations.map((observation) => observation.timeMs);
    const spanS = (Math.max(...times) - Math.min(...times)) / 1000;

    // The capture is 61 s long.
    expect(spanS).toBeGreaterThan(55);
    expect(spanS).toBeLessThan(62);
  });

  it("keeps one stats object across reads", async () => {
    const { source } = await readFixture("pymodes_sample_data_adsb.csv");
    const stats = source.stats;

    await source.start();

    expect(source.stats).toBe(stats);
    expect(stats.received).toBe(4000);
  });

  it("shifts recorded times to the start time", async () => {
    const startMs = Date.UTC(2026, 11, 4, 12, 0, 0);
    const { sink } = await readFixture("beastblackbox_ulss7_2018-04-03.sbs.txt", { shiftToStart: true, startMs });

    expect(sink.observations[0]!.timeMs).toBe(startMs);
  });

  it("reads AVR lines without timestamps at a fixed rate", async () => {
    const directory = mkdtempSync(join(tmpdir(), "file-source-"));
    const path = join(directory, "untimed.avr");
    writeFileSync(path, "*8D406B902015A678D4D220AA4BDA;\n*8D40621D58C382D690C8AC2863A7;\n");
    const sink = new CollectingSink();
    const source = new FileSource({ id: "untimed", path, sink, logger: quietLogger, startMs: 1_000_000, untimedIntervalMs: 50 });

    await source.start();

    expect(sink.observations.map((observation) => observation.timeMs)).toEqual([1_000_000, 1_000_050]);
  });

  it("rejects a file of unknown format", () => {
    const directory = mkdtempSync(join(tmpdir(), "file-source-"));
    const path = join(directory, "notes.txt");
    writeFileSync(path, "shopping list\n");
    expect(() => new FileSource({ id: "unknown", path, sink: new CollectingSink(), logger: quietLogger })).toThrow(/format not recognised/);
  });

  it("rejects a missing file without a format", () => {
    expect(() => new FileSource({ id: "missing", path: "/nonexistent/feed.sbs", sink: new CollectingSink(), logger: quietLogger })).toThrow(/ENOENT/);
  });

  it("fails on a missing file", async () => {
    const source = new FileSource({ id: "missing", path: "/nonexistent/feed.sbs", format: "sbs", sink: new CollectingSink(), logger: quietLogger });

    await expect(source.start()).rejects.toThrow(/ENOENT/);
    expect(source.stats.lastError).toMatch(/ENOENT/);
  });
});

describe("format sniffing", () => {
  it.each([
    [[0x1a, 0x33], "beast"],
    ["  {\"now\": 1}", "json"],
    ["*8D406B902015A678D4D220AA4BDA;", "avr"],
    ["@030BF18CC2AB5F4001594B0FBB;", "avr"],
    ["MSG,8,1,1,400159,1,2018/04/03", "sbs"],
    ['1457996400,"8D406B909945DE10000405999BE4","406B90",19', "hexcsv"],
  ] as const)("sniffs %j as %s", (head, expected) => {
    const bytes = typeof head === "string" ? Buffer.from(head) : Uint8Array.from(head);

    expect(sniffFormat(bytes)).toBe(expected);
  });
});
