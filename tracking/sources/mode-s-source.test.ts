import { describe, expect, it } from "vitest";
import { ModeSSource } from "./mode-s-source.js";
import { SourceStats } from "./stats.js";
import { CollectingSink } from "./test-support.js";
import {
  ALL_CALL_400159,
  ALTITUDE_400159,
  IDENTIFICATION,
  IDENTITY_400159,
  POSITION_EVEN,
  POSITION_LAT_DEG,
  POSITION_LON_DEG,
  POSITION_ODD,
  VELOCITY_42460C,
} from "./frames.test-data.js";

function createSource(options: Partial<ConstructorParameters<typeof ModeSSource>[0]> = {}) {
  const stats = new SourceStats("mode-s-test", "avr", "file");
  const sink = new CollectingSink();
  const source = new ModeSSource({ stats, sink, ...options });
  return { stats, sink, source };
}

describe("mode S source", () => {
  it("resolves a CPR pair into a position", () => {
    const { sink, source } = createSource();

    source.ingestFrame(POSITION_ODD, 1_000);
    source.ingestFrame(POSITION_EVEN, 3_000);

    const positions = sink.withPosition();
    expect(positions).toHaveLength(1);
    expect(positions[0]!.lonLat![0]).toBeCloseTo(POSITION_LON_DEG, 4);
    expect(positions[0]!.lonLat![1]).toBeCloseTo(POSITION_LAT_DEG, 4);
    expect(positions[0]!.altitudeM).toBeCloseTo(38_000 * 0.3048, 3);
  });

  it("sends altitude while waiting for the CPR pair", () => {
    const { sink, stats, source } = createSource();

    source.ingestFrame(POSITION_ODD, 1_000);

    expect(sink.observations).toHaveLength(1);
    expect(sink.observations[0]!.lonLat).toBeUndefined();
    expect(stats.decoded).toBe(1);
  });

  it("decodes a single frame locally against the receiver", () => {
    const { sink, source } = createSource({ receiverLonLat: [4.0, 52.0] });

    source.ingestFrame(POSITION_EVEN, 1_000);

    expect(sink.withPosition()).toHaveLength(1);
    expect(sink.withPosition()[0]!.lonLat![1]).toBeCloseTo(POSITION_LAT_DEG, 2);
  });

  it("rejects fixes beyond the receiver range", () => {
    // About 100 km west of the aircraft, with a 50 km range.
    const { sink, stats, source } = createSource({ receiverLonLat: [POSITION_LON_DEG - 1.47, POSITION_LAT_DEG], receiverRangeKm: 50 });

    source.ingestFrame(POSITION_ODD, 1_000);
    source.ingestFrame(POSITION_EVEN, 3_000);

    expect(sink.withPosition()).toHaveLength(0);
    expect(stats.rejected.out_of_range).toBe(2);
  });

  it("relocates positions after decoding", () => {
    const { sink, source } = createSource({ relocate: { dLonDeg: 100, dLatDeg: -10 } });

    source.ingestFrame(POSITION_ODD, 1_000);
    source.ingestFrame(POSITION_EVEN, 3_000);

    expect(sink.withPosition()[0]!.lonLat![0]).toBeCloseTo(POSITION_LON_DEG + 100, 4);
    expect(sink.withPosition()[0]!.lonLat![1]).toBeCloseTo(POSITION_LAT_DEG - 10, 4);
  });

  it("rejects parity frames of unconfirmed addresses", () => {
    const { sink, stats, source } = createSource();

    source.ingestFrame(IDENTITY_400159, 1_000);
    source.ingestFrame(ALTITUDE_400159, 1_100);

    expect(sink.observations).toHaveLength(0);
    expect(stats.rejected.bad_crc).toBe(2);
  });

  it("accepts parity frames after an all-call", () => {
    const { sink, source } = createSource();

    source.ingestFrame(ALL_CALL_400159, 1_000);
    source.ingestFrame(IDENTITY_400159, 1_100);
    source.ingestFrame(ALTITUDE_400159, 1_200);

    expect(sink.observations.map((observation) => observation.icaoAddress)).toEqual(["400159", "400159", "400159"]);
    expect(sink.observations[1]!.squawk).toBe("1017");
    expect(sink.observations[2]!.altitudeM).toBeCloseTo(815.34, 2);
  });

  it("maps velocity to metric fields", () => {
    const { sink, source } = createSource();

    source.ingestFrame(VELOCITY_42460C, 1_000);

    expect(sink.observations[0]!.groundSpeedKmh).toBeCloseTo(775.23, 2);
    expect(sink.observations[0]!.trackDeg).toBeCloseTo(169.82, 2);
    expect(sink.observations[0]!.verticalRateMps).toBe(0);
  });

  it("counts each decode failure by reason", () => {
    const { sink, stats, source } = createSource();

    source.ingestFrame("not hex at all", 1_000);
    source.ingestFrame(IDENTIFICATION.slice(0, 20), 1_000);
    source.ingestFrame(IDENTIFICATION.replace("2015", "2016"), 1_000);
    source.ingestFrame("C8" + "0".repeat(26), 1_000);
    source.ingestFrame(new Uint8Array(0), 1_000);

    expect(sink.observations).toHaveLength(0);
    expect(stats.rejected.unparseable).toBe(3);
    expect(stats.rejected.bad_crc).toBe(1);
    expect(stats.rejected.unsupported).toBe(1);
  });
});
