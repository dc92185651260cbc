import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { readRecording } from "../tracking/sources/replay/recording.js";
import { withoutRepeatedRecords } from "./demo-feeds.js";

const recordingPath = fileURLToPath(new URL("../data/feeds/beastblackbox_ulss7_2018-04-03.avr-mlat.txt", import.meta.url));

describe("demo recording", () => {
  it("sends each record of the capture once", async () => {
    const recording = await readRecording(recordingPath, { format: "avr" });
    const once = withoutRepeatedRecords(recording);

    // 13,954 records of which 6,977 are distinct (tracking/fixtures/adsb/README.md).
    expect(recording.records).toHaveLength(13_954);
    expect(once.records).toHaveLength(6_977);
    expect(new Set(once.records.map((record) => record.bytes.toString("latin1"))).size).toBe(6_977);
  });

  it("keeps the first copies in their order", async () => {
    const recording = await readRecording(recordingPath, { format: "avr" });
    const once = withoutRepeatedRecords(recording);

    const positions = once.records.map((record) => recording.records.indexOf(record));
    expect(positions[0]).toBe(0);
    expect(positions.every((position, index) => index === 0 || position > positions[index - 1]!)).toBe(true);
  });
});
