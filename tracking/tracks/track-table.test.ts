import { describe, expect, it } from "vitest";

import type { Observation } from "../observation.js";
import type { FleetDirectory } from "./fleet.js";
import { TrackTable } from "./track-table.js";

const t0 = Date.UTC(2026, 11, 4, 8, 0, 0);

// A Bell 412 of the fleet: 259 km/h maximum speed (Bell 412EP data).
const fleet: FleetDirectory = new Map([
  ["7BFE01", { aircraftId: 1, registration: "B-7Z41", callsign: "BYNR01", typeId: "bell-412ep", category: "helicopter", maxSpeedKmh: 259, city: "bayannur" }],
]);

function observation(overrides: Partial<Observation>): Observation {
  return { icaoAddress: "7BFE01", timeMs: t0, sourceId: "test", ...overrides };
}

function table() {
  return new TrackTable(fleet, { staleAfterMs: 60_000, removeAfterMs: 300_000, otherTrafficMaxSpeedKmh: 1300 });
}

describe("TrackTable", () => {
  it("accepts a first position", () => {
    const tracks = table();
    const outcome = tracks.ingest(observation({ lonLat: [107.74, 40.92] }), t0);
    expect(outcome.rejected).toBeNull();
    expect(outcome.position?.lonLat).toEqual([107.74, 40.92]);
  });

  it("stores a message heard twice once", () => {
    const tracks = table();
    tracks.ingest(observation({ lonLat: [107.74, 40.92], sourceId: "rx1" }), t0);
    const second = tracks.ingest(observation({ lonLat: [107.74, 40.92], sourceId: "rx2", timeMs: t0 + 300 }), t0 + 300);
    expect(second.rejected).toBeNull();
    expect(second.merged).toBe(true);
    expect(second.position).toBeNull();
  });

  it("rejects a repeat from one source", () => {
    const tracks = table();
    tracks.ingest(observation({ lonLat: [107.74, 40.92], sourceId: "rx1" }), t0);
    const second = tracks.ingest(observation({ lonLat: [107.74, 40.92], sourceId: "rx1", timeMs: t0 + 300 }), t0 + 300);
    expect(second.rejected).toBe("duplicate");
    expect(second.merged).toBeUndefined();
  });

  it("keeps a hovering aircraft's new altitude", () => {
    const tracks = table();
    tracks.ingest(observation({ lonLat: [107.74, 40.92], timeMs: t0, altitudeM: 300 }), t0);
    tracks.drainChanges();
    const repeat = tracks.ingest(observation({ lonLat: [107.74, 40.92], timeMs: t0 + 1000, altitudeM: 320 }), t0 + 1000);
    expect(repeat.rejected).toBe("duplicate");
    expect(repeat.position).toBeNull();
    expect(tracks.get("7BFE01")?.altitudeM).toBe(320);
    expect(tracks.get("7BFE01")?.lastSeenMs).toBe(t0 + 1000);
    expect(tracks.drainChanges().updated.map((track) => track.altitudeM)).toEqual([320]);
  });

  it("merges an older report from another source", () => {
    const tracks = table();
    tracks.ingest(observation({ lonLat: [107.741, 40.92], sourceId: "rx1", timeMs: t0 + 1000, altitudeM: 1500 }), t0 + 1000);
    const older = tracks.ingest(observation({ lonLat: [107.74, 40.92], sourceId: "rx2", timeMs: t0, altitudeM: 1400 }), t0 + 1000);
    expect(older.rejected).toBeNull();
    expect(older.merged).toBe(true);
    expect(older.position).toBeNull();
    // The older message changes nothing on the track.
    expect(tracks.get("7BFE01")!.lonLat).toEqual([107.741, 40.92]);
    expect(tracks.get("7BFE01")!.altitudeM).toBe(1500);

    const lagging = tracks.ingest(observation({ lonLat: [107.739, 40.92], sourceId: "rx2", timeMs: t0 - 2000 }), t0 + 1000);
    expect(lagging.rejected).toBe("stale_timestamp");
  });

  it("rejects an out-of-order position", () => {
    const tracks = table();
    tracks.ingest(observation({ lonLat: [107.74, 40.92], timeMs: t0 + 10_000 }), t0 + 10_000);
    const late = tracks.ingest(observation({ lonLat: [107.75, 40.92], timeMs: t0 }), t0 + 10_000);
    expect(late.rejected).toBe("stale_timestamp");
  });

  it("rejects a jump a Bell 412 cannot fly", () => {
    const tracks = table();
    tracks.ingest(observation({ lonLat: [107.74, 40.92] }), t0);
    // 0.1 degree of latitude is about 11.1 km; in 10 s that is about 4,000 km/h.
    const jump = tracks.ingest(observation({ lonLat: [107.74, 41.02], timeMs: t0 + 10_000 }), t0 + 10_000);
    expect(jump.rejected).toBe("implausible_jump");
    expect(tracks.get("7BFE01")!.lonLat).toEqual([107.74, 40.92]);
  });

  it("accepts the same jump for an airliner-speed limit over a minute", () => {
    const tracks = table();
    tracks.ingest(observation({ icaoAddress: "780AAA", lonLat: [107.74, 40.92] }), t0);
    // 11.1 km in 40 s is about 1,000 km/h: plausible for unknown traffic.
    const moved = tracks.ingest(observation({ icaoAddress: "780AAA", lonLat: [107.74, 41.02], timeMs: t0 + 40_000 }), t0 + 40_000);
    expect(moved.rejected).toBeNull();
  });

  it("restarts a track after repeated jumps", () => {
    const tracks = table();
    tracks.ingest(observation({ lonLat: [100.0, 30.0] }), t0);
    const outcomes = [1, 2, 3].map((i) => tracks.ingest(observation({ lonLat: [107.74, 40.92 + i * 0.001], timeMs: t0 + i * 1000 }), t0 + i * 1000));
    expect(outcomes.map((o) => o.rejected)).toEqual(["implausible_jump", "implausible_jump", null]);
    expect(tracks.get("7BFE01")!.lonLat).toEqual([107.74, 40.923]);
  });

  it("rejects a timestamp in the future", () => {
    const tracks = table();
    expect(tracks.ingest(observation({ timeMs: t0 + 3_600_000, lonLat: [107.74, 40.92] }), t0).rejected).toBe("out_of_range");
  });

  it("merges fields from several messages", () => {
    const tracks = table();
    tracks.ingest(observation({ callsign: "BYNR01" }), t0);
    tracks.ingest(observation({ lonLat: [107.74, 40.92], altitudeM: 1500 }), t0 + 500);
    tracks.ingest(observation({ groundSpeedKmh: 220, trackDeg: 90, squawk: "7700" }), t0 + 900);
    expect(tracks.get("7BFE01")).toMatchObject({ callsign: "BYNR01", altitudeM: 1500, groundSpeedKmh: 220, trackDeg: 90, squawk: "7700" });
  });

  it("marks stale after 60 s and removes after 5 min", () => {
    const tracks = table();
    tracks.ingest(observation({ lonLat: [107.74, 40.92] }), t0);
    tracks.drainChanges();

    tracks.sweep(t0 + 59_000);
    expect(tracks.get("7BFE01")!.stale).toBe(false);
    tracks.sweep(t0 + 61_000);
    expect(tracks.get("7BFE01")!.stale).toBe(true);
    expect(tracks.drainChanges().updated.map((t) => t.icaoAddress)).toEqual(["7BFE01"]);

    tracks.sweep(t0 + 301_000);
    expect(tracks.get("7BFE01")).toBeUndefined();
    expect(tracks.drainChanges().removed).toEqual(["7BFE01"]);
  });
});
